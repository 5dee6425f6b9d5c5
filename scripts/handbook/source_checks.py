"""Fast checks of the Markdown sources, without a build (run before each commit).

Every chapter has the parts the chapter template gives it (label line, title, what the reader
will be able to do, checklist), no page keeps the templates' «ЗАМЕНИТЕ» placeholders, and every
source cited is in docs/_data/sources.toml, with a title, a date and a citable, whole address.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from handbook import sources_data
from handbook.paths import Layout

PLACEHOLDER = "ЗАМЕНИТЕ"
_LABEL = re.compile(r"\(ch-[a-z0-9-]+\)=$")


def _chapter_problems(lines: list[str]) -> list[tuple[int, str, str]]:
    problems = []
    if not lines or not _LABEL.match(lines[0].strip()):
        problems.append((1, "the chapter does not start with its label line (ch-…)=",
                         "put a line such as (ch-costing)= first, as make new-chapter does"))
    titles = [n for n, line in enumerate(lines, 1) if line.startswith("# ")]
    if not titles:
        problems.append((1, "the chapter has no title (a line starting with «# »)",
                         "add the title after the label line"))
    sections = [n for n, line in enumerate(lines, 1) if line.startswith("## ")]
    intro_end = sections[0] if sections else len(lines) + 1
    if not any("{admonition}" in line for line in lines[:intro_end - 1]):
        problems.append((titles[0] if titles else 1,
                         "the chapter does not say what the reader will be able to do",
                         "add the :::{admonition} Что вы сможете сделать после этой главы block "
                         "before the first section"))
    if not any(line.strip() == "## Чек-лист" for line in lines):
        problems.append((len(lines) or 1, "the chapter has no «## Чек-лист» section",
                         "end the chapter with ## Чек-лист and a list of things to check"))
    return problems


def check_file(layout: Layout, path: Path) -> list[str]:
    """The problems of one file, as `path:line: error: … — how to fix [check-id]` lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    where = layout.rel(path)
    messages = [f"{where}:{n}: error: the template's placeholder «{PLACEHOLDER}» is still here — "
                f"replace it with your text [template-placeholder]"
                for n, line in enumerate(lines, 1) if PLACEHOLDER in line]
    if path.resolve().parent == (layout.docs / "chapters").resolve():
        messages += [f"{where}:{n}: error: {what} — {fix} [chapter-structure]"
                     for n, what, fix in _chapter_problems(lines)]
    return messages


def main(files: list[str], layout: Layout | None = None) -> int:
    """`handbook check-sources [FILE…]`: every Markdown file under docs/ when none is named."""
    layout = layout or Layout()
    paths = [Path(f) for f in files] if files else sorted(layout.docs.rglob("*.md"))
    messages = [m for p in paths if p.suffix == ".md" and p.is_file() for m in check_file(layout, p)]
    # The list of sources and every page's citations of it (a citation's id may be on another page).
    messages += [str(p) for p in sources_data.check(layout.root, layout.docs) if p.severity == "error"]
    for message in messages:
        print(message, file=sys.stderr)
    return 1 if messages else 0
