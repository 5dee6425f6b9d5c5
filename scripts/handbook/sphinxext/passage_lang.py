"""Every passage in the language it is written in: untranslated text on a translated page is marked
with the source language (``lang="ru"``), so that screen readers pronounce it right (WCAG 3.1.2)
and the PDF hyphenates it with Russian patterns.

Three layers, because the text comes from three places:

- blocks Sphinx left untranslated (the Locale transform flags each message ``translated``) get
  the class ``language-ru``, which docutils' HTML writer turns into ``lang="ru"`` on the block;
- any other text in the source language's script (a link to an untranslated page, a name a
  translator kept, a page without a catalog) is marked the same way: a whole block when it holds
  no letters of another script, else each run of source-language words in an inline ``<span>``;
- what the templates add around the body (the navigation, the page's contents, the previous and
  next links, the print table of contents) goes through :func:`mark_html`, which wraps such runs in
  ``<span lang="ru">`` where no enclosing element already says ``lang="ru"``.

The script is what tells the languages apart: the source is Russian (Cyrillic) and every
translation is written in Latin letters, so a Cyrillic word on a translated page is Russian.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from handbook.languages import script_letters

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Where text is not prose: code is highlighted from the node's text (the children are not
# written), raw HTML is written as it is, comments and substitution definitions are not shown.
_SKIP = (nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.substitution_definition,
         nodes.math, nodes.Invisible, nodes.meta)
# Elements the HTML writer writes no tag of its own for (a mark on them would be lost).
_TAGLESS = (addnodes.compact_paragraph,)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_OPAQUE = frozenset({"script", "style", "textarea", "title"})  # text that is not shown as text
_TOKEN = re.compile(r"""<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+""",
                    re.DOTALL)
_LANG_ATTR = re.compile(r"""\s(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


class Script:
    """The words of one language's script, and the runs of them in a text."""

    def __init__(self, letters: str) -> None:
        self.letter = re.compile(f"[{letters}]")
        word = rf"\w*[{letters}]\w*(?:[-’']\w+)*"
        # A run: from the first word in the script to the last, through spaces, punctuation and
        # numbers, never through a word of another script (nor an HTML entity such as &amp;).
        # Quotes and brackets right around the run go with it.
        self.run = re.compile(rf"[(«„“]*{word}(?:(?:[^\w&]|\d)+{word})*[)»“”]*")

    def has_words(self, text: str) -> bool:
        return bool(self.letter.search(text))

    def is_only(self, text: str) -> bool:
        """Text in this script and no other letters (digits and punctuation aside)."""
        return self.has_words(text) and not _LATIN.search(text)


def script_of(language: str) -> Script | None:
    """The source language's script; None for a Latin one (its words cannot be told from a
    translation's, so nothing is marked)."""
    letters = script_letters(language)
    return Script(letters) if letters else None


def language_class(language: str) -> str:
    return f"language-{language}"


def _marked_language(node: nodes.Node) -> str | None:
    """The language the nearest enclosing node is marked with (``language-xx`` class), if any."""
    while isinstance(node, nodes.Element):
        for cls in node.get("classes", []):
            if cls.startswith("language-"):
                return cls.removeprefix("language-")
        node = node.parent
    return None


def _skipped(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, _SKIP):
            return True
        node = node.parent
    return False


def mark_doctree(doctree: nodes.Node, source: str, script: Script) -> None:
    """Mark the source-language passages of a translated page's doctree with ``language-<source>``."""
    mark = language_class(source)

    def add(node: nodes.Element) -> None:
        if _marked_language(node) is None:
            node["classes"].append(mark)

    # Blocks Sphinx could not translate (their text is the source's).
    for node in list(doctree.findall(nodes.Element)):
        if node.get("translated") is False and not isinstance(node, (addnodes.toctree, nodes.image)) \
                and not _skipped(node) and script.has_words(node.astext()):
            add(node)
    # Blocks and images all in the source's script (a page without a catalog, a kept name).
    for node in list(doctree.findall(nodes.TextElement)):
        if isinstance(node, _TAGLESS):
            continue
        if not _skipped(node) and _marked_language(node) is None and script.is_only(node.astext()):
            add(node)
    for node in list(doctree.findall(nodes.image)):
        if script.is_only(node.get("alt", "")):
            add(node)
    # Runs of source words inside text of the page's language.
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or _skipped(parent) or _marked_language(parent) is not None \
                or not script.has_words(str(text)):
            continue
        pieces: list[nodes.Node] = []
        value, start = str(text), 0
        for match in script.run.finditer(value):
            if match.start() > start:
                pieces.append(nodes.Text(value[start:match.start()]))
            pieces.append(nodes.inline(match.group(), match.group(), classes=[mark]))
            start = match.end()
        if start < len(value):
            pieces.append(nodes.Text(value[start:]))
        index = parent.index(text)
        parent[index:index + 1] = pieces


def mark_html(html: str, source: str, script: Script) -> str:
    """Wrap each run of source-language words in ``<span lang="<source>">``, unless an enclosing
    element of the fragment already has ``lang="<source>"``."""
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []  # open elements and their lang attribute
    for match in _TOKEN.finditer(html):
        closing, tag = match.group(1), match.group(2)
        token = match.group()
        if tag:
            name = tag.lower()
            if closing:
                for depth in range(len(stack) - 1, -1, -1):  # tolerate a missing end tag
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in _VOID and not match.group(3).rstrip().endswith("/"):
                lang = _LANG_ATTR.search(match.group(3))
                stack.append((name, next(filter(None, lang.groups()), "") if lang else None))
            out.append(token)
            continue
        if token.startswith("<") or not script.has_words(token) \
                or any(name in _OPAQUE for name, _ in stack):
            out.append(token)
            continue
        current = next((lang for _, lang in reversed(stack) if lang is not None), None)
        if current is not None and current.split("-")[0].lower() == source:
            out.append(token)
            continue
        out.append(script.run.sub(lambda m: f'<span lang="{source}">{m.group()}</span>', token))
    return "".join(out)


def page_language(app: Sphinx) -> str:
    return app.config.language or app.config.handbook_source_language


def _translated_page_script(app: Sphinx) -> Script | None:
    source = app.config.handbook_source_language
    if page_language(app) == source:
        return None
    return script_of(source)


def mark_page(app: Sphinx, html: str) -> str:
    """:func:`mark_html` for a page of the language being built (nothing to do in the source language)."""
    script = _translated_page_script(app)
    return html if script is None else mark_html(html, app.config.handbook_source_language, script)


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    script = _translated_page_script(app)
    if script is not None:
        mark_doctree(doctree, app.config.handbook_source_language, script)


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    # The filter page.html applies to everything the theme writes around the body.
    context["handbook_mark_source_language"] = lambda html: mark_page(app, str(html))


def setup(app: Sphinx) -> None:
    # Late: after the extensions that put nodes into the resolved doctree (catalogue, events…).
    app.connect("doctree-resolved", _on_doctree_resolved, priority=900)
    app.connect("html-page-context", _on_page_context)
