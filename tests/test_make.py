"""The Makefile's interface: `make help`, the test tiers, set-up done once and again when needed."""

import os
import shlex
import shutil
import subprocess
import sys
import time

from support import REPO

# The interface table of DESIGN.md.
INTERFACE = ["make", "make test", "make test-fast", "make html", "make pdf", "make gettext", "make update-po",
             "make stats", "make check", "make review", "make serve", "make bench", "make upgrade-check", "make add-language",
             "make help"]
# What the set-up's rule depends on, and the files a checkout of the Makefile needs to plan it.
SET_UP_INPUTS = ["pyproject.toml", "requirements.lock", "scripts/bootstrap.py"]


def make(*args, cwd=REPO):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def checkout(tmp_path, python_works=True):
    """The Makefile and the set-up's inputs in a folder of their own, with a .venv whose Python is
    the one running the tests (or one that cannot import the toolchain): the checkout's own .venv,
    if there is one, plays no part."""
    for name in ["Makefile", *SET_UP_INPUTS]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, tmp_path / name)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} \"$@\"\n" if python_works
                      else "#!/bin/sh\nexit 1\n", encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def set_up_done(root, seconds_after_inputs=10):
    """Mark the set-up as done, later than its inputs were last changed."""
    stamp = max((root / name).stat().st_mtime for name in SET_UP_INPUTS) + seconds_after_inputs
    done = root / ".venv" / ".setup-done"
    done.touch()
    os.utime(done, (stamp, stamp))


def test_help_lists_every_target_one_line_each():
    result = make("help")
    assert result.returncode == 0
    usages = [line.strip().split("  ")[0].split() for line in result.stdout.splitlines()[1:]]
    names = [" ".join(words[:2]) for words in usages]
    for target in INTERFACE:
        assert names.count(target) == 1, target


def test_set_up_runs_until_done_then_not_again_until_the_dependencies_change(tmp_path):
    root = checkout(tmp_path)
    # `make -q` exits 0 when the target is up to date, i.e. `make` would run no set-up step.
    assert make("-q", ".venv/.setup-done", cwd=root).returncode != 0
    assert "scripts/bootstrap.py" in make("-n", "html", cwd=root).stdout
    set_up_done(root)
    assert make("-q", ".venv/.setup-done", cwd=root).returncode == 0
    planned = make("-n", "html", cwd=root).stdout
    assert "bootstrap" not in planned and "-m handbook html" in planned
    # A changed dependency (after `git pull`, say) sets up again.
    later = time.time() + 60
    os.utime(root / "pyproject.toml", (later, later))
    assert make("-q", ".venv/.setup-done", cwd=root).returncode != 0


def test_a_venv_that_lost_the_toolchain_is_set_up_again(tmp_path):
    root = checkout(tmp_path, python_works=False)
    set_up_done(root)
    assert make("-q", ".venv/.setup-done", cwd=root).returncode != 0
    assert "scripts/bootstrap.py" in make("-n", "html", cwd=root).stdout


def test_make_test_runs_the_linter_and_the_fast_tier_first_then_the_rest_once(tmp_path):
    root = checkout(tmp_path)
    set_up_done(root)
    planned = [line for line in make("-n", "test", cwd=root).stdout.splitlines() if line.strip()]
    assert len(planned) == 4, planned
    lint, dead_code, fast, rest = planned
    assert lint.startswith(".venv/bin/ruff check")
    assert dead_code == ".venv/bin/vulture"  # its settings: pyproject.toml's [tool.vulture]
    assert fast.endswith('-m pytest -m "not slow and not browser"')
    assert rest.endswith('-m pytest -m "slow or browser"')  # together: every test, none twice
    assert [line for line in make("-n", "test-fast", cwd=root).stdout.splitlines()
            if line.strip()] == [lint, dead_code, fast]


def test_add_language_takes_the_language_as_lang_or_code():
    for variable in ("LANG=da", "CODE=da"):
        planned = make("-n", "add-language", variable).stdout
        assert 'add-language --code "da"' in planned, (variable, planned)
