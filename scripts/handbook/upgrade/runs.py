"""What `make upgrade-check` runs with an environment's Python: the whole build (as `make` runs it) in
a copy of the project, and the test suite; each run's log kept beside the report."""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# `--tests`: the markers of each choice (the upstream tests compare patches on and off: not ours).
TEST_MARKERS = {"fast": "not slow and not browser", "all": "not upstream"}
_ERROR = re.compile(r"\berror\b|Traceback|Exception", re.IGNORECASE)


def environment(python_path: Path, root: Path | None) -> dict[str, str]:
    """A child's environment: the toolchain's code on the path, the project's root (or none: the
    tests choose their own), reproducible PDFs, no bytecode written into the checkout."""
    # The suite's own check that no test writes into the checkout would count this check's logs.
    left_out = ("HANDBOOK_ROOT", "PYTHONPATH", "VIRTUAL_ENV", "HANDBOOK_TEST_TREE_CHECK")
    env = {k: v for k, v in os.environ.items() if k not in left_out}
    env.update(PYTHONPATH=str(python_path), PYTHONDONTWRITEBYTECODE="1",
               SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1600000000"))
    if root is not None:
        env["HANDBOOK_ROOT"] = str(root)
    return env


@dataclass
class Build:
    ok: bool
    status: int
    output: str
    errors: list[str] = field(default_factory=list)  # the first lines that say what failed


def first_errors(output: str, limit: int = 6) -> list[str]:
    """The first lines of a failed build's output that name an error (or its last lines)."""
    lines = [line for line in output.splitlines() if line.strip()]
    found = [line for line in lines if _ERROR.search(line)]
    return (found or lines[-limit:])[:limit]


def build(interpreter: str | Path, toolchain: Path, root: Path, langs: list[str], log: Path) -> Build:
    """`make LANGS=…` (the PDFs, then the websites) in the project at ``root``."""
    done = subprocess.run([str(interpreter), "-m", "handbook", "build", "--langs", " ".join(langs)],
                          cwd=root, env=environment(toolchain, root), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    log.write_text(done.stdout, encoding="utf-8")
    ok = done.returncode == 0
    return Build(ok, done.returncode, done.stdout, [] if ok else first_errors(done.stdout))


@dataclass
class Tests:
    ran: bool
    status: int
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failing: list[str] = field(default_factory=list)  # pytest node ids
    message: list[str] = field(default_factory=list)  # when pytest could not run the tests

    @property
    def ok(self) -> bool:
        return not self.ran or (self.status == 0 and not self.failed)


def node_id(case: ET.Element) -> str:
    """A JUnit test case as pytest names it: tests.web.test_x.TestA + test_b → tests/web/test_x.py::TestA::test_b."""
    parts = case.get("classname", "").split(".")
    module = next((i for i in range(len(parts), 0, -1) if parts[i - 1].startswith("test")), len(parts))
    path = "/".join(parts[:module]) + ".py"
    return "::".join([path, *parts[module:], case.get("name", "")])


def junit_results(xml: str) -> tuple[int, int, int, list[str]]:
    """(passed, failed, skipped, failing ids) of a pytest --junitxml report; errors count as failed."""
    failing, skipped, total = [], 0, 0
    for case in ET.fromstring(xml).iter("testcase"):
        total += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failing.append(node_id(case))
        elif case.find("skipped") is not None:
            skipped += 1
    return total - len(failing) - skipped, len(failing), skipped, failing


def tests(interpreter: str | Path, toolchain: Path, which: str, log: Path) -> Tests:
    """The test suite of the toolchain's checkout (``which``: fast or all), run by ``interpreter``."""
    checkout = toolchain.parent
    if which == "none":
        return Tests(False, 0)
    if not (checkout / "tests").is_dir():
        return Tests(False, 0, message=[f"no tests/ beside {toolchain} — the toolchain is not a checkout"])
    report = log.with_suffix(".xml")
    report.unlink(missing_ok=True)
    done = subprocess.run([str(interpreter), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-m", TEST_MARKERS[which], f"--junitxml={report}"], cwd=checkout,
                          env=environment(toolchain, None), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    log.write_text(done.stdout, encoding="utf-8")
    if not report.is_file():
        return Tests(True, done.returncode, message=first_errors(done.stdout))
    passed, failed, skipped, failing = junit_results(report.read_text(encoding="utf-8"))
    result = Tests(True, done.returncode, passed, failed, skipped, failing)
    if done.returncode and not failed:  # e.g. a collection error, or a session-wide check
        result.message = [line for line in done.stdout.splitlines() if line.strip()][-6:]
    return result
