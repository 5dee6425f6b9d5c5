"""Hyphenation dictionaries for WeasyPrint (through Pyphen), including Finnish, which Pyphen lacks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

DICTIONARIES = Path(__file__).parent / "hyphenation"

# Pyphen's own dictionaries cover ru, en, nb (nb_NO) and da. Finnish comes from hyph-fi.tex
# (see hyphenation/README_hyph_fi_FI.txt for its origin and licence).
EXTRA = {"fi_FI": DICTIONARIES / "hyph_fi_FI.dic"}

# The value of `lang` the PDF's <html> element gets for each handbook language. Norwegian must be
# "nb": Pyphen resolves "nb" to nb_NO, while "no" resolves to nothing (no hyphenation at all).
HTML_LANG = {"ru": "ru", "en": "en", "fi": "fi", "nb": "nb", "no": "nb"}


def html_lang(language: str) -> str:
    return HTML_LANG.get(language, language)


# At most this many hyphenated lines in a row: a typesetter's rule (a «ladder» of hyphens is
# hard to read) that CSS names `hyphenate-limit-lines` and WeasyPrint 70 does not implement.
MAX_HYPHENATED_LINES = 2


def register() -> None:
    """Make the extra dictionaries known to Pyphen and limit runs of hyphenated lines; call before
    WeasyPrint lays out text."""
    import pyphen

    limit_hyphenated_lines()
    for name, path in EXTRA.items():
        short = name.split("_")[0]
        for key in (name, short):
            if key not in pyphen.LANGUAGES:
                pyphen.LANGUAGES[key] = path
                pyphen.LANGUAGES_LOWERCASE[key.lower()] = key


def resolves(language: str) -> bool:
    """True when WeasyPrint will find hyphenation patterns for this `lang` value."""
    import pyphen

    register()
    return pyphen.language_fallback(html_lang(language)) is not None


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


def limit_hyphenated_lines(limit: int = MAX_HYPHENATED_LINES) -> None:
    """After ``limit`` hyphenated lines in a row, the next line of the paragraph is laid out
    without automatic hyphenation (its word goes whole to the next line; soft hyphens still work).

    WeasyPrint lays a paragraph out line by line (``layout.inline.iter_line_boxes``), and each line
    is broken by ``split_first_line``, which reads ``hyphens`` from the style. The paragraph's
    lines are counted here, and the style says ``manual`` while the line after a full run is made.
    """
    if _state["installed"]:
        return
    from weasyprint.layout import block, inline

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
