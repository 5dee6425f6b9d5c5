"""Where things live in the repository; every other module asks here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def repo_root() -> Path:
    """The repository root: $HANDBOOK_ROOT if set (tests use it), else the directory holding conf.py.

    The package is installed in editable mode from ``scripts/``, so the root is two levels up.
    """
    env = os.environ.get("HANDBOOK_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


class Layout:
    """Paths of one project (the real handbook or a test root)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or repo_root()).resolve()
        self.conf = self.root / "conf.py"
        self.docs = self.root / "docs"
        self.locales = self.root / "locales"
        self.build = self.root / "_build"
        self.site = self.build / "site"
        self.doctrees = self.build / "doctrees"
        self.compiled_locales = self.build / "locales"  # .mo files compiled from locales/
        self.work = self.build / "work"  # Sphinx's own output, kept for incremental builds
        self.scratch = self.build / ".scratch"  # temporary copies while publishing
        self.state = self.build / "state"
        self.gettext = self.build / "gettext"

    def rel(self, path: str | os.PathLike[str]) -> str:
        """A path relative to the root when it is inside it, for messages."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(p)


# Build output, compiled catalogs and editors' hidden files are not part of a project's sources.
_NOT_SOURCES = shutil.ignore_patterns("*.mo", "_build", "__pycache__", ".*")


def copy_project(source: Path, dest: Path) -> Path:
    """A project's conf.py, docs/ and locales/ (no build output) copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "conf.py", dest / "conf.py")
    for name in ("docs", "locales"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=_NOT_SOURCES)
    return dest
