"""A command and the processes it starts end together: Ctrl+C, SIGTERM, SIGHUP or the end of `make`
stop the pool workers and PDF renderers too, and none is left running on its own.

GNU make passes a SIGTERM on to the shell of its recipe only, which ends without passing it on, and
a make killed with SIGKILL passes nothing on. So the command asks the kernel for a SIGTERM when its
parent ends (PR_SET_PDEATHSIG) and watches make itself; each child it starts asks for a SIGKILL
when its own parent ends. Standard library only: `python -m handbook` sets this up first.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# Set by the command's process, inherited by its children: they leave Ctrl+C to it (a child that
# took it would print its own traceback first); without it they keep Python's default.
SUPERVISOR = "HANDBOOK_SUPERVISOR"


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by a signal; its children have been stopped already."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def status(self) -> int:
        return 128 + self.signum  # what a shell shows for a process ended by that signal


def _on_parent_death(signum: int) -> bool:
    """Ask the kernel to send ``signum`` when the parent ends (Linux; elsewhere nothing is done)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(parent: int | None = None) -> None:
    """In a child of a command (pool worker, renderer): end when the process that started it ends.

    ``parent`` is the pid the child was started by (by default multiprocessing's parent; in the
    command's own process, where there is none, nothing is done).
    """
    if parent is None:
        started_by = multiprocessing.parent_process()
        if started_by is None:
            return
        parent = started_by.pid
    _on_parent_death(signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the kernel was asked
        os._exit(1)
    if os.environ.get(SUPERVISOR):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stat(pid: int | str) -> tuple[str, int] | None:
    """The command name and the parent of a process, from /proc; None when it has ended."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    name, rest = stat.split(" (", 1)[1].rsplit(")", 1)
    return name, int(rest.split()[1])  # the field after the state


def descendants(pid: int) -> list[int]:
    """The processes started by ``pid``, by those, and so on (from /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = [entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    except OSError:
        return []
    for entry in entries:
        stat = _stat(entry)
        if stat:
            children.setdefault(stat[1], []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_children() -> None:
    """Kill every process this one started (and theirs). multiprocessing's resource tracker stays:
    it ends by itself with this process, and it is needed to clean up after the pool."""
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)  # noqa: SLF001
    for pid in descendants(os.getpid()):
        if pid == tracker:
            continue
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


_stopping = False


def _stop(signum: int, frame: FrameType | None) -> None:
    global _stopping
    stop_children()
    if _stopping:
        # A second Ctrl+C: no more waiting. A second SIGTERM is usual (make passes one on, and the
        # kernel sends one when the shell of the recipe ends): the first is being handled.
        if signum == signal.SIGINT:
            os._exit(128 + signum)
        return
    _stopping = True
    raise Stopped(signum)


def _make_ancestors() -> list[int]:
    """The processes from this one's parent up to the `make` that runs it: the shell of the recipe,
    then make. Empty when no make runs it."""
    if "MAKELEVEL" not in os.environ:  # make sets it for the commands of its recipes
        return []
    chain, pid = [], os.getppid()
    while pid > 1 and len(chain) < 8:
        chain.append(pid)
        stat = _stat(pid)
        if stat is None:
            return chain
        if stat[0] in ("make", "gmake"):
            return chain
        pid = stat[1]
    return []


def _stop_when_any_ends(pids: list[int]) -> None:
    """Wait (in a thread) until one of the processes ends, then stop this one with SIGTERM."""
    poller = select.poll()
    try:
        for pid in pids:
            poller.register(os.pidfd_open(pid), select.POLLIN)  # readable once it has ended
        poller.poll()
    except ProcessLookupError:
        pass  # it has ended already
    except OSError:
        return  # no pidfd on this kernel: the parent's death signal is all there is
    if not _stopping:
        os.kill(os.getpid(), signal.SIGTERM)


def supervise() -> None:
    """In the command's own process: a stopping signal, or the end of its parent (`make`), kills
    every process it started, then raises Stopped in it (a KeyboardInterrupt, which cli.main
    reports). Signals ignored when it started (nohup, a background job) stay ignored."""
    parent = os.getppid()
    os.environ[SUPERVISOR] = str(os.getpid())
    for signum in _STOPPING:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _stop)
    _on_parent_death(signal.SIGTERM)
    if os.getppid() != parent:  # make ended before the kernel was asked
        os.kill(os.getpid(), signal.SIGTERM)
    # The parent is the shell of make's recipe, which outlives a make killed with SIGKILL (or by
    # the OOM killer): make itself is watched too.
    ancestors = _make_ancestors()
    if len(ancestors) > 1:
        threading.Thread(target=_stop_when_any_ends, args=(ancestors[1:],), daemon=True,
                         name="handbook-watch-make").start()
