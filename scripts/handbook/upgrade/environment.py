"""The separate environment of `make upgrade-check`: the lock's pins, then the packages under test at
their newest (or given) releases, pip resolving what they need; and the versions it ends up with."""

from __future__ import annotations

import re
import subprocess
import venv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# The packages whose new releases the check is about (issue 21, point 2).
UPGRADED = ("sphinx", "myst-parser", "weasyprint", "furo", "sphinx-intl")
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)\s*(?:#.*)?$")


class PinsError(ValueError):
    """A pin the user gave is not ``name==version``."""


def canonical(name: str) -> str:
    """A distribution's name as pip compares it (PEP 503): ``Jinja2`` → ``jinja2``, ``a_b`` → ``a-b``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(lines: Iterable[str], where: str = "") -> dict[str, str]:
    """``name==version`` lines (a lock, ``pip freeze``'s output, a pins file) → {name: version}.
    Blank lines, comments and pip's other lines (``-e …``, ``name @ url``) are left out when
    ``where`` is empty; with ``where`` (a user's file or option) they are an error."""
    pins: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _PIN.match(line)
        if match:
            pins[canonical(match[1])] = match[2]
        elif where:
            raise PinsError(f"{where}:{number}: {line.strip()!r} is not name==version — write e.g. "
                            "furo==2025.9.25")
    return pins


@dataclass(frozen=True)
class Change:
    package: str
    locked: str | None     # None: not in the lock (a new dependency)
    installed: str | None  # None: no longer installed


def changes(locked: Mapping[str, str], installed: Mapping[str, str]) -> list[Change]:
    """Every package whose version differs from the lock, by name."""
    names = sorted(set(locked) | set(installed))
    return [Change(name, locked.get(name), installed.get(name)) for name in names
            if locked.get(name) != installed.get(name)]


def wanted(given: Mapping[str, str]) -> list[str]:
    """What the second pip call asks for: the given versions, or else the newest of UPGRADED."""
    if given:
        return [f"{name}=={version}" for name, version in sorted(given.items())]
    return list(UPGRADED)


@dataclass(frozen=True)
class Installed:
    ok: bool
    versions: dict[str, str]
    log: Path
    error: list[str]  # the end of pip's message when it failed


def python(folder: Path) -> Path:
    return folder / "bin" / "python"


def _starts(folder: Path) -> bool:
    try:
        return subprocess.run([str(python(folder)), "-c", ""], capture_output=True, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def create(folder: Path, toolchain: Path) -> bool:
    """Make the environment unless a working one is there (returns True when made). The toolchain's
    own code is found through a .pth file: nothing is built or written in the checkout."""
    made = False
    if not _starts(folder):
        venv.create(folder, with_pip=True, clear=folder.exists())
        made = True
    purelib = subprocess.run([str(python(folder)), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "handbook-toolchain.pth").write_text(f"{toolchain}\n", encoding="utf-8")
    return made


def freeze(interpreter: str | Path) -> dict[str, str]:
    """The versions installed in an environment, as the lock records them (``pip freeze --all``)."""
    done = subprocess.run([str(interpreter), "-m", "pip", "--disable-pip-version-check", "freeze", "--all",
                           "--exclude-editable"], capture_output=True, text=True, check=True)
    return {name: version for name, version in parse_pins(done.stdout.splitlines()).items() if name != "pip"}


def install(folder: Path, lock: Path, given: Mapping[str, str], log: Path,
            say: Callable[[str], None]) -> Installed:
    """The lock exactly (which also undoes a previous check's upgrades in a reused environment), then
    the packages under test: ``pip install --upgrade`` changes their dependencies only where they
    need it, and pip settles any conflict with the lock's pins."""
    pip = [str(python(folder)), "-m", "pip", "--disable-pip-version-check", "install"]
    steps = [[*pip, "-r", str(lock)], [*pip, "--upgrade", *wanted(given)]]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        for step in steps:
            say("  pip install " + " ".join(step[len(pip):]))
            out.write("$ " + " ".join(step) + "\n")
            out.flush()
            done = subprocess.run(step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            out.write(done.stdout)
            if done.returncode:
                tail = [line for line in done.stdout.splitlines() if line.strip()][-6:]
                return Installed(False, {}, log, tail)
    return Installed(True, freeze(python(folder)), log, [])
