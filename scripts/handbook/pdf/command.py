"""`make pdf`: build the PDFs of each language (in parallel processes) and list what was made."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from handbook import build, build_report, command_args
from handbook.paths import Layout
from handbook.pdf import editions, manifest
from handbook.pdf.variants import VariantError, resolve, standard_names
from handbook.settings import Settings

BUILDER = "handbookpdf"


def _editions(layout: Layout, settings: Settings) -> dict[str, dict]:
    """The seminar editions: their data files (pdf/editions.py), or conf.py's dict."""
    try:
        return editions.load(settings.pdf_editions, layout.root)
    except editions.EditionError as exc:
        raise command_args.UsageError(str(exc)) from None


def _standard(settings: Settings) -> list[str]:
    return standard_names(settings.pdf_variants, settings.pdf_handouts)


def variant_names(edition: str, layout: Layout) -> list[str]:
    """EDITION=pskov (or several, or "all") → variant names; empty → the standard PDFs."""
    settings = command_args.settings_for(layout)
    seminars = _editions(layout, settings)
    asked = [name for name in re.split(r"[\s,]+", edition.strip()) if name]
    if asked == ["all"]:
        asked = [*_standard(settings), *seminars]
    names = asked or _standard(settings)
    try:
        resolve(names, seminars, settings.pdf_handouts)
    except VariantError as exc:
        known = ", ".join(seminars) or "none configured"
        raise command_args.UsageError(f"{exc} (EDITION= takes a seminar edition: {known})") from None
    return names


def _publisher(layout: Layout, configured: set[str]) -> Callable[[build.BuildResult], None]:
    """What puts a language's PDFs in place once its build succeeded: each PDF with its manifest
    entry, and the language's PDFs of variants no longer configured removed."""
    def publish(result: build.BuildResult) -> None:
        staged = [(Path(path), manifest.Entry(**entry)) for path, entry in result.staged]
        manifest.place(layout.site, staged, result.language, configured)
    return publish


def pdf(langs: str = "", edition: str = "", print_mode: str = "", layout: Layout | None = None,
        duplex: str = "") -> int:
    layout = layout or Layout()
    settings = command_args.settings_for(layout)
    languages = command_args.parse_languages(langs, settings)
    if print_mode not in ("", "shop"):
        raise command_args.UsageError(f"unknown PRINT={print_mode!r} — use PRINT=shop for 3 mm bleed and "
                                      "crop marks, or leave it out")
    if duplex not in ("", "0", "1"):
        raise command_args.UsageError(f"unknown DUPLEX={duplex!r} — use DUPLEX=0 for one-sided printing, "
                                      "DUPLEX=1 for the book layout, or leave it out (conf.py decides)")
    names = variant_names(edition, layout)
    key = hashlib.sha256(f"{names}|{print_mode}|{duplex}".encode()).hexdigest()[:12]
    outdir = layout.site / "pdf"
    jobs = build.plan(layout, languages, BUILDER, lambda lang: outdir, staged=False)
    # The languages build side by side, one per core; the cores left over render a language's
    # PDFs side by side (WeasyPrint uses one core).
    cores = os.cpu_count() or 1
    processes = max(1, cores // max(1, min(len(languages), cores)))
    configured = {*_standard(settings), *_editions(layout, settings), *names}
    for job in jobs:
        job.publish = _publisher(layout, configured)
        job.overrides = {"handbook_pdf_build": names, "handbook_pdf_print": print_mode,
                         "handbook_pdf_processes": processes}
        if duplex:
            job.overrides["handbook_pdf_duplex"] = duplex == "1"
        job.state = build.StateFile(layout.state / f"{BUILDER}-{job.language}-{key}.json")
        expected = [e for e in manifest.read(layout.site) if e.language == job.language
                    and e.variant in names and e.print == print_mode]
        if len(expected) < len(names) or not all((layout.site / e.file).is_file() for e in expected):
            job.state.forget()  # a PDF is missing: build again even if the sources did not change
    print(f"PDF: {', '.join(languages)} — {', '.join(names)}", flush=True)
    results = build.run(layout, jobs, build_report.Reporter(layout))
    entries = [e for e in manifest.read(layout.site)
               if e.language in languages and e.variant in names and e.print == print_mode]
    for entry in entries:
        pages = f"{entry.pages} page{'s' if entry.pages != 1 else ''}"
        print(f"  {entry.file}: {pages}, {entry.bytes // 1024} KB", flush=True)
    failed = [r.language for r in results if not r.ok]
    if failed:
        print(f"PDF build failed for {', '.join(failed)} (problems listed above).", flush=True)
        return 1
    print(f"The PDFs are in {layout.rel(outdir)}/ (list: {layout.rel(outdir / manifest.NAME)}).",
          flush=True)
    return 0
