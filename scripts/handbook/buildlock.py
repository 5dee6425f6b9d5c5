"""One build at a time in a checkout: the commands that write `_build` hold `_build/.lock`.

A second command waits for the first instead of failing: both write the same folders (the
work directories, the doctrees, the published site), and the second one, started after it, is
usually then quick (the first has just built the same sources). The lock is the kernel's (flock),
so a build that is killed, even with SIGKILL, leaves no stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

NAME = ".lock"


def holder(path: Path) -> str:
    """``pid N, started HH:MM`` of the process holding the lock, as it wrote it there."""
    for _ in range(10):  # the holder writes its line just after it takes the lock
        try:
            pid, started = path.read_text(encoding="utf-8").split()
            return f"pid {int(pid)}, started {time.strftime('%H:%M', time.localtime(float(started)))}"
        except (OSError, ValueError):
            time.sleep(0.05)
    return "pid unknown"


@contextlib.contextmanager
def held(build: Path, say=None) -> Iterator[None]:
    """Hold the build lock of the ``_build`` folder ``build``, waiting for another holder to end."""
    say = say or (lambda line: print(line, file=sys.stderr, flush=True))
    build.mkdir(parents=True, exist_ok=True)
    path = build / NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"handbook: another build is running in this checkout ({holder(path)}) — waiting for "
                "it to finish; press Ctrl+C to stop waiting")
            fcntl.flock(fd, fcntl.LOCK_EX)
            say("handbook: the other build has finished — starting")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {time.time():.0f}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
