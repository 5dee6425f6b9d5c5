"""Scaled copies of a project: its chapters repeated, with their translations, to about N times the size.

Each copy of a chapter gets a new name (``chapters/05-design-x02.md``) and a copy of its .po file in
every language. The labels the chapter defines (``(label)=``, ``:name: label``) get the same suffix,
in the Markdown and in the messages (msgid and msgstr alike, so that every translation still
matches), so that the strict build finds no duplicate label. The copies are found by the toctree
(the handbook lists ``chapters/*``; other projects get the copies added after the originals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.paths import copy_project

_LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$", re.MULTILINE)
_NAME = re.compile(r"^:name:\s*(\S+)\s*$", re.MULTILINE)
_TOCTREE = re.compile(r"^(```+|:::+)\{toctree\}.*?^\1\s*$", re.MULTILINE | re.DOTALL)


@dataclass
class Scaled:
    factor: int
    root: Path
    copies: int  # how many times each chapter was copied
    documents: int
    source_bytes: int  # Markdown of the copy
    original_bytes: int  # Markdown of the original


def chapters(docs: Path) -> list[Path]:
    """The documents that are repeated: the handbook's chapters, else every top-level page but the index."""
    found = sorted((docs / "chapters").glob("*.md")) if (docs / "chapters").is_dir() else []
    return found or sorted(p for p in docs.glob("*.md") if p.stem != "index")


def _markdown_bytes(docs: Path) -> int:
    return sum(p.stat().st_size for p in docs.rglob("*.md"))


def relabel(text: str, labels: list[str], suffix: str) -> str:
    """Give each label, where it is defined or referred to, the suffix (the document's own labels only)."""
    for label in labels:
        quoted = re.escape(label)
        # (label)=, {ref}`label`, {ref}`text <label>`, [text](#label), :name: label
        text = re.sub(rf"(?<=[(`<#]){quoted}(?=[)`>])", label + suffix, text)
        text = re.sub(rf"(?m)^(:name:\s*){quoted}\s*$", rf"\g<1>{label}{suffix}", text)
    return text


def copies_for(factor: float, total: int, repeated: int) -> int:
    """How many copies of the repeated documents make the whole about ``factor`` times its size."""
    if factor <= 1 or repeated == 0:
        return 0
    return max(1, round((factor - 1) * total / repeated))


def _add_to_toctree(index: Path, names: list[tuple[str, str]]) -> None:
    """Where the toctree lists a document by name, list its copies after it (a glob finds them)."""
    text = index.read_text(encoding="utf-8")

    def extend(match: re.Match[str]) -> str:
        block = match.group(0)
        for original, copy in names:
            block = re.sub(rf"(?m)^{re.escape(original)}$", lambda m, c=copy: f"{m.group(0)}\n{c}", block)
        return block

    index.write_text(_TOCTREE.sub(extend, text), encoding="utf-8")


def scale(source: Path, dest: Path, factor: int) -> Scaled:
    """A copy of the project at ``source`` in ``dest`` whose chapters are repeated to about ``factor``×."""
    root = copy_project(source, dest)
    docs, locales = root / "docs", root / "locales"
    original = _markdown_bytes(docs)
    repeated = chapters(docs)
    copies = copies_for(factor, original, sum(p.stat().st_size for p in repeated))
    languages = sorted(p.name for p in locales.iterdir() if p.is_dir()) if locales.is_dir() else []
    added: list[tuple[str, str]] = []
    for path in repeated:
        text = path.read_text(encoding="utf-8")
        labels = _LABEL.findall(text) + _NAME.findall(text)
        docname = path.relative_to(docs).with_suffix("").as_posix()
        last = docname
        for n in range(2, copies + 2):
            suffix = f"-x{n:02}"
            path.with_name(f"{path.stem}{suffix}.md").write_text(relabel(text, labels, suffix), encoding="utf-8")
            for lang in languages:
                po = locales / lang / "LC_MESSAGES" / f"{docname}.po"
                if po.is_file():
                    target = po.with_name(f"{path.stem}{suffix}.po")
                    target.write_text(relabel(po.read_text(encoding="utf-8"), labels, suffix),
                                      encoding="utf-8")
            added.append((last, docname + suffix))
            last = docname + suffix
    # Chained, so that each copy follows the previous one: 05, 05-x02, 05-x03…
    for index in docs.rglob("*.md"):
        if "{toctree}" in index.read_text(encoding="utf-8"):
            _add_to_toctree(index, _relative(index, docs, added))
    return Scaled(factor, root, copies, len(list(docs.rglob("*.md"))), _markdown_bytes(docs), original)


def _relative(index: Path, docs: Path, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Toctree entries are relative to the document that holds the toctree."""
    base = index.parent.relative_to(docs).as_posix()
    if base == ".":
        return names
    prefix = base + "/"
    return [(a[len(prefix):], b[len(prefix):]) for a, b in names if a.startswith(prefix)]
