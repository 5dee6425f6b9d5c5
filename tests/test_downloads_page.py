"""The downloads page of a small project with PDFs in place: human names of the variants in the
page's language (from the real interface catalogs), link names that tell the rows apart, the
seminar editions that are built, and each book's share of text in its own language."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import polib
import pytest

from support import REPO, ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.pdf import manifest

pytestmark = pytest.mark.slow  # two builds of a small project (about 20 s)

PDFS = [("handbook-ru.pdf", "ru", "standard"), ("handbook-ru-large-print.pdf", "ru", "large-print"),
        ("handbook-ru-pskov.pdf", "ru", "pskov"), ("handout-ru-checklist.pdf", "ru", "handout-checklist"),
        ("handbook-fi.pdf", "fi", "standard"), ("handbook-fi-large-print.pdf", "fi", "large-print"),
        ("handbook-nb.pdf", "nb", "standard")]


class Links(HTMLParser):
    """The text of each link to a PDF, hidden parts included (what a screen reader says)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and (dict(attrs).get("href") or "").endswith(".pdf"):
            self._in = True
            self.links.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.links[-1] += data


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Layout:
    tmp = tmp_path_factory.mktemp("downloads")
    layout = Layout(copy_project(ROOTS / "pdf", tmp / "project"))
    for lang in ("ru", "fi", "nb"):  # the handbook's own interface catalogs, with their translations
        target = layout.locales / lang / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "locales" / lang / "LC_MESSAGES" / "sphinx.po", target / "sphinx.po")
    # The pdf root's handout has no name in its conf.py: give it the handbook's costing handout's.
    conf = layout.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '"sections": ["money-checklist"]}', '"sections": ["money-checklist"], "name": "Handout: costing"}'),
        encoding="utf-8")
    # Finnish: the first chapter's title and first paragraph are translated, nothing else.
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=utf-8", "Language": "fi"}
    po.append(polib.POEntry(msgid="Введение", msgstr="Johdanto"))
    intro = (layout.docs / "chapters" / "01-intro.md").read_text(encoding="utf-8")
    first = next(p for p in intro.split("\n\n") if p.startswith("Услугу"))
    po.append(polib.POEntry(msgid=first, msgstr=" ".join(["Palvelu"] * len(first.split())) + "."))
    (layout.locales / "fi" / "LC_MESSAGES" / "chapters").mkdir(parents=True, exist_ok=True)
    po.save(str(layout.locales / "fi" / "LC_MESSAGES" / "chapters" / "01-intro.po"))
    staged = []
    for name, lang, variant in PDFS:
        path = tmp / name
        path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n")
        staged.append((path, manifest.entry_for(path, layout.site, lang, variant, "T", 3, "",
                                                target=layout.site / "pdf" / name)))
    manifest.place(layout.site, staged)
    run = run_command(commands.html, "ru fi", layout)
    assert run.status == 0, run.out + run.err
    return layout


def page(layout: Layout, lang: str) -> str:
    return (layout.site / lang / "downloads.html").read_text(encoding="utf-8")


def test_variants_have_names_in_the_page_language(site):
    ru, fi = text_of(page(site, "ru")), text_of(page(site, "fi"))
    for name in ("Полное издание", "Крупный шрифт", "Памятка: расчёт стоимости",
                 "Издание для семинара: Семинар в Пскове"):
        assert name in ru
    for name in ("Täydellinen painos", "Isokirjainpainos", "Jakomateriaali: kustannuslaskenta",
                 "Seminaaripainos: Seminaari Pihkovassa"):
        assert name in fi
    for identifier in ("large-print", "handout-checklist", "pskov"):
        assert f">{identifier}<" not in page(site, "ru") and f" {identifier} " not in ru


def test_every_link_has_its_own_name_with_language_and_variant(site):
    parser = Links()
    parser.feed(page(site, "ru"))
    links = [" ".join(link.split()) for link in parser.links]
    assert len(links) == len(PDFS)
    assert len(set(links)) == len(links), links
    assert "Крупный шрифт, Suomi, PDF" in links and "Крупный шрифт, Русский, PDF" in links


def test_each_translated_book_says_how_much_of_it_is_in_its_language(site):
    fi = text_of(page(site, "fi"))
    share = re.search(r"Suomi — (\d+) % suomeksi, muu venäjäksi", fi.replace("\xa0", " "))
    assert share and 0 < int(share.group(1)) < 100, fi
    assert re.search(r"Norsk bokmål — 0 % norjaksi, muu venäjäksi", fi.replace("\xa0", " ")), fi
    ru = text_of(page(site, "ru")).replace("\xa0", " ")
    assert f"Suomi — {share.group(1)} % по-фински, остальное по-русски" in ru
    assert "Русский —" not in ru  # the source language's books are all in it


def test_seminar_editions_are_listed_only_when_built(site):
    ru = text_of(page(site, "ru"))
    assert ru.count("Издание для семинара") == 1  # pskov is built; tosno is configured, not built
    assert "Семинар в Тосно" not in ru
    # The handbook's page promises no edition: it lists what is there.
    assert "семинар" not in (REPO / "docs" / "downloads.md").read_text(encoding="utf-8").lower()


def test_the_table_is_a_labelled_scroll_region(site):
    html = page(site, "ru")
    assert re.search(r'<div[^>]*class="table-wrapper[^"]*"[^>]*>', html)
    wrapper = re.search(r'<div[^>]*class="table-wrapper[^"]*"[^>]*>', html).group(0)
    assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper and "aria-label=" in wrapper


