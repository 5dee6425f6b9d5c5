"""First-run set-up, run by `make` with the system Python: system libraries, then .venv.

Uses only the standard library, because nothing else is installed yet.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
MIN_PYTHON = (3, 11)

# Shared libraries WeasyPrint loads at run time, and the Debian packages that provide them.
SYSTEM_LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}


def say(text: str) -> None:
    print(f"set-up: {text}", flush=True)


def fail(text: str) -> None:
    print(f"set-up: error: {text}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def missing_debian_packages() -> list[str]:
    packages = [pkg for lib, pkg in SYSTEM_LIBRARIES.items() if not ctypes.util.find_library(lib)]
    # `make test` drives Debian's Chromium in the browser tests (nothing downloads a browser).
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        packages.append("chromium")
    try:
        import ensurepip  # noqa: F401  (Debian splits it into python3-venv)
    except ImportError:
        packages.append("python3-venv")
    return packages


def install_system_packages(packages: list[str]) -> None:
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        fail("these system packages are missing: " + " ".join(packages) +
             " — install them, then run make again:\n    sudo " + " ".join(command))
    say("installing system packages: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*command, "-qq"], check=True, env=env)


def pip(*args: str) -> None:
    subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "--disable-pip-version-check",
                    "-q", *args], check=True, cwd=ROOT)


def runs(venv_dir: Path, code: str = "") -> bool:
    """The environment's Python starts (and runs ``code``). A venv links to the Python that made
    it: when that one is upgraded or removed, the link is left dangling."""
    try:
        return subprocess.run([str(venv_dir / "bin" / "python"), "-c", code], cwd=ROOT,
                              capture_output=True, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# What the toolchain imports first: a package removed from the environment shows here.
TOOLCHAIN = "import handbook.commands, sphinx, myst_parser, weasyprint"


def install() -> None:
    say(f"installing the pinned Python packages of {LOCK.name} (a minute or two the first time)")
    try:
        pip("install", "-c", str(LOCK), "setuptools", "wheel")
        pip("install", "--no-build-isolation", "-c", str(LOCK), "-e", ".[test]")
    except subprocess.CalledProcessError:
        fail("pip could not install the packages (see its message above) — check the network "
             "connection to the package index and run make again")


def main() -> None:
    if sys.version_info < MIN_PYTHON:
        fail(f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed, this is "
             f"{sys.version.split()[0]} — install it (Debian: apt-get install python3) and run "
             "make PYTHON=python3.11 (or newer)")
    packages = missing_debian_packages()
    if packages:
        install_system_packages(packages)
    if not VENV.exists():
        say(f"creating the virtual environment {VENV.relative_to(ROOT)}/")
        venv.create(VENV, with_pip=True)
    elif not runs(VENV):
        say(f"the Python of {VENV.relative_to(ROOT)}/ does not start (removed or upgraded?) — "
            "making the environment again")
        venv.create(VENV, with_pip=True, clear=True)
    install()
    if not runs(VENV, TOOLCHAIN):
        # pip counts a package as installed by its metadata, even when its files are gone.
        say(f"{VENV.relative_to(ROOT)}/ is incomplete (a package cannot be imported) — making it again")
        venv.create(VENV, with_pip=True, clear=True)
        install()
        if not runs(VENV, TOOLCHAIN):
            fail(f"the toolchain still cannot be imported in {VENV.relative_to(ROOT)}/ — run "
                 f"{VENV.relative_to(ROOT)}/bin/python -c '{TOOLCHAIN}' to see why")
    say("done")


if __name__ == "__main__":
    main()
