"""Swap a finished build's folder in place of the published one, so that readers and the next step
never see a half-written tree.

Sphinx writes into a work directory it keeps between builds (it needs the previous output to
rebuild incrementally). Only when it has finished without problems is a copy swapped in for the
published directory; a failed build, or one killed at any point, leaves the previous complete
output where it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def _scratch_names(target: Path, scratch: Path) -> tuple[Path, Path]:
    key = "-".join(target.parts[-2:])
    return scratch / f"{key}.new", scratch / f"{key}.old"


def recover(target: Path, scratch: Path) -> None:
    """Undo a swap that was interrupted between its two renames."""
    _, old = _scratch_names(target, scratch)
    if not target.exists() and old.is_dir():
        old.rename(target)


def swap_in(work: Path, target: Path, scratch: Path) -> None:
    """Replace ``target`` by a copy of ``work``; ``scratch`` must be on the same file system."""
    new, old = _scratch_names(target, scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(work, new)
    shutil.rmtree(old, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
