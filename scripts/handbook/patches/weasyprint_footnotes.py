"""WeasyPrint 70 prints footnote calls whose notes are never laid out, in two places.

1. In ``weasyprint.layout.block._linebox_layout``, when a line does not fit at the foot of a page,
WeasyPrint first moves the page's last notes to the next page (added for issue #2432, pull
request #2437) and, if the line then fits, keeps it on the page and stops — before the loop that
lays out the notes the line itself calls. Those notes stay in the list of waiting footnotes, and
a note is only laid out when the line that calls it is: the calls are printed, the notes never
are (the ru large-print book lost five such notes, the ru book two; see
tests/test_pdf_footnote_layout.py for a small document that loses them).

The patch lays out, after the line is kept, each note its lines call that is still waiting, and
moves it to the next page at once, after the notes moved before it: the page has no room left
for it (its line only fitted once notes were taken off), and a note must not come before its
call. So every note lands on its call's page or the next. Nothing else changes: in every other
path a kept line's notes have been laid out already.

2. The notes a page moves to the next one are held in ``context.reported_footnotes`` only until
that next page is made; ``weasyprint.layout.page.remake_page`` does not keep them with the rest
of a page's starting state (``context.page_maker``). When a page is made again later (a page
number it prints changed: the contents, a cross-reference's «с. 42»), it starts with whatever
the last page made left there, usually nothing, and the notes moved to it are lost (the ru
book's notes 25 and 26, moved from page 20 to a chapter's opening page). The patch keeps, for
each page, the notes moved to it, gives them back when it is made again, and has the next page
made again when the notes a remade page moves on differ from before.
"""

from __future__ import annotations

from typing import Any

from handbook.patches import Patch, register


def _waiting_notes(context: Any, lines: list) -> list:
    return [descendant.footnote for line in lines for descendant in line.descendants()
            if descendant.footnote is not None and descendant.footnote in context.footnotes]


def _notes_of_kept_lines(original: Any) -> Any:
    def linebox_layout(context: Any, box: Any, index: Any, child: Any, new_children: list,
                       *args: Any, **kwargs: Any) -> Any:
        kept_before = len(new_children)
        abort, stop, resume_at, position_y, new_footnotes, max_lines = original(
            context, box, index, child, new_children, *args, **kwargs)
        if not abort:
            for footnote in _waiting_notes(context, new_children[kept_before:]):
                context.layout_footnote(footnote)
                context.report_footnote(footnote)
                # Taken back with the others if the block is laid out again on the next page.
                new_footnotes.append(footnote)
        return abort, stop, resume_at, position_y, new_footnotes, max_lines

    return linebox_layout


def install() -> None:
    from weasyprint.layout import block

    block._linebox_layout = _notes_of_kept_lines(block._linebox_layout)


def _notes_moved_to_remade_pages(original: Any) -> Any:
    def remake_page(index: int, context: Any, root_box: Any, html: Any) -> Any:
        moved = context.__dict__.setdefault("_handbook_notes_moved_to", {})
        if index in moved:
            context.reported_footnotes = list(moved[index])
        result = original(index, context, root_box, html)
        now = list(context.reported_footnotes)
        before = moved.get(index + 1)
        moved[index + 1] = now
        if before is not None and [id(n) for n in before] != [id(n) for n in now] \
                and index + 1 < len(context.page_maker):
            context.page_maker[index + 1][-1]["content_changed"] = True
        return result

    return remake_page


def install_remade_pages() -> None:
    from weasyprint.layout import page

    page.remake_page = _notes_moved_to_remade_pages(page.remake_page)


register(Patch(
    "weasyprint-footnotes-of-kept-lines",
    "weasyprint", frozenset({"70.0"}), "weasyprint.layout.block._linebox_layout",
    "a line kept at a page's foot once earlier notes moved to the next page has its own notes "
    "never laid out: calls without notes (off, the ru large-print book loses five notes and the "
    "pdf-footnote preflight check fails)",
    "no upstream fix known (searched the tracker: #2432/#2437 added the path, #1636 fixed a "
    "similar loss for sequential notes); to be reported to Kozea/WeasyPrint — remove once a "
    "release lays out the kept line's notes in that path",
    False, install))
register(Patch(
    "weasyprint-notes-moved-to-remade-pages",
    "weasyprint", frozenset({"70.0"}), "weasyprint.layout.page.remake_page",
    "a page made again (its page numbers changed) loses the notes the page before moved to it: "
    "calls without notes (off, the ru book loses notes 25 and 26 and the pdf-footnote preflight "
    "check fails)",
    "no upstream fix known (searched the tracker); to be reported to Kozea/WeasyPrint — remove "
    "once context.page_maker keeps the reported footnotes with each page's starting state",
    False, install_remade_pages))
