"""The test suite's own rules: tiers by marker, and no test writing into the repository's tree
(found in the tests' code here; checked on the tree itself in CI, by tests/tiers.py)."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

import tiers
from support import REPO

TESTS = REPO / "tests"
# Methods and functions that write to the path they are called on or given.
WRITING_METHODS = {"write_text", "write_bytes", "mkdir", "touch", "unlink", "rmdir", "rename", "symlink_to",
                   "hardlink_to", "chmod"}
WRITING_FUNCTIONS = {"rmtree": [0], "copy": [1], "copy2": [1], "copyfile": [1], "copytree": [1], "move": [1],
                     "remove": [0], "makedirs": [0]}


def _mentions_repo(node: ast.AST) -> bool:
    """The path expression starts at REPO: ``REPO / "a"``, ``(REPO / "a").parent``, ``REPO.joinpath(…)``
    (not ``copy_project(REPO, tmp_path)``, a copy elsewhere)."""
    while True:
        if isinstance(node, ast.Name):
            return node.id == "REPO"
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            node = node.left
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return False


def writes_into_the_repository(source: str) -> list[tuple[int, str]]:
    """Lines of a test module that write into the checkout: a path built from REPO written to, or
    ``Layout()`` with no root (it is the repository)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "Layout" and not node.args and not node.keywords:
            found.append((node.lineno, "Layout() is the repository — give it a copy: Layout(copy_project(…))"))
        elif isinstance(func, ast.Attribute) and name in WRITING_METHODS and _mentions_repo(func.value):
            found.append((node.lineno, f".{name}() on a path in the repository — work in tmp_path"))
        elif name in WRITING_FUNCTIONS and any(
                i < len(node.args) and _mentions_repo(node.args[i]) for i in WRITING_FUNCTIONS[name]):
            found.append((node.lineno, f"{name}() into the repository — work in tmp_path"))
        elif name == "open" and node.args and _mentions_repo(node.args[0]) and any(
                isinstance(a, ast.Constant) and isinstance(a.value, str) and set(a.value) & set("wax+")
                for a in [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]):
            found.append((node.lineno, "open() for writing in the repository — work in tmp_path"))
    return sorted(found)


def test_no_test_writes_into_the_repository():
    problems = [f"{path.relative_to(REPO)}:{line}: {what}"
                for path in sorted(TESTS.rglob("*.py")) if "roots" not in path.parts and "corpus" not in path.parts
                for line, what in writes_into_the_repository(path.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("code", [
    'Layout().build.mkdir()',
    '(REPO / "_build" / "x.png").write_bytes(b"")',
    'shutil.rmtree(REPO / "_build" / "screenshots")',
    'shutil.copy2(source, REPO / "docs" / "new.md")',
    'open(REPO / "conf.py", "a")',
])
def test_the_scan_finds_writes_into_the_repository(code):
    assert writes_into_the_repository(code)


@pytest.mark.parametrize("code", [
    'Layout(copy_project(REPO, tmp_path / "p")).build.mkdir()',
    '(REPO / "conf.py").read_text(encoding="utf-8").replace("a", "b")',
    'shutil.copy2(REPO / "Makefile", tmp_path / "Makefile")',
    'open(REPO / "conf.py")',
])
def test_the_scan_lets_reads_and_copies_out_pass(code):
    assert writes_into_the_repository(code) == []


def test_tiers_follow_the_folder_and_the_fixtures():
    assert tiers.tier_marks(TESTS / "web" / "test_new.py", ["page"]) == ["browser"]
    assert tiers.tier_marks(TESTS / "test_new.py", ["tmp_path", "handbook_site"]) == ["slow"]
    assert tiers.tier_marks(TESTS / "test_new.py", ["tmp_path", "multilingual_site"]) == []


def test_the_tree_check_sees_changed_added_and_built_files_but_not_ignored_ones(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text("/_build/\n/.venv/\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "_build" / "site").mkdir(parents=True)
    (tmp_path / "_build" / "site" / "index.html").write_text("<p>", encoding="utf-8")
    git("add", ".gitignore", "conf.py")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    before = tiers.tree_state(tmp_path)
    assert tiers.tree_changes(before, tiers.tree_state(tmp_path)) == []
    (tmp_path / "conf.py").write_text("x = 2\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("new", encoding="utf-8")
    (tmp_path / "_build" / "screenshots").mkdir()
    (tmp_path / ".venv").mkdir()  # ignored, and not _build: the set-up's, not a test's
    changes = tiers.tree_changes(before, tiers.tree_state(tmp_path))
    assert changes == ["_build: screenshots (added)", "git: conf.py (added)", "git: notes.txt (added)"]


def test_hypothesis_keeps_its_files_out_of_the_checkout():
    from hypothesis.configuration import storage_directory

    assert REPO not in Path(storage_directory("examples", intent_to_write=False).path).parents
