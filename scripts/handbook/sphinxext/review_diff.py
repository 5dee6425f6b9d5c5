"""make review: beside each outdated (fuzzy) translation, the source text as it is now and what
changed in it since the translation was made (a word-level diff), so that the reviewer need not
open the catalog.

po/review.py marks each fuzzy translation with a numbered class (``handbook-fuzzy-N``) and writes
the entries' current and previous source texts (``#| msgid``) to ``<review locales>/<lang>/fuzzy.json``.
Deleted and inserted words are ``<del>``/``<ins>`` with a hidden «deleted:»/«inserted:» for screen
readers (which do not announce the elements themselves); the source text carries its language.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

FUZZY_CLASS = "handbook-fuzzy"
DATA_FILE = "fuzzy.json"
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


class diff_change(nodes.Inline, nodes.TextElement):
    """Words deleted from or inserted into the source; ``kind`` is "del" or "ins"."""


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, text) runs from ``old`` to ``new``: kind "" (unchanged), "del" or "ins"; word by word,
    spaces kept with the words around them."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            runs += _trimmed("del", "".join(a[i1:i2]))
        if j2 > j1:
            runs += _trimmed("ins", "".join(b[j1:j2]))
    return runs


def _trimmed(kind: str, text: str) -> list[tuple[str, str]]:
    """A changed run without its outer spaces (kept as unchanged text), so that only words are
    struck through or underlined."""
    core = text.strip()
    before, after = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return [run for run in (("", before), (kind, core), ("", after)) if run[1]]


def _data(app: Sphinx) -> dict[str, dict[str, str]]:
    lang = app.config.language or app.config.handbook_source_language
    for folder in app.config.locale_dirs:
        path = Path(app.srcdir, folder, lang, DATA_FILE)
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return {}


def _comparison(entry: dict[str, str], source_lang: str) -> nodes.container:
    box = nodes.container(classes=["handbook-fuzzy-diff"])
    now = nodes.paragraph()
    now += nodes.strong(text=_("Source text now:"))
    now += nodes.Text(" ")
    # docutils' HTML writer writes the class language-xx as lang="xx".
    now += nodes.inline(text=entry["source"], classes=["handbook-fuzzy-source", f"language-{source_lang}"])
    box += now
    if entry.get("previous") and entry["previous"] != entry["source"]:
        changes = nodes.paragraph()
        changes += nodes.strong(text=_("Changed since the translation was made:"))
        changes += nodes.Text(" ")
        words = nodes.inline(classes=["handbook-fuzzy-changes", f"language-{source_lang}"])
        for kind, text in word_diff(entry["previous"], entry["source"]):
            words += diff_change(text, text, kind=kind) if kind else nodes.Text(text)
        changes += words
        box += changes
    return box


def _add_comparisons(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.handbook_review:
        return
    data = _data(app)
    if not data:
        return
    source_lang = app.config.handbook_source_language
    for span in list(doctree.findall(nodes.inline)):
        numbers = [c.removeprefix(f"{FUZZY_CLASS}-") for c in span["classes"] if c.startswith(f"{FUZZY_CLASS}-")]
        entry = data.get(numbers[0]) if numbers else None
        block = span.parent
        while block is not None and not isinstance(block, (nodes.paragraph, nodes.title)):
            block = block.parent
        if entry is None or block is None or block.parent is None:
            continue
        # After the paragraph or heading that holds the translation: a block of its own.
        block.parent.insert(block.parent.index(block) + 1, _comparison(entry, source_lang))


def _visit(self: Any, node: diff_change) -> None:
    label = _("deleted:") if node["kind"] == "del" else _("inserted:")
    # The label is in the page's language, inside words of the source language.
    lang = self.builder.config.language or self.builder.config.handbook_source_language
    self.body.append(f'<{node["kind"]}><span class="visually-hidden" lang="{lang}">{self.encode(label)} </span>')


def _depart(self: Any, node: diff_change) -> None:
    self.body.append(f'</{node["kind"]}>')


def setup(app: Sphinx) -> None:
    app.add_node(diff_change, html=(_visit, _depart))  # review builds are HTML (the PDF's too)
    # After the translations are applied and the document's table of contents is read.
    app.connect("doctree-read", _add_comparisons, priority=900)
