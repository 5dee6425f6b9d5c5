"""The measurements of one scaled copy: our builds (cold, no-op, after an edit), the naive pipeline,
WeasyPrint alone. Every build runs in a child process, as `make` would run it."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import handbook
from handbook.paths import Layout, copy_project
from handbook.pdf.print_html import print_html_dir

READ_REPEATS = 3  # cold builds behind the fully translated read's figure (the median counts)

PDF_BUILDER = "handbookpdf"
EDIT = "\n\nАбзац, добавленный бенчмарком, чтобы измерить пересборку после правки.\n"


@dataclass
class Timed:
    seconds: float
    peak_mb: float
    status: int
    output: str


def environment(root: Path) -> dict[str, str]:
    """The child's environment: this toolchain's code (not an installed copy) and the project root."""
    scripts = str(Path(handbook.__file__).resolve().parents[1])
    env = dict(os.environ, HANDBOOK_ROOT=str(root), SOURCE_DATE_EPOCH="1600000000")
    env["PYTHONPATH"] = os.pathsep.join([scripts, *filter(None, [os.environ.get("PYTHONPATH")])])
    return env


def timed(command: list[str], root: Path) -> Timed:
    """Run a command; its wall time and the peak resident memory of its largest process."""
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=root, env=environment(root), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as child:
        output = child.stdout.read() if child.stdout else ""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return Timed(time.perf_counter() - started, usage.ru_maxrss / 1024, child.returncode, output)


def handbook_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "handbook", *args]


def runs(layout: Layout) -> list[dict]:
    """The build runs recorded since the log was last cleared (see build._record)."""
    log = layout.state / "runs.jsonl"
    if not log.is_file():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def clear_runs(layout: Layout) -> None:
    (layout.state / "runs.jsonl").unlink(missing_ok=True)


def make(layout: Layout, langs: list[str], pdfs: str = "") -> Timed:
    """`make` (python -m handbook build). With ``pdfs`` (variant names, or "none") the same steps —
    the PDFs, then the websites — run one by one, with only those PDFs."""
    languages = " ".join(langs)
    if not pdfs:
        return timed(handbook_command("build", "--langs", languages), layout.root)
    steps = [] if pdfs == "none" else [handbook_command("pdf", "--langs", languages, "--edition", pdfs)]
    steps.append(handbook_command("html", "--langs", languages))
    done = [timed(step, layout.root) for step in steps]
    failed = next((d for d in done if d.status), None)
    return Timed(sum(d.seconds for d in done), max(d.peak_mb for d in done),
                 failed.status if failed else 0, "".join(d.output for d in done))


def ours(layout: Layout, langs: list[str], pdfs: str = "") -> tuple[Timed, list[dict]]:
    """What `make` runs, with the runs it recorded (the PDFs, then the websites)."""
    clear_runs(layout)
    done = make(layout, langs, pdfs)
    return done, runs(layout)


def pages(layout: Layout, langs: list[str]) -> dict[str, int]:
    """Pages of each PDF the build listed in the manifest."""
    from handbook.pdf import manifest

    return {e.file: e.pages for e in manifest.read(layout.site) if e.language in langs}


def _mtimes(folder: Path, pattern: str) -> dict[str, float]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.glob(pattern)} \
        if folder.is_dir() else {}


def _changed(before: dict[str, float], after: dict[str, float]) -> list[str]:
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def incremental(layout: Layout, langs: list[str], chapter: Path, pdfs: str = "") -> dict:
    """Edit one chapter and build again: the time, and per language what was re-read and rewritten."""
    watched = {lang: (layout.doctrees / lang, layout.work / "html" / lang) for lang in langs}
    before = {lang: (_mtimes(d, "**/*.doctree"), _mtimes(w, "**/*.html")) for lang, (d, w) in watched.items()}
    pdfs_before = _mtimes(layout.site / "pdf", "*.pdf")
    time.sleep(0.05)  # a distinct modification time even on coarse file systems
    with chapter.open("a", encoding="utf-8") as handle:
        handle.write(EDIT)
    done = make(layout, langs, pdfs)
    result = {"edited": layout.rel(chapter), "seconds": round(done.seconds, 2), "ok": done.status == 0,
              "read": {}, "written": {}}
    for lang, (doctrees, work) in watched.items():
        result["read"][lang] = [n.removesuffix(".doctree") for n in
                                _changed(before[lang][0], _mtimes(doctrees, "**/*.doctree"))]
        result["written"][lang] = [n.removesuffix(".html") for n in
                                   _changed(before[lang][1], _mtimes(work, "**/*.html"))]
    result["pdfs"] = _changed(pdfs_before, _mtimes(layout.site / "pdf", "*.pdf"))
    return result


def naive(root: Path, langs: list[str], scratch: Path, pdfs: str = "") -> dict:
    """The plain way: a cold `sphinx-build` per language for the HTML, then one per language for the
    PDF, one after another; nothing shared (own doctrees, catalogs compiled anew by Sphinx)."""

    root = copy_project(root, scratch / "sources")  # its own copy: Sphinx compiles catalogs there
    steps, total, ok = [], 0.0, True
    variants = ["-D", f"handbook_pdf_build={pdfs}"] if pdfs else []
    for builder in ("html", PDF_BUILDER) if pdfs != "none" else ("html",):
        for lang in langs:
            for mo in (root / "locales").rglob("*.mo"):
                mo.unlink()  # Sphinx compiles the catalogs itself, as a cold build does
            out = scratch / "site" / (lang if builder == "html" else "pdf")
            doctrees = scratch / f"doctrees-{builder}" / lang
            done = timed([sys.executable, "-m", "sphinx", "-b", builder, "-q", "-W", "-E",
                          "-c", str(root), "-d", str(doctrees), "-D", f"language={lang}",
                          *(variants if builder == PDF_BUILDER else []), str(root / "docs"), str(out)], root)
            total += done.seconds
            ok = ok and done.status == 0
            step = {"builder": builder, "language": lang, "seconds": round(done.seconds, 2),
                    "peak_mb": round(done.peak_mb, 1), "ok": done.status == 0}
            if done.status:
                step["output"] = done.output[-2000:]
            steps.append(step)
    return {"seconds": round(total, 2), "ok": ok, "steps": steps}


def weasyprint_alone(layout: Layout, langs: list[str], scratch: Path) -> dict[str, Any]:
    """Plain WeasyPrint on each print HTML file the PDF builder left, one cold process per file.

    The files run side by side, as many at once as the machine has cores, biggest first: the
    way our PDF stage spreads them. Compared one after another on an idle machine instead,
    WeasyPrint alone would not share the cores with anything, and every ratio would count the
    contention of two renders on two cores as our overhead."""
    files = [(lang, html) for lang in langs for html in sorted(print_html_dir(layout.build, lang).glob("*.html"))]
    files.sort(key=lambda item: -item[1].stat().st_size)
    scratch.mkdir(parents=True, exist_ok=True)

    def render(item: tuple[str, Path]) -> tuple[str, dict]:
        lang, html = item
        done = timed([sys.executable, "-m", "handbook.bench.weasy", str(html),
                      str(scratch / f"{lang}-{html.stem}.pdf")], layout.root)
        if done.status:
            return lang, {"file": html.name, "error": done.output[-1000:]}
        data = json.loads(done.output.strip().splitlines()[-1])
        return lang, {"file": html.name, "seconds": round(done.seconds, 2), **data}

    processes = max(1, min(len(files), os.cpu_count() or 1))
    started = time.perf_counter()
    with ThreadPoolExecutor(processes) as pool:
        done = list(pool.map(render, files))
    found: dict[str, dict] = {}
    for lang, detail in done:
        row = found.setdefault(lang, {"seconds": 0.0, "pages": 0, "files": []})
        row["files"].append(detail)
        row["seconds"] = round(row["seconds"] + detail.get("seconds", 0.0), 2)
        row["pages"] += detail.get("pages", 0)
    return {"seconds": round(time.perf_counter() - started, 2), "processes": processes,
            "languages": found}


def _cold_reads(copy: Layout, langs: list[str]) -> tuple[dict[str, list[float]], str | None]:
    """Build the languages' websites cold READ_REPEATS times: each language's read times, and
    None when every build passed, else the failed build's output."""
    reads: dict[str, list[float]] = {code: [] for code in langs}
    for _ in range(READ_REPEATS):
        shutil.rmtree(copy.build, ignore_errors=True)  # cold: no doctrees, no state
        done = timed(handbook_command("html", "--langs", " ".join(langs)), copy.root)
        found = {r["language"]: r["stages"].get("read") for run in runs(copy) for r in run["results"]}
        if done.status or not all(found.get(code) for code in langs):
            return reads, done.output[-2000:]
        for code in langs:
            reads[code].append(found[code])
    return reads, None


def translated_reads(root: Path, langs: list[str], source: str, scratch: Path) -> tuple[dict, dict]:
    """Read times of each language against the source's, from cold HTML builds repeated
    READ_REPEATS times (one read varies by a fifth here; the medians are compared):
    first with the real catalogs, which are partly translated, then with every message of one
    language pseudo-translated. Returns (real, fully translated)."""
    from handbook.bench.pseudo import pseudo_translate

    if source not in langs or len(langs) < 2:
        return {}, {}
    copy = Layout(copy_project(root, scratch / "reads"))
    try:
        reads, failed = _cold_reads(copy, langs)
        if failed:
            return {"ok": False, "output": failed}, {}
        medians = {code: statistics.median(values) for code, values in reads.items()}
        real = {"ok": True, "repeats": READ_REPEATS, "reads": reads, "medians": medians,
                "ratios": {code: round(medians[code] / medians[source], 3) for code in langs if code != source}}
        lang = next(code for code in langs if code != source)
        messages = pseudo_translate(copy.locales, lang)
        pseudo_reads, failed = _cold_reads(copy, [source, lang])
        if failed:
            return real, {"language": lang, "ok": False, "output": failed}
    finally:
        shutil.rmtree(copy.root, ignore_errors=True)
    source_read, read = statistics.median(pseudo_reads[source]), statistics.median(pseudo_reads[lang])
    return real, {"language": lang, "ok": True, "messages": messages, "source_read": source_read,
                  "read": read, "ratio": round(read / source_read, 3), "repeats": READ_REPEATS,
                  "reads": pseudo_reads}
