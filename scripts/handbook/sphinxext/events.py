"""Events: an ``{event}`` directive on each event page, an ``{event-list}`` (newest first) and
an Atom feed per language (``events/atom.xml``).

An event page is MyST with a title (its heading) and one directive::

    # Семинар в Пскове

    ```{event}
    :place: Псков
    :date: 2020-03-12
    :end: 2020-03-13
    :status: held

    What happened, in a sentence or two (the summary).
    ```

``:date:`` is ISO (``YYYY-MM-DD``), empty while it is not known ("date to be announced");
``:end:`` makes it a period; ``:status:`` is ``planned`` or ``held``. The place and the
summary are paragraphs of the page, so translators get them in the page's .po file.

What is shown follows what is known on the build's date (SOURCE_DATE_EPOCH, else today): a planned
event whose date has passed, or without a date once the project has ended (``handbook_project_end``
in conf.py), is shown with "no record of it taking place", never as planned; only ``held`` (set
where a source says so) says that it took place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from babel import Locale
from babel.dates import format_date, parse_pattern
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from handbook import check_ids
from handbook.sphinxext.site_meta import build_date, page_date

logger = logging.getLogger(__name__)
_ = get_translation("sphinx")
FEED = "events/atom.xml"
STATUSES = ("planned", "held")
UNRECORDED = "unrecorded"  # planned, and its time is over: no source says that it took place
_FULL_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")  # MMM or LLL: the abbreviated month


@dataclass(frozen=True)
class Event:
    docname: str
    title: str
    place: str
    date: dt.date | None
    end: dt.date | None = None
    status: str = "planned"
    summary: str = ""


class event_node(nodes.General, nodes.Element):
    """Where an event page says its date, place and status, followed by its summary."""


class event_list_node(nodes.General, nodes.Element):
    """Replaced by the list of events once every page is read."""


def parse_date(text: str) -> dt.date | None:
    """``"2026-03-12"`` → a date; empty → None (to be announced). Raises ValueError otherwise."""
    text = text.strip()
    return dt.date.fromisoformat(text) if text else None


def newest_first(events: list[Event]) -> list[Event]:
    """Events without a date first (they are still to come), then by date, the latest first."""
    undated = sorted((e for e in events if e.date is None), key=lambda e: e.title)
    dated = sorted((e for e in events if e.date is not None),
                   key=lambda e: (e.date, e.end or e.date, e.title), reverse=True)
    return undated + dated


def shown_status(event: Event, today: dt.date, project_end: dt.date | None) -> str:
    """``held``, ``planned`` (still to come on ``today``) or ``unrecorded`` (its time is over)."""
    if event.status == "held":
        return "held"
    if event.date is not None:
        over = (event.end or event.date) < today
    else:  # no date was ever fixed: over once the project it belonged to has ended
        over = project_end is not None and project_end < today
    return UNRECORDED if over else "planned"


def when(event: Event, lang: str, status: str = "", on_paper: bool = False) -> str:
    """The date or period in ``lang`` ("12–13 March 2020"), "Date to be announced" on the site
    while it is to come, or "" for an event that never had a date and whose time is over. Paper
    cannot be updated once the date is known: there the unknown date is left out."""
    if event.date is None:
        return "" if status == UNRECORDED or on_paper else _("Date to be announced")
    if event.end is None or event.end == event.date:
        return format_date(event.date, format="long", locale=lang)
    return period(event.date, event.end, lang)


def period(start: dt.date, end: dt.date, lang: str) -> str:
    """CLDR's interval pattern for ``lang`` ("1–2 March 2020"), with the month's full name.

    CLDR has interval patterns with abbreviated months only (babel gives "1—2 мар. 2020 г."), so
    we take those and ask for the full name, as the single dates on the page have it."""
    locale = Locale.parse(lang)
    patterns = locale.interval_formats["yMMMd"]
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    return "".join(parse_pattern(_FULL_MONTH.sub(r"\1\1\1\1", pattern)).apply(day, locale)
                   for pattern, day in zip(patterns[field], (start, end)))



def status_label(status: str) -> str:
    # Literal msgids, so that the strings template (handbook-ui-strings.html) lists them.
    if status == UNRECORDED:
        return _("no record of it taking place")
    return _("held") if status == "held" else _("planned")


def describe(event: Event, lang: str, status: str = "", on_paper: bool = False) -> str:
    """One line: date or period · place · status (the shown status, else the page's)."""
    status = status or event.status
    parts = (when(event, lang, status, on_paper), event.place, status_label(status))
    return " · ".join(str(part) for part in parts if str(part))


def project_end(app: Sphinx) -> dt.date | None:
    """conf.py's ``handbook_project_end`` (handbook.config checks it when the build starts), else None."""
    text = app.config.handbook_project_end
    return parse_date(text) if isinstance(text, str) and text.strip() else None


def _status_now(app: Sphinx, event: Event) -> str:
    return shown_status(event, build_date(), project_end(app))


class EventDirective(SphinxDirective):
    has_content = True
    option_spec = {"date": directives.unchanged, "end": directives.unchanged,
                   "place": directives.unchanged, "status": directives.unchanged}

    def _warn(self, what: str, fix: str, check: str) -> None:
        # Sphinx appends "[handbook.event-<check>]" itself.
        check_ids.log_warning(logger, f"event-{check}", "%s — %s", what, fix, location=self.get_location())

    def _date(self, option: str) -> dt.date | None:
        text = self.options.get(option, "") or ""
        try:
            return parse_date(text)
        except ValueError:
            self._warn(f"event :{option}: {text!r} is not a date",
                       "write it as YYYY-MM-DD, or leave :date: empty while the date is not known",
                       "date")
            return None

    def _status(self, date: dt.date | None) -> str:
        status = (self.options.get("status") or "").strip()
        if status not in STATUSES:
            got = f"is {status!r}" if status else "is missing"
            self._warn(f"event :status: {got}",
                       "write `:status: planned` (still to come) or `:status: held` (it took place)",
                       "status")
            return "planned"
        if status == "held" and date is None:
            self._warn("a held event has no :date:", "add `:date: YYYY-MM-DD` (the day it took place)",
                       "status")
        return status

    def run(self) -> list[nodes.Node]:
        node = event_node()
        node["date"] = self._date("date")
        node["end"] = self._date("end")
        if node["end"] is not None and (node["date"] is None or node["end"] < node["date"]):
            self._warn("event :end: is not after its :date:",
                       "give :date: the first day and :end: the last day of the period", "date")
            node["end"] = None
        node["status"] = self._status(node["date"])
        place = (self.options.get("place") or "").strip()
        if not place:
            self._warn("event has no :place:", "add `:place: <city>` to the directive", "place")
        source, line = self.get_source_info()
        # The place is a paragraph of its own, so that it is translated like any other.
        node += nodes.paragraph(place, place, classes=["handbook-event-place"])
        self.state.nested_parse(self.content, self.content_offset, node)
        # Sphinx extracts and translates only paragraphs that know their source: give the
        # place and the summary their line, so translators get them in the page's .po file.
        for para in node.findall(nodes.paragraph):
            para.source = para.source or source
            para.line = para.line or line
            para.rawsource = para.rawsource or para.astext()
        return [node]


class EventListDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        if not hasattr(self.env, "handbook_event_lists"):
            self.env.handbook_event_lists = set()  # type: ignore[attr-defined]
        self.env.handbook_event_lists.add(self.env.docname)  # type: ignore[attr-defined]
        return [event_list_node()]


def _events(env: BuildEnvironment) -> dict[str, Event]:
    if not hasattr(env, "handbook_events"):
        env.handbook_events = {}  # type: ignore[attr-defined]
    return env.handbook_events  # type: ignore[attr-defined]


def _place(node: event_node) -> nodes.paragraph | None:
    for child in node.children:
        if isinstance(child, nodes.paragraph) and "handbook-event-place" in child["classes"]:
            return child
    return None


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    # Translations have been applied by now, so title, place and summary are in the build's language.
    for node in doctree.findall(event_node):
        section = doctree.next_node(nodes.title)
        title = section.astext() if section else app.env.docname
        place = _place(node)
        summary = " ".join(child.astext().strip() for child in node.children
                           if child is not place).strip()
        _events(app.env)[app.env.docname] = Event(
            app.env.docname, title, place.astext().strip() if place else "", node["date"],
            node["end"], node["status"], " ".join(summary.split()))


def _on_get_outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    """On another day an event may be over: its page and the lists are written again."""
    today = build_date()
    if getattr(env, "handbook_events_day", None) == today:
        return []
    env.handbook_events_day = today  # type: ignore[attr-defined]
    return sorted(set(_events(env)) | set(getattr(env, "handbook_event_lists", set())))


def _on_purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _events(env).pop(docname, None)


def _on_merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for name, event in _events(other).items():
        if name in docnames:
            _events(env)[name] = event
    lists = getattr(other, "handbook_event_lists", set()) & docnames
    if lists:
        env.handbook_event_lists = getattr(env, "handbook_event_lists", set()) | lists  # type: ignore[attr-defined]


def _on_paper(app: Sphinx) -> bool:
    return bool(getattr(app.builder, "handbook_print", False))


def _lang(app: Sphinx) -> str:
    return app.config.language or app.config.handbook_source_language


def _event_page(node: event_node, event: Event, lang: str, status: str, on_paper: bool) -> list[nodes.Node]:
    # The place's own paragraph is kept (the gettext builder reads messages from it).
    meta = _place(node) or nodes.paragraph()
    meta["classes"] = ["handbook-event-meta"]
    date = when(event, lang, status, on_paper)
    prefix = [nodes.strong(text=_("Date:") + " "), nodes.Text(date), nodes.Text(" · ")] if date else []
    prefix += [nodes.strong(text=_("Status:") + " "),
               nodes.inline(text=status_label(status), classes=[f"handbook-event-{status}"]),
               nodes.Text(" · "), nodes.strong(text=_("Place:") + " ")]
    for index, child in enumerate(prefix):
        meta.insert(index, child)
    summary = [child for child in node.children if child is not meta]
    return [meta, *summary]


def _event_list(app: Sphinx, docname: str, lang: str) -> list[nodes.Node]:
    events = newest_first(list(_events(app.env).values()))
    result: list[nodes.Node] = []
    if not events:
        result.append(nodes.paragraph(text=_("No events.")))
    else:
        listing = nodes.bullet_list(classes=["handbook-events"])
        for event in events:
            status = _status_now(app, event)
            ref = nodes.reference(text=event.title, internal=True,
                                  refuri=app.builder.get_relative_uri(docname, event.docname))
            item = nodes.list_item("", nodes.paragraph("", "", ref),
                                   classes=[f"handbook-event-{status}"])
            item += nodes.paragraph(text=describe(event, lang, status, _on_paper(app)),
                                    classes=["handbook-event-when"])
            if event.summary:
                item += nodes.paragraph(text=event.summary, classes=["handbook-event-summary"])
            listing += item
        result.append(listing)
    if _on_paper(app):
        return result  # paper cannot subscribe: the feed is the site's (the PDF would link a local file)
    feed = nodes.paragraph()
    feed += nodes.reference(text=_("Subscribe to events (Atom feed)"), refuri=_feed_from(docname))
    result.append(feed)
    return result


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    lang = _lang(app)
    for node in list(doctree.findall(event_node)):
        event = _events(app.env).get(docname) or Event(docname, docname, "", None)
        node.replace_self(_event_page(node, event, lang, _status_now(app, event), _on_paper(app)))
    for node in list(doctree.findall(event_list_node)):
        node.replace_self(_event_list(app, docname, lang))


def _feed_from(docname: str) -> str:
    """The feed's URL relative to ``docname``'s page."""
    return "../" * docname.count("/") + FEED


def atom_feed(events: list[Event], title: str, lang: str, site_url: str,
              changed: dict[str, dt.date], statuses: dict[str, str] | None = None) -> str:
    """An Atom 1.0 document, newest first; ``site_url`` is this language's root URL (absolute
    when known). An entry's ``updated`` is its event's date, else its page's last change
    (``changed``, by docname); the feed's is the latest of those — never the build's time."""
    statuses = statuses or {}
    entries = []
    stamps = []
    for event in newest_first(events):
        link = f"{site_url}{event.docname}.html"
        status = statuses.get(event.docname, event.status)
        day = event.date if event.date is not None and status != "planned" else changed[event.docname]
        stamps.append(day)
        stamp = day.isoformat() + "T00:00:00Z"
        summary = describe(event, lang, status) + (f"\n\n{event.summary}" if event.summary else "")
        entry_id = link if "://" in link else f"tag:handbook,2020:{lang}/{event.docname}"
        entries.append(
            f"  <entry>\n    <title>{escape(event.title)}</title>\n"
            f"    <id>{escape(entry_id)}</id>\n    <link href=\"{escape(link)}\"/>\n"
            f"    <updated>{stamp}</updated>\n"
            f"    <category term=\"{status}\" label=\"{escape(status_label(status))}\"/>\n"
            f"    <summary>{escape(summary)}</summary>\n  </entry>")
    body = "\n".join(entries)
    feed_url = f"{site_url}{FEED}" if "://" in site_url else "atom.xml"
    feed_id = feed_url if "://" in feed_url else f"tag:handbook,2020:{lang}/{FEED}"
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang)}">\n'
            f"  <title>{escape(title)}</title>\n  <id>{escape(feed_id)}</id>\n"
            f'  <link rel="self" href="{escape(feed_url)}"/>\n'
            f'  <link href="{escape(site_url)}events/index.html"/>\n'
            f"  <updated>{max(stamps, default=dt.date(2020, 1, 1)).isoformat()}T00:00:00Z</updated>\n"
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
    changed = {event.docname: source_changed(app, event.docname) for event in events}
    statuses = {event.docname: _status_now(app, event) for event in events}
    target = Path(app.outdir) / FEED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(atom_feed(events, title, lang, site_url, changed, statuses), encoding="utf-8")


def source_changed(app: Sphinx, docname: str) -> dt.date:
    """The last change of an event's page: its source's and translation's git date, else the
    newer of their files' modification times."""
    lang = _lang(app)
    root = Path(app.confdir)
    source = Path(app.env.doc2path(docname))
    files = [source, root / "locales" / lang / "LC_MESSAGES" / f"{docname}.po"]
    names = [f.resolve().relative_to(root.resolve()).as_posix() for f in files]
    mtimes = [os.stat(f).st_mtime for f in files if f.is_file()]
    fallback = dt.datetime.fromtimestamp(max(mtimes), tz=dt.timezone.utc).date() if mtimes else build_date()
    return page_date(getattr(app, "handbook_git_dates", {}), names, fallback)


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
    app.connect("env-get-outdated", _on_get_outdated)
    app.connect("env-merge-info", _on_merge)
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("build-finished", _on_build_finished)
    app.connect("html-page-context", _on_page_context)
