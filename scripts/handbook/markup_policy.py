"""What an author's HTML and SVG may contain: one allow-list for the website and the PDFs alike.

Each function returns the reasons a piece of markup is refused (an empty list: it is allowed), so
that the build can say exactly what is wrong at the source's line. Refusing, rather than cleaning,
keeps the author in charge: nothing of theirs is silently changed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

# Elements that format text or structure it; nothing that runs, loads, embeds or submits.
ALLOWED_TAGS = frozenset("""
a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em
figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong
sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())
ALLOWED_ATTRIBUTES = frozenset("""
alt cite class colspan datetime dir headers height href id lang open reversed role rowspan scope
span src start style title type width
""".split())
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Browsers ignore these inside a URL's scheme ("java\tscript:"), so they are taken out before looking.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")
_CSS_FETCH = re.compile(r"url\s*\(|@import|expression\s*\(|image-set\s*\(|\\", re.IGNORECASE)


def url_problem(url: str, *, image: bool = False) -> str | None:
    """Why ``url`` may not appear in a page (None: it may). Relative addresses and fragments are fine;
    ``data:`` only for raster images; ``javascript:``, ``file:`` and every other scheme never."""
    plain = _IGNORED_IN_URLS.sub("", url)
    if image and _IMAGE_DATA.match(plain):
        return None
    scheme = _SCHEME.match(plain)
    if scheme is None:
        if not plain.startswith("//"):
            return None  # a path in the project, or a #fragment
        return f"{url!r} is an {'image' if image else 'address'} on another site"
    if f"{scheme.group(1).lower()}:" in _SAFE_SCHEMES:
        if image:
            return f"{url!r} is an image on another site (the site and the PDFs must work offline)"
        return None
    return f"{url!r} uses the {scheme.group(1).lower()}: scheme"


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def _refuse(self, reason: str) -> None:
        if reason not in self.problems:
            self.problems.append(reason)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._refuse(f"the element <{tag}> is not allowed")
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._refuse(f"the event attribute {name}= is not allowed")
            elif name.startswith("aria-"):
                continue
            elif name not in ALLOWED_ATTRIBUTES:
                self._refuse(f"the attribute {name}= of <{tag}> is not allowed")
            elif name in _URL_ATTRIBUTES and (why := url_problem(value, image=(tag == "img"))):
                self._refuse(f"{name}= of <{tag}>: {why}")
            elif name == "style" and _CSS_FETCH.search(value):
                self._refuse(f"the style of <{tag}> loads something (url(), @import) or escapes characters")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        # A "<" that starts no tag (or a tag left unfinished) would join whatever the page puts
        # after this HTML into a tag of the browser's making.
        if "<" in data:
            self._refuse("a '<' that does not start a complete tag (write &lt; for the character)")

    def handle_decl(self, decl: str) -> None:
        self._refuse("a <!…> declaration is not allowed")

    def handle_pi(self, data: str) -> None:
        self._refuse("a <?…> processing instruction is not allowed")

    def unknown_decl(self, data: str) -> None:
        self._refuse("a <![…]> section is not allowed")


def html_problems(html: str) -> list[str]:
    """Why a piece of raw HTML may not reach a page (empty: it may)."""
    checker = _Checker()
    checker.feed(html)
    checker.close()  # what is left unparsed is handed to handle_data
    return checker.problems


# -- SVG ------------------------------------------------------------------------------------

_SVG_FORBIDDEN = frozenset({"script", "foreignObject", "iframe", "object", "embed", "handler",
                            "listener", "animate", "set", "animateTransform", "animateMotion"})
_HREF = re.compile(r"^(\{[^}]*\})?href$")


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG file may not be shown or printed: scripts, event attributes, animation (it can
    change links), and references to anything outside the file itself."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return ["the SVG has a <!DOCTYPE> or <!ENTITY> declaration (entities can read files or expand "
                "without end)"]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return [f"the SVG is not well-formed XML ({exc})"]
    problems: list[str] = []

    def refuse(reason: str) -> None:
        if reason not in problems:
            problems.append(reason)

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction: ElementTree drops those by default
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in _SVG_FORBIDDEN:
            refuse(f"the element <{tag}> is not allowed in an SVG figure")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                refuse(f"the event attribute {local}= is not allowed in an SVG figure")
            elif _HREF.match(name) and not value.strip().startswith("#"):
                refuse(f"<{tag}> refers to {value.strip()!r}: an SVG figure may refer only to its own "
                       "parts (#id)")
            elif _CSS_FETCH.search(re.sub(r"url\(\s*['\"]?#", "", value)):
                refuse(f"the {local}= of <{tag}> loads something from outside the SVG")
        if tag == "style" and _CSS_FETCH.search(re.sub(r"url\(\s*['\"]?#", "", element.text or "")):
            refuse("a <style> of the SVG loads something from outside it (url(), @import)")
    return problems
