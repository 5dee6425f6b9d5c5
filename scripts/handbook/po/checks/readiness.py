"""What a language needs besides its translated messages, named by ``make check`` until it is
there: its title in conf.py, its approved terms in the glossary and its own version of each
figure that other languages have one of. (Interface catalogs are coverage.py's; messages, the
catalogs' own checks'.) ``make add-language`` creates the places to fill in; this says which are
still empty, so that a new language never reaches readers with a borrowed title or figure
unnoticed."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from pathlib import Path

from handbook.paths import Layout
from handbook.po import glossary
from handbook.po.checks import ERROR, WARNING, Problem

TITLE, TERMS, FIGURE = "language-title", "glossary-terms", "figure-language"
_FIGURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}


def _setting_line(conf: Path, setting: str) -> int:
    """The line of conf.py that assigns ``setting`` (1 when it is not assigned there)."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return 1
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == setting for t in node.targets):
            return node.lineno
    return 1


def check_titles(layout: Layout, titles: Mapping[str, str], languages: Sequence[str]) -> list[Problem]:
    """A language without a title would show the source language's title on its every page."""
    line = _setting_line(layout.conf, "handbook_titles")
    return [Problem(layout.rel(layout.conf), line, ERROR,
                    f"the {lang} site has no title of its own, so it shows the source language's — write it as "
                    f'"{lang}": "…" in handbook_titles', TITLE)
            for lang in languages if not str(titles.get(lang) or "").strip()]


def check_terms(layout: Layout, glossary_file: str, languages: Sequence[str], source_lang: str) -> list[Problem]:
    """Terms of the glossary with no approved form in a language: its translators have nothing to
    follow there, and the glossary check cannot hold them to a term."""
    path = layout.root / glossary_file
    if not path.is_file():
        return []
    try:
        terms = [t for t in glossary.load(path) if t.source(source_lang)]
    except glossary.GlossaryError:
        return []  # reported, at its line, by the glossary check itself
    problems = []
    for lang in languages:
        missing = [t.source(source_lang)[0] for t in terms if not t.source(lang)]
        if missing:
            shown = ", ".join(f"«{m}»" for m in missing[:3]) + (" …" if len(missing) > 3 else "")
            problems.append(Problem(layout.rel(path), 0, WARNING,
                                    f"{len(missing)} of {len(terms)} terms have no approved {lang} form ({shown}) — "
                                    f'write them in the <langSet xml:lang="{lang}"> of each term', TERMS))
    return problems


def _figure_versions(docs: Path, codes: set[str]) -> dict[Path, set[str]]:
    """Each figure of the source language → the languages that have their own version of it
    (``register-path.svg`` → {en, fi} from ``register-path.en.svg``, ``register-path.fi.svg``)."""
    versions: dict[Path, set[str]] = {}
    for path in docs.rglob("*"):
        if path.suffix.lower() not in _FIGURE_SUFFIXES or not path.is_file():
            continue
        parts = path.name.split(".")
        found = [p for p in parts[1:-1] if p in codes]
        if found:
            base = path.with_name(".".join(p for p in parts if p != found[0]))
            versions.setdefault(base, set()).add(found[0])
    return {base: langs for base, langs in versions.items() if base.is_file()}


def check_figures(layout: Layout, languages: Sequence[str], all_languages: Sequence[str]) -> list[Problem]:
    """A figure that other languages have in their own language but this one does not: its pages
    show the source language's labels."""
    problems = []
    for base, have in sorted(_figure_versions(layout.docs, set(all_languages)).items()):
        for lang in languages:
            if lang not in have:
                example = base.with_name(f"{base.stem}.{lang}{base.suffix}").name
                problems.append(Problem(layout.rel(base), 0, WARNING,
                                        f"the {lang} pages show this figure in the source language, while "
                                        f"{', '.join(sorted(have))} have their own — draw {example} beside it",
                                        FIGURE))
    return problems


def check(layout: Layout, titles: Mapping[str, str], languages: Sequence[str], all_languages: Sequence[str],
          source_lang: str, glossary_file: str) -> list[Problem]:
    """``titles``: conf.py's handbook_titles."""
    targets = [lang for lang in languages if lang != source_lang]
    return (check_titles(layout, titles, targets)
            + check_terms(layout, glossary_file, targets, source_lang)
            + check_figures(layout, targets, all_languages))
