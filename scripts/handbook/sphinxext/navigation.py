"""Furo's navigation tree, made once per folder instead of once per page.

For every page, Furo asks Sphinx for the whole table of contents (Sphinx copies and resolves all
of it) and reworks it with BeautifulSoup, so writing the HTML grows with the square of the number
of pages: half of the writing time of the handbook repeated five times. From one page to the next
the tree differs only in its links, which are relative to the page's folder, and in the marks of
the current page. So the tree is made once per folder, for a page that is in no table of contents,
and each page gets a copy with its own marks, set as Sphinx and Furo set them: "current" on the
page's link (whose address becomes "#") and on every list and item around it, the checkbox of
those items checked, and "current-page" on the last item marked.
(tests/test_navigation.py builds pages with and without this and compares them.)
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

# A document name no project has: the page in no table of contents whose tree is the folder's.
_NOBODY = "__handbook_navigation__"
_TAG = re.compile(r"<(/?)(ul|li|a|input)\b([^>]*)>")
_HREF = re.compile(r'\shref="([^"]*)"')


@dataclass
class _Tree:
    """Furo's navigation HTML, with where each link and its enclosing lists and items are."""

    html: str
    links: dict[str, list[tuple[int, list[tuple[str, int]]]]] = field(default_factory=dict)
    checkboxes: dict[int, int] = field(default_factory=dict)  # item's start → its checkbox's start

    @classmethod
    def parse(cls, html: str) -> _Tree:
        tree = cls(html)
        stack: list[tuple[str, int]] = []
        for match in _TAG.finditer(html):
            closing, name, attributes = match.group(1), match.group(2), match.group(3)
            if name in ("ul", "li"):
                if closing:
                    stack.pop()
                else:
                    stack.append((name, match.start()))
            elif name == "a" and not closing:
                href = _HREF.search(attributes)
                if href and "#" not in href.group(1):
                    tree.links.setdefault(href.group(1), []).append((match.start(), list(stack)))
            elif name == "input" and "toctree-checkbox" in attributes and stack and stack[-1][0] == "li":
                tree.checkboxes.setdefault(stack[-1][1], match.start())
        return tree

    def marked(self, href: str) -> str:
        """The tree as the page ``href`` (relative to its folder) has it."""
        found = self.links.get(href)
        if not found:
            return self.html
        edits: dict[int, str] = {}  # start of a tag → what its opening "<name" becomes marked
        items: set[int] = set()
        for link, ancestors in found:
            edits[link] = "a"
            for name, start in ancestors:
                edits[start] = name
                if name == "li":
                    items.add(start)
                    if start in self.checkboxes:
                        edits[self.checkboxes[start]] = "input"
        last_item = max(items) if items else -1
        out, position = [], 0
        for start in sorted(edits):
            end = self.html.index(">", start) + 1
            out.append(self.html[position:start])
            out.append(_mark(self.html[start:end], edits[start], start == last_item))
            position = end
        out.append(self.html[position:])
        return "".join(out)


def _add_class(tag: str, name: str, at: int | None = None) -> str:
    """The opening tag with the class ``name`` inserted at position ``at`` of its classes (last
    when None); a tag without classes (``<ul>``) gets a class attribute."""
    match = re.search(r'\sclass="([^"]*)"', tag)
    if match is None:
        return tag[:-1] + f' class="{name}">'
    classes = match.group(1).split()
    classes.insert(len(classes) if at is None else at, name)
    return tag[:match.start(1)] + " ".join(classes) + tag[match.end(1):]


def _mark(tag: str, name: str, current_page: bool) -> str:
    if name == "a":
        tag = _add_class(tag, "current", at=0)
        return _HREF.sub(' href="#"', tag, count=1)
    if name == "li":
        # Sphinx adds "current" after the level class ("toctree-l1"); Furo's "has-children" and
        # "current-page" come after it.
        tag = _add_class(tag, "current", at=1)
        return _add_class(tag, "current-page") if current_page else tag
    if name == "ul":
        return _add_class(tag, "current")
    # The checkbox: BeautifulSoup writes its attributes in alphabetical order.
    return tag.replace(' class="toctree-checkbox"', ' checked="" class="toctree-checkbox"', 1)


class _Cache:
    def __init__(self) -> None:
        self.builder: StandaloneHTMLBuilder | None = None
        self.trees: dict[str, _Tree] = {}


_cache = _Cache()
_furo_compute: Any = None


def _navigation_tree(context: dict[str, Any]) -> str:
    builder, pagename = _cache.builder, context.get("pagename")
    if builder is None or "toctree" not in context or not isinstance(pagename, str):
        return _furo_compute(context)
    folder = posixpath.dirname(pagename)
    if folder not in _cache.trees:
        from furo.navigation import get_navigation_tree

        html = builder._get_local_toctree(posixpath.join(folder, _NOBODY), collapse=False,
                                          titles_only=True, maxdepth=-1, includehidden=True)
        _cache.trees[folder] = _Tree.parse(get_navigation_tree(html))
    return _cache.trees[folder].marked(posixpath.basename(pagename) + builder.link_suffix)


def _on_builder_inited(app: Sphinx) -> None:
    _cache.builder, _cache.trees = None, {}
    if app.config.html_theme != "furo" or type(app.builder) is not StandaloneHTMLBuilder:
        return
    from handbook import patches

    # Installed in Furo's place by patches/furo.py, only on the Furo versions it was verified on.
    if "furo-navigation-once" in patches.install("sphinx", app.config.handbook_patches,
                                                 only=lambda patch: patch.package == "furo"):
        _cache.builder = app.builder


def _forget(app: Sphinx, env: Any) -> None:
    _cache.trees = {}  # the tables of contents are final once every document is read


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-updated", _forget)
