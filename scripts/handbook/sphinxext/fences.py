"""Report a code fence or directive fence that is never closed: MyST silently runs it to the end of
the file, so the rest of the page turns into code or into the directive's body."""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook import check_ids

logger = logging.getLogger(__name__)

# CommonMark: up to three spaces, then three or more ` or ~ (MyST's colon_fence adds :::). Lines of
# list items and block quotes are indented or prefixed; the prefix is skipped.
_FENCE = re.compile(r"^(?:\s*>)*\s*(`{3,}|~{3,}|:{3,})(.*)$")


def unclosed_fence(text: str) -> tuple[int, str] | None:
    """The line number and the marker of the first fence that is not closed, if any."""
    open_marker, open_line = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        found = _FENCE.match(line)
        if not found:
            continue
        marker, rest = found.groups()
        if not open_marker:
            if marker[0] == "`" and "`" in rest:
                continue  # inline code such as ```x```, not a fence
            open_marker, open_line = marker, number
        elif marker[0] == open_marker[0] and len(marker) >= len(open_marker) and not rest.strip():
            open_marker = ""
    return (open_line, open_marker) if open_marker else None


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    found = unclosed_fence(source[0])
    if found:
        line, marker = found
        check_ids.log_warning(logger, "unclosed-fence", "the fence %s opened here is never closed, so the "
                              "rest of the file is inside it — close it with a line of %s", marker,
                              marker[0] * len(marker), location=(docname, line))


def setup(app: Sphinx) -> None:
    app.connect("source-read", _check)
