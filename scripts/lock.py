"""Re-pin requirements.lock: resolve pyproject.toml's dependencies in a scratch environment.

Existing pins are kept (used as constraints), so adding a dependency pins only what it brings;
pass --upgrade to re-resolve everything to the newest versions.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Exact versions of every Python package the toolchain and its tests use.
# Installed with: pip install -c requirements.lock -e '.[test]' (the Makefile does this).
# Regenerate after changing pyproject.toml: make lock
"""


def main() -> None:
    upgrade = "--upgrade" in sys.argv[1:]
    lock = ROOT / "requirements.lock"
    constraints = [] if upgrade or not lock.exists() else ["-c", str(lock)]
    with tempfile.TemporaryDirectory() as scratch:
        venv.create(scratch, with_pip=True)
        python = str(Path(scratch) / "bin" / "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "install", *constraints, "setuptools", "wheel"], check=True)
        subprocess.run([*pip, "install", *constraints, "--no-build-isolation", "-e", ".[test]"],
                       check=True, cwd=ROOT)
        frozen = subprocess.run([*pip, "freeze", "--all", "--exclude-editable"], check=True,
                                capture_output=True, text=True).stdout
    pins = sorted((line for line in frozen.splitlines()
                   if "==" in line and not line.startswith("pip==")), key=str.lower)
    (ROOT / "requirements.lock").write_text(HEADER + "\n".join(pins) + "\n")
    print(f"requirements.lock: {len(pins)} pinned packages", file=sys.stderr)


if __name__ == "__main__":
    main()
