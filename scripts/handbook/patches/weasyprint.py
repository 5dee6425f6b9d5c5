"""Places where WeasyPrint's time grows with the square of the document (or of a page's
footnotes), made linear.

Measured on the handbook repeated five times (524 pages), each page cost 1.8 times what it costs
in the handbook itself (131 pages), in layout and in writing alike; it came from lookups through
the whole document done for every line, every page or every tagged element (the footnote area's
place was found later, by profiling the handbook itself):

- Layout: for each line, every box of the line is looked up in the list of the footnotes still to
  be placed (``descendant.footnote in context.footnotes``). Most boxes have no footnote, and
  looking up ``None`` reads the whole list. The list is given a set beside it.
- Layout: for each page, its margin boxes (page number, running title) are found by going through
  the styles of every element of the document (``set_page_type_computed_styles``). It is shown
  only the page's own styles.
- Layout: for each anchor placed on a page, every box whose content waits for a page number
  (the contents' entries, ``target-counter()``) is checked for whether it refers to that anchor
  (``TargetCollector.cache_target_page_counters``). It is shown only those that do.
- Layout: each time a footnote is added to a page, taken off it or moved to the next one, the
  footnote area is measured again (``LayoutContext._update_footnote_area``) by laying out every
  note of the page so far: a page with n notes lays out about n²/2 of them. A note of plain
  text laid out at the same place of the same page comes out the same, so while the area is
  measured, the notes already laid out there are taken as they were. The pages themselves still
  get notes laid out afresh.
- Layout: once all pages are made, each page is given the fixed boxes (``position: fixed``) of
  every other page (``layout_fixed_boxes``), which walks through all the pages for each page even
  when no page has any, as in the handbook. Pages are now marked as they are made, and the walk is
  skipped when none had a fixed box.
- Writing: ``pdf.page_references`` rebuilt by pydyf for every tag and link (see pydyf.py).

None changes what is laid out or written (tests/test_pdf_speedups.py compares the PDFs made
with and without them). The renderer's child process applies them (render.Renderer, through
``handbook.patches.install("pdf")``); WeasyPrint alone in the benchmark runs without them.
Below them, one patch that changes the output on purpose: the limit on hyphenated lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from handbook.patches import Patch, register


class FootnoteList(list):
    """The layout's list of footnotes waiting for a page, with membership in constant time.

    Footnote boxes compare by identity, and WeasyPrint appends, removes, copies and tests
    membership; any other change would leave the set behind, so it is refused loudly."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._count = Counter(id(item) for item in self)

    def __contains__(self, item: object) -> bool:
        return self._count[id(item)] > 0

    def append(self, item: Any) -> None:
        super().append(item)
        self._count[id(item)] += 1

    def remove(self, item: Any) -> None:
        super().remove(item)
        self._count[id(item)] -= 1

    def copy(self) -> FootnoteList:
        return FootnoteList(self)

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("handbook.patches.weasyprint.FootnoteList: WeasyPrint changed how it "
                                  "uses its list of footnotes — update FootnoteList")

    insert = extend = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = _refuse


def _page_pseudo_types(style_for: Any) -> list[str]:
    """The pseudo-elements (margin boxes) that the style sheets' @page rules name, once per document."""
    cached = style_for.__dict__.get("_handbook_page_pseudo_types")
    if cached is None:
        cached = list(dict.fromkeys(
            pseudo_type for sheet, _origin, _sheet_specificity in style_for._sheets
            for _rule, selectors, _declarations in sheet.page_rules
            for _specificity, pseudo_type, _page in selectors if pseudo_type))
        style_for._handbook_page_pseudo_types = cached
    return cached


def _only_page_styles(original: Any) -> Any:
    """``set_page_type_computed_styles``, shown the cascaded styles of the page and its margin boxes."""

    def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
        everything = style_for.get_cascaded_styles()
        keys = [(page_type, None), *((page_type, p) for p in _page_pseudo_types(style_for))]

        def page_styles() -> dict:
            # Read when asked: the page's declarations are added during the call.
            return {key: everything[key] for key in keys if key in everything}

        style_for.get_cascaded_styles = page_styles
        try:
            original(page_type, html, style_for)
        finally:
            del style_for.get_cascaded_styles

    return set_page_type_computed_styles


def _lookups_by_anchor(collector: Any) -> dict[str, dict]:
    """The collector's counter lookups for ``content`` that miss a target's counters, by anchor,
    in the collector's order. They are all collected before pagination (``collecting`` is then
    False) and not changed after; the index is made again if their number changes all the same."""
    lookups = collector.counter_lookup_items
    cached = collector.__dict__.get("_handbook_lookups_by_anchor")
    if cached is None or cached[0] != len(lookups):
        index: dict[str, dict] = {}
        for key, item in lookups.items():
            if key[1] == "content":  # the conditions under which WeasyPrint's loop goes on
                for anchor, counters in item.missing_target_counters.items():
                    if counters is not None:
                        index.setdefault(anchor, {})[key] = item
        cached = collector._handbook_lookups_by_anchor = (len(lookups), index)
    return cached[1]


def _only_lookups_of_anchor(original: Any) -> Any:
    """``cache_target_page_counters``, shown only the counter lookups that refer to the anchor."""

    def cache_target_page_counters(self: Any, anchor_name: str, *args: Any) -> None:
        if self.collecting:
            return original(self, anchor_name, *args)
        everything = self.counter_lookup_items
        self.counter_lookup_items = _lookups_by_anchor(self).get(anchor_name, {})
        try:
            return original(self, anchor_name, *args)
        finally:
            self.counter_lookup_items = everything

    return cache_target_page_counters


def _marking_fixed_boxes(original: Any) -> Any:
    """``make_page``, which also marks the layout when the page has fixed boxes."""

    def make_page(context: Any, *args: Any, **kwargs: Any) -> Any:
        made = original(context, *args, **kwargs)
        if made[0].fixed_boxes:
            context._handbook_fixed_boxes = True
        return made

    return make_page


def _fixed_boxes_only_if_any(original: Any) -> Any:
    """``layout_fixed_boxes``, skipped when no page of the layout had a fixed box: there is then
    nothing to lay out."""

    def layout_fixed_boxes(context: Any, pages: list, containing_page: Any) -> Any:
        if not context.__dict__.get("_handbook_fixed_boxes"):
            return iter(())
        return original(context, pages, containing_page)

    return layout_fixed_boxes


_NOTE_BOX_TYPES = ("BlockBox", "LineBox", "InlineBox", "TextBox")


def _plain_note(box: Any) -> bool:
    """A note of text and inline boxes only, none of them positioned or floated: laying it out
    leaves nothing behind in the layout context (no float, running element or table)."""
    if type(box).__name__ not in _NOTE_BOX_TYPES or box.style["position"] != "static" \
            or box.style["float"] != "none":
        return False
    return all(type(child).__name__ != "BlockBox" and _plain_note(child)
               for child in getattr(box, "children", ()))


def _measuring_notes_once(original: Any) -> Any:
    """``LayoutContext._update_footnote_area``, with the page's notes laid out while it measures
    remembered, for the page, by where each was laid out (see _notes_remembered)."""

    def update_footnote_area(self: Any) -> Any:
        page = self.current_footnote_area.page
        remembered = self.__dict__.get("_handbook_note_layouts")
        if remembered is None or remembered[0] is not page:
            self._handbook_note_layouts = remembered = (page, {})
        self._handbook_measuring_notes = remembered[1]
        try:
            return original(self)
        finally:
            self._handbook_measuring_notes = None

    return update_footnote_area


def _notes_remembered(original: Any) -> Any:
    """``block_level_layout`` (as called for the children of a block), which, while the footnote
    area is measured, lays out each plain note once per place and page and hands back that layout
    again. The measured area is thrown away once its height is read, so the shared boxes are
    never drawn or moved."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    def block_level_layout(context: Any, box: Any, bottom_space: Any, skip_stack: Any,
                           containing_block: Any, page_is_empty: bool = True,
                           absolute_boxes: Any = None, fixed_boxes: Any = None,
                           adjoining_margins: Any = None, first_letter_style: Any = None,
                           first_line_style: Any = None, discard: bool = False,
                           max_lines: Any = None) -> Any:
        arguments = (context, box, bottom_space, skip_stack, containing_block, page_is_empty,
                     absolute_boxes, fixed_boxes, adjoining_margins, first_letter_style,
                     first_line_style, discard, max_lines)
        layouts = context.__dict__.get("_handbook_measuring_notes")
        # An area whose top margin collapses (no top border or padding) may move the notes
        # already laid out in it: not remembered then.
        if (layouts is None or not isinstance(containing_block, FootnoteAreaBox)
                or skip_stack is not None or first_letter_style is not None
                or first_line_style is not None or containing_block.top_margin_collapses()
                or context.excluded_shapes or not _plain_note(box)):
            return original(*arguments)
        key = (box.element, box.element_tag, id(box.style), box.position_x, box.position_y,
               tuple(adjoining_margins or ()), bottom_space, page_is_empty, discard, max_lines,
               context.current_page, context.forced_break, context.in_column)
        if key not in layouts:
            new_child, resume_at, next_page, margins, through, lines = original(*arguments)
            if resume_at is not None:  # a note split over pages: not remembered
                return new_child, resume_at, next_page, margins, through, lines
            # The result holds the style, so that id(box.style) cannot be given to another.
            layouts[key] = (new_child, dict(next_page), tuple(margins), through, lines)
        new_child, next_page, margins, through, lines = layouts[key]
        return new_child, None, dict(next_page), list(margins), through, lines

    return block_level_layout


def _last_text(box: Any) -> Any | None:
    """The last text box with text in a line box, or None."""
    for child in reversed(getattr(box, "children", None) or []):
        if getattr(child, "text", None):
            return child
        found = _last_text(child)
        if found is not None:
            return found
    return None


def ends_hyphenated(line: Any) -> bool:
    """True if WeasyPrint broke the line's last word with its hyphenation character."""
    last = _last_text(line)
    return last is not None and last.text.endswith(last.style["hyphenate_character"])


_state = {"installed": False, "plain": False}


def limit_hyphenated_lines(limit: int | None = None) -> None:
    """After ``limit`` hyphenated lines in a row, the next line of the paragraph is laid out
    without automatic hyphenation (its word goes whole to the next line; soft hyphens still work).

    WeasyPrint lays a paragraph out line by line (``layout.inline.iter_line_boxes``), and each line
    is broken by ``split_first_line``, which reads ``hyphens`` from the style. The paragraph's
    lines are counted here, and the style says ``manual`` while the line after a full run is made.
    """
    if _state["installed"]:
        return
    from weasyprint.layout import block, inline

    from handbook.pdf.hyphenation import MAX_HYPHENATED_LINES

    limit = MAX_HYPHENATED_LINES if limit is None else limit

    split_first_line, iter_line_boxes = inline.split_first_line, inline.iter_line_boxes

    def split_without_auto(text: str, style: Any, *args: Any, **kwargs: Any) -> Any:
        if not _state["plain"] or style["hyphens"] != "auto":
            return split_first_line(text, style, *args, **kwargs)
        style["hyphens"] = "manual"
        try:
            return split_first_line(text, style, *args, **kwargs)
        finally:
            style["hyphens"] = "auto"

    def counted_lines(context: Any, box: Any, position_y: Any, bottom_space: Any, skip_stack: Any,
                      *args: Any, **kwargs: Any) -> Iterator[Any]:
        # A paragraph continued on the next page goes on with the count of its last line before.
        carried = context.__dict__.setdefault("handbook_hyphen_runs", {})
        run = carried.get((id(box.element), repr(skip_stack)), 0) if skip_stack else 0
        lines = iter_line_boxes(context, box, position_y, bottom_space, skip_stack, *args, **kwargs)
        while True:
            before, _state["plain"] = _state["plain"], run >= limit
            try:
                line, resume_at = next(lines)
            except StopIteration:
                return
            finally:
                _state["plain"] = before
            run = run + 1 if ends_hyphenated(line) else 0
            if resume_at is not None:
                carried[(id(box.element), repr(resume_at))] = run
            yield line, resume_at

    inline.split_first_line = split_without_auto
    inline.iter_line_boxes = block.iter_line_boxes = counted_lines
    _state["installed"] = True


def _install_footnote_set() -> None:
    from weasyprint.layout import LayoutContext

    original_init = LayoutContext.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self.footnotes = FootnoteList(self.footnotes)

    LayoutContext.__init__ = init


def _install_notes_measured_once() -> None:
    from weasyprint.layout import LayoutContext
    from weasyprint.layout import block as block_layout

    LayoutContext._update_footnote_area = _measuring_notes_once(LayoutContext._update_footnote_area)
    # Only the module's own calls (a block's children) go through it; the footnote area itself is
    # laid out by callers that imported the original.
    block_layout.block_level_layout = _notes_remembered(block_layout.block_level_layout)


def _install_fixed_boxes() -> None:
    from weasyprint import layout
    from weasyprint.layout import page as page_layout

    page_layout.make_page = _marking_fixed_boxes(page_layout.make_page)  # called by remake_page
    layout.layout_fixed_boxes = _fixed_boxes_only_if_any(layout.layout_fixed_boxes)


def _install_page_styles() -> None:
    from weasyprint.layout import page as page_layout

    page_layout.set_page_type_computed_styles = _only_page_styles(
        page_layout.set_page_type_computed_styles)


def _install_target_lookups() -> None:
    from weasyprint.css.targets import TargetCollector

    TargetCollector.cache_target_page_counters = _only_lookups_of_anchor(
        TargetCollector.cache_target_page_counters)


VERIFIED = frozenset({"70.0"})


def _speed(name: str, replaces: str, why: str, upstream: str, install: Any) -> None:
    register(Patch(name, "weasyprint", VERIFIED, replaces, why, upstream, True, install))


_speed("weasyprint-footnote-set", "weasyprint.layout.LayoutContext.__init__ (context.footnotes)",
       "each line looks up every box in the list of waiting footnotes: quadratic in notes",
       "keep the waiting footnotes in a set, or test `box.footnote is not None` first",
       _install_footnote_set)
_speed("weasyprint-notes-measured-once",
       "weasyprint.layout.LayoutContext._update_footnote_area, weasyprint.layout.block.block_level_layout",
       "the footnote area is laid out again with all its notes for each note added: n²/2 per page",
       "measure the footnote area incrementally", _install_notes_measured_once)
_speed("weasyprint-fixed-boxes", "weasyprint.layout.page.make_page, weasyprint.layout.layout_fixed_boxes",
       "every page walks every other page for fixed boxes even when there are none",
       "collect fixed boxes once per document", _install_fixed_boxes)
_speed("weasyprint-page-styles", "weasyprint.layout.page.set_page_type_computed_styles",
       "each page goes through the styles of every element to find its margin boxes",
       "index the cascaded styles by page type", _install_page_styles)
_speed("weasyprint-target-lookups", "weasyprint.css.targets.TargetCollector.cache_target_page_counters",
       "each anchor placed checks every box waiting for a page number",
       "index the counter lookups by anchor", _install_target_lookups)
register(Patch(
    "weasyprint-hyphenate-limit-lines",
    "weasyprint", VERIFIED, "weasyprint.layout.inline.split_first_line, iter_line_boxes",
    "at most two hyphenated lines in a row (CSS hyphenate-limit-lines, not implemented by "
    "WeasyPrint 70); off, the PDFs may show ladders of hyphens (test_pdf_typography fails)",
    "WeasyPrint implementing hyphenate-limit-lines", False, limit_hyphenated_lines))
