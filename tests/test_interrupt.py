"""Killing a build in the middle leaves the previous complete site in place; the next build finishes."""

import os
import signal
import subprocess
import sys
import time

from support import ROOTS, copy_project
PAGES = 120


def _cli(root, *args, **kwargs):
    env = dict(os.environ, HANDBOOK_ROOT=str(root))
    return subprocess.Popen([sys.executable, "-m", "handbook", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)


def _snapshot(tree):
    return {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}


def test_killed_build_keeps_previous_output_and_next_build_finishes(tmp_path):
    root = copy_project(ROOTS / "multilingual", tmp_path / "p")
    extra = root / "docs" / "extra"
    extra.mkdir()
    for n in range(PAGES):
        (extra / f"p{n:03}.md").write_text(f"# Страница {n}\n\n" + "Текст абзаца. " * 100 + "\n",
                                           encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("guide/deep/page\n", "guide/deep/page\nextra/*\n")
                     .replace("```{toctree}\n", "```{toctree}\n:glob:\n"), encoding="utf-8")
    first = _cli(root, "html", "--langs", "ru")
    assert first.wait(timeout=600) == 0, first.stderr.read()
    site = root / "_build" / "site" / "ru"
    before = _snapshot(site)
    assert "Текст абзаца" in (site / "extra" / "p000.html").read_text(encoding="utf-8")

    # Every page changes, so the next build rewrites every page.
    for page in extra.iterdir():
        page.write_text(page.read_text(encoding="utf-8").replace("Текст", "Новый текст"), encoding="utf-8")
    work = root / "_build" / "work" / "html" / "ru"
    started = time.time()
    second = _cli(root, "html", "--langs", "ru")
    deadline = started + 600
    while time.time() < deadline:
        if any(p.stat().st_mtime > started for p in work.glob("extra/*.html")):
            break
        assert second.poll() is None, "the build ended before it could be interrupted"
        time.sleep(0.05)
    assert second.poll() is None, "the build ended before it could be interrupted"
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=60)

    assert _snapshot(site) == before

    third = _cli(root, "html", "--langs", "ru")
    out, err = third.communicate(timeout=600)
    assert third.returncode == 0, err
    assert "  ru: built" in out
    assert "Новый текст" in (site / "extra" / "p000.html").read_text(encoding="utf-8")
