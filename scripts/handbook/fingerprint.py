"""Fingerprints of a build's inputs, so that an unchanged language is not rebuilt at all."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from handbook import atomic

# Files Sphinx itself writes into the source tree (compiled catalogs) are not inputs.
IGNORED_SUFFIXES = (".mo", ".pyc")


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for sub in sorted(path.rglob("*")):
                if sub.is_file() and "__pycache__" not in sub.parts:
                    yield sub


def fingerprint(paths: Iterable[Path], extra: str = "") -> str:
    """A digest of the names, sizes and modification times of every file under ``paths``."""
    digest = hashlib.sha256(extra.encode())
    for path in _files(paths):
        if path.suffix in IGNORED_SUFFIXES:
            continue
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class StateFile:
    """Remembers the input fingerprints of the last successful build of one target."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def matches(self, content: str, toolchain: str) -> bool:
        data = self._load()
        return data.get("content") == content and data.get("toolchain") == toolchain

    def toolchain_matches(self, toolchain: str) -> bool:
        return self._load().get("toolchain") == toolchain

    def record(self, content: str, toolchain: str) -> None:
        atomic.write_text(self.path, json.dumps({"content": content, "toolchain": toolchain}))

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
