"""Footnotes moved to their references for print (handbook.pdf.assemble.inline_footnotes)."""

from docutils import nodes

from handbook.pdf.assemble import inline_footnotes


def document(*, link_to_note: bool = False) -> nodes.section:
    """A paragraph citing one footnote twice, the footnote after it, and maybe a link to it."""
    paragraph = nodes.paragraph()
    for n in (1, 2):
        paragraph += nodes.Text(f"Текст {n}")
        paragraph += nodes.footnote_reference("[^1]", "1", ids=[f"ref-{n}"], refid="note-1", auto=1)
    footnote = nodes.footnote("", nodes.label("", "1"), nodes.paragraph("", "Источник: закон."),
                              ids=["note-1"], backrefs=["ref-1", "ref-2"])
    section = nodes.section("", paragraph, footnote, ids=["s"])
    if link_to_note:
        section += nodes.paragraph("", "", nodes.reference("", "сноска", refid="note-1"))
    return section


def notes(tree: nodes.Element) -> list[nodes.inline]:
    return [n for n in tree.findall(nodes.inline) if "print-footnote" in n["classes"]]


def test_each_citation_gets_the_note_text_and_the_footnote_is_gone():
    tree = document()
    inline_footnotes(tree)
    assert [n.astext() for n in notes(tree)] == ["Источник: закон."] * 2
    assert not list(tree.findall(nodes.footnote))
    assert not list(tree.findall(nodes.footnote_reference))


def test_notes_and_citations_leave_no_ids_nothing_links_to():
    # Each id is a named destination of the PDF, looked up by WeasyPrint on every later page.
    tree = document()
    inline_footnotes(tree)
    assert [n["ids"] for n in notes(tree)] == [[], []]
    assert [n["ids"] for n in tree.findall(nodes.Element) if n["ids"]] == [["s"]]


def test_a_note_a_link_points_at_keeps_its_id_once():
    tree = document(link_to_note=True)
    inline_footnotes(tree)
    assert [n["ids"] for n in notes(tree)] == [["note-1"], []]


def test_a_call_right_after_another_call_is_marked_for_its_comma():
    paragraph = nodes.paragraph()
    paragraph += nodes.Text("Сумма")
    for n in (1, 2):
        paragraph += nodes.footnote_reference(f"[^{n}]", str(n), refid=f"note-{n}", auto=1)
    paragraph += nodes.Text(" и текст")
    paragraph += nodes.footnote_reference("[^1]", "1", refid="note-1", auto=1)
    section = nodes.section("", paragraph, ids=["s"])
    for n in (1, 2):
        section += nodes.footnote("", nodes.label("", str(n)), nodes.paragraph("", f"Источник {n}."),
                                  ids=[f"note-{n}"])
    inline_footnotes(section)
    assert [n["classes"] for n in notes(section)] == [
        ["print-footnote"], ["print-footnote", "print-footnote-next"], ["print-footnote"]]
