"""Make translated builds nearly as fast as the source language's.

Sphinx parses every translated message as a small MyST document. MyST then builds a new
Markdown parser and renderer for each message (about 6 ms) and, because of an eagerly
evaluated default argument in ``DocutilsRenderer.setup_render``, a throw-away docutils
document with freshly computed default settings (about 10 ms). With two thousand messages
that was 3.5 times the source language's read time. While Sphinx applies translations, we
reuse one parser per configuration and compute the default settings once. Messages are
parsed one after another, never nested, so sharing the parser there is safe; every other
parse is left exactly as MyST does it. Messages of plain words and punctuation, which MyST
would turn into one paragraph of text anyway, are not parsed at all.

Sphinx also parses each translated message twice: its first pass looks for renamed section titles
and glossary terms and throws the parse away for every other message, and its second pass parses
the same text again to apply it. The first parse is kept for the second, unless the first pass
has moved its children into the document (then the second pass gets a parse of its own).
"""

from __future__ import annotations

import contextvars
import copy
import re
from typing import Any

import myst_parser.mdit_to_docutils.base as myst_base
import myst_parser.parsers.sphinx_ as myst_sphinx
import sphinx.transforms.i18n as sphinx_i18n
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx.util import get_filetype

_in_translation = contextvars.ContextVar("handbook_in_translation", default=False)
_parsers: list[tuple[Any, Any, Any]] = []  # (config, renderer class, MarkdownIt), most recent last
_MAX_PARSERS = 4
_default_settings: dict[type, Any] = {}
_parsed: dict[Any, Any] = {}  # (message, line) → its parse, for Sphinx's second pass; "document" → path

_original_create_md_parser = myst_sphinx.create_md_parser
_original_publish_msgstr = sphinx_i18n._publish_msgstr


def _create_md_parser(config: Any, renderer: Any) -> Any:
    if not _in_translation.get():
        return _original_create_md_parser(config, renderer)
    for cached_config, cached_renderer, parser in _parsers:
        if cached_config is config and cached_renderer is renderer:
            return parser
    parser = _original_create_md_parser(config, renderer)
    _parsers.append((config, renderer, parser))
    del _parsers[:-_MAX_PARSERS]
    return parser


# Letters, digits, single spaces and punctuation that means nothing to Markdown or MyST
# (no "_", "*", "[", "`", "<", "&", "{", "#", "=" …; a hyphen only alone, as in "ребёнок-инвалид"),
# not starting like a list or a field, and on one line: MyST makes exactly
# ``paragraph(Text(message))`` of such a message.
_PLAIN = re.compile(r"(?:[^\W_]|[,.;:?!'\"«»—–()%№/…§]|(?<!-)-(?!-)|(?<! ) (?! ))+")
_LIST_START = re.compile(r"\d+[.)]|[:(-]")
# MyST extensions that change plain text (typographic replacements, quotes, bare links).
_TEXT_CHANGING = {"replacements", "smartquotes", "linkify"}


def is_plain(message: str) -> bool:
    return (_PLAIN.fullmatch(message) is not None and not _LIST_START.match(message)
            and not message.startswith(" ") and not message.endswith(" "))


def _untouched(patch: Any) -> bool:
    """Still as parsed: Sphinx applies a parse by moving its children into the document."""
    return all(child.parent is patch for child in patch.children)


def _publish_msgstr(source: str, source_path: str, source_line: int, *, config: Any,
                    **kwargs: Any) -> Any:
    if (is_plain(source) and get_filetype(config.source_suffix, source_path) == "markdown"
            and not _TEXT_CHANGING.intersection(getattr(config, "myst_enable_extensions", ()))):
        return nodes.paragraph(source, source)
    if _parsed.get("document") != source_path:  # keep the parses of one document at a time
        _parsed.clear()
        _parsed["document"] = source_path
    key = (source, source_line)
    earlier = _parsed.pop(key, None)  # handed out twice at most: to each of Sphinx's passes
    if earlier is not None and _untouched(earlier):
        return earlier
    token = _in_translation.set(True)
    try:
        patch = _original_publish_msgstr(source, source_path, source_line, config=config, **kwargs)
    finally:
        _in_translation.reset(token)
    _parsed[key] = patch
    return patch


def _make_document(source_path: str = "notset", parser_cls: type = myst_base.RSTParser) -> Any:
    if parser_cls not in _default_settings:
        _default_settings[parser_cls] = get_default_settings(parser_cls)
    return new_document(source_path, settings=copy.copy(_default_settings[parser_cls]))


def install() -> None:
    """Apply the speed-ups (idempotent)."""
    myst_sphinx.create_md_parser = _create_md_parser
    sphinx_i18n._publish_msgstr = _publish_msgstr
    myst_base.make_document = _make_document
