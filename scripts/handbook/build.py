"""Build each language with Sphinx, in parallel processes, skipping what has not changed."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import resource
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from handbook import atomic, faults, processes
from handbook.fingerprint import StateFile, fingerprint
from handbook.hints import add_hint
from handbook.paths import Layout
from handbook.folder_swap import recover, swap_in

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TOOLCHAIN_MARK = "toolchain.key"  # in a doctree folder: the toolchain that made it
_RUNS_KEPT = 50  # runs.jsonl keeps the figures of this many runs
_NO_LINE = re.compile(r"^([^\s:]+):: (?=WARNING|ERROR|CRITICAL)")  # a file without a line: "path::"
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
    peak_mb: float = 0.0  # peak resident memory of the process that built it
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage: read, write…
    extra: dict[str, object] = field(default_factory=dict)  # a builder's own figures (PDF pages)
    crash: str = ""  # a traceback: our bug, not the user's
    # Files the builder made but did not put in place (the PDFs: path and manifest entry); the
    # job's publish step puts them there if the build succeeded.
    staged: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    # Warnings among the messages that do not fail the build (the preflight's pending checks).
    notices: list[str] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        """The messages that made the build fail (the notices are shown but do not count)."""
        return len(self.messages) - len(self.notices)


def format_messages(text: str, root: Path) -> list[str]:
    """Sphinx's warning stream as ``path:line: warning: … — how to fix`` lines, paths relative
    to the root."""
    prefix = str(root) + os.sep
    lines = []
    for raw in _ANSI.sub("", text).splitlines():
        if not raw.strip():
            continue
        line = _NO_LINE.sub(r"\1: ", raw.replace(prefix, ""), count=1)
        line = _SEVERITY.sub(lambda m: f"{m.group(1)}{m.group(2).lower()}: ".replace("critical", "error"),
                             line, count=1)
        lines.append(add_hint(line))  # authors get the fix with the problem
    return lines


def _inputs(layout: Layout, lang: str, builder: str = "") -> list[Path]:
    # Every language's status page shows every language's progress: for the website a change to any
    # language's catalogs runs each language's build, in which Sphinx writes only what shows it.
    catalogs = layout.locales if builder == "html" else layout.locales / lang
    inputs = [layout.conf, layout.docs, catalogs]
    if builder == "html":
        inputs.append(layout.site / "pdf" / "manifest.json")  # the downloads page lists the PDFs
    return inputs


def _toolchain(layout: Layout) -> list[Path]:
    import handbook

    package = Path(handbook.__file__).parent
    return [package, layout.root / "pyproject.toml", layout.root / "requirements.lock"]


def build_language(root: str, lang: str, builder: str, outdir: str, doctreedir: str,
                   fresh: bool, use_fuzzy: bool = False,
                   overrides: dict[str, object] | None = None,
                   locales: str = "", compiled: str = "") -> BuildResult:
    """Run one Sphinx build in this process (called in a worker process): the one way the toolchain
    starts Sphinx, so that every build (site, PDF, preview, review) checks the catalogs first, is
    strict and reports its warnings alike.

    ``locales``: a folder of catalogs to build with instead of the project's ``locales/`` (the
    review's copies, outdated translations marked), named ``locales`` too, so that a problem is
    reported at the same path as in the translator's file; ``compiled``: where their .mo files go.
    """
    processes.die_with_parent()  # a worker ends with the command that started it
    from sphinx.application import Sphinx

    from handbook.check_ids import suppressed
    from handbook.compile_catalogs import compile_language
    from handbook.gc_tuning import tune_for_builds
    from handbook.settings import SettingsError, load_settings

    tune_for_builds()
    layout = Layout(Path(root))
    result = BuildResult(lang, builder, Path(outdir))
    warnings = io.StringIO()
    started = time.perf_counter()
    try:
        catalogs = Path(locales) if locales else layout.locales
        compiled_dir = Path(compiled) if compiled else layout.compiled_locales
        # conf.py's suppress_warnings silences a catalog's check as it does a Sphinx warning.
        try:
            silenced = suppressed(load_settings(layout).suppress_warnings)[0]
        except SettingsError:
            silenced = frozenset()  # Sphinx reports the wrong setting at its line and stops
        # Paths relative to the catalogs' parent: locales/<lang>/… for the project's and the copies.
        problems = compile_language(catalogs, lang, compiled_dir, catalogs.parent, use_fuzzy, silenced)
        result.messages = [str(p) for p in problems]
        settings = {"handbook_site_dir": str(layout.site), "handbook_locales_dir": str(layout.locales),
                    **(overrides or {}),
                    "language": lang, "locale_dirs": [str(compiled_dir)], "gettext_auto_build": False}
        app = Sphinx(layout.docs, layout.root, outdir, doctreedir, builder,
                     confoverrides=settings, status=None, warning=warnings,
                     freshenv=fresh, warningiserror=True)
        read_started = time.perf_counter()
        result.stages["setup"] = read_started - started  # catalogs, configuration, extensions

        def reading_done(app: object, env: object) -> None:  # returns None: no documents to re-read
            result.stages.setdefault("read", time.perf_counter() - read_started)

        app.connect("env-updated", reading_done)
        app.build()
        result.stages["write"] = time.perf_counter() - read_started - result.stages.get("read", 0.0)
        # A builder may break its writing down further (the PDF builder: layout, writing).
        result.stages.update(getattr(app.builder, "handbook_stage_seconds", {}))
        result.extra = dict(getattr(app.builder, "handbook_record", {}))
        result.staged = list(getattr(app.builder, "handbook_staged", []))
        result.notices = list(getattr(app.builder, "handbook_notices", []))  # shown, do not fail it
        result.messages += result.notices
        result.ok = app.statuscode == 0 and not problems
        result.documents = len(app.env.found_docs)
    except Exception as exc:  # noqa: BLE001 - reported with the traceback below
        from sphinx.errors import ConfigError, SphinxError

        fault = faults.from_exception(exc, layout.root)
        if fault:  # a full disk, a read-only _build: one line from the command, not a traceback
            raise fault from None
        result.ok = False
        if isinstance(exc, (ConfigError, SphinxError)):
            warnings.write(f"error: {exc}\n")
        else:
            result.crash = traceback.format_exc()
    result.messages += format_messages(warnings.getvalue(), layout.root)
    # Sphinx reports a file it could not write, and the PDF builder a renderer that could not, as
    # a warning: the same one line for them.
    fault = faults.from_text("\n".join(result.messages), layout.root)
    if fault:
        raise fault
    result.seconds = time.perf_counter() - started
    # The largest of this process and its children (the PDF is rendered in a child process).
    result.peak_mb = max(resource.getrusage(who).ru_maxrss
                         for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    return result


@dataclass
class Job:
    language: str
    builder: str
    outdir: Path  # published output
    workdir: Path  # where Sphinx writes; copied to outdir when a build completes
    doctreedir: Path
    state: StateFile
    content_key: str
    toolchain_key: str
    overrides: dict = field(default_factory=dict)  # extra configuration values for this build
    # Puts a successful build's output in place; None: the work folder is copied to outdir.
    publish: Callable[[BuildResult], None] | None = None


def plan(layout: Layout, languages: Sequence[str], builder: str,
         outdir_for: Callable[[str], Path], staged: bool = True) -> list[Job]:
    toolchain_key = fingerprint(_toolchain(layout))
    jobs = []
    for lang in languages:
        state = StateFile(layout.state / f"{builder}-{lang}.json")
        content_key = fingerprint(_inputs(layout, lang, builder), extra=builder)
        outdir = outdir_for(lang)
        # A builder that puts each file in place itself (the PDFs share one folder) writes there.
        workdir = layout.work / builder / lang if staged else outdir
        jobs.append(Job(lang, builder, outdir, workdir, layout.doctrees / lang, state,
                        content_key, toolchain_key))
    return jobs


def run(layout: Layout, jobs: Sequence[Job],
        report: Callable[[BuildResult], None]) -> list[BuildResult]:
    """Build the jobs that are out of date, in parallel; report each result as it arrives."""
    started = time.perf_counter()
    results: list[BuildResult] = []
    todo = []
    for job in jobs:
        recover(job.outdir, layout.scratch)
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
            fresh = not _doctrees_match(job)
            futures[pool.submit(build_language, str(layout.root), job.language, job.builder,
                                str(job.workdir), str(job.doctreedir), fresh, False, job.overrides)] = job
        for future in as_completed(futures):
            job = futures[future]
            result = future.result()
            result.outdir = job.outdir
            if result.ok:
                # Only a build without problems is published (the build is strict): a failed
                # one, a crash or a kill leaves the previous output in place, or none.
                if job.publish is not None:
                    job.publish(result)
                elif job.workdir != job.outdir and job.workdir.is_dir():
                    swap_in(job.workdir, job.outdir, layout.scratch)
                job.state.record(job.content_key, job.toolchain_key)
                job.doctreedir.mkdir(parents=True, exist_ok=True)
                (job.doctreedir / _TOOLCHAIN_MARK).write_text(job.toolchain_key)
            else:
                # Sphinx re-reads only changed documents, so the warnings of a failed build
                # would not be repeated next time: forget the environment to make them repeat.
                job.state.forget()
                (job.doctreedir / "environment.pickle").unlink(missing_ok=True)
                (job.doctreedir / _TOOLCHAIN_MARK).unlink(missing_ok=True)
            report(result)
            results.append(result)
    _record(layout, results, time.perf_counter() - started)
    return results


def _doctrees_match(job: Job) -> bool:
    """The language's doctrees were made by this toolchain: Sphinx may reuse them. The HTML and PDF
    builders share them, so the first PDF build after the HTML one reads nothing again."""
    mark = job.doctreedir / _TOOLCHAIN_MARK
    return mark.is_file() and mark.read_text() == job.toolchain_key


def _record(layout: Layout, results: Sequence[BuildResult], seconds: float) -> None:
    """Keep the figures of the last run per builder, and of every run in runs.jsonl (the benchmark
    reads them there: the figures of one `make` are spread over several runs)."""
    layout.state.mkdir(parents=True, exist_ok=True)
    data = [{"language": r.language, "builder": r.builder, "ok": r.ok, "seconds": round(r.seconds, 3),
             "peak_mb": round(r.peak_mb, 1), "stages": {k: round(v, 3) for k, v in r.stages.items()},
             **r.extra}
            for r in results if not r.skipped]
    if data:
        target = layout.state / f"last-{results[0].builder}.json"
        atomic.write_text(target, json.dumps(data, indent=1))
        run = {"builder": results[0].builder, "seconds": round(seconds, 3), "results": data}
        log = layout.state / "runs.jsonl"
        kept = log.read_text(encoding="utf-8").splitlines()[-(_RUNS_KEPT - 1):] if log.is_file() else []
        atomic.write_text(log, "".join(line + "\n" for line in [*kept, json.dumps(run)]))
