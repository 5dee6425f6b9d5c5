"""Writing a file so that readers see the old content or the new, never half of either.

Every file the toolchain writes where a good one may stand (a catalog with a translator's work, a
PDF, a page, a manifest) goes through these functions: the text goes to a temporary file in the
same folder, which then replaces the target in one rename. (A whole folder is swapped in by
folder_swap.py: a folder cannot be renamed over another in one step.)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path, scratch: Path | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; it replaces ``path`` when the block ends without
    an error, and is removed otherwise. ``scratch``: a folder on the same file system to hold the
    temporary file instead, where a reader of ``path``'s folder must never meet one (the PDF
    folder of the site) even after a kill."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = scratch or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        # mkstemp makes the file readable by its owner only; the result gets the usual mode.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if exc.errno is not None and exc.filename in (name, str(temporary)):
            # A full disk or a read-only folder is reported for the file the user knows.
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def put_in_place(finished: Path, path: Path) -> None:
    """Move a file written completely elsewhere on the same file system (a PDF rendered in the
    work folder) to ``path`` in one rename, replacing what stood there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(finished, path)


def write_bytes(path: Path, data: bytes) -> None:
    with replacing(path) as temporary:
        temporary.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """UTF-8 with ``\\n`` line ends, whatever the platform."""
    with replacing(path) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write only when the text differs, so that an unchanged file keeps its modification time (and
    the builds that depend on it stay as they are); True when written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_text(path, text)
    return True


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
