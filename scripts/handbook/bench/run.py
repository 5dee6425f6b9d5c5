"""`make bench`: measure each scale in a temporary copy of the project; report and bench.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from handbook import atomic, command_args
from handbook.bench import figures, measure, report, scale
from handbook.paths import Layout

DEFAULT_SCALES = "1,5,20"
_COPY = re.compile(r"-x\d\d$")


def parse_scales(text: str) -> list[int]:
    """``"1,5,20"`` (or spaces) → ``[1, 5, 20]``; empty means the default."""
    words = [w for w in re.split(r"[\s,]+", text.strip() or DEFAULT_SCALES) if w]
    if not all(w.isdigit() and 1 <= int(w) <= 100 for w in words):
        raise command_args.UsageError(f"SCALES={text!r}: give whole numbers from 1 to 100, e.g. SCALES=1,5,20")
    return sorted(set(int(w) for w in words))


def edited_chapter(docs: Path) -> Path:
    """The chapter the incremental build edits: the middle one of the originals."""
    originals = [p for p in scale.chapters(docs) if not _COPY.search(p.stem)]
    return originals[len(originals) // 2]


def measure_scale(scaled: scale.Scaled, langs: list[str], source: str, scratch: Path,
                  say: Any, pdfs: str = "") -> dict[str, Any]:
    layout = Layout(scaled.root)
    say(f"Scale {scaled.factor}×: our cold build …")
    cold, runs = measure.ours(layout, langs, pdfs)
    raw: dict[str, Any] = {"factor": scaled.factor, "documents": scaled.documents,
                           "markdown_bytes": scaled.source_bytes, "copies": scaled.copies, "runs": runs,
                           "cold": {"seconds": cold.seconds, "ok": cold.status == 0}}
    if cold.status:
        say(cold.output[-3000:])
        raise RuntimeError(f"the build of the {scaled.factor}× copy failed (its output is above)")
    raw["pages"] = measure.pages(layout, langs)
    say(f"Scale {scaled.factor}×: no-op build, WeasyPrint alone, naive pipeline, edit …")
    raw["noop"] = measure.make(layout, langs, pdfs).seconds
    raw["weasyprint"] = measure.weasyprint_alone(layout, langs, scratch / "weasyprint")
    raw["naive"] = measure.naive(layout.root, langs, scratch / "naive", pdfs)
    shutil.rmtree(scratch / "naive", ignore_errors=True)
    raw["translated_reads"], raw["fully_translated"] = measure.translated_reads(
        layout.root, langs, source, scratch)
    raw["incremental"] = measure.incremental(layout, langs, edited_chapter(layout.docs), pdfs)
    return figures.summary(raw, langs, source)


def bench(langs_text: str, scales_text: str, layout: Layout | None = None,
          say: Any = None, pdfs: str = "") -> int:
    """``pdfs``: "" builds the standard PDFs as `make` does; variant names (``standard``) only those;
    "none" no PDF (the HTML figures of a large scale in reasonable time)."""
    layout = layout or Layout()
    say = say or (lambda line: print(line, flush=True))
    settings = command_args.settings_for(layout)
    langs = command_args.parse_languages(langs_text, settings)
    scales = parse_scales(scales_text)
    source = settings.source_language
    started = dt.datetime.now(dt.UTC)
    pdfs = ",".join(w for w in re.split(r"[\s,]+", pdfs.strip()) if w)
    result: dict[str, Any] = {"started": started.isoformat(timespec="seconds"), "languages": langs,
                              "pdfs": pdfs or "standard PDFs of make",
                              "scales": [], "machine": {"cpus": os.cpu_count(),
                                                        "load_before": os.getloadavg()}}
    out = layout.build / "bench.json"
    status = 0
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        for factor in scales:
            scaled = scale.scale(layout.root, Path(tmp) / f"x{factor}", factor)
            try:
                figures_ = measure_scale(scaled, langs, source, Path(tmp) / "scratch", say, pdfs)
            except RuntimeError as exc:
                say(f"bench: error: {exc}")
                status = 1
                break
            finally:
                shutil.rmtree(scaled.root, ignore_errors=True)
            result["scales"].append(figures_)
            report.emit(report.scale_lines(figures_, source), say)
            _write(out, result)  # kept after each scale: the larger ones take long
    result["scaling"] = figures.scaling(result["scales"])
    result["machine"]["load_after"] = os.getloadavg()
    result["seconds"] = round((dt.datetime.now(dt.UTC) - started).total_seconds(), 1)
    report.emit(report.scaling_lines(result["scaling"]), say)
    _write(out, result)
    command = f"make bench LANGS=\"{' '.join(langs)}\" SCALES={','.join(map(str, scales))}"
    say(f"The figures are in {layout.rel(out)} (made with `{command}{f' PDFS={pdfs}' if pdfs else ''}`).")
    return status


def _write(path: Path, data: dict[str, Any]) -> None:
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
