"""Sphinx and MyST: make translated builds nearly as fast as the source language's.

Sphinx parses every translated message as a small MyST document. MyST then builds a new
Markdown parser and renderer for each message (about 6 ms) and, because of an eagerly
evaluated default argument in ``DocutilsRenderer.setup_render``, a throw-away docutils
document with freshly computed default settings (about 10 ms). With two thousand messages
that was 3.5 times the source language's read time. While Sphinx applies translations, we
reuse one parser per configuration and compute the default settings once. Messages are
parsed one after another, never nested, so sharing the parser there is safe; every other
parse is left exactly as MyST does it. Messages of plain words and punctuation, which MyST
would turn into one paragraph of text anyway, are not parsed at all, nor are plain messages with
footnote references (about half of the rest in the handbook): their nodes are made as MyST makes them.

Sphinx also parses each translated message twice: its first pass looks for renamed section titles
and glossary terms and throws the parse away for every other message, and its second pass parses
the same text again to apply it. The first parse is kept for the second, unless the first pass
has moved its children into the document (then the second pass gets a parse of its own).

The nodes of a message's parse still name the parse's own document (with the build's settings and
environment) when they are moved into the page; they are given the page's document, so that the
doctrees of a translated language are pickled without the copies.

For each translated section title, Sphinx looks through the whole document for targets that
refer to the old title (quadratic in the size of a chapter). We index those targets once per
document, and add the ones a translation brings in.

For each translated message, Sphinx then goes through the source's nodes and the translation's
five times, once for each kind of reference it carries over (footnotes, named links, citations,
cross-references). Most messages have none: both are looked through once, and when neither holds
a reference, the five updates (which would find nothing to compare or move) are skipped.
"""

from __future__ import annotations

import contextvars
import copy
import re
import weakref
from typing import Any

import myst_parser.mdit_to_docutils.base as myst_base
import myst_parser.parsers.sphinx_ as myst_sphinx
import sphinx.transforms.i18n as sphinx_i18n
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.util import get_filetype

from handbook.patches import Patch, register

_in_translation = contextvars.ContextVar("handbook_in_translation", default=False)
_parsers: list[tuple[Any, Any, Any]] = []  # (config, renderer class, MarkdownIt), most recent last
_MAX_PARSERS = 4
_default_settings: dict[type, Any] = {}
_parsed: dict[Any, Any] = {}  # (message, line) → its parse, for Sphinx's second pass; "document" → path

# The replaced functions, looked up when the patch is installed, never when this module is
# imported: on a release that renamed them, the patch declines and Sphinx's own code runs.
_originals: dict[str, Any] = {}
# document → the targets in it that refer to a name (the only ones a title rename changes)
_refname_targets: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()


def _create_md_parser(config: Any, renderer: Any) -> Any:
    if not _in_translation.get():
        return _originals["create_md_parser"](config, renderer)
    for cached_config, cached_renderer, parser in _parsers:
        if cached_config is config and cached_renderer is renderer:
            return parser
    parser = _originals["create_md_parser"](config, renderer)
    _parsers.append((config, renderer, parser))
    del _parsers[:-_MAX_PARSERS]
    return parser


# Letters, digits, single spaces and punctuation that means nothing to Markdown or MyST
# (no "_", "*", "[", "`", "<", "&", "{", "#", "=" …; a hyphen only alone, as in "ребёнок-инвалид"),
# not starting like a list or a field, and on one line: MyST makes exactly
# ``paragraph(Text(message))`` of such a message.
_PLAIN = re.compile(r"(?:[^\W_]|[,.;:?!'\"«»“”‘’„—–()%№/…§×÷]|(?<!-)-(?!-)|(?<! ) (?! ))+")
# An ordered list starts with a number, "." or ")" and a space ("28.12.2013" is a date, not a list).
_LIST_START = re.compile(r"\d+[.)](?:\s|$)|[:(-]")
# MyST extensions that change plain text (typographic replacements, quotes, bare links).
_TEXT_CHANGING = {"replacements", "smartquotes", "linkify"}


# A footnote reference as markdown-it's footnote plugin reads it (MyST matches every label):
# "[^", a label without spaces, "]". Labels of digits only are numbered by MyST itself: parsed.
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s^]+)\]")


def is_plain(message: str) -> bool:
    return (_PLAIN.fullmatch(message) is not None and not _LIST_START.match(message)
            and not message.startswith(" ") and not message.endswith(" "))


def plain_with_footnotes(message: str) -> list[str] | None:
    """``["text", "label", "text", …]`` when the message is plain text with footnote references
    (``text[^label]. More text[^other].``), else None. A message that starts with a reference
    could be a footnote's definition: parsed."""
    parts = _FOOTNOTE_REF.split(message)
    texts, labels = parts[0::2], parts[1::2]
    if not labels or not texts[0] or any(label.isdigit() for label in labels):
        return None
    if _LIST_START.match(message) or message.startswith(" ") or message.endswith(" "):
        return None
    if not all(_PLAIN.fullmatch(text) for text in texts if text):
        return None
    return parts


def footnoted_paragraph(message: str, parts: list[str]) -> nodes.paragraph:
    """What MyST makes of such a message: its text, and an auto-numbered reference per label."""
    paragraph = nodes.paragraph(message)
    for index, part in enumerate(parts):
        if index % 2:
            paragraph += nodes.footnote_reference(f"[^{part}]", auto=1, refname=part)
        elif part:
            paragraph += nodes.Text(part)
    return paragraph


def _untouched(patch: Any) -> bool:
    """Still as parsed: Sphinx applies a parse by moving its children into the document."""
    return all(child.parent is patch for child in patch.children)


def _publish_msgstr(source: str, source_path: str, source_line: int, *, config: Any,
                    **kwargs: Any) -> Any:
    if (get_filetype(config.source_suffix, source_path) == "markdown"
            and not _TEXT_CHANGING.intersection(getattr(config, "myst_enable_extensions", ()))):
        if is_plain(source):
            return nodes.paragraph(source, source)
        parts = plain_with_footnotes(source)
        if parts is not None:
            return footnoted_paragraph(source, parts)
    if _parsed.get("document") != source_path:  # keep the parses of one document at a time
        _parsed.clear()
        _parsed["document"] = source_path
    key = (source, source_line)
    earlier = _parsed.pop(key, None)  # handed out twice at most: to each of Sphinx's passes
    if earlier is not None and _untouched(earlier):
        return earlier
    token = _in_translation.set(True)
    try:
        patch = _originals["publish_msgstr"](source, source_path, source_line, config=config, **kwargs)
    finally:
        _in_translation.reset(token)
    _parsed[key] = patch
    return patch


def _is_refname_target(node: Any) -> bool:
    return isinstance(node, nodes.target) and "refname" in node


def _targets(document: Any) -> list[Any]:
    if document not in _refname_targets:
        _refname_targets[document] = [n for n in document.findall(_is_refname_target)]
    return _refname_targets[document]


def _in_document(node: Any, document: Any) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is document


def _update_title_mapping(self: Any) -> bool:
    """Sphinx 9's ``_NodeUpdater.update_title_mapping``, with the targets looked up in an index
    instead of in the whole document."""
    if not (isinstance(self.node, nodes.title) and isinstance(self.node.parent, nodes.section)):
        return False
    section_node = self.node.parent
    new_name = nodes.fully_normalize_name(self.patch.astext())
    old_name = nodes.fully_normalize_name(self.node.astext())
    if old_name == new_name:
        return False
    names: list[str] = section_node.setdefault("names", [])
    names.append(new_name)
    _id = self.document.nameids.get(old_name, None)
    explicit = self.document.nametypes.get(old_name, None)
    if _id:
        if not explicit:
            self.document.nameids.pop(old_name, None)
            self.document.nametypes.pop(old_name, None)
            self.document.ids.pop(_id, None)
        self.document.note_implicit_target(section_node)
    for old_target in _targets(self.document):
        if old_target.get("refname") == old_name and _in_document(old_target, self.document):
            old_target["refname"] = new_name
    return True


def _update_leaves(self: Any) -> None:
    """Keep the index of targets up to date: a translation may bring some into the document. And
    make the nodes moved in from the message's parse belong to the document they now are in."""
    if self.document in _refname_targets:
        _refname_targets[self.document].extend(n for n in self.patch.findall(_is_refname_target))
    _originals["update_leaves"](self)
    _adopt(self.node, self.document)


def _adopt(node: Any, document: Any) -> None:
    # Each node of a parse names the parse's throw-away document as its own, and that document
    # holds the build's settings and environment: pickled with every doctree, it made the
    # doctrees of a translated language nearly three times the size, and the time to write and
    # load them grew with it.
    for descendant in node.findall():
        if descendant._document is not None and descendant._document is not document:
            descendant._document = document


# What Sphinx's reference updates look for, and those updates.
_REFERENCES = (nodes.footnote_reference, nodes.reference, nodes.citation_reference,
               addnodes.pending_xref)
_REFERENCE_UPDATES = ("update_autofootnote_references", "update_refnamed_references",
                      "update_refnamed_footnote_references", "update_citation_references",
                      "update_pending_xrefs")


def _holds_references(updater: Any) -> bool:
    """Whether the source's node or its translation holds a reference (looked at once)."""
    found = updater.__dict__.get("_handbook_references")
    if found is None:
        found = any(isinstance(node, _REFERENCES)
                    for tree in (updater.node, updater.patch) for node in tree.findall())
        updater._handbook_references = found
    return found


def _only_with_references(original: Any) -> Any:
    def update(self: Any) -> None:
        if _holds_references(self):
            original(self)

    return update


def _make_document(source_path: str = "notset", parser_cls: type | None = None) -> Any:
    parser_cls = parser_cls or myst_base.RSTParser
    if parser_cls not in _default_settings:
        _default_settings[parser_cls] = get_default_settings(parser_cls)
    return new_document(source_path, settings=copy.copy(_default_settings[parser_cls]))


def _install_myst() -> None:
    _originals.setdefault("create_md_parser", myst_sphinx.create_md_parser)
    myst_sphinx.create_md_parser = _create_md_parser
    myst_base.make_document = _make_document


def _install_sphinx() -> None:
    updater = sphinx_i18n._NodeUpdater
    _originals.setdefault("publish_msgstr", sphinx_i18n._publish_msgstr)
    _originals.setdefault("update_leaves", updater.update_leaves)
    reference_updates = {name: _only_with_references(getattr(updater, name)) for name in _REFERENCE_UPDATES}
    sphinx_i18n._publish_msgstr = _publish_msgstr
    updater.update_title_mapping = _update_title_mapping
    updater.update_leaves = _update_leaves
    for name, update in reference_updates.items():
        setattr(updater, name, update)


register(Patch(
    "myst-parser-reuse", "myst-parser", frozenset({"5.2.0"}),
    "myst_parser.parsers.sphinx_.create_md_parser, myst_parser.mdit_to_docutils.base.make_document",
    "a new Markdown parser and default docutils settings for every translated message",
    "MyST caching its parser per configuration and making setup_render's default lazy",
    True, _install_myst, kind="sphinx"))
register(Patch(
    "sphinx-i18n-once", "sphinx", frozenset({"9.0.4"}),
    "sphinx.transforms.i18n._publish_msgstr, _NodeUpdater.update_title_mapping, update_leaves, "
    "the reference updates",
    "each message parsed twice, a quadratic search for renamed titles, five reference passes "
    "per message, parses' own documents pickled",
    "Sphinx parsing a message once per build and indexing refname targets", True, _install_sphinx,
    kind="sphinx"))
