"""The downloads page's table of PDFs, made without a build."""

from handbook.pdf.downloads import _table, language_cell, variant_name
from handbook.pdf.manifest import Entry

EDITIONS = {"pskov": {"region": "regions-pskov", "seminar": {"ru": "Семинар в Пскове"}}}
HANDOUTS = {"costing-worksheet": {"document": "chapters/06-costing", "name": "Handout: costing"}}


def test_downloads_table_says_one_page_not_one_pages():
    entries = [Entry("pdf/handout-en-x.pdf", "en", "handout-x", "X", 1, 2048, ""),
               Entry("pdf/handbook-en.pdf", "en", "standard", "Y", 125, 4096, "")]
    text = _table(entries, "en", "downloads").astext()
    assert "2 KB, 1 page" in text and "1 pages" not in text and "4 KB, 125 pages" in text


def test_variants_have_human_names_not_identifiers():
    # Outside a build the interface catalog is not loaded: the English msgids are the names.
    assert variant_name("standard", "en", EDITIONS, HANDOUTS) == "Complete edition"
    assert variant_name("large-print", "en", EDITIONS, HANDOUTS) == "Large print"
    assert variant_name("handout-costing-worksheet", "en", EDITIONS, HANDOUTS) == "Handout: costing"
    assert variant_name("pskov", "ru", EDITIONS, HANDOUTS) == "Seminar edition: Семинар в Пскове"
    assert variant_name("pskov", "fi", EDITIONS, HANDOUTS) == "Seminar edition"


def test_each_link_names_its_variant_and_language():
    entries = [Entry("pdf/handbook-fi.pdf", "fi", "standard", "T", 10, 4096, ""),
               Entry("pdf/handbook-fi-large-print.pdf", "fi", "large-print", "T", 12, 4096, ""),
               Entry("pdf/handbook-nb-large-print.pdf", "nb", "large-print", "T", 12, 4096, "")]
    names = {"standard": "Täydellinen painos", "large-print": "Isokirjainpainos"}
    table = _table(entries, "fi", "downloads", names)
    links = [ref.astext() for ref in table.findall(lambda n: n.tagname == "reference")]
    assert links == ["Täydellinen painos, Suomi, PDF", "Isokirjainpainos, Suomi, PDF",
                     "Isokirjainpainos, Norsk bokmål, PDF"]
    assert "large-print" not in table.astext()


def test_language_cell_gives_the_share_of_text_in_the_book_language():
    # "%" formatted as the reader writes it: a space before it in Finnish and Norwegian.
    assert language_cell("fi", 0.37, "fi", "ru") == "Suomi — 37\xa0% in Finnish, the rest in Russian"
    assert language_cell("en", 0.9, "en", "ru") == "English — 90% in English, the rest in Russian"
    assert language_cell("en", 1.0, "ru", "ru") == "English"
    assert language_cell("ru", None, "fi", "ru") == "Русский"


def test_pdfs_of_a_language_built_for_review_only_are_listed_only_on_its_own_page():
    from handbook.pdf.downloads import of_published_languages

    entries = [Entry("pdf/handbook-ru.pdf", "ru", "standard", "T", 10, 4096, ""),
               Entry("pdf/handbook-da.pdf", "da", "standard", "T", 10, 4096, "")]
    assert of_published_languages(entries, ["ru", "fi"], "fi") == entries[:1]
    assert of_published_languages(entries, ["ru", "fi"], "da") == entries
    assert of_published_languages(entries, [], "fi") == entries  # no threshold: every language
