"""Build each language with Sphinx, in parallel processes, skipping what has not changed."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from handbook.fingerprint import StateFile, fingerprint
from handbook.paths import Layout

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SEVERITY = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ")


@dataclass
class BuildResult:
    language: str
    builder: str
    outdir: Path
    ok: bool = True
    skipped: bool = False
    messages: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    crash: str = ""  # a traceback: our bug, not the user's


def format_messages(text: str, root: Path) -> list[str]:
    """Sphinx's warning stream as ``path:line: warning: …`` lines, paths relative to the root."""
    prefix = str(root) + os.sep
    lines = []
    for raw in _ANSI.sub("", text).splitlines():
        if not raw.strip():
            continue
        line = raw.replace(prefix, "")
        line = _SEVERITY.sub(lambda m: f"{m.group(1)}{m.group(2).lower()}: ".replace("critical", "error"),
                             line, count=1)
        lines.append(line)
    return lines


def _inputs(layout: Layout, lang: str, builder: str = "") -> list[Path]:
    inputs = [layout.conf, layout.docs, layout.locales / lang]
    if builder == "html":
        inputs.append(layout.site / "pdf" / "manifest.json")  # the downloads page lists the PDFs
    return inputs


def _toolchain(layout: Layout) -> list[Path]:
    import handbook

    package = Path(handbook.__file__).parent
    return [package, layout.root / "pyproject.toml", layout.root / "requirements.lock"]


def build_language(root: str, lang: str, builder: str, outdir: str, doctreedir: str,
                   fresh: bool, overrides: dict | None = None) -> BuildResult:
    """Run one Sphinx build in this process (called in a worker process)."""
    from sphinx.application import Sphinx

    layout = Layout(Path(root))
    result = BuildResult(lang, builder, Path(outdir))
    warnings = io.StringIO()
    started = time.perf_counter()
    try:
        app = Sphinx(layout.docs, layout.root, outdir, doctreedir, builder,
                     confoverrides={**(overrides or {}), "language": lang}, status=None, warning=warnings,
                     freshenv=fresh, warningiserror=True)
        app.build()
        result.ok = app.statuscode == 0
        result.documents = len(app.env.found_docs)
    except Exception as exc:  # noqa: BLE001 - reported with the traceback below
        from sphinx.errors import ConfigError, SphinxError

        result.ok = False
        if isinstance(exc, (ConfigError, SphinxError)):
            warnings.write(f"error: {exc}\n")
        else:
            result.crash = traceback.format_exc()
    result.messages = format_messages(warnings.getvalue(), layout.root)
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class Job:
    language: str
    builder: str
    outdir: Path
    doctreedir: Path
    state: StateFile
    content_key: str
    toolchain_key: str
    overrides: dict = field(default_factory=dict)  # extra configuration values for this build


def plan(layout: Layout, languages: Sequence[str], builder: str,
         outdir_for: Callable[[str], Path]) -> list[Job]:
    toolchain_key = fingerprint(_toolchain(layout))
    jobs = []
    for lang in languages:
        state = StateFile(layout.state / f"{builder}-{lang}.json")
        content_key = fingerprint(_inputs(layout, lang, builder), extra=builder)
        jobs.append(Job(lang, builder, outdir_for(lang), layout.doctrees / lang, state,
                        content_key, toolchain_key))
    return jobs


def run(layout: Layout, jobs: Sequence[Job],
        report: Callable[[BuildResult], None]) -> list[BuildResult]:
    """Build the jobs that are out of date, in parallel; report each result as it arrives."""
    results: list[BuildResult] = []
    todo = []
    for job in jobs:
        if job.state.matches(job.content_key, job.toolchain_key) and job.outdir.is_dir():
            result = BuildResult(job.language, job.builder, job.outdir, skipped=True)
            report(result)
            results.append(result)
        else:
            todo.append(job)
    if not todo:
        return results
    workers = max(1, min(len(todo), os.cpu_count() or 1))
    # A fresh process per language: Sphinx keeps translators and locale state in globals.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=1) as pool:
        futures = {}
        for job in todo:
            fresh = not job.state.toolchain_matches(job.toolchain_key)
            futures[pool.submit(build_language, str(layout.root), job.language, job.builder,
                                str(job.outdir), str(job.doctreedir), fresh, job.overrides)] = job
        for future in as_completed(futures):
            job = futures[future]
            result = future.result()
            if result.ok:
                job.state.record(job.content_key, job.toolchain_key)
            else:
                # Sphinx re-reads only changed documents, so the warnings of a failed build
                # would not be repeated next time: forget the environment to make them repeat.
                job.state.forget()
                (job.doctreedir / "environment.pickle").unlink(missing_ok=True)
            report(result)
            results.append(result)
    return results
