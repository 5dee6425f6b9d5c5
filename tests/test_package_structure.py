"""The package's shape, read from its source: files are written through the one atomic-write helper,
and no module imports itself round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import handbook

PACKAGE = Path(handbook.__file__).parent

# Where a rename may be written by hand:
ALLOWED_RENAMES = {
    "atomic.py",  # the helper itself
    # swaps a whole folder into place, which atomic.py does not do (a folder cannot replace
    # another in one rename)
    "folder_swap.py",
}


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["handbook", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def hand_written_renames(source: str) -> list[int]:
    """Lines of ``source`` that rename a file over another or make a temporary file by hand:
    ``os.replace``/``os.rename``, ``mkstemp``/``NamedTemporaryFile``, and a path's
    ``.replace(target)``/``.rename(target)`` (one argument: ``str.replace`` takes two)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        owner = node.func.value.id if isinstance(node.func.value, ast.Name) else ""
        if (owner == "os" and name in ("replace", "rename")) or name in ("mkstemp", "NamedTemporaryFile") \
                or (name in ("replace", "rename") and len(node.args) == 1 and not node.keywords
                    and owner not in ("dataclasses", "re")):
            lines.append(node.lineno)
    return lines


def test_the_finder_sees_each_kind_of_hand_written_rename():
    source = ("import os, tempfile\nos.replace(a, b)\ntmp.replace(target)\nfd, n = tempfile.mkstemp()\n"
              "old.rename(target)\ntext.replace('a', 'b')\ndataclasses.replace(settings, languages=x)\n")
    assert hand_written_renames(source) == [2, 3, 4, 5]


def test_files_are_replaced_only_through_the_atomic_write_helper():
    found = [f"scripts/handbook/{path.relative_to(PACKAGE).as_posix()}:{line}"
             for path in _modules().values() if path.relative_to(PACKAGE).as_posix() not in ALLOWED_RENAMES
             for line in hand_written_renames(path.read_text(encoding="utf-8"))]
    assert not found, "write these through handbook.atomic (replacing, write_text, put_in_place…):\n" + \
        "\n".join(found)


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Which of ``modules`` each imports, at module level or inside a function alike: an import
    deferred to save start-up time still makes the two modules depend on each other."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1],
                                     *([node.module] if node.module else [])])
                # `from pkg import module` needs that module; `from module import name`, the module.
                named = {f"{base}.{alias.name}" for alias in node.names}
                targets |= named & modules.keys()
                if named - modules.keys():
                    targets.add(base)
        # An import of a.b.c runs a/__init__ and a.b/__init__ too, but those edges say nothing of
        # what this module needs: only the named module counts.
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle of imports per strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(_circle(sorted(group), graph))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _circle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, to name in the failure."""
    start = group[0]
    paths = {start: [start]}
    todo = [start]
    while todo:
        node = todo.pop(0)
        for other in sorted(graph[node] & set(group)):
            if other == start:
                return [*paths[node], start]
            if other not in paths:
                paths[other] = [*paths[node], other]
                todo.append(other)
    return group


def test_the_cycle_finder_names_a_circle(tmp_path):
    for name, text in {"a.py": "from handbook import b\n", "b.py": "def f():\n    from . import a\n",
                       "c.py": "import handbook.a\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = {f"handbook.{n}": tmp_path / f"{n}.py" for n in "abc"}
    assert cycles(import_graph(modules)) == [["handbook.a", "handbook.b", "handbook.a"]]


def test_no_module_of_the_package_imports_itself_round_a_circle():
    found = cycles(import_graph(_modules()))
    assert not found, "import cycles (move what both need into a module of its own):\n" + \
        "\n".join(" → ".join(circle) for circle in found)


def test_sphinx_is_started_in_one_place_only():
    """Every build (site, PDF, preview, review) goes through build.build_language: the catalog check
    first, strict, one way of reporting. (The benchmark's plain baseline runs `python -m sphinx` in
    a process of its own, on purpose: it is what we compare with.)"""
    starts = [f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}"
              for path in _modules().values()
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Sphinx"]
    assert [start.split(":")[0] for start in starts] == ["build.py"], starts
