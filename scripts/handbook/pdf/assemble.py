"""Prepare resolved doctrees for one print document: unique ids, working cross-chapter links,
footnotes at their reference, sections selected for editions and handouts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes, utils
from markupsafe import escape
from sphinx import addnodes

from handbook import check_ids

# What the PDF builder's get_target_uri() returns for a document: Sphinx appends "#label", and
# rewrite_links() turns the pair into an id of the single print document.
MARK = "handbook-pdf:"


def doc_prefix(docname: str) -> str:
    """``chapters/06-costing`` → ``d-chapters-06-costing``: the id prefix of a document's ids."""
    return "d-" + re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def global_id(docname: str, local_id: str = "") -> str:
    prefix = doc_prefix(docname)
    return f"{prefix}--{local_id}" if local_id else prefix


@dataclass
class Part:
    """One document of the print document, in reading order."""

    docname: str
    tree: nodes.Element
    kind: str = "chapter"  # "front", "chapter" or "annex"
    anchor: str = ""
    body: str = ""  # its HTML, filled by the builder
    review: str = ""  # `make review`: how much of it is translated, filled by the builder

    def __post_init__(self) -> None:
        self.anchor = self.anchor or global_id(self.docname)


@dataclass
class TocEntry:
    level: int
    title: str
    target: str


@dataclass
class Problem:
    """A fault in the sources that stops the PDF; ``node`` gives the file and line."""

    node: nodes.Node | None
    message: str
    check: str  # registered in handbook.check_ids
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_ids.check(self.check)


def prefix_ids(tree: nodes.Element, docname: str) -> None:
    """Make every id unique across documents, so that one HTML document can hold them all."""
    for node in tree.findall(nodes.Element):
        if node.get("ids"):
            node["ids"] = [global_id(docname, i) for i in node["ids"]]
        if node.get("refid"):
            node["refid"] = global_id(docname, node["refid"])
        if node.get("backrefs"):
            node["backrefs"] = [global_id(docname, i) for i in node["backrefs"]]


def rewrite_links(tree: nodes.Element) -> None:
    """Links to other documents (``handbook-pdf:doc#label``) become links inside the PDF."""
    for ref in tree.findall(nodes.reference):
        ref.attributes.pop("rel", None)  # never rel="attachment"
        uri = ref.get("refuri", "")
        if uri.startswith(MARK):
            docname, _, fragment = uri[len(MARK):].partition("#")
            del ref["refuri"]
            ref["refid"] = global_id(docname, fragment)
            ref["internal"] = True


def one_annotation_per_link(tree: nodes.Element) -> None:
    """Leave no element inside a link, so that WeasyPrint writes each link's annotation once.

    WeasyPrint (70) gives every inline box inside ``<a>`` the link too, and writes an annotation
    for each: ``<a><span>term</span></a>`` (every cross-reference Sphinx makes) had two on the same
    rectangle. Plain spans (classes only) are unwrapped; a link around emphasis, bold or code is
    moved inside it, one link per piece of text (``<em><a>…</a></em>``).
    """
    for ref in list(tree.findall(nodes.reference)):
        for inline in list(ref.findall(nodes.inline)):
            if type(inline) is nodes.inline and not inline.get("ids") and inline.parent is not None:
                inline.parent.replace(inline, list(inline.children))
        if all(isinstance(child, nodes.Text) for child in ref.children):
            continue
        inner = list(ref.findall(include_self=False))
        if any(isinstance(n, nodes.image) or not isinstance(n, (nodes.Text, nodes.Inline))
               for n in inner):
            continue  # an image or a block inside the link: left as it is
        pieces = _link_pieces(ref, ref)
        for piece in pieces[1:]:
            for link in piece.findall(nodes.reference):
                link["ids"] = []
        ref.replace_self(pieces)


def _link_pieces(node: nodes.Element, ref: nodes.reference) -> list[nodes.Node]:
    pieces: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.Text):
            link = ref.copy()
            link += nodes.Text(str(child))
            pieces.append(link)
        else:
            wrapper = child.copy()
            wrapper.extend(_link_pieces(child, ref))
            pieces.append(wrapper)
    return pieces


def inline_footnotes(tree: nodes.Element) -> None:
    """Put each footnote's text where it is referenced, for CSS ``float: footnote``.

    A footnote cited twice is printed at each citation, so that it is always on the page of
    its reference. A note whose call follows another call directly gets the class
    ``print-footnote-next``, for the comma the print style sheet sets between the calls. The notes keep the footnote's ids only when a link points at them, and the
    references' ids (the web page's links back from the note) are dropped: each id becomes a
    named destination of the PDF, and WeasyPrint looks each id of a page up in those of all the
    pages before it (the notes and references held more than half of the handbook's ids).
    """
    footnotes = {i: fn for fn in tree.findall(nodes.footnote) for i in fn["ids"]}
    linked = {ref["refid"] for ref in tree.findall(nodes.reference) if ref.get("refid") in footnotes}
    used: set[int] = set()
    for ref in list(tree.findall(nodes.footnote_reference)):
        footnote = footnotes.get(ref.get("refid", ""))
        if footnote is None:
            continue
        note = nodes.inline(classes=["print-footnote"])
        note.source, note.line = footnote.source, footnote.line
        paragraphs = [c for c in footnote.children if not isinstance(c, nodes.label)]
        for n, child in enumerate(paragraphs):
            if n:
                note += nodes.Text(" ")
            if isinstance(child, nodes.TextElement):
                note.extend(c.deepcopy() for c in child.children)  # not copy.deepcopy: it follows .parent
            else:
                note += nodes.Text(child.astext())
        index = ref.parent.index(ref)
        before = ref.parent[index - 1] if index else None
        if isinstance(before, nodes.inline) and "print-footnote" in before["classes"]:
            note["classes"].append("print-footnote-next")  # its call is set «¹⁴⁰, ¹⁴¹», not «140141»
        if id(footnote) not in used and linked.intersection(footnote["ids"]):
            used.add(id(footnote))
            note["ids"] = list(footnote["ids"])
        ref["ids"] = []  # replace_self() would hand them to the note
        ref.replace_self(note)
    for footnote in {id(f): f for f in footnotes.values()}.values():
        footnote.parent.remove(footnote)


def simplify_for_print(tree: nodes.Element, srcdir: Path) -> list[Problem]:
    """Remove what has no place on paper and check images; returns the problems found."""
    problems: list[Problem] = []
    for wrapper in list(tree.findall(nodes.compound)):
        if "toctree-wrapper" in wrapper["classes"]:
            wrapper.parent.remove(wrapper)  # the PDF has its own table of contents
    for download in list(tree.findall(addnodes.download_reference)):
        download.replace_self(nodes.inline("", "", *download.children))
    for raw in list(tree.findall(nodes.raw)):
        problems.append(Problem(raw, "raw HTML cannot be printed and was left out of the PDF — "
                                "write it in Markdown instead", "pdf-raw"))
        raw.parent.remove(raw)
    for image in tree.findall(nodes.image):
        if not image.get("alt", "").strip():
            problems.append(Problem(image, f"image {image.get('uri', '')!r} has no alt text — add a "
                                    "short description: ![what the image shows](file.png)",
                                    "pdf-alt"))
        uri = image.get("uri", "")
        if "://" in uri:
            # The renderer would refuse it anyway; say where it comes from.
            problems.append(Problem(image, f"image {uri!r} is not a file of the project — the PDF "
                                    "reads only files under docs/: save the image there", "pdf-url"))
            image["uri"] = "data:,"
        elif not uri.startswith("data:"):
            path, docs = (srcdir / uri).resolve(), srcdir.resolve()
            if docs not in path.parents:
                # The renderer would refuse it too, but without saying which page asked for it.
                shown = path.relative_to(docs.parent) if docs.parent in path.parents else path
                problems.append(Problem(image, f"image '{shown}' is outside docs/ — the PDF reads only "
                                        "files under docs/: save the image there", "pdf-outside"))
                image["uri"] = "data:,"
            else:
                image["uri"] = path.as_uri()
    return problems


def find_section(tree: nodes.Element, target: str) -> nodes.section | None:
    for section in tree.findall(nodes.section):
        if target in section["ids"]:
            return section
    return None


def detach(node: nodes.Element) -> nodes.Element:
    node.parent.remove(node)
    return node


def new_part_tree(settings: object, title: str, anchor: str, children: Iterable[nodes.Node],
                  source: str = "") -> nodes.document:
    """A document of one section with ``title`` holding ``children`` (moved, not copied)."""
    document = utils.new_document(source or "<pdf>", settings)
    section = nodes.section(ids=[anchor])
    section += nodes.title(title, title)
    section.extend(children)
    document += section
    return document


def existing_ids(parts: Iterable[Part]) -> set[str]:
    found = set()
    for part in parts:
        found.add(part.anchor)
        for node in part.tree.findall(nodes.Element):
            found.update(node.get("ids", ()))
    return found


def unlink_missing(parts: list[Part]) -> None:
    """A link to something this PDF leaves out (a handout, an edition) becomes plain text."""
    ids = existing_ids(parts)
    for part in parts:
        for ref in list(part.tree.findall(nodes.reference)):
            if "refuri" not in ref and ref.get("refid") not in ids:
                ref.replace_self(nodes.inline("", "", *ref.children))


def target_headings(parts: list[Part]) -> None:
    """Point links at headings, not at their sections.

    A section's box can begin at the foot of a page whose heading was moved to the next page
    (break-after: avoid), so a page number taken from the section would be one too low.
    """
    heading_of: dict[str, str] = {}
    for part in parts:
        for section in part.tree.findall(nodes.section):
            if section["ids"] and section.children and isinstance(section[0], nodes.title):
                heading_id = section["ids"][0] + "-h"
                section[0]["ids"] = [heading_id]
                heading_of.update(dict.fromkeys(section["ids"], heading_id))
    for part in parts:
        for ref in part.tree.findall(nodes.reference):
            if ref.get("refid") in heading_of:
                ref["refid"] = heading_of[ref["refid"]]


def toc_entries(parts: Iterable[Part], depth: int) -> list[TocEntry]:
    """Every section down to ``depth`` levels, with the id its TOC line links to."""
    entries = []

    def walk(node: nodes.Element, level: int) -> None:
        for child in node.children:
            if isinstance(child, nodes.section) and child["ids"]:
                if level <= depth:
                    title = child[0].astext() if isinstance(child[0], nodes.title) else ""
                    target = child[0]["ids"][0] if child[0].get("ids") else child["ids"][0]
                    entries.append(TocEntry(level, " ".join(title.split()), target))
                walk(child, level + 1)

    for part in parts:
        walk(part.tree, 1)
    return entries


# -- Cross-references in print (issue 18, point 5) ------------------------------------------------

XREF_CLASS = "print-xref"


def _heading_titles(parts: list[Part]) -> tuple[dict[str, str], dict[str, str]]:
    """The text of every heading by its id, and each part's first heading id by the part's anchor
    (a link to a whole document, {doc}, points at its anchor)."""
    titles: dict[str, str] = {}
    first: dict[str, str] = {}
    for part in parts:
        for section in part.tree.findall(nodes.section):
            if section.children and isinstance(section[0], nodes.title) and section[0].get("ids"):
                text = " ".join(section[0].astext().split())
                titles.update(dict.fromkeys(section[0]["ids"], text))
                first.setdefault(part.anchor, section[0]["ids"][0])
    return titles, first


def _undoubled(before: str, title: str) -> tuple[str, str] | None:
    """(number, name) of a title whose first word the text before the link ends with:
    «в приложении» + «Приложение 1. Контакты» → («1», «Контакты»); None if it does not."""
    words = before.split()
    # «Приложение 1. Контакты», «Глава IV. …», «Annex B. …»: a word, then a number or a letter.
    match = re.match(r"(\w+)\s+(\d+|[IVXLC]+|\w)\.?\s+(\S.*)$", title)
    # Only a word right before the link: «the annexes: Annex 1…» lists the annexes, keeps the titles.
    if not words or not match or not words[-1].isalpha() or before[-1:] not in (" ", "\u00a0"):
        return None
    previous, word = words[-1].casefold(), match.group(1).casefold()
    common = len(next((previous[:n] for n in range(min(len(previous), len(word)), 0, -1)
                       if previous[:n] == word[:n]), ""))
    # A shared stem, whatever the case ending: «приложении»/«Приложение», «главу»/«Глава».
    if common >= 4 and common >= min(len(previous), len(word)) - 2:
        return match.group(2), match.group(3)
    return None


def _page_of(target: str, page_word: str) -> nodes.raw:
    """«, с. 42» after a link, outside it (its own box, so the link's annotation stays one): the
    number is the page the heading is drawn on, from the layout (target-counter in print.css)."""
    return nodes.raw("", f'<span class="print-page" data-target="#{escape(target)}">, '
                         f"{escape(page_word)}\u00a0</span>", format="html")


def page_references(parts: list[Part], quote_open: str, quote_close: str, page_word: str) -> None:
    """Links to a heading read on paper as «см. главу «Расчёт стоимости», с. 42».

    A link whose text is the heading's title gets the language's quotes; when the sentence
    already names the kind of heading («в приложении» before «Приложение 1. Контакты»), the
    repeated word is left out («в приложении 1 «Контакты»»). Every link to a heading is followed
    by its page («, с. 42», ``page_word`` from the labels of the PDF's language).
    """
    titles, first = _heading_titles(parts)
    for part in parts:
        for ref in list(part.tree.findall(nodes.reference)):
            target = ref.get("refid", "")
            target = first.get(target, target)
            if target not in titles:
                continue
            ref["refid"] = target
            ref["classes"].append(XREF_CLASS)
            # A link split around emphasis (one_annotation_per_link) is one piece per wrapper: the
            # page follows the wrapper, and only the last piece of the link.
            wrapped = isinstance(ref.parent, (nodes.emphasis, nodes.strong, nodes.literal))
            outer = ref.parent if wrapped else ref
            after = outer.parent[outer.parent.index(outer) + 1:outer.parent.index(outer) + 2]
            if not any(first.get(r.get("refid", ""), r.get("refid")) == target
                       for node in after if isinstance(node, nodes.Element)
                       for r in node.findall(nodes.reference)):
                outer.parent.insert(outer.parent.index(outer) + 1, _page_of(target, page_word))
            if not all(isinstance(child, nodes.Text) for child in ref.children):
                continue  # emphasis or code inside: the words are the author's, the page is added
            text = " ".join(ref.astext().split())
            if text != titles[target]:
                continue  # the link has words of its own
            index = ref.parent.index(ref)
            before = ref.parent[index - 1] if index else None
            doubled = _undoubled(str(before), text) if isinstance(before, nodes.Text) else None
            if doubled:
                shown = f"{doubled[0]}\u00a0{quote_open}{doubled[1]}{quote_close}"
            elif before is None:
                shown = text  # alone, not in a sentence (a table's cell, a list of links): no quotes
            else:
                shown = f"{quote_open}{text}{quote_close}"
            ref.children = []
            ref += nodes.Text(shown)
