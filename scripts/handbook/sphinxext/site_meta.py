"""Per-page metadata of the published site: last-updated date, description, canonical address, Open
Graph and Twitter tags with the language's preview image, the home page's links."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx

from handbook.languages import native_name
from handbook.sphinxext import social_image

# Open Graph wants a territory; these are the usual ones for our languages.
OG_LOCALES = {"ru": "ru_RU", "en": "en_GB", "fi": "fi_FI", "nb": "nb_NO", "da": "da_DK", "sv": "sv_SE"}
DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class LastUpdated:
    iso: str   # for <time datetime>
    text: str  # in the page's language


def build_date() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


def git_dates(root: Path) -> dict[str, dt.date]:
    """The date of the last commit that touched each file, by path relative to ``root``.

    One ``git log`` for the whole tree rather than one per page; empty when there is no history
    (a tarball, a shallow copy in a test) so that callers fall back to the build date.
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, check=True).stdout.strip()
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "."],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve())
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            path = Path(line)
            try:
                key = path.relative_to(prefix).as_posix() if str(prefix) != "." else path.as_posix()
            except ValueError:
                continue
            dates.setdefault(key, current)  # newest first: keep the first date seen
    return dates


def page_date(dates: dict[str, dt.date], files: list[str], fallback: dt.date) -> dt.date:
    """The newest git date among a page's files (its source and its translation), else ``fallback``."""
    known = [dates[f] for f in files if f in dates]
    return max(known) if known else fallback


def last_updated(date: dt.date, lang: str) -> LastUpdated:
    try:
        text = format_date(date, format="long", locale=lang)
    except (ValueError, LookupError):
        text = date.isoformat()
    return LastUpdated(date.isoformat(), text)


def description(doctree: nodes.document | None) -> str:
    """The first paragraph of the page, shortened at a word, for link previews."""
    if doctree is None:
        return ""
    # Prefer the text of the page itself (a paragraph of a section) to a list item or a note.
    paragraphs = [p for p in doctree.findall(nodes.paragraph) if isinstance(p.parent, nodes.section)]
    for para in paragraphs or list(doctree.findall(nodes.paragraph)):
        text = " ".join(para.astext().split())
        if text:
            if len(text) <= DESCRIPTION_LENGTH:
                return text
            return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"
    return ""


def open_graph(title: str, site_name: str, lang: str, languages: list[str], url: str,
               summary: str, image: str = "") -> list[tuple[str, str]]:
    tags = [("og:title", title), ("og:site_name", site_name), ("og:type", "website"),
            ("og:locale", OG_LOCALES.get(lang, lang))]
    tags += [("og:locale:alternate", OG_LOCALES.get(code, code)) for code in languages if code != lang]
    if summary:
        tags.append(("og:description", summary))
    if url:
        tags.append(("og:url", url))
    if image:
        tags += [("og:image", image), ("og:image:type", "image/png"),
                 ("og:image:width", str(social_image.SIZE[0])), ("og:image:height", str(social_image.SIZE[1])),
                 ("og:image:alt", site_name)]
    return tags


def page_address(base: str, lang: str, pagename: str) -> str:
    """The page's public address, or "" while the site's address is not known."""
    return f"{base}/{lang}/{pagename}.html" if base else ""


def _on_builder_inited(app: Sphinx) -> None:
    app.handbook_git_dates = git_dates(Path(app.confdir))  # type: ignore[attr-defined]


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    config = app.config
    lang = config.language or config.handbook_source_language
    root = Path(app.confdir)
    files = []
    if pagename in app.env.found_docs:
        source = Path(app.env.doc2path(pagename))
        files.append(source.resolve().relative_to(root.resolve()).as_posix()
                     if source.is_absolute() else source.as_posix())
        files.append(f"locales/{lang}/LC_MESSAGES/{pagename}.po")
    dates = getattr(app, "handbook_git_dates", {})
    context["handbook_last_updated"] = last_updated(page_date(dates, files, build_date()), lang)

    base = config.handbook_base_url.rstrip("/")
    url = page_address(base, lang, pagename)
    # The 404 page is shown at other addresses: it has none of its own to name (nor to index).
    if pagename != "404":
        context["pageurl"] = url  # Furo writes it as <link rel="canonical">
    title = context.get("title") or ""
    site_name = context.get("docstitle") or config.project
    page_title = site_name if pagename == config.root_doc else title
    summary = description(doctree)
    # Open Graph wants an absolute image address; without the site's address it stays relative.
    image = f"{base}/{lang}/{social_image.FILE}" if base else context["pathto"](social_image.FILE, 1)
    context["handbook_og"] = open_graph(_plain(page_title), site_name, lang,
                                        list(config.handbook_languages), url if pagename != "404" else "",
                                        summary, image)
    context["handbook_meta"] = [("description", summary)] if summary else []
    context["handbook_meta"].append(("twitter:card", "summary_large_image"))
    context["handbook_first_chapter"] = _first_chapter(app)
    # A server shows the 404 page at any depth; with a known base URL its links still resolve.
    context["handbook_404_base"] = f"{base}/{lang}/" if base and pagename == "404" else ""


def _plain(html_title: str) -> str:
    """Sphinx gives titles as HTML; Open Graph wants text."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_title))


def _first_chapter(app: Sphinx) -> str:
    """The first document in the table of contents of the home page (the reading order)."""
    toctree = app.env.toctree_includes.get(app.config.root_doc, [])
    return toctree[0] if toctree else ""


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html" or getattr(app.builder, "handbook_print", False):
        return
    lang = app.config.language or app.config.handbook_source_language
    title = app.config.handbook_titles.get(lang) or app.config.project
    social_image.write(Path(app.outdir), title, native_name(lang))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("build-finished", _on_build_finished)
    app.connect("html-page-context", _on_page_context)
