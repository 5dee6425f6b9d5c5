"""Problems of the machine, not of the sources or the toolchain (a full disk, a read-only or
someone else's `_build`, a broken virtual environment): one line that says what is wrong and how
to fix it, instead of a traceback that looks like our bug.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
from pathlib import Path

# "[Errno 28] No space left on device: '/…/_build/site/ru/index.html'", as an OSError prints
# itself; Sphinx and the PDF renderer pass such errors on as text.
_ERRNO_TEXT = re.compile(r"\[Errno (\d+)\][^:'\n]*(?:: '([^'\n]+)')?")
_FULL = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded"}
_DENIED = (errno.EACCES, errno.EPERM)
HANDLED = (*_FULL, errno.EROFS, *_DENIED)


class Fault(Exception):
    """A problem of the machine; ``str()`` is the whole message (without ``handbook: error:``)."""


def _where(path: str | None, root: Path) -> tuple[str, str]:
    """The path for the message (relative to the project when inside it) and the folder to pass
    to ``df``: ``_build`` when the path is in it (it may be a file system of its own), else ``.``."""
    if not path:
        return "_build", "_build"
    full = Path(os.path.abspath(path))
    try:
        relative = full.relative_to(root)
    except ValueError:
        return str(full), str(full.parent)
    top = relative.parts[0] if relative.parts else "."
    return relative.as_posix(), "_build" if top == "_build" else "."


def message(code: int, path: str | None, root: Path) -> str | None:
    """The message for an OSError's errno and file name; None when it is not a machine problem."""
    where, folder = _where(path, root)
    if code in _FULL:
        return (f"{_FULL[code]} while writing {where} — free some space (df -h {folder}) "
                "and run make again")
    if code == errno.EROFS:
        return (f"cannot write {where}: the file system is read-only — mount it read-write, or "
                "work in a writable copy of the repository, and run make again")
    if code in _DENIED:
        if where == "_build" or where.startswith("_build/"):
            return (f"no permission to write {where} — make _build yours (if a build ran as root: "
                    "sudo chown -R $USER _build, or sudo rm -rf _build) and run make again")
        return (f"no permission to read or write {where} — make it readable and writable for you "
                "and run make again")
    return None


def missing_module(exc: ImportError) -> Fault | None:
    """A package of the virtual environment that cannot be imported: the environment is missing
    or broken (removed after the set-up, or this is not its Python). None for our own modules."""
    name = getattr(exc, "name", None) or ""
    if not isinstance(exc, ModuleNotFoundError) or not name or name.split(".")[0] == "handbook":
        return None
    return Fault(f"the virtual environment .venv is missing or broken (no module {name!r} in "
                 f"{sys.executable}) — run make setup to set it up again, then run make again")


def from_exception(exc: BaseException, root: Path) -> Fault | None:
    """The machine problem behind an exception (or behind its causes), if there is one."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, Fault):
            return current
        if isinstance(current, ImportError):
            return missing_module(current)
        if isinstance(current, shutil.Error) and current.args and isinstance(current.args[0], list):
            # A copy of a tree lists (source, destination, error text): the destination did not fit.
            for entry in current.args[0]:
                code = _ERRNO_TEXT.search(str(entry[-1])) if isinstance(entry, tuple) else None
                if code and int(code.group(1)) in HANDLED:
                    return Fault(message(int(code.group(1)), str(entry[1]), root) or "")
        if isinstance(current, OSError) and current.errno in HANDLED:
            # A copy or a rename names its destination second: the file that did not fit.
            path = current.filename2 or current.filename if current.errno in _FULL else current.filename
            text = message(current.errno, path, root)
            if text:
                return Fault(text)
        found = from_text(str(current), root)  # shutil.Error, Sphinx's errors keep only the text
        if found:
            return found
        todo += [current.__cause__, current.__context__]
    return None


def from_text(text: str, root: Path) -> Fault | None:
    """The machine problem named in a message or a traceback (``[Errno 28] …: 'path'``)."""
    for match in _ERRNO_TEXT.finditer(text):
        code = int(match.group(1))
        if code in HANDLED:
            found = message(code, match.group(2), root)
            if found:
                return Fault(found)
    return None
