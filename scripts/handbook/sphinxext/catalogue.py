"""The practice catalogue page: every card as a plain list grouped by field, a print table and a filter.

The author writes ``{practice-catalogue}`` on the catalogue page. While reading, the directive
leaves a placeholder holding the interface texts as paragraphs (so they are translated through
the page's ``.po`` file); when the page is written, the placeholder becomes:

- a list of every practice, whose items carry one class per field value (for the filter);
- a filter form (HTML only, ``hidden`` until the script shows it: progressive enhancement)
  whose counts follow the chosen filters, with a live region that announces how many practices
  are shown, or that none is, next to a button that clears the filters;
- one section per field with the practices grouped by value (works without JavaScript);
- a table of all practices, shown in print only.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.sphinxext.practices import FACETS, PracticeDomain, labels

# Interface texts in the source language; translated through the catalogue page's .po file.
UI_TEXTS = {
    "all": "Все практики",
    "browse": "Обзор по полям",
    "filter": "Отбор практик",
    "reset": "Показать все",
    "status": "Показано практик: {shown} из {total}",
    "practice": "Практика",
    "empty": "В каталоге пока нет ни одной карточки.",
}
# Field labels the catalogue shows, stored under these keys next to UI_TEXTS.
LABEL_PREFIX = "label-"
PRINT_COLUMNS = (*FACETS, "start")


class practice_catalogue(nodes.General, nodes.Element):
    """Placeholder replaced by the generated catalogue when the page is written."""


class CatalogueDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        placeholder = practice_catalogue()
        placeholder.source, placeholder.line = source, line
        texts = {**UI_TEXTS, **{LABEL_PREFIX + k: v for k, v in labels(self.config).items()}}
        for key, text in texts.items():
            para = nodes.paragraph(text, text, ui=key)
            para.source, para.line = source, line
            placeholder += para
        domain: PracticeDomain = self.env.get_domain("practice")  # type: ignore[assignment]
        domain.catalogues[self.env.docname] = True
        return [placeholder]


def group_cards(cards: dict[str, dict[str, Any]], field: str) -> list[tuple[str, str, list[str]]]:
    """``[(key, shown value, [docname, …]), …]`` for one field, sorted by the shown value."""
    groups: dict[str, list[str]] = defaultdict(list)
    shown: dict[str, str] = {}
    for docname in sorted(cards, key=lambda d: cards[d]["title"].casefold()):
        card = cards[docname]
        key = card["keys"].get(field)
        if key is None:
            continue
        groups[key].append(docname)
        shown.setdefault(key, card["values"].get(field, key))
    return sorted(((k, shown[k], docs) for k, docs in groups.items()),
                  key=lambda group: group[1].casefold())


def facet_class(field: str, key: str) -> str:
    return f"practice-{field}-{key}"


def filter_form_html(cards: dict[str, dict[str, Any]], texts: dict[str, str]) -> str:
    """The filter form: one fieldset of checkboxes per field; every text is escaped."""
    e = html.escape
    # A disclosure, so that on a phone the list is not pushed down by every checkbox;
    # the script closes it on narrow screens.
    parts = [f'<form class="practice-filter" hidden aria-label="{e(texts["filter"])}">'
             f'<details class="practice-filter-details" open><summary>{e(texts["filter"])}</summary>'
             '<div class="practice-filter-fields">']
    for field in FACETS:
        parts.append(f'<fieldset class="practice-filter-{e(field)}">'
                     f'<legend>{e(texts[LABEL_PREFIX + field])}</legend>')
        for key, value, docs in group_cards(cards, field):
            box_id = e(f"pf-{field}-{key}")
            # The count is the script's to update: how many cards the value would show, given
            # the values chosen in the other fields.
            parts.append(f'<div class="practice-filter-option"><input type="checkbox" id="{box_id}" '
                         f'name="{e(field)}" value="{e(key)}"> <label for="{box_id}">{e(value)} '
                         f'<span class="practice-filter-count">({len(docs)})</span></label></div>')
        parts.append("</fieldset>")
    parts.append(f'<button type="reset">{e(texts["reset"])}</button></div></details>')
    # Below the checkboxes and kept in view while they are (sticky): how many practices are
    # shown, and when none is, a button that clears every filter (its text comes from the
    # JavaScript catalog, javascript.po, as the script adds it).
    parts.append('<div class="practice-filter-result">'
                 f'<p class="practice-filter-status" role="status" aria-live="polite" hidden '
                 f'data-template="{e(texts["status"])}"></p></div></form>')
    return "".join(parts)


def _section(title: str, anchor: str, *children: nodes.Node) -> nodes.section:
    section = nodes.section(ids=[anchor])
    section += nodes.title(title, title)
    section.extend(children)
    return section


class _Renderer:
    def __init__(self, app: Sphinx, docname: str, cards: dict[str, dict[str, Any]],
                 texts: dict[str, str]) -> None:
        self.app, self.docname, self.cards, self.texts = app, docname, cards, texts

    def link(self, target: str) -> nodes.paragraph:
        uri = self.app.builder.get_relative_uri(self.docname, target)
        title = self.cards[target]["title"]
        return nodes.paragraph("", "", nodes.reference(title, title, internal=True, refuri=uri))

    def all_list(self) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["practice-list"])
        for docname in sorted(self.cards, key=lambda d: self.cards[d]["title"].casefold()):
            card = self.cards[docname]
            classes = [facet_class(f, card["keys"][f]) for f in FACETS if f in card["keys"]]
            summary = " · ".join(card["values"][f] for f in FACETS if f in card["values"])
            items += nodes.list_item("", self.link(docname),
                                     nodes.paragraph(summary, summary, classes=["practice-summary"]),
                                     classes=["practice-item", *classes])
        return items

    def browse(self) -> nodes.section:
        section = _section(self.texts["browse"], "practice-browse")
        for field in FACETS:
            values = nodes.bullet_list(classes=["practice-group"])
            for key, value, docs in group_cards(self.cards, field):
                links = nodes.bullet_list()
                for docname in docs:
                    links += nodes.list_item("", self.link(docname))
                heading = f"{value} ({len(docs)})"
                values += nodes.list_item("", nodes.paragraph(heading, heading), links)
            section += _section(self.texts[LABEL_PREFIX + field], f"practice-by-{field}", values)
        return section

    def table(self) -> nodes.container:
        columns = ["practice", *PRINT_COLUMNS]
        table = nodes.table(classes=["practice-table"])
        group = nodes.tgroup(cols=len(columns))
        table += group
        group.extend(nodes.colspec(colwidth=w) for w in (3, 2, 3, 3, 3, 5))
        header = nodes.row()
        for column in columns:
            text = self.texts.get(column) or self.texts[LABEL_PREFIX + column]
            header += nodes.entry("", nodes.paragraph(text, text))
        group += nodes.thead("", header)
        body = nodes.tbody()
        for docname in sorted(self.cards, key=lambda d: self.cards[d]["title"].casefold()):
            row = nodes.row()
            row += nodes.entry("", self.link(docname))
            for column in PRINT_COLUMNS:
                text = self.cards[docname]["values"].get(column, "")
                row += nodes.entry("", nodes.paragraph(text, text))
            body += row
        group += body
        return nodes.container("", table, classes=["practice-print"])

    def render(self, printing: bool = False) -> list[nodes.Node]:
        if not self.cards:
            return [nodes.paragraph(self.texts["empty"], self.texts["empty"])]
        if printing:  # on paper: the table only (no filter form, no lists that repeat it)
            return [_section(self.texts["all"], "practice-all", self.table())]
        form = nodes.raw("", filter_form_html(self.cards, self.texts), format="html")
        listing = nodes.container("", form, self.all_list(), classes=["practice-screen"])
        return [_section(self.texts["all"], "practice-all", listing, self.table()), self.browse()]


def _render(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(practice_catalogue))
    if not placeholders:
        return
    if app.builder.name == "gettext":
        # The message catalog needs the interface texts as they are in the source.
        return
    domain: PracticeDomain = app.env.get_domain("practice")  # type: ignore[assignment]
    for placeholder in placeholders:
        texts = {p["ui"]: p.astext() for p in placeholder.findall(nodes.paragraph) if "ui" in p}
        printing = getattr(app.builder, "handbook_print", False)
        placeholder.replace_self(_Renderer(app, docname, domain.cards, texts).render(printing))


def _add_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: nodes.document | None) -> None:
    domain: PracticeDomain = app.env.get_domain("practice")  # type: ignore[assignment]
    if pagename in domain.catalogues:
        app.add_js_file("practice-filter.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_node(practice_catalogue)
    app.add_directive("practice-catalogue", CatalogueDirective)
    app.connect("doctree-resolved", _render)
    app.connect("html-page-context", _add_script)

