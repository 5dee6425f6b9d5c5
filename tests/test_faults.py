"""Faults end in a message and a clean state: `make` stopped or killed leaves no process of the build
running and the previous site in place; a second build waits for the first; a full disk, a read-only
`_build` and a broken `.venv` each give one line that says what to do, and no traceback."""

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from handbook import buildlock, faults
from handbook.paths import Layout
from support import REPO, ROOTS, copy_project

pytestmark = pytest.mark.slow  # real processes: builds stopped, killed, run as another user, on full disks

PAGES = 120


def _project(tmp_path, root="multilingual", pages=0):
    project = copy_project(ROOTS / root, tmp_path / "p")
    if pages:  # enough pages for the build to be caught in the middle
        extra = project / "docs" / "extra"
        extra.mkdir()
        for n in range(pages):
            (extra / f"p{n:03}.md").write_text(f"# Страница {n}\n\n" + "Текст абзаца. " * 100 + "\n",
                                               encoding="utf-8")
        index = project / "docs" / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("guide/deep/page\n", "guide/deep/page\nextra/*\n")
                         .replace("```{toctree}\n", "```{toctree}\n:glob:\n"), encoding="utf-8")
    return project


def _env(root):
    return dict(os.environ, HANDBOOK_ROOT=str(root))


def _cli(root, *args):
    return subprocess.Popen([sys.executable, "-m", "handbook", *args], env=_env(root), cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _make(root, *args):
    """The real Makefile's target, as a user runs it (the set-up is not redone: -o)."""
    return subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.setup-done", *args], cwd=REPO,
                            env=_env(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _processes_of(root):
    """Every live process of a build of ``root`` (its environment names the project), with its command."""
    mark = f"HANDBOOK_ROOT={root}".encode()
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if mark in (proc / "environ").read_bytes().split(b"\0"):
                found[int(proc.name)] = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # ended meanwhile, or a zombie
    return found


def _wait_for(condition, what, process, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        assert process.poll() is None, f"the build ended before {what}: {process.communicate()}"
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _gone(root, timeout=10):
    """Wait until no process of the build is left; the ones left after ``timeout`` seconds."""
    deadline = time.time() + timeout
    while (left := _processes_of(root)) and time.time() < deadline:
        time.sleep(0.1)
    return left


def _snapshot(tree):
    return {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}


def _kill_all(root):
    for pid in _processes_of(root):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# -- make stopped or killed -------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["SIGTERM to make", "Ctrl+C"])
def test_make_stopped_mid_build_leaves_no_process_and_the_previous_site(tmp_path, how):
    root = _project(tmp_path, pages=PAGES)
    first = _make(root, "html", "LANGS=ru")
    assert first.wait(timeout=600) == 0, first.communicate()
    site = root / "_build" / "site" / "ru"
    before = _snapshot(site)
    for page in (root / "docs" / "extra").iterdir():
        page.write_text(page.read_text(encoding="utf-8").replace("Текст", "Новый текст"), encoding="utf-8")

    started = time.time()
    make = _make(root, "html", "LANGS=ru")
    try:
        work = root / "_build" / "work" / "html" / "ru"
        _wait_for(lambda: any(p.stat().st_mtime > started for p in work.glob("extra/*.html")),
                  "the pages were being written", make)
        assert any("spawn_main" in command for command in _processes_of(root).values())  # a worker
        if how == "Ctrl+C":  # the terminal sends SIGINT to its whole foreground group
            os.killpg(make.pid, signal.SIGINT)
        else:  # GNU make passes it on to the shell of its recipe only
            make.send_signal(signal.SIGTERM)
        make.wait(timeout=60)
        assert _gone(root, timeout=5) == {}
        out, err = make.communicate(timeout=60)
    finally:
        _kill_all(root)
    assert make.returncode != 0
    assert "ru: built" not in out  # stopped, not left to finish on its own
    assert "Traceback" not in err
    assert "what was published before is still in place" in err, err
    assert _snapshot(site) == before


def test_make_killed_while_rendering_pdfs_leaves_no_renderer_behind(tmp_path):
    """make killed outright (SIGKILL, the OOM killer) passes nothing on, and the shell of its recipe
    lives on: the build notices that make has gone and stops its workers and renderers."""
    root = _project(tmp_path, "pdf")
    first = _make(root, "pdf", "LANGS=ru", "EDITION=standard")
    assert first.wait(timeout=600) == 0, first.communicate()
    pdfs = root / "_build" / "site" / "pdf"
    before = _snapshot(pdfs)
    (root / "docs" / "chapters" / "04-new.md").write_text("# Новая глава\n\nТекст.\n", encoding="utf-8")

    make = _make(root, "pdf", "LANGS=ru", "EDITION=standard")
    try:
        _wait_for(lambda: any("handbook.pdf.render" in c for c in _processes_of(root).values()),
                  "WeasyPrint started", make)
        make.kill()
        make.wait(timeout=60)
        assert _gone(root, timeout=5) == {}
    finally:
        _kill_all(root)
    assert _snapshot(pdfs) == before


# -- one build at a time --------------------------------------------------------------------------

def test_a_second_build_in_the_same_checkout_waits_for_the_first(tmp_path):
    root = _project(tmp_path, pages=PAGES // 2)
    lock = root / "_build" / buildlock.NAME
    first = _cli(root, "html", "--langs", "ru")
    try:
        _wait_for(lambda: lock.is_file() and lock.read_text().startswith(f"{first.pid} "), "the lock", first)
        second = _cli(root, "html", "--langs", "ru")
        out2, err2 = second.communicate(timeout=600)
        assert first.poll() is not None, "the second build did not wait for the first"
        out1, err1 = first.communicate(timeout=60)
    finally:
        _kill_all(root)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert (f"handbook: another build is running in this checkout (pid {first.pid}, started "
            in err2), err2
    assert "— waiting for it to finish; press Ctrl+C to stop waiting" in err2
    assert "Traceback" not in err1 + err2
    assert "  ru: built" in out1
    assert "  ru: up to date" in out2  # it started once the first had finished, with nothing left to do


def test_the_lock_says_who_holds_it(tmp_path):
    with buildlock.held(tmp_path / "_build"):
        text = buildlock.holder(tmp_path / "_build" / buildlock.NAME)
    assert text == f"pid {os.getpid()}, started {time.strftime('%H:%M')}" or text.startswith(f"pid {os.getpid()}, ")


# -- the machine's faults: one line each ------------------------------------------------------------

@contextlib.contextmanager
def _tmpfs(path, size):
    """A small file system of its own at ``path`` (root only, as in CI); unmounted afterwards."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                 capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("no mount command: a full disk and a read-only _build cannot be simulated here")
    if mounted.returncode:
        pytest.skip(f"mounting a tmpfs is not permitted here ({mounted.stderr.strip()}) — the test needs "
                    "root, as CI runs it")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _one_error_line(run, *words):
    lines = [line for line in run.stderr.splitlines() if line.startswith("handbook: error:")]
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    assert "this is a bug" not in run.stderr + run.stdout
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _run(root, *args):
    return subprocess.run([sys.executable, "-m", "handbook", *args], env=_env(root), cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_a_full_disk_in_the_middle_of_the_build_is_one_line(tmp_path):
    root = _project(tmp_path, "tiny")
    with _tmpfs(root / "_build", "256k"):
        run = _run(root, "html", "--langs", "ru")
    line = _one_error_line(run, "no space left on device while writing _build",
                           "free some space (df -h _build) and run make again")
    assert line.startswith("handbook: error: no space left on device")


def test_a_disk_too_full_to_publish_keeps_the_previous_site(tmp_path):
    """The build has finished, and the copy that replaces the published site does not fit: that
    happens in the command's own process (the other cases above, in a worker)."""
    root = _project(tmp_path, "tiny")
    assert _run(root, "html", "--langs", "ru").returncode == 0
    site = root / "_build" / "site" / "ru"
    before = _snapshot(site)
    page = root / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    with _tmpfs(Layout(root).scratch, "64k"):  # where the new copy is made before the swap
        run = _run(root, "html", "--langs", "ru")
    _one_error_line(run, "no space left on device while writing _build/.scratch/", "df -h _build")
    assert _snapshot(site) == before


def test_a_read_only_build_folder_is_one_line(tmp_path):
    root = _project(tmp_path, "tiny")
    with _tmpfs(root / "_build", "4m") as build:
        assert _run(root, "html", "--langs", "ru").returncode == 0
        before = _snapshot(build / "site")
        subprocess.run(["mount", "-o", "remount,ro", str(build)], check=True)
        page = root / "docs" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
        run = _run(root, "html", "--langs", "ru")
        _one_error_line(run, "cannot write _build/", "read-only", "run make again")
        assert _snapshot(build / "site") == before


def test_a_build_folder_of_another_user_is_one_line(tmp_path):
    """`_build` made by a build run as root, then `make` run as a user: root ignores permissions,
    so the build runs as the user nobody here."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv (util-linux) to run the build as another user")
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if subprocess.run([*as_nobody, sys.executable, "-c", ""], capture_output=True).returncode:
        pytest.skip("the user nobody cannot run this Python (its folder is private)")
    shared = Path(tempfile.mkdtemp(prefix="handbook-faults-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        root = _project(shared)
        (root / "_build").mkdir()  # root's, mode 755: nobody cannot write in it
        run = subprocess.run([*as_nobody, sys.executable, "-m", "handbook", "html"], env=_env(root),
                             cwd="/", capture_output=True, text=True, timeout=600)
    finally:
        shutil.rmtree(shared)
    _one_error_line(run, "no permission to write _build/", "sudo chown -R $USER _build")


def test_a_broken_virtual_environment_is_one_line(tmp_path):
    """The toolchain run by a Python that lacks its packages (a .venv removed in part, or not
    the .venv's Python at all): say so, and how to set it up again."""
    root = _project(tmp_path, "tiny")
    env = dict(_env(root), PYTHONPATH=str(REPO / "scripts"))
    run = subprocess.run([sys.executable, "-S", "-m", "handbook", "html"], env=env, cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    _one_error_line(run, "the virtual environment .venv is missing or broken (no module ",
                    "run make setup to set it up again")


def test_make_sets_up_again_a_virtual_environment_whose_python_is_gone(tmp_path):
    """Its Python was upgraded or removed: the link in .venv/bin is left dangling, and .setup-done
    still says all is well. `make` plans the set-up again, as for a missing .venv."""
    copy = tmp_path / "checkout"
    (copy / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "scripts/bootstrap.py"):
        shutil.copy2(REPO / name, copy / name)
    (copy / ".venv" / "bin").mkdir(parents=True)
    (copy / ".venv" / ".setup-done").touch()
    (copy / ".venv" / "bin" / "python").symlink_to(tmp_path / "removed" / "python3")
    planned = subprocess.run(["make", "--no-print-directory", "-n", "html"], cwd=copy, capture_output=True,
                             text=True, timeout=60)
    assert planned.stdout.splitlines()[0].endswith("scripts/bootstrap.py"), planned.stdout
    sys.path.insert(0, str(copy / "scripts"))
    try:
        import bootstrap
    finally:
        sys.path.remove(str(copy / "scripts"))
    assert not bootstrap.runs(copy / ".venv")  # so the set-up makes it again (venv clear=True)
    assert bootstrap.runs(Path(sys.prefix))


# -- the messages ------------------------------------------------------------------------------------

ROOT = Path("/home/org/handbook")


def test_errors_of_the_machine_become_one_line_each():
    full = OSError(errno.ENOSPC, "No space left on device", str(ROOT / "_build/site/ru/index.html"))
    assert str(faults.from_exception(full, ROOT)) == (
        "no space left on device while writing _build/site/ru/index.html — free some space "
        "(df -h _build) and run make again")
    denied = PermissionError(errno.EACCES, "Permission denied", str(ROOT / "_build/site"))
    assert "no permission to write _build/site — make _build yours" in str(faults.from_exception(denied, ROOT))
    read_only = OSError(errno.EROFS, "Read-only file system", str(ROOT / "_build/.lock"))
    assert str(faults.from_exception(read_only, ROOT)).startswith(
        "cannot write _build/.lock: the file system is read-only")
    # A copy that failed (publishing) keeps only the text of its errors.
    copy = shutil.Error([(f"{ROOT}/_build/work/x", f"{ROOT}/_build/.scratch/x",
                          f"[Errno 28] No space left on device: '{ROOT}/_build/work/x'")])
    assert "while writing _build/.scratch/x" in str(faults.from_exception(copy, ROOT))
    # Sphinx reports a file it could not write as a warning, made an error by -W.
    text = (f"WARNING: error writing file {ROOT}/_build/work/html/ru/a.html: [Errno 30] Read-only file "
            f"system: '{ROOT}/_build/work/html/ru/a.html'")
    assert "cannot write _build/work/html/ru/a.html" in str(faults.from_text(text, ROOT))
    # Wrapped in another exception: still found.
    try:
        try:
            raise full
        except OSError as exc:
            raise RuntimeError("while publishing") from exc
    except RuntimeError as wrapped:
        assert "no space left" in str(faults.from_exception(wrapped, ROOT))


def test_anything_else_stays_a_bug_with_its_traceback():
    assert faults.from_exception(ValueError("bad"), ROOT) is None
    assert faults.from_exception(FileNotFoundError(errno.ENOENT, "No such file", "x"), ROOT) is None
    assert faults.from_exception(ModuleNotFoundError("No module named 'handbook.nope'", name="handbook.nope"),
                                 ROOT) is None
    assert faults.from_text("docs/a.md:3: warning: a heading level skipped", ROOT) is None
