"""Events: an ``{event}`` directive on each event page, an ``{event-list}`` of upcoming and past
events, and an Atom feed per language (``events/atom.xml``).

An event page is MyST with a title (its heading), a date and a place::

    # Семинар в Пскове

    ```{event}
    :date: 2026-03-12

    Псков
    ```

The place is the directive's text, so translators translate it like any paragraph. The date
is ISO (``YYYY-MM-DD``); without one the event is listed as "date to be announced".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from handbook.sphinxext.site_meta import build_date

logger = logging.getLogger(__name__)
_ = get_translation("sphinx")
FEED = "events/atom.xml"


@dataclass(frozen=True)
class Event:
    docname: str
    title: str
    place: str
    date: dt.date | None


class event_node(nodes.General, nodes.Element):
    """Where an event page says its date and place."""


class event_list_node(nodes.General, nodes.Element):
    """Replaced by the lists of upcoming and past events once every page is read."""


def parse_date(text: str) -> dt.date | None:
    """``"2026-03-12"`` → a date; empty → None (to be announced). Raises ValueError otherwise."""
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


def split_events(events: list[Event], today: dt.date) -> tuple[list[Event], list[Event]]:
    """Upcoming (soonest first, then those without a date) and past (latest first)."""
    upcoming = sorted((e for e in events if e.date is None or e.date >= today),
                      key=lambda e: (e.date is None, e.date or today, e.title))
    past = sorted((e for e in events if e.date is not None and e.date < today),
                  key=lambda e: (e.date, e.title), reverse=True)
    return upcoming, past


def when(event: Event, lang: str) -> str:
    if event.date is None:
        return _("Date to be announced")
    return format_date(event.date, format="long", locale=lang)


class EventDirective(SphinxDirective):
    has_content = True
    option_spec = {"date": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        node = event_node()
        text = self.options.get("date", "") or ""
        try:
            node["date"] = parse_date(text)
        except ValueError:
            logger.warning("event date %r is not a date — write it as YYYY-MM-DD, or leave it "
                           "empty while the date is not known [events.date]", text,
                           location=self.get_location(), type="events", subtype="date")
            node["date"] = None
        self.state.nested_parse(self.content, self.content_offset, node)
        # Sphinx extracts and translates only paragraphs that know their source: give the
        # place its line, so translators get it in the page's .po file.
        source, line = self.get_source_info()
        for para in node.findall(nodes.paragraph):
            para.source = para.source or source
            para.line = para.line or line
            para.rawsource = para.rawsource or para.astext()
        return [node]


class EventListDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [event_list_node()]


def _events(env: BuildEnvironment) -> dict[str, Event]:
    if not hasattr(env, "handbook_events"):
        env.handbook_events = {}  # type: ignore[attr-defined]
    return env.handbook_events  # type: ignore[attr-defined]


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    # Translations have been applied by now, so title and place are in the build's language.
    for node in doctree.findall(event_node):
        section = doctree.next_node(nodes.title)
        title = section.astext() if section else app.env.docname
        _events(app.env)[app.env.docname] = Event(app.env.docname, title, node.astext().strip(),
                                                  node["date"])


def _on_purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _events(env).pop(docname, None)


def _on_merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for name, event in _events(other).items():
        if name in docnames:
            _events(env)[name] = event


def _lang(app: Sphinx) -> str:
    return app.config.language or app.config.handbook_source_language


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    lang = _lang(app)
    for node in list(doctree.findall(event_node)):
        event = _events(app.env).get(docname)
        # The place's own paragraph is kept (the gettext builder reads messages from it).
        place = node.next_node(nodes.paragraph)
        if place is None:
            place = nodes.paragraph()
        place["classes"].append("handbook-event-meta")
        prefix = [nodes.strong(text=_("Date:") + " "),
                  nodes.Text(when(event, lang) if event else _("Date to be announced")),
                  nodes.Text(" · "), nodes.strong(text=_("Place:") + " ")]
        for index, child in enumerate(prefix):
            place.insert(index, child)
        node.replace_self(place)
    for node in list(doctree.findall(event_list_node)):
        upcoming, past = split_events(list(_events(app.env).values()), build_date())
        result: list[nodes.Node] = []
        for heading, items in ((_("Upcoming events"), upcoming), (_("Past events"), past)):
            section = nodes.rubric(text=heading, classes=["handbook-events-heading"])
            result.append(section)
            if not items:
                result.append(nodes.paragraph(text=_("No events.")))
                continue
            listing = nodes.bullet_list(classes=["handbook-events"])
            for event in items:
                ref = nodes.reference(text=event.title, internal=True,
                                      refuri=app.builder.get_relative_uri(docname, event.docname))
                para = nodes.paragraph()
                para += ref
                para += nodes.Text(" ")
                para += nodes.inline(text=f"{when(event, lang)} · {event.place}",
                                     classes=["handbook-event-when"])
                listing += nodes.list_item("", para)
            result.append(listing)
        feed = nodes.paragraph()
        feed += nodes.reference(text=_("Subscribe to events (Atom feed)"), refuri=_feed_from(docname))
        result.append(feed)
        node.replace_self(result)


def _feed_from(docname: str) -> str:
    """The feed's URL relative to ``docname``'s page."""
    return "../" * docname.count("/") + FEED


def atom_feed(events: list[Event], title: str, lang: str, site_url: str, updated: dt.date) -> str:
    """An Atom 1.0 document; ``site_url`` is this language's root URL (absolute when known)."""
    entries = []
    for event in sorted(events, key=lambda e: (e.date is None, e.date or updated), reverse=True):
        link = f"{site_url}{event.docname}.html"
        stamp = (event.date or updated).isoformat() + "T00:00:00Z"
        summary = f"{when(event, lang)} · {event.place}"
        entry_id = link if "://" in link else f"tag:handbook,2020:{lang}/{event.docname}"
        entries.append(
            f"  <entry>\n    <title>{escape(event.title)}</title>\n"
            f"    <id>{escape(entry_id)}</id>\n    <link href=\"{escape(link)}\"/>\n"
            f"    <updated>{stamp}</updated>\n    <summary>{escape(summary)}</summary>\n  </entry>")
    body = "\n".join(entries)
    feed_url = f"{site_url}{FEED}" if "://" in site_url else "atom.xml"
    feed_id = feed_url if "://" in feed_url else f"tag:handbook,2020:{lang}/{FEED}"
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang)}">\n'
            f"  <title>{escape(title)}</title>\n  <id>{escape(feed_id)}</id>\n"
            f'  <link rel="self" href="{escape(feed_url)}"/>\n'
            f'  <link href="{escape(site_url)}events/index.html"/>\n'
            f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
            f"  <author><name>{escape(title)}</name></author>\n{body}\n</feed>\n")


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    events = list(_events(app.env).values())
    if not events:
        return
    lang = _lang(app)
    base = app.config.handbook_base_url.rstrip("/")
    # Without a base URL the links are relative to the feed itself, in events/.
    site_url = f"{base}/{lang}/" if base else "../"
    title = f"{app.config.project} — {_('Events')}"
    target = Path(app.outdir) / FEED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(atom_feed(events, title, lang, site_url, build_date()), encoding="utf-8")


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    has_events = bool(_events(app.env))
    context["handbook_feed_href"] = _feed_from(pagename) if has_events else ""


def setup(app: Sphinx) -> None:
    app.add_node(event_node)
    app.add_node(event_list_node)
    app.add_directive("event", EventDirective)
    app.add_directive("event-list", EventListDirective)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-purge-doc", _on_purge)
    app.connect("env-merge-info", _on_merge)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("build-finished", _on_build_finished)
    app.connect("html-page-context", _on_page_context)
