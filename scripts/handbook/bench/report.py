"""The benchmark's report: a table per scale on stdout (bench.json has every figure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handbook.bench.figures import TARGETS


def _s(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def _names(items: list[str], limit: int = 4) -> str:
    if not items:
        return "nothing"
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def scale_lines(s: dict[str, Any], source: str) -> list[str]:
    lines = [f"Scale {s['factor']}×: {s['documents']} documents, {s['markdown_bytes'] // 1024} KB of Markdown "
             f"(each chapter {s['chapter_copies'] + 1} times)"]
    head = ("language", "read s", "HTML write s", "PDF layout s", "PDF write s", "PDF job s", "peak MB")
    lines.append("  " + "  ".join(f"{h:>12}" if i else f"{h:<8}" for i, h in enumerate(head)))
    for lang, row in s["languages"].items():
        peak = max([v for v in (row["html_peak_mb"], row["pdf_peak_mb"]) if v] or [0]) or None
        cells = [row["read"], row["html_write"], row["pdf_layout"], row["pdf_write"], row["pdf_seconds"]]
        lines.append("  " + f"{lang:<8}" + "".join(f"  {_s(v):>12}" for v in cells) + f"  {_s(peak, 0):>12}")
    cold, naive = s["cold"], s["naive"]
    if naive["ok"]:
        lines.append(f"  cold full build (make): {_s(cold['seconds'])} s — naive pipeline (sphinx-build per "
                     f"language and format, one after another): {_s(naive['seconds'])} s — ratio "
                     f"{_x(s['naive_ratio'])} (target ≤ {TARGETS['naive_ratio']})")
    else:
        lines.append(f"  cold full build (make): {_s(cold['seconds'])} s — the naive pipeline failed "
                     "(see naive.steps in bench.json)")
    lines.append(f"  no-op make: {_s(s['noop_seconds'], 2)} s (target < {TARGETS['noop_seconds']:g} s)")
    inc = s["incremental"]
    read = {lang: docs for lang, docs in inc["read"].items()}
    written = {lang: docs for lang, docs in inc["written"].items()}
    first = next(iter(read), None)
    lines.append(f"  after editing {inc['edited']}: {_s(inc['seconds'])} s — re-read per language: "
                 f"{_names(read.get(first, []))}; HTML rewritten: {_names(written.get(first, []))}; "
                 f"PDFs rebuilt: {len(inc['pdfs'])}")
    pdf = s["pdf"]
    if not pdf["files"]:
        lines.append("  PDF: none built (PDFS=none)")
    else:
        lines += _pdf_lines(s)
    real = s.get("translated_reads", {})
    ratios = ", ".join(f"{lang} {_x(r)}" for lang, r in s["translated_read_ratio"].items())
    if ratios:
        lines.append(f"  translated read / source ({source}) read, real catalogs (median of "
                     f"{real.get('repeats', 1)} cold builds): {ratios} "
                     f"(target ≤ {TARGETS['translated_read_ratio']})")
    elif real:
        lines.append("  translated read: the cold builds failed (see translated_reads in bench.json)")
    full = s["fully_translated"]
    if full.get("ok"):
        lines.append(f"  the same with every message translated ({full['messages']} messages of {full['language']}, "
                     f"pseudo-translated; median of {full.get('repeats', 1)} cold builds): "
                     f"{_s(full['read'])} s / {_s(full['source_read'])} s = "
                     f"{_x(full['ratio'])} (target ≤ {TARGETS['translated_read_ratio']})")
    elif full:
        lines.append(f"  the same with every message translated: the build of {full['language']} failed "
                     "(see fully_translated in bench.json)")
    lines.append(f"  peak memory of one build process: {_s(s['peak_mb'], 0)} MB")
    return lines


def _pdf_lines(s: dict[str, Any]) -> list[str]:
    pdf, stage = s["pdf"], s["weasyprint_stage"]
    lines = [f"  PDF: {pdf['files']} files, {pdf['pages']} pages in {_s(pdf['seconds'])} s — "
             f"{_s(pdf['seconds_per_page'], 3)} s per page (target ≤ {TARGETS['seconds_per_page']})"]
    lines.append(f"  PDF stage vs WeasyPrint alone on our print HTML ({stage['processes']} at once): "
                 f"{_s(stage['ours'])} s / {_s(stage['alone'])} s = {_x(stage['ratio'])} "
                 f"(target ≤ {TARGETS['weasyprint_ratio']})")
    for lang, w in s["weasyprint"].items():
        split = (f"; layout+write {_s(w['ours_layout_write'])} s = {_x(w['ratio_layout_write'])}"
                 if w["ours_layout_write"] is not None else "")
        lines.append(f"    {lang}: our PDF job {_s(w['ours'])} s / WeasyPrint alone {_s(w['alone'])} s = "
                     f"{_x(w['ratio'])}{split}")
    return lines


def scaling_lines(scaling: dict[str, Any] | None) -> list[str]:
    if scaling is None:
        return ["Scaling: n/a (needs two scales, e.g. SCALES=5,20)"]
    return [f"Scaling {scaling['from']}×→{scaling['to']}×: content {_x(scaling['content_ratio'])}, cold build "
            f"time {_x(scaling['time_ratio'])} (target ≤ {TARGETS['scaling_time_ratio']}×), peak memory "
            f"{_s(scaling['peak_mb'], 0)} MB (target < {TARGETS['peak_mb']} MB)"]


def emit(lines: list[str], say: Callable[[str], None]) -> None:
    for line in lines:
        say(line)
