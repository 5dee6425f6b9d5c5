"""`make upgrade-check`: the versions that differ from the lock, the patches that decline on them,
the tests' results, the options a maintainer can get wrong — and once end to end, on a tiny root
with the locked versions (nothing declines, nothing changes) and with an older Furo (its patch
declines), leaving the pinned environment as it was."""

import json
import os
import subprocess
import sys

import pytest

from handbook import cli, patches
from handbook.upgrade import environment, report, runs
from support import REPO, ROOTS, run_command

LOCK = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
LOCKED = environment.parse_pins(LOCK)
LOCKED_FIVE = {name: LOCKED[name] for name in environment.UPGRADED}


def test_the_lock_is_read_as_pip_names_and_versions():
    assert LOCKED["sphinx"] == "9.0.4" and LOCKED["jinja2"] and LOCKED["pyyaml"]  # Jinja2, PyYAML
    assert "pip" not in LOCKED and all(not name.startswith("#") for name in LOCKED)
    assert set(environment.UPGRADED) <= set(LOCKED)


def test_the_pinned_environment_is_the_lock():
    """The real `pip freeze` of the environment running the tests against the lock: nothing differs
    (the editable toolchain itself is not a pin)."""
    assert environment.changes(LOCKED, environment.freeze(sys.executable)) == []


def test_every_package_whose_version_differs_is_listed_locked_then_installed():
    frozen = [line.replace("Sphinx==9.0.4", "Sphinx==9.1.0").replace("docutils==0.22.4", "docutils==0.23")
              for line in LOCK if not line.startswith("polib==")]
    frozen += ["roman-numerals-py==4.1.0", "-e /work/checkout", "pip==25.3"]
    found = environment.changes(LOCKED, environment.parse_pins(frozen))
    assert [(c.package, c.locked, c.installed) for c in found] == [
        ("docutils", "0.22.4", "0.23"), ("pip", None, "25.3"), ("polib", "1.2.0", None),
        ("roman-numerals-py", None, "4.1.0"), ("sphinx", "9.0.4", "9.1.0")]


def test_on_the_locked_versions_no_patch_declines():
    assert report.declined(patches.load().values(), LOCKED) == []


def test_a_newer_weasyprint_declines_each_weasyprint_patch_with_the_patch_layers_reason():
    found = report.declined(patches.load().values(), {**LOCKED, "weasyprint": "71.0"})
    names = [d["patch"] for d in found]
    assert "weasyprint-footnote-set" in names and "weasyprint-lang-of-parts" in names
    assert {d["package"] for d in found} == {"weasyprint"}
    lang = next(d for d in found if d["patch"] == "weasyprint-lang-of-parts")
    assert lang["speed_only"] is False and lang["installed"] == "71.0" and lang["verified"] == ["70.0"]
    assert lang["reason"] == ("patch weasyprint-lang-of-parts not installed: weasyprint 71.0 is not among "
                              "the verified versions 70.0 — the package's own code runs")


def test_a_package_gone_from_the_environment_declines_its_patches():
    versions = {name: v for name, v in LOCKED.items() if name != "furo"}
    found = report.declined(patches.load().values(), versions)
    assert [d["patch"] for d in found] == ["furo-navigation-once"]
    assert "furo (missing) is not among the verified versions 2025.12.19" in found[0]["reason"]


def test_without_versions_the_five_get_their_newest_release():
    assert environment.wanted({}) == ["sphinx", "myst-parser", "weasyprint", "furo", "sphinx-intl"]
    assert environment.wanted({"furo": "2025.9.25"}) == ["furo==2025.9.25"]


@pytest.mark.parametrize("args, message", [
    (["--versions", "furo>=2025"], "--versions:1: 'furo>=2025' is not name==version — write e.g. furo==2025.9.25"),
    (["--pins", "no-such-pins.txt"], "--pins no-such-pins.txt: cannot read it (No such file or directory)"),
])
def test_a_wrong_pin_is_a_usage_error_before_anything_is_installed(args, message):
    run = run_command(cli.main, ["upgrade-check", "--tests", "none", *args])
    assert run.status == 2
    assert run.err.startswith(f"handbook: error: {message}") and "Traceback" not in run.err
    assert run.out == ""


def test_a_pins_file_names_the_line_that_is_wrong(tmp_path):
    pins = tmp_path / "pins.txt"
    pins.write_text("# to try\nfuro==2025.9.25\nsphinx 9.1\n", encoding="utf-8")
    run = run_command(cli.main, ["upgrade-check", "--pins", str(pins)])
    assert run.status == 2
    assert f"handbook: error: {pins}:3: 'sphinx 9.1' is not name==version" in run.err


def test_an_unknown_tests_choice_is_a_usage_error():
    with pytest.raises(SystemExit) as stopped:
        cli.main(["upgrade-check", "--tests", "some"])
    assert stopped.value.code == 2


def test_the_tests_results_are_read_from_pytests_own_report(tmp_path):
    """A real pytest run (one test passes, one fails, one is skipped) and its JUnit report."""
    (tmp_path / "tests" / "web").mkdir(parents=True)
    (tmp_path / "tests" / "web" / "test_sample.py").write_text(
        "import pytest\n\ndef test_ok():\n    pass\n\nclass TestGroup:\n    def test_broken(self):\n"
        "        assert 1 == 2\n\n@pytest.mark.skip\ndef test_later():\n    pass\n", encoding="utf-8")
    xml = tmp_path / "report.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                    "-c", os.devnull, f"--junitxml={xml}", "tests/web/test_sample.py"], cwd=tmp_path,
                   capture_output=True, check=False)
    assert runs.junit_results(xml.read_text(encoding="utf-8")) == (
        1, 1, 1, ["tests/web/test_sample.py::TestGroup::test_broken"])


def test_a_failed_builds_first_error_lines_are_reported():
    output = "reading sources\nwriting ru\ndocs/a.md:3: error: a link to nowhere — fix it [link]\n" \
             "Traceback (most recent call last):\nmore\n"
    assert runs.first_errors(output) == ["docs/a.md:3: error: a link to nowhere — fix it [link]",
                                         "Traceback (most recent call last):"]
    assert runs.first_errors("one\ntwo\n") == ["one", "two"]


@pytest.mark.slow
def test_end_to_end_on_a_tiny_root_with_the_locked_versions_then_an_older_furo(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    subprocess.run(["cp", "-r", f"{ROOTS / 'multilingual'}/.", str(root)], check=True)
    pinned_before = environment.freeze(sys.executable)

    def check(*args: str) -> tuple[subprocess.CompletedProcess, dict]:
        done = subprocess.run(
            [sys.executable, "-m", "handbook", "upgrade-check", "--langs", "ru", "--tests", "none", *args],
            cwd=REPO, capture_output=True, text=True, check=False,
            env={**os.environ, "HANDBOOK_ROOT": str(root), "PYTHONPATH": str(REPO / "scripts")})
        data = json.loads((root / "_build" / "upgrade-check" / "report.json").read_text(encoding="utf-8"))
        return done, data

    done, data = check("--versions", " ".join(f"{name}=={v}" for name, v in LOCKED_FIVE.items()))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.startswith("upgrade-check: [")][0].startswith(
        "upgrade-check: [1/5] environment _build/upgrade-check/venv: requirements.lock's pins, then furo==")
    tested = ", ".join(f"{name} {v} → {v}" for name, v in sorted(LOCKED_FIVE.items()))
    for expected in ("Upgrade check: no problem found", f"  packages under test (requirements.lock → installed): {tested}",
                     "  versions: all as in requirements.lock",
                     "  patches declined: none", "  build (upgraded): ok", "  tests: not run",
                     "  the pinned environment: untouched"):
        assert expected in lines, done.stdout
    assert any(line.startswith("  output: unchanged (") for line in lines), done.stdout
    assert data["output"]["pages"] > 0 and data["output"]["pdfs"] > 0
    assert (root / "_build" / "upgrade-check" / "venv" / "bin" / "python").exists()
    assert not (root / "_build" / "upgrade-check" / "copies").exists()  # no --keep

    pins = tmp_path / "pins.txt"
    pins.write_text("# the release before the locked one\nfuro==2025.9.25\n", encoding="utf-8")
    done, data = check("--pins", str(pins), "--keep")
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]  # a report, not a crash
    assert {"package": "furo", "locked": LOCKED["furo"], "installed": "2025.9.25"} in data["environment"]["changes"]
    assert "furo-navigation-once" in [d["patch"] for d in data["declined"]]
    # Sphinx 8.2.3 came with it: its patches decline and Sphinx's own code runs (the build once failed here,
    # reading a function Sphinx 8 does not have when the patch module was imported).
    assert "sphinx-i18n-once" in [d["patch"] for d in data["declined"]]
    assert data["build"]["upgraded"]["ok"], data["build"]["upgraded"]
    assert "  packages under test (requirements.lock → installed): furo 2025.12.19 → 2025.9.25" in done.stdout
    assert "    furo 2025.12.19 → 2025.9.25" in done.stdout.splitlines()
    md = (root / "_build" / "upgrade-check" / "report.md").read_text(encoding="utf-8")
    assert ("- `furo-navigation-once`: patch furo-navigation-once not installed: furo 2025.9.25 is not among "
            "the verified versions 2025.12.19 — the package's own code runs") in md.splitlines()
    assert (root / "_build" / "upgrade-check" / "copies" / "pinned" / "_build" / "site" / "ru").is_dir()  # --keep
    assert environment.freeze(sys.executable) == pinned_before


def test_the_report_names_what_failed_and_what_changed():
    data = {"ok": False, "started": "2026-12-07T15:00:00+00:00", "languages": ["ru"], "asked": ["sphinx"],
            "environment": {"ok": True, "error": [], "tested": [{"package": "sphinx", "locked": "9.0.4",
                                                                  "installed": "9.1.0"}],
                            "changes": [{"package": "sphinx", "locked": "9.0.4", "installed": "9.1.0"}]},
            "declined": report.declined(patches.load().values(), {**LOCKED, "sphinx": "9.1.0"}),
            "build": {"upgraded": {"ok": True, "status": 0, "errors": []},
                      "pinned": {"ok": True, "status": 0, "errors": []}},
            "new_problems": ["docs/a.md:3: warning: a new warning [sphinx]"],
            "output": {"compared": True, "pages": 44, "pdfs": 4,
                       "changed": [{"file": "ru/index.html", "what": "text", "excerpt": "-Конец.\n+Конец главы."}]},
            "tests": {"ran": True, "which": "fast", "ok": False, "passed": 360, "failed": 1, "skipped": 0,
                      "failing": ["tests/test_site.py::test_title"], "message": []},
            "pinned_untouched": True}
    assert not report.verdict(data)
    lines = report.lines(data)
    for expected in ["Upgrade check: problems found", "    sphinx 9.0.4 → 9.1.0", "  patches declined: 1",
                     "    sphinx-i18n-once (sphinx 9.1.0, verified 9.0.4, speed only)",
                     "    docs/a.md:3: warning: a new warning [sphinx]",
                     "  output: 1 changed (of 44 pages, 4 PDFs):", "    ru/index.html: text", "      +Конец главы.",
                     "  tests (fast): 360 passed, 1 failed, 0 skipped", "    FAILED tests/test_site.py::test_title"]:
        assert expected in lines, "\n".join(lines)
    md = report.markdown(data)
    assert "| sphinx | 9.0.4 | 9.1.0 |" in md and "- `tests/test_site.py::test_title`" in md
    assert "- `ru/index.html` (text)\n\n  ```diff\n  -Конец.\n  +Конец главы.\n  ```" in md
