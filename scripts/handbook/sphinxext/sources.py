"""Sources cited briefly and listed once: the role {source}`S14` (or {source}`S14, ст. 30, ч. 8`)
prints the source's short form (or its publisher and number, «Милосердие.ру [3]») linked to its
entry, and the directive ``{sources}`` prints the list (acts, then literature), both from the one
data file (handbook_sources_file, see sources_data).

Problems of the data file are reported by the page holding the list, a citation of an id the file
lacks by the page citing it; `make check` reports the same and, besides, the sources cited nowhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from handbook import check_ids
from handbook.sources_data import KINDS, CITATION, Source, Sources, load

logger = logging.getLogger(__name__)


def anchor(ident: str) -> str:
    return "source-" + nodes.make_id(ident)


def _sources(env: Any) -> Sources:
    """The data file, read once per build (and again when it changed)."""
    path = Path(env.app.confdir) / env.config.handbook_sources_file
    mtime = path.stat().st_mtime_ns if path.exists() else None
    cached = getattr(env.app, "_handbook_sources", None)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load(path, str(path)))  # the build prints paths relative to the root
        env.app._handbook_sources = cached
    if mtime is not None:
        env.note_dependency(str(path))  # the page is read again when the file changes
    return cached[1]


class SourceRole(SphinxRole):
    """{source}`S14` → «Пост. Правительства РФ от 01.12.2014 № 1285» (or «Милосердие.ру [3]»), linked."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = CITATION.match(f"{{source}}`{self.text}`")
        ident = match.group(1) if match else self.text.strip()
        rest = (match.group(2) or "").strip() if match else ""
        source = _sources(self.env).by_id().get(ident)
        if source is None:
            check_ids.log_warning(logger, "source-unknown", "the source %s is not in %s — add it there, or "
                                  "correct the id", ident, self.config.handbook_sources_file,
                                  location=self.get_location())
            return [nodes.inline(self.rawtext, ident)], []
        text = source.cite + (f", {rest}" if rest else "")
        ref = addnodes.pending_xref(self.rawtext, refdomain="std", reftype="ref", reftarget=anchor(ident),
                                    refexplicit=True, refwarn=True)
        ref += nodes.inline(text, text, classes=["handbook-source"])
        return [ref], []


def _entry(source: Source) -> nodes.paragraph:
    # The number is text, not a list counter: the print renderer restarts an <ol start=…> at 1, and
    # the literature's numbers continue the acts' (a note «Милосердие.ру [3]» must find entry 3).
    para = nodes.paragraph(ids=[anchor(source.id)], names=[anchor(source.id)], classes=["handbook-source"])
    para += nodes.inline("", f"{source.number}. ", classes=["handbook-source-number"])
    number = f"№ {source.act_number}" if source.act_number else ""
    for part in (source.title, ", ".join(p for p in (source.issuer, source.date, number) if p)):
        if part:
            para += nodes.Text(f"{part} " if part.endswith(".") else f"{part}. ")
    if source.address:
        para += nodes.reference(source.address, source.address, refuri=source.address)
    return para


class SourcesDirective(SphinxDirective):
    """The list of sources: every entry of the data file (``:kind: act`` or ``literature``: only those)."""

    option_spec = {"kind": lambda arg: directives.choice(arg, KINDS)}

    def run(self) -> list[nodes.Node]:
        sources = _sources(self.env)
        for problem in sources.problems:
            where = f"{sources.path}:{problem.line}" if problem.line else str(sources.path)
            check_ids.log_warning(logger, problem.check, "%s", problem.message, location=where)
        kind = self.options.get("kind")
        chosen = [s for s in sources.ordered() if kind is None or s.kind == kind]
        if not chosen:
            return []
        listing = nodes.container(classes=["handbook-sources"])
        for source in chosen:
            entry = _entry(source)
            listing += entry
            self.state.document.note_explicit_target(entry)  # a label the role's links resolve to
        return [listing]


def setup(app: Sphinx) -> None:
    app.add_role("source", SourceRole())
    app.add_directive("sources", SourcesDirective)
