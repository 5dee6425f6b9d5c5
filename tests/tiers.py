"""The test suite's tiers and house rules, as a pytest plugin that tests/conftest.py registers.

Tiers: `make test-fast` runs ``-m "not slow and not browser"``, `make test` runs that first and then
``-m "slow or browser"``. Tests marked ``upstream`` (the real handbook built with the patches to
other packages on and off, tests/test_upstream.py) run only when asked for: `make test-upstream`
(``-m upstream``); every other run leaves them out. A test is ``browser`` when it lives in tests/web/, ``slow`` when it uses a
fixture that builds the real handbook (or is marked so by hand); everything else is fast by
default, and a fast test whose own run takes long is named at the end of the run, so that it gets
its ``@pytest.mark.slow``.

House rule: no test writes into the repository's tree. With ``HANDBOOK_TEST_TREE_CHECK=1`` (CI
sets it: a fresh clone that nobody edits meanwhile) the session fails if ``git status`` or the
files under ``_build/`` changed while the tests ran. In a checkout that people edit during the
run that comparison would blame the tests for their edits, so there tests/test_suite_rules.py
looks for such writes in the tests' code instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
# Fixtures that build the real handbook: a test that uses one (directly or through another
# fixture, e.g. the browser tests' site_url) is slow.
SLOW_FIXTURES = {"handbook_site"}
# A fast test whose call alone takes longer than this is named at the end of the fast tier.
FAST_SECONDS = 5.0
TREE_CHECK = "HANDBOOK_TEST_TREE_CHECK"


def tier_marks(path: Path, fixturenames: list[str]) -> list[str]:
    """The tier markers a test gets from where it is and what it uses."""
    marks = []
    if TESTS / "web" in path.parents:
        marks.append("browser")
    if SLOW_FIXTURES.intersection(fixturenames):
        marks.append("slow")
    return marks


def tree_state(repo: Path) -> dict[str, str]:
    """What a test could change in the checkout: ``git status`` of every file that is not ignored,
    and the size and modification time of everything under ``_build/`` (ignored by git)."""
    state: dict[str, str] = {}
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True, check=False)
    if status.returncode == 0:
        for line in status.stdout.splitlines():
            path = repo / line[3:].split(" -> ")[-1].strip('"')
            try:
                stamp = path.stat().st_mtime_ns
            except OSError:
                stamp = "gone"
            state[f"git: {line[3:]}"] = f"{line[:2]} {stamp}"
    build = repo / "_build"
    for folder, dirs, files in os.walk(build):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            state[f"_build: {path.relative_to(build).as_posix()}"] = f"{info.st_size} {info.st_mtime_ns}"
    return state


def tree_changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    return [f"{key} ({'added' if key not in before else 'removed' if key not in after else 'changed'})"
            for key in changed]


class Plugin:
    def __init__(self) -> None:
        self.slow_fast_tests: list[tuple[float, str]] = []
        self.tree: dict[str, str] | None = None
        self.tree_changed: list[str] = []
        # Hypothesis keeps its database and caches in ./.hypothesis: the repository, when the tests
        # run from its root. A temporary folder instead (its examples are not worth keeping).
        self.hypothesis_home = tempfile.mkdtemp(prefix="handbook-hypothesis-")
        try:
            from hypothesis.configuration import set_hypothesis_home_dir
        except ImportError:
            pass
        else:
            set_hypothesis_home_dir(self.hypothesis_home)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        for item in items:
            for mark in tier_marks(Path(item.path), list(getattr(item, "fixturenames", []))):
                item.add_marker(mark)
        if "upstream" not in (config.getoption("markexpr") or ""):
            left_out = [item for item in items if item.get_closest_marker("upstream")]
            if left_out:
                config.hook.pytest_deselected(items=left_out)
                items[:] = [item for item in items if not item.get_closest_marker("upstream")]

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if os.environ.get(TREE_CHECK) == "1":
            self.tree = tree_state(REPO)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.duration > FAST_SECONDS \
                and not {"slow", "browser"} & set(report.keywords):
            self.slow_fast_tests.append((report.duration, report.nodeid))

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.tree is not None:
            self.tree_changed = tree_changes(self.tree, tree_state(REPO))
            if self.tree_changed:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.slow_fast_tests:
            terminalreporter.section("slow tests in the fast tier")
            terminalreporter.write_line(
                f"These tests are not marked slow but took more than {FAST_SECONDS:.0f} s; `make test-fast` "
                "must stay under a minute — mark them @pytest.mark.slow (or make them faster):")
            for seconds, nodeid in sorted(self.slow_fast_tests, reverse=True):
                terminalreporter.write_line(f"  {seconds:5.1f} s  {nodeid}")
        if self.tree_changed:
            terminalreporter.section("the tests changed the repository", red=True)
            terminalreporter.write_line("No test may write into the checkout (use tmp_path and a copy of "
                                        "the project); these changed while the tests ran:")
            for line in self.tree_changed[:50]:
                terminalreporter.write_line(f"  {line}")
            if len(self.tree_changed) > 50:
                terminalreporter.write_line(f"  … and {len(self.tree_changed) - 50} more")

    def pytest_unconfigure(self) -> None:
        shutil.rmtree(self.hypothesis_home, ignore_errors=True)
