"""The translation speed-ups change nothing in the output."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from handbook.build import build_language
from handbook.paths import Layout
from handbook.patches.sphinx import footnoted_paragraph, is_plain, plain_with_footnotes

from support import ROOTS, copy_project
def myst_parse(message: str):
    """The message parsed by MyST the way Sphinx parses a translation: into a new document,
    without the document's transforms (which would resolve footnotes against nothing)."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from myst_parser.parsers.docutils_ import Parser

    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("message", settings)
    Parser().parse(message, document)
    return document


def test_plain_messages_are_recognised():
    assert is_plain("Plain text without markup, with commas — and a dash.")
    assert is_plain("Cost: 10 % (2020)")
    assert is_plain("Услуга для ребёнка-инвалида в 2019-2020 годах, § 5…")
    for marked_up in ["-", "--", "a -- b", "a---b", "-5 %", "**bold**", "a_b", "1. item", "- item", ":field: x",
                      "two  spaces", "line\nbreak", "[link](x)", "`code`", "a & b", "<b>", "{term}`x`", "# title",
                      "x\n===", " lead"]:
        assert not is_plain(marked_up), marked_up


def test_what_counts_as_plain_is_one_paragraph_of_that_text_for_myst():
    from docutils.nodes import Text, paragraph

    for message in ["28.12.2013 No. 442-FZ", "“The Childhood by the Dvina”, Sandnes (Norway).",
                    "Person-days: 12 recipients × 21 days", "a ÷ b", "‘single’ and „low“ quotes"]:
        assert is_plain(message), message
        tree = myst_parse(message)
        assert [type(n) for n in tree.children] == [paragraph], message
        assert [type(n) for n in tree.children[0].children] == [Text], message
        assert tree.children[0].astext() == message
    for list_item in ["1. item", "2020.", "3) item"]:
        assert not is_plain(list_item), list_item


def test_plain_text_with_footnote_references_is_made_as_myst_makes_it():
    from docutils.nodes import footnote_reference

    def shape(paragraph):
        return [(type(n).__name__, n.astext(), n.get("auto"), n.get("refname"), n.rawsource)
                if isinstance(n, footnote_reference) else (type(n).__name__, str(n)) for n in paragraph.children]

    for message in ["According to a source, Article 9 applies[^f-s54].", "One[^a1], two[^b-2] and three[^c].",
                    "“Quoted”[^q] text", "Ends with a note[^x]"]:
        parts = plain_with_footnotes(message)
        assert parts is not None, message
        fast = footnoted_paragraph(message, parts)
        (parsed,) = myst_parse(message).children
        assert shape(fast) == shape(parsed), message
        assert fast.rawsource == message
    for other in ["[^a]: a definition", "Numbered[^1]", "No note", "Bold **x**[^a]", "1. item[^a]",
                  "Spaced [^a b]", "a_b[^a]"]:
        assert plain_with_footnotes(other) is None, other


@pytest.mark.slow
def test_fast_and_plain_translation_give_identical_pages(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    pages = {}
    # One process per build, as in real builds: Sphinx registers its nodes globally.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), max_tasks_per_child=1) as pool:
        for fast in (True, False):
            out = tmp_path / f"out-{fast}"
            result = pool.submit(build_language, str(layout.root), "fi", "html", str(out),
                                 str(tmp_path / f"dt-{fast}"), True,
                                 overrides={"handbook_fast_translations": fast}).result()
            assert result.ok, result.messages
            pages[fast] = (out / "guide" / "deep" / "page.html").read_text(encoding="utf-8")
    assert pages[True] == pages[False]
    assert "<strong>emphasis</strong>" in pages[True]
    assert "Plain text (fi) without markup, with commas — and a dash; a well-known § 5…" in pages[True]


@pytest.mark.slow
def test_translated_doctrees_hold_no_copy_of_the_build(tmp_path):
    # The nodes a message's parse made belonged to a throw-away document holding the build's
    # settings and environment, which was pickled with every translated doctree.
    import pickle

    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), max_tasks_per_child=1) as pool:
        result = pool.submit(build_language, str(layout.root), "fi", "html", str(tmp_path / "out"),
                             str(tmp_path / "dt"), True).result()
    assert result.ok, result.messages
    tree = pickle.loads((tmp_path / "dt" / "guide" / "deep" / "page.doctree").read_bytes())
    assert "Plain text (fi)" in tree.astext()  # the page was translated
    foreign = [n for n in tree.findall() if n._document not in (None, tree)]
    assert foreign == []


def test_reference_updates_run_when_the_source_or_the_translation_holds_a_reference():
    # Sphinx's five reference updates are skipped for a message only when neither side has one.
    from docutils import nodes
    from docutils.utils import new_document
    from sphinx import addnodes
    from sphinx.transforms.i18n import _NodeUpdater

    from handbook.patches.sphinx import _holds_references

    def updater(source: nodes.Element, translation: nodes.Element) -> _NodeUpdater:
        return _NodeUpdater(source, translation, new_document("page"), noqa=False)

    def text(value: str) -> nodes.paragraph:
        return nodes.paragraph(value, value)

    def with_reference(reference: nodes.Element) -> nodes.paragraph:
        return nodes.paragraph("", "", nodes.Text("см. "), nodes.inline("", "", reference))

    assert not _holds_references(updater(text("Текст"), text("Text")))
    for reference in [addnodes.pending_xref("", refdomain="std", reftype="term", reftarget="x"),
                      nodes.reference("", "x", refname="x"),
                      nodes.footnote_reference("[^a]", auto=1, refname="a"),
                      nodes.citation_reference("[x]", refname="x")]:
        # A translation that dropped the reference still gets Sphinx's warning, and one that
        # added it is still checked.
        assert _holds_references(updater(with_reference(reference.deepcopy()), text("Text")))
        assert _holds_references(updater(text("Текст"), with_reference(reference.deepcopy())))
