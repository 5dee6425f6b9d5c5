"""What each command does; cli.py parses arguments and maps errors to exit codes."""

from __future__ import annotations

import re
import sys

from handbook import build, site_index, sitemap
from handbook.paths import Layout
from handbook.settings import Settings, SettingsError, load_settings


class UsageError(Exception):
    """The user asked for something that cannot be done as asked."""


def _settings(layout: Layout) -> Settings:
    try:
        return load_settings(layout)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def parse_languages(text: str, settings: Settings) -> list[str]:
    """``"ru en"`` or ``"ru,en"`` → ``["ru", "en"]``; empty means every language."""
    asked = [code for code in re.split(r"[\s,]+", text.strip()) if code]
    if not asked:
        return list(settings.languages)
    unknown = [code for code in asked if code not in settings.languages]
    if unknown:
        known = ", ".join(settings.languages)
        raise UsageError(f"unknown language {', '.join(unknown)} — choose from {known} "
                         f"(LANGS=\"{' '.join(settings.languages[:2])}\"), or add one with "
                         "`make add-language CODE=…`")
    return list(dict.fromkeys(asked))


def _say(line: str) -> None:
    print(line, flush=True)


class _Reporter:
    """Prints each language's result as it arrives; a problem found in the shared sources is
    reported by every language, so each distinct message is printed once."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.printed: set[str] = set()

    def __call__(self, result: build.BuildResult) -> None:
        for message in result.messages:
            if message not in self.printed:
                self.printed.add(message)
                print(message, file=sys.stderr, flush=True)
        _report(self.layout, result)


def _report(layout: Layout, result: build.BuildResult) -> None:
    where = layout.rel(result.outdir) + "/"
    if result.skipped:
        _say(f"  {result.language}: up to date — {where}")
        return
    if result.crash:
        print(result.crash, file=sys.stderr, flush=True)
        _say(f"  {result.language}: the build crashed — this is a bug in the toolchain; "
             "please report it with the text above")
    elif result.ok:
        _say(f"  {result.language}: built {result.documents} documents in {result.seconds:.1f} s — {where}")
    else:
        count = len(result.messages)
        _say(f"  {result.language}: failed with {count} problem{'s' if count != 1 else ''} "
             "(listed above; the build is strict: every warning must be fixed)")


def html(langs: str, layout: Layout | None = None) -> int:
    layout = layout or Layout()
    settings = _settings(layout)
    languages = parse_languages(langs, settings)
    jobs = build.plan(layout, languages, "html", lambda lang: layout.site / lang)
    _say(f"HTML: {', '.join(languages)}")
    results = build.run(layout, jobs, _Reporter(layout))
    if site_index.write(settings, layout.site):
        _say(f"  site index: {layout.rel(layout.site / 'index.html')}")
    sitemap.write(settings, layout.site)
    failed = [r.language for r in results if not r.ok]
    if failed:
        _say(f"HTML build failed for {', '.join(failed)}; the other languages were built.")
        return 1
    _say(f"The website is in {layout.rel(layout.site)}/ (open index.html).")
    return 0


def gettext(layout: Layout | None = None) -> int:
    layout = layout or Layout()
    settings = _settings(layout)
    jobs = build.plan(layout, [settings.source_language], "gettext", lambda lang: layout.gettext)
    for job in jobs:
        job.doctreedir = layout.doctrees / "gettext"
    _say("Messages (.pot):")
    results = build.run(layout, jobs, _Reporter(layout))
    return 0 if all(r.ok for r in results) else 1


def update_po(langs: str, layout: Layout | None = None) -> int:
    from sphinx_intl import basic

    layout = layout or Layout()
    settings = _settings(layout)
    targets = [code for code in parse_languages(langs, settings) if code != settings.source_language]
    status = gettext(layout)
    if status:
        return status
    _say(f"Catalogs (.po): {', '.join(targets)}")
    counts = basic.update(str(layout.locales), str(layout.gettext), targets, jobs=1)
    _say(f"  created {counts['create']}, updated {counts['update']}, unchanged {counts['notchanged']}"
         f" — {layout.rel(layout.locales)}/")
    return 0
