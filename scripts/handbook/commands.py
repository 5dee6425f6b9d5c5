"""What each command does; cli.py parses arguments and maps errors to exit codes."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from handbook import atomic, build, site_404, site_index, sitemap
from handbook.build_report import Reporter
from handbook.command_args import UsageError, parse_languages, settings_for, translation_languages
from handbook.paths import Layout
from handbook.settings import Settings

if TYPE_CHECKING:
    from handbook.po.checks import Problem


def _say(line: str) -> None:
    print(line, flush=True)


def html(langs: str, layout: Layout | None = None, base_url: str = "") -> int:
    layout = layout or Layout()
    settings = settings_for(layout, base_url)
    languages = parse_languages(langs, settings)
    jobs = build.plan(layout, languages, "html", lambda lang: layout.site / lang)
    from handbook.sphinxext.site_meta import build_date

    from handbook.publication import published as published_languages

    # A language below its publication threshold is built for review only: no switcher, no site
    # index leads to it (its share comes from every catalog, which are all inputs of the HTML build).
    published = published_languages(settings, layout.locales)
    for job in jobs:
        # Every page carries the address, and the events say what is over on the build's date:
        # a build for another address or another day is not up to date.
        job.overrides = {"handbook_base_url": settings.base_url, "handbook_published_languages": published}
        job.content_key += f"|{settings.base_url}|{build_date().isoformat()}|{','.join(published)}"
    _say(f"HTML: {', '.join(languages)}")
    if not settings.base_url:
        _say("  addresses are relative (sitemap, hreflang, canonical, og:url, feeds, 404 page): for absolute "
             "ones set handbook_base_url in conf.py or run make html BASE_URL=https://…")
    for code in languages:
        if code not in published:
            _say(f"  {code}: below its publication threshold (handbook_publish_threshold in conf.py): built "
                 "for review only, not linked from the other languages or the site index")
    results = build.run(layout, jobs, Reporter(layout))
    if site_index.write(settings, layout.site, published):
        _say(f"  site index: {layout.rel(layout.site / 'index.html')}")
    # The root 404 page and the sitemap lead to the published languages only.
    public = dataclasses.replace(settings, languages=published)
    if site_404.write(public, layout.site, layout.locales):
        _say(f"  page for missing addresses: {layout.rel(layout.site / '404.html')}")
    sitemap.write(public, layout.site)
    failed = [r.language for r in results if not r.ok]
    if failed:
        _say(f"HTML build failed for {', '.join(failed)}; the other languages were built.")
        return 1
    _say(f"The website is in {layout.rel(layout.site)}/ (open index.html).")
    return 0


def build_all(langs: str, layout: Layout | None = None, base_url: str = "") -> int:
    """`make`: the standard PDFs, then the websites, whose downloads page lists the PDFs.

    In this order each language is read once: the PDF build reads it, and the HTML build reuses
    the doctrees and re-reads only the downloads page. (The other way round, the websites would
    have to be built twice: before the PDFs and again for the downloads page.) The websites are
    built even when a PDF fails."""
    from handbook.pdf.command import pdf

    layout = layout or Layout()
    settings_for(layout, base_url)  # a wrong BASE_URL stops the build before the PDFs take their time
    pdf_status = pdf(langs, "", "", layout)
    return max(pdf_status, html(langs, layout, base_url))


def _extract(layout: Layout, settings: Settings, report: Callable[[build.BuildResult], None]) -> bool:
    """The sources' current messages in _build/gettext (only what changed is read again); True when built."""
    jobs = build.plan(layout, [settings.source_language], "gettext", lambda lang: layout.gettext)
    for job in jobs:
        job.doctreedir = layout.doctrees / "gettext"
    return all(r.ok for r in build.run(layout, jobs, report))


def gettext(layout: Layout | None = None) -> int:
    layout = layout or Layout()
    settings = settings_for(layout)
    _say("Messages (.pot):")
    return 0 if _extract(layout, settings, Reporter(layout)) else 1


def _current_templates(layout: Layout, settings: Settings) -> dict[str, Path] | None:
    """Document → .pot of the sources as they are now, for the checks and statistics that compare
    the catalogs with them; None (the problems on stderr) when the sources cannot be read."""
    from handbook.po import catalog

    def quiet(result: build.BuildResult) -> None:
        for message in result.messages:
            print(message, file=sys.stderr, flush=True)

    return catalog.templates(layout.gettext) if _extract(layout, settings, quiet) else None


def update_po(langs: str, layout: Layout | None = None) -> int:
    from handbook.po import update

    layout = layout or Layout()
    settings = settings_for(layout)
    targets = translation_languages(langs, settings)
    status = gettext(layout)
    if status:
        return status
    _say(f"Catalogs (.po): {', '.join(targets)}")
    results = update.update(layout, targets, settings.title(settings.source_language), _say)
    _say(f"The catalogs are in {layout.rel(layout.locales)}/ — translate them in Poedit or Weblate.")
    return 1 if any(r.unreadable for r in results) else 0


def check(langs: str, layout: Layout | None = None) -> int:
    """Check every translation; the problems on stdout, a summary on stderr."""
    from handbook.po.checks import editorial, readiness
    from handbook.po.checks.run import check_languages

    layout = layout or Layout()
    settings = settings_for(layout)
    targets = translation_languages(langs, settings)
    problems = check_languages(layout, targets, settings.source_language, settings.glossary)
    # The editorial goals (length, promised translations); the length only when every language is checked.
    problems += editorial.check(layout, settings, targets, settings.source_language, whole=not langs.strip())
    problems += _coverage(layout, settings, langs, targets)
    problems += _sources(layout, settings)
    # What each language needs besides its messages (title, glossary terms, figures).
    problems += readiness.check(layout, settings.titles, targets, settings.languages, settings.source_language,
                                settings.glossary)
    problems = _unsuppressed(layout, settings, problems)
    for problem in problems:
        print(problem, flush=True)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        print(f"check: no problems in the translations ({', '.join(targets)})", file=sys.stderr)
        return 0
    print(f"check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
          f"in the translations ({', '.join(targets)})", file=sys.stderr)
    return 1


def _unsuppressed(layout: Layout, settings: Settings, problems: list[Problem]) -> list[Problem]:
    """The problems but those conf.py's ``suppress_warnings`` silences (``handbook.<id>``, as for the
    build's warnings), and one line for each name there that silences nothing of ours (a safety check,
    a misspelt id)."""
    from handbook import check_ids
    from handbook.config import assignment_lines
    from handbook.po.checks import WARNING, Problem  # noqa: F811 - the runtime import

    silenced, refused = check_ids.suppressed(settings.suppress_warnings)
    conf = layout.rel(layout.conf)
    line = assignment_lines(layout.conf).get("suppress_warnings", 1)
    return ([Problem(conf, line, WARNING, check_ids.refused_message(name), "ignore") for name in refused]
            + [p for p in problems if p.check not in silenced])


def _sources(layout: Layout, settings: Settings) -> list[Problem]:
    """The list of sources (docs/_data/sources.toml) and the pages' citations of it."""
    from handbook import sources_data

    return sources_data.check(layout.root, layout.docs, settings.sources_file)


def _coverage(layout: Layout, settings: Settings, langs: str, targets: list[str]) -> list[Problem]:
    """Catalogs older than their sources, and interface strings a site would show in English (in
    every language asked for, the source language too)."""
    from handbook.po.checks import ERROR, Problem, coverage  # noqa: F811 - the runtime import

    templates = _current_templates(layout, settings)
    if templates is None:
        return [Problem(layout.rel(layout.docs), 0, ERROR, "the sources' messages could not be extracted "
                        "(see above), so the catalogs were not compared with them — fix the sources, or run "
                        "make gettext to see why", coverage.STALE)]
    interface_langs = parse_languages(langs, settings)
    return (coverage.check_stale(layout, targets, templates)
            + coverage.check_interface(layout, interface_langs, templates.get("sphinx"),
                                       settings.source_language, settings.languages))


def stats(langs: str, layout: Layout | None = None) -> int:
    """Translation progress per language and document, on stdout and in _build/stats.json."""
    from handbook.po import stats as po_stats
    from handbook.po.checks import coverage

    layout = layout or Layout()
    settings = settings_for(layout)
    targets = translation_languages(langs, settings)
    collected = po_stats.collect(layout.locales, targets, settings.source_language)
    templates = _current_templates(layout, settings) or {}
    for lang, documents in collected.items():
        stale = coverage.stale_documents(templates, layout.locales / lang / "LC_MESSAGES")
        for doc in documents:
            doc.out_of_date = doc.document in stale
    _say("Translation progress (messages and words of the Russian source; done = translated):")
    for lang, documents in collected.items():
        for line in po_stats.table(lang, documents):
            _say(line)
    _say("Interface (strings of the site's templates and search page; en may keep the English ones):")
    for lang in parse_languages(langs, settings):
        for status in coverage.interface_status(layout, lang, templates.get("sphinx"), settings.languages):
            gaps = len(status.missing) + len(status.untranslated)
            _say(f"  {layout.rel(status.path)}: {status.translated} of {status.expected} translated"
                 + (f", {len(status.missing)} missing, {len(status.untranslated)} untranslated "
                    "(make check lists them)" if gaps else ""))
    out = layout.build / "stats.json"
    po_stats.write_json(out, collected)
    _say(f"The statistics are in {layout.rel(out)}.")
    return 0


def review(langs: str, layout: Layout | None = None) -> int:
    """Build the review site of each language asked for (never the source language)."""
    from handbook.po import review as po_review

    layout = layout or Layout()
    settings = settings_for(layout)
    targets = translation_languages(langs, settings)
    if not langs.strip() or not targets:
        raise UsageError("say which language to review, e.g. `make review LANGS=fi` "
                         f"(one of {', '.join(settings.languages[1:])})")
    status = 0
    for lang in targets:
        _say(f"  {lang}: building the review site and PDF …")
        results, marked, outdir = po_review.review(layout, lang)
        # The site and the PDF read the same catalogs: each problem is given once.
        for message in dict.fromkeys(m for result in results for m in result.messages):
            print(message, file=sys.stderr, flush=True)
        for result in results:
            if result.crash:
                print(result.crash, file=sys.stderr, flush=True)
                _say(f"  {lang}: the review {'site' if result.builder == 'html' else 'PDF'} build crashed — this is "
                     "a bug in the toolchain; please report it with the text above")
        site, pdf = results
        if not site.ok:
            _say(f"  {lang}: the review site failed to build (see the messages above)")
            status = 1
        else:
            _say(f"  {lang}: {site.documents} documents, {marked} outdated translations marked — "
                 f"{layout.rel(outdir)}/index.html")
        pdf_path = po_review.review_pdf_path(layout, lang)
        if pdf.ok and pdf_path.is_file():
            _say(f"  {lang}: review PDF — {layout.rel(pdf_path)}")
        else:
            _say(f"  {lang}: the review PDF failed to build (see the messages above)")
            status = 1
    _say("Untranslated text has a dotted outline; outdated (fuzzy) translations a wavy underline and ⟳ "
         "(~ in the PDF).")
    return status


def add_language(code: str, layout: Layout | None = None) -> int:
    """Add a language to conf.py and create its catalogs from the current sources."""
    from handbook.po import add_language as adding
    from handbook.po import update

    layout = layout or Layout()
    settings = settings_for(layout)
    try:
        adding.validate(code)
        added = adding.add_to_conf(layout.conf, code)
    except adding.AddLanguageError as exc:
        raise UsageError(str(exc)) from None
    _say(f"conf.py: {'added' if added else 'already lists'} {code} in handbook_languages"
         + (f", an empty title in handbook_titles and a publication threshold of {adding.NEW_LANGUAGE_THRESHOLD:.0%} "
            "in handbook_publish_threshold" if added else ""))
    status = gettext(layout)
    if status:
        return status
    _say(f"Catalogs (.po): {code}")
    project = settings.title(settings.source_language)
    update.update(layout, [code], project, _say)
    from handbook.po import catalog
    from handbook.sphinxext.jscatalog import CATALOG_NAME

    # The search page's strings: the source language's javascript.po, untranslated.
    scripts = layout.locales / code / "LC_MESSAGES" / CATALOG_NAME
    new = adding.javascript_catalog(layout.locales / settings.source_language / "LC_MESSAGES" / CATALOG_NAME,
                                    code, project)
    if new is not None and not scripts.exists():
        catalog.write_if_changed(scripts, new)
        _say(f"  Create: {layout.rel(scripts)} ({len(new)} messages)")
    # A column for its approved terms in the glossary.
    glossary = layout.root / settings.glossary
    if glossary.is_file():
        text = glossary.read_text(encoding="utf-8")
        added = adding.with_glossary_language(text, code)
        if added != text:
            atomic.write_text(glossary, added)  # never a half-written glossary
            _say(f"  Update: {layout.rel(glossary)}: an empty <langSet xml:lang=\"{code}\"> in each term")
    _say(f"Next: translate {layout.rel(layout.locales / code / 'LC_MESSAGES')}/*.po (sphinx.po and javascript.po "
         f"hold the interface), write its title in handbook_titles in conf.py (left empty for you), then run `make`; "
         f"the site is built into {layout.rel(layout.site / code)}/ for review only until "
         f"{adding.NEW_LANGUAGE_THRESHOLD:.0%} of the words are translated (handbook_publish_threshold in conf.py). "
         "`make check` names what the language still lacks.")
    return 0


def serve(langs: str, port: int, layout: Layout | None = None) -> int:
    from handbook import serve as preview

    layout = layout or Layout()
    settings = settings_for(layout)
    # One language at a time: the first asked for, else the source language.
    lang = parse_languages(langs, settings)[0] if langs.strip() else settings.source_language
    if not 0 < port < 65536:
        raise UsageError(f"PORT={port} is not a port number — use one from 1024 to 65535, e.g. PORT=8001")
    return preview.serve(layout, lang, port)
