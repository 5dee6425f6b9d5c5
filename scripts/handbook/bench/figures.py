"""Figures of one scale from the raw measurements: per language and stage, ratios against the targets."""

from __future__ import annotations

from typing import Any

# The targets of issue 7, shown next to the figures.
TARGETS = {"naive_ratio": 0.4, "translated_read_ratio": 1.5, "seconds_per_page": 0.06,
           "weasyprint_ratio": 1.15, "noop_seconds": 3.0, "scaling_time_ratio": 4.4, "peak_mb": 1536}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def _sum(*values: float | None) -> float | None:
    found = [v for v in values if v is not None]
    return round(sum(found), 3) if found else None


def _by_language(run: dict | None) -> dict[str, dict]:
    return {r["language"]: r for r in (run or {}).get("results", [])}


def languages(html_run: dict | None, pdf_run: dict | None, langs: list[str]) -> dict[str, dict[str, Any]]:
    """Per language: read (parsing and translation), HTML write, PDF layout and write (when the PDF
    builder reports them), whole PDF job, and peak memory of each build process."""
    html, pdf = _by_language(html_run), _by_language(pdf_run)
    table = {}
    for lang in langs:
        h, p = html.get(lang, {}), pdf.get(lang, {})
        hs, ps = h.get("stages", {}), p.get("stages", {})
        split = "layout" in ps  # the PDF builder's own stages replace the generic "write"
        table[lang] = {
            # `make` reads a language once, in whichever build comes first (the PDF's, unless
            # there is no PDF); the other build reuses the doctrees.
            "read": _sum(hs.get("read"), ps.get("read")), "html_write": hs.get("write"),
            "pdf_layout": ps.get("layout") if split else None,
            "pdf_write": ps.get("pdf_write") if split else None,
            "pdf_seconds": p.get("seconds"), "html_seconds": h.get("seconds"),
            "html_peak_mb": h.get("peak_mb"), "pdf_peak_mb": p.get("peak_mb"),
        }
    return table


def first(runs: list[dict], builder: str) -> dict | None:
    return next((r for r in runs if r["builder"] == builder), None)


def summary(raw: dict[str, Any], langs: list[str], source: str) -> dict[str, Any]:
    """The figures of one scale (``raw`` holds what measure.py returned)."""
    runs = raw["runs"]
    html_run, pdf_run = first(runs, "html"), first(runs, "handbookpdf")
    table = languages(html_run, pdf_run, langs)
    pages = sum(raw["pages"].values())
    pdf_seconds = pdf_run["seconds"] if pdf_run else None
    real = raw["translated_reads"]
    # The target's figure: medians of repeated cold builds. The cold `make` above read each language
    # once, side by side with PDF rendering; its reads stay in the table.
    translated = real.get("ratios", {})
    weasy = {}
    for lang, alone in raw["weasyprint"]["languages"].items():
        ours = table.get(lang, {}).get("pdf_seconds")
        row = table.get(lang, {})
        stages = (row["pdf_layout"] + row["pdf_write"]) if row.get("pdf_layout") is not None else None
        weasy[lang] = {"ours": ours, "alone": alone["seconds"], "ratio": _ratio(ours, alone["seconds"]),
                       "ours_layout_write": stages, "ratio_layout_write": _ratio(stages, alone["seconds"]),
                       "pages": alone["pages"]}
    peaks = [v for row in table.values() for v in (row["html_peak_mb"], row["pdf_peak_mb"]) if v]
    cold = raw["cold"]
    return {
        "factor": raw["factor"], "documents": raw["documents"], "markdown_bytes": raw["markdown_bytes"],
        "chapter_copies": raw["copies"], "languages": table,
        "cold": {"seconds": round(cold["seconds"], 2), "ok": cold["ok"],
                 "html_seconds": html_run["seconds"] if html_run else None, "pdf_seconds": pdf_seconds},
        "naive": raw["naive"], "naive_ratio": _ratio(cold["seconds"], raw["naive"]["seconds"])
        if raw["naive"]["ok"] else None,
        "noop_seconds": round(raw["noop"], 2), "incremental": raw["incremental"],
        "pdf": {"files": len(raw["pages"]), "pages": pages, "seconds": pdf_seconds,
                "seconds_per_page": round(pdf_seconds / pages, 4) if pdf_seconds and pages else None},
        "weasyprint": weasy,
        "weasyprint_stage": {"ours": pdf_seconds, "alone": raw["weasyprint"]["seconds"],
                             "processes": raw["weasyprint"]["processes"],
                             "ratio": _ratio(pdf_seconds, raw["weasyprint"]["seconds"])},
        "translated_read_ratio": translated, "translated_reads": real,
        "fully_translated": raw["fully_translated"],
        "peak_mb": max(peaks) if peaks else None,
    }


def scaling(scales: list[dict[str, Any]]) -> dict[str, Any] | None:
    """From the second-largest to the largest scale: content, time and memory."""
    done = sorted((s for s in scales if s["cold"]["ok"]), key=lambda s: s["factor"])
    if len(done) < 2:
        return None
    small, large = done[-2], done[-1]
    return {"from": small["factor"], "to": large["factor"],
            "content_ratio": _ratio(large["markdown_bytes"], small["markdown_bytes"]),
            "time_ratio": _ratio(large["cold"]["seconds"], small["cold"]["seconds"]),
            "read_ratio": _ratio(sum(r["read"] or 0 for r in large["languages"].values()),
                                 sum(r["read"] or 0 for r in small["languages"].values())),
            "peak_mb": large["peak_mb"]}
