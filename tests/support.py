"""What the tests share besides fixtures: the repository's paths, copies of projects, builds and
commands run as a user runs them. (A module of its own: tests/web/conftest.py shadows the name
``conftest``, so tests never import from conftest.)"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from handbook import commands
from handbook.paths import Layout, copy_project

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
LANGUAGES = ["ru", "en", "fi", "nb"]


@dataclass
class Run:
    status: int
    out: str
    err: str


def run_command(function, *args, **kwargs) -> Run:
    """Call a command in-process and capture what it prints, as a user would see it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = function(*args, **kwargs)
    return Run(status, out.getvalue(), err.getvalue())


@dataclass
class BuiltSite:
    layout: Layout
    run: Run

    def page(self, lang: str, name: str) -> str:
        return (self.layout.site / lang / name).read_text(encoding="utf-8")


def build_site(source: Path, dest: Path) -> BuiltSite:
    layout = Layout(copy_project(source, dest))
    return BuiltSite(layout, run_command(commands.html, "", layout))


def site_pages(site: Path, lang: str) -> list[str]:
    """Every HTML page of one language, as paths relative to the site root."""
    root = site / lang
    return sorted(p.relative_to(site).as_posix() for p in root.rglob("*.html")
                  if "_static" not in p.relative_to(root).parts)


def hyphenation_resolves(language: str) -> bool:
    """WeasyPrint finds hyphenation patterns for this ``lang`` value (ours registered, as the
    renderer's process does)."""
    import pyphen

    from handbook.pdf import hyphenation

    hyphenation.register()
    return pyphen.language_fallback(hyphenation.html_lang(language)) is not None
