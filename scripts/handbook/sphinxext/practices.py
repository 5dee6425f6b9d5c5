"""Practice cards: the ``{practice}`` directive, field validation and the domain that collects cards.

An author writes one card per page::

    :::{practice}
    :country: Финляндия
    :target-group: Взрослые с интеллектуальными нарушениями
    :service-type: Сервисное жильё
    :funding: Ваучер муниципалитета
    :start: Что нужно сделать, чтобы начать.
    :sources: Источники S77 и S78[^s77][^s78].
    :::

Labels and values become ordinary paragraphs of the page, so they are extracted into the page's
``.po`` file and translated like any other text. The domain keeps each card's *translated*
values (collected after translations apply) and the source-language key of each value, so the
catalogue groups and filters identically in every language.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from handbook import check_ids
from handbook.sphinxext.anchors import slugify

logger = logging.getLogger(__name__)

# Every card must fill these, in this order (the order they are shown in).
FIELDS = ("country", "target-group", "service-type", "funding", "start", "sources")
# The fields a reader browses and filters the catalogue by.
FACETS = ("country", "target-group", "service-type", "funding")

# Source-language labels; the pages' .po files translate them.
DEFAULT_LABELS = {
    "country": "Страна",
    "target-group": "Целевая группа",
    "service-type": "Вид услуги",
    "funding": "Источник финансирования",
    "start": "Что нужно для старта",
    "sources": "Источники",
}

# Sphinx appends "[handbook.practice-field]" to the message; suppress_warnings accepts the same id.
CHECK_ID = "practice-field"


class practice_card(nodes.General, nodes.Element):
    """A card's fields; rendered as its field list, collected by the domain."""


def _translatable(node: nodes.Element, source: str, line: int) -> nodes.Element:
    # Sphinx extracts and translates only text nodes that know where they come from.
    node.source, node.line = source, line
    return node


def labels(config: Any) -> dict[str, str]:
    return {**DEFAULT_LABELS, **(config.handbook_practice_labels or {})}


def missing_field_message(name: str) -> str:
    return (f"practice card has no '{name}' field — add ':{name}: …' to the {{practice}} "
            f"directive (required: {', '.join(FIELDS)})")


class PracticeDirective(SphinxDirective):
    """The structured fields of one practice card."""

    has_content = False
    option_spec = {name: directives.unchanged for name in FIELDS}

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        texts = labels(self.config)
        card = practice_card(classes=["practice-card"])
        card.source, card.line = source, line
        card["keys"] = {}
        field_list = nodes.field_list(classes=["practice-fields"])
        for name in FIELDS:
            value = " ".join((self.options.get(name) or "").split())
            if not value:
                check_ids.log_warning(logger, CHECK_ID, "%s", missing_field_message(name),
                                      location=(self.env.docname, line))
                continue
            card["keys"][name] = slugify(value)
            inline, messages = self.parse_inline(value, lineno=line)
            label = _translatable(nodes.field_name(texts[name], texts[name]), source, line)
            body = _translatable(nodes.paragraph(value, "", *inline), source, line)
            field_list += nodes.field("", label, nodes.field_body("", body, *messages),
                                      classes=[f"practice-{name}"])
        card += field_list
        return [card]


class PracticeDomain(Domain):
    """The cards of the catalogue, by document; parallel reading merges them."""

    name = "practice"
    label = "Practice catalogue"
    initial_data: dict[str, Any] = {"cards": {}, "catalogues": {}}

    @property
    def cards(self) -> dict[str, dict[str, Any]]:
        return self.data["cards"]

    @property
    def catalogues(self) -> dict[str, bool]:
        return self.data["catalogues"]

    def clear_doc(self, docname: str) -> None:
        self.cards.pop(docname, None)
        self.catalogues.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["cards"]:
                self.cards[docname] = otherdata["cards"][docname]
            if docname in otherdata["catalogues"]:
                self.catalogues[docname] = otherdata["catalogues"][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def card_record(doctree: nodes.document, card: practice_card) -> dict[str, Any]:
    """What the catalogue needs from a card, in the language being built."""
    title = doctree.next_node(nodes.title)
    values = {}
    for field in card.findall(nodes.field):
        name = next((c[len("practice-"):] for c in field["classes"] if c.startswith("practice-")), "")
        body = field[1].deepcopy()
        # Footnote numbers belong to the card page, not to the catalogue's summaries.
        for ref in list(body.findall(nodes.footnote_reference)):
            ref.parent.remove(ref)
        values[name] = body.astext().strip()
    return {"title": title.astext() if title else "", "values": values,
            "keys": dict(card["keys"]), "line": card.line}


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    domain: PracticeDomain = app.env.get_domain("practice")  # type: ignore[assignment]
    cards = list(doctree.findall(practice_card))
    if len(cards) > 1:
        check_ids.log_warning(logger, "practice-card", "a page holds more than one {practice} card — give "
                              "each practice a page of its own", location=cards[1])
    if cards:
        domain.cards[docname] = card_record(doctree, cards[0])


def _outdated(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
              removed: Set[str]) -> Iterable[str]:
    """A catalogue page lists the cards: re-read it when a card changes, appears or goes.

    Runs before removed pages are cleared, so ``domain.cards`` still knows the old cards; a new
    page may be a card, which is only known once it has been read.
    """
    domain: PracticeDomain = env.get_domain("practice")  # type: ignore[assignment]
    touched = set(added) | set(changed) | set(removed)
    if touched & (set(domain.cards) | set(added)):
        return [name for name in domain.catalogues if name not in touched]
    return []


def _to_container(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Writers need no node of ours: a card is shown as a plain container of its fields."""
    for card in list(doctree.findall(practice_card)):
        card.replace_self(nodes.container("", *card.children, classes=card["classes"]))


def setup(app: Sphinx) -> None:
    app.add_node(practice_card)
    app.add_directive("practice", PracticeDirective)
    app.add_domain(PracticeDomain)
    app.connect("doctree-read", _collect)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", _to_container)
