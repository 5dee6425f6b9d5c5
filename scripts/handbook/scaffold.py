"""New chapters and practice cards from templates: `make new-chapter` and `make new-practice`."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

from handbook.paths import Layout

TEMPLATES = Path(__file__).parent / "templates"
# File names stay short: a slug longer than this is cut at a word boundary.
SLUG_LENGTH = 40
_NUMBERED = re.compile(r"^(\d+)-(.+)\.md$")
_LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$", re.MULTILINE)


class ScaffoldError(Exception):
    """The new file cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Kind:
    name: str         # the make target
    folder: str       # under docs/
    template: str     # under scripts/handbook/templates/
    label_prefix: str
    numbered: bool
    catalogue: str    # the page whose toctree lists the new file (docs/-relative)
    example: str


CHAPTER = Kind("new-chapter", "chapters", "chapter.md", "ch-", True, "index.md",
               'make new-chapter TITLE="Работа с волонтёрами"')
# The card's fields are those of the {practice} directive (sphinxext/practices.py).
PRACTICE = Kind("new-practice", "practices", "practice.md", "practice-", False, "practices/index.md",
                'make new-practice TITLE="Летний лагерь для детей с инвалидностью"')
KINDS = {kind.name: kind for kind in (CHAPTER, PRACTICE)}


def make_slug(title: str) -> str:
    """The ASCII part of the file name and label, transliterated like the section anchors."""
    from handbook.sphinxext.anchors import slugify

    slug = slugify(title)
    if len(slug) > SLUG_LENGTH:
        words = slug[:SLUG_LENGTH].rsplit("-", 1)[0].split("-")
        # Do not end on a one-letter word ("…-kak-naiti-i"): it reads as a typo in the file name.
        while len(words) > 1 and len(words[-1]) < 2:
            words.pop()
        slug = "-".join(words)
    return slug


def _check_title(title: str, kind: Kind) -> str:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError(f"TITLE is empty — give the title in Russian: {kind.example}")
    if not re.search(r"[^\W\d_]", title):
        raise ScaffoldError(f"TITLE {title!r} has no letters — give the title in words: {kind.example}")
    return title


def _next_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.glob("*.md") if (m := _NUMBERED.match(p.name))]
    return max(numbers, default=0) + 1


def _existing_labels(docs: Path) -> dict[str, Path]:
    labels: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        for match in _LABEL.finditer(path.read_text(encoding="utf-8")):
            labels.setdefault(match.group(1), path)
    return labels


def plan_path(layout: Layout, kind: Kind, title: str) -> tuple[Path, str]:
    """Where the new file goes and its slug; refuses what would clash with an existing file."""
    slug = make_slug(_check_title(title, kind))
    folder = layout.docs / kind.folder
    catalogue = layout.docs / kind.catalogue
    if not catalogue.is_file():
        raise ScaffoldError(f"{layout.rel(catalogue)}: error: this page does not exist yet, and it is the "
                            f"table of contents a new file joins — create it first, with a toctree "
                            f"that lists the files of docs/{kind.folder}/ [{kind.name}]")
    for existing in sorted(folder.glob("*.md")):
        stem = m.group(2) if (m := _NUMBERED.match(existing.name)) else existing.stem
        if stem == slug:
            raise ScaffoldError(f"{layout.rel(existing)}:1: error: this file already has the title "
                                f"{title!r} — edit it, or choose another TITLE [{kind.name}]")
    label = kind.label_prefix + slug
    owner = _existing_labels(layout.docs).get(label)
    if owner is not None:
        raise ScaffoldError(f"{layout.rel(owner)}:1: error: the label ({label}) is already used here "
                            f"— choose another TITLE [{kind.name}]")
    name = f"{_next_number(folder):02d}-{slug}.md" if kind.numbered else f"{slug}.md"
    return folder / name, slug


def render(kind: Kind, title: str, slug: str) -> str:
    template = Template((TEMPLATES / kind.template).read_text(encoding="utf-8"))
    return template.substitute(title=" ".join(title.split()), slug=slug)


def create(layout: Layout, kind: Kind, title: str) -> Path:
    """Write the new file; never overwrites one (the file is opened in exclusive mode)."""
    path, slug = plan_path(layout, kind, title)
    text = render(kind, title, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{layout.rel(path)}:1: error: the file already exists and was left as it is "
                            f"— edit it, or choose another TITLE [{kind.name}]") from None
    return path


def main(kind_name: str, title: str, layout: Layout | None = None) -> int:
    """The command: print what was created, or why not (exit 2)."""
    layout = layout or Layout()
    kind = KINDS[kind_name]
    try:
        path = create(layout, kind, title)
    except ScaffoldError as exc:
        text = str(exc)
        print(text if ": error: " in text else f"handbook {kind.name}: error: {text}", file=sys.stderr)
        return 2
    print(f"Created: {layout.rel(path)}")
    print("  Open it and replace every «ЗАМЕНИТЕ» with your text; it is already in the table of contents.")
    print("  Preview it as you type: make serve")
    return 0
