"""`make upgrade-check`: the steps, each announced on one line, and the report they add up to.

The separate environment lives in _build/upgrade-check/venv (kept and reused: the next check only
re-pins and upgrades); the builds run in copies of the project under _build/upgrade-check/copies
(removed afterwards unless --keep). The output is compared with a fresh build by the pinned packages
of a second copy made from the first (not with _build/site, which may be of other sources or
options). The pinned environment is the one running this command; it is only read (``pip freeze``
before and after proves it)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import handbook
from handbook import atomic, command_args, outputs_compare, patches
from handbook.paths import Layout, copy_project
from handbook.upgrade import environment, report, runs

TEST_CHOICES = ("all", "fast", "none")


def given_pins(pins_file: str, versions: str, root: Path) -> dict[str, str]:
    """The versions to test instead of the newest: a file of ``name==version`` lines and/or
    ``--versions "furo==2025.9.25 sphinx==9.0.3"`` (the option wins)."""
    given: dict[str, str] = {}
    try:
        if pins_file:
            path = (root / pins_file) if not Path(pins_file).is_absolute() else Path(pins_file)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise command_args.UsageError(f"--pins {pins_file}: cannot read it ({exc.strerror}) — give a "
                                              "file of name==version lines") from None
            given.update(environment.parse_pins(text.splitlines(), pins_file))
        given.update(environment.parse_pins(versions.replace(",", " ").split(), "--versions"))
    except environment.PinsError as exc:
        raise command_args.UsageError(str(exc)) from None
    return given


def _build_summary(build: runs.Build | None) -> dict[str, Any] | None:
    return None if build is None else {"ok": build.ok, "status": build.status, "errors": build.errors}


def compare_outputs(pinned: Layout, upgraded: Layout) -> dict[str, Any]:
    """The pages (their visible text) and the PDFs (pages, outline, text) that changed, pinned → upgraded."""
    changed = (outputs_compare.html_differences(pinned.site, upgraded.site, outputs_compare.visible_text)
               + outputs_compare.pdf_differences(pinned.site, upgraded.site))
    pages = [p for p in pinned.site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]
    return {"compared": True, "pages": len(pages), "pdfs": len(list(pinned.site.rglob("*.pdf"))),
            "changed": [{"file": d.file, "what": d.what, "excerpt": d.excerpt} for d in changed]}


def new_problems(pinned: runs.Build, upgraded: runs.Build, roots: tuple[Path, Path]) -> list[str]:
    """The problem lines (ending in a check id) that only the upgraded build reports."""
    before = set(outputs_compare.problems(pinned.output.replace(str(roots[0]), "<copy>")))
    return [line for line in outputs_compare.problems(upgraded.output.replace(str(roots[1]), "<copy>"))
            if line not in before]


def upgrade_check(langs_text: str = "", tests: str = "all", keep: bool = False, pins_file: str = "",
                  versions: str = "", layout: Layout | None = None,
                  say: Callable[[str], None] | None = None) -> int:
    layout = layout or Layout()
    say = say or (lambda line: print(line, flush=True))
    if tests not in TEST_CHOICES:
        raise command_args.UsageError(f"--tests {tests}: choose one of {', '.join(TEST_CHOICES)}")
    langs = command_args.parse_languages(langs_text, command_args.settings_for(layout))
    given = given_pins(pins_file, versions, layout.root)
    toolchain = Path(handbook.__file__).resolve().parents[1]
    lock = toolchain.parent / "requirements.lock"
    work = layout.build / "upgrade-check"
    venv_dir = work / "venv"
    asked = environment.wanted(given)
    data: dict[str, Any] = {"started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "languages": langs,
                            "asked": asked, "build": {"upgraded": None, "pinned": None}, "new_problems": [],
                            "declined": [], "output": {"compared": False, "changed": []},
                            "tests": {"ran": False, "which": tests, "ok": True, "message": []}}
    pinned_before = environment.freeze(sys.executable)

    say(f"upgrade-check: [1/5] environment {layout.rel(venv_dir)}: {lock.name}'s pins, then "
        + ("the newest " if not given else "") + " ".join(asked))
    if environment.create(venv_dir, toolchain):
        say(f"  made {layout.rel(venv_dir)}/")
    installed = environment.install(venv_dir, lock, given, work / "pip.log", say)
    locked = environment.parse_pins(lock.read_text(encoding="utf-8").splitlines())
    data["environment"] = {"ok": installed.ok, "error": installed.error, "log": layout.rel(installed.log),
                           "changes": report.version_rows(environment.changes(locked, installed.versions))
                           if installed.ok else [],
                           "tested": report.tested_rows(sorted(given) or environment.UPGRADED, locked,
                                                        installed.versions)}
    interpreter = environment.python(venv_dir)
    if installed.ok:
        data["declined"] = report.declined(patches.load().values(), installed.versions)
        copies = work / "copies"
        shutil.rmtree(copies, ignore_errors=True)
        upgraded = Layout(copy_project(layout.root, copies / "upgraded"))
        pinned = Layout(copy_project(upgraded.root, copies / "pinned"))  # the same sources, whatever is edited now
        say(f"upgrade-check: [2/5] the whole build ({' '.join(langs)}) with the upgraded packages")
        built = runs.build(interpreter, toolchain, upgraded.root, langs, work / "build-upgraded.log")
        say("upgrade-check: [3/5] the same build with the pinned packages, for comparison")
        built_pinned = runs.build(sys.executable, toolchain, pinned.root, langs, work / "build-pinned.log")
        data["build"] = {"upgraded": _build_summary(built), "pinned": _build_summary(built_pinned)}
        data["new_problems"] = new_problems(built_pinned, built, (pinned.root, upgraded.root))
        say("upgrade-check: [4/5] comparing the pages and PDFs")
        if built.ok and built_pinned.ok:
            data["output"] = compare_outputs(pinned, upgraded)
        say(f"upgrade-check: [5/5] the tests ({tests}) with the upgraded packages")
        result = runs.tests(interpreter, toolchain, tests, work / "tests.log")
        data["tests"] = {"ran": result.ran, "which": tests, "ok": result.ok, "passed": result.passed,
                         "failed": result.failed, "skipped": result.skipped, "failing": result.failing,
                         "message": result.message}
        if not keep:
            shutil.rmtree(copies, ignore_errors=True)
    data["pinned_untouched"] = environment.freeze(sys.executable) == pinned_before
    data["ok"] = report.verdict(data) and data["pinned_untouched"]
    _write(work, data)
    for line in report.lines(data):
        say(line)
    kept = f"; the copies are in {layout.rel(work / 'copies')}/" if keep and installed.ok else ""
    say(f"The report is in {layout.rel(work / 'report.md')} and report.json; the logs beside it{kept}.")
    return 0 if data["ok"] else 1


def _write(work: Path, data: dict[str, Any]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    atomic.write_text(work / "report.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic.write_text(work / "report.md", report.markdown(data))
