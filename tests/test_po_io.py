"""One way to read and write .po files: polib for reading and compiling, one syntax check that every
command asks, one writer."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import polib
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from handbook import compile_catalogs, po_format
from handbook.paths import Layout
from handbook.po import catalog, update
from handbook.po.checks import files

from support import REPO, ROOTS, copy_project, run_command

FI = REPO / "locales" / "fi" / "LC_MESSAGES"


def _translations(data: bytes) -> tuple[dict, list[str], str]:
    """What Sphinx gets from a .mo: every non-empty translation, the plural choices, the header's rule."""
    mo = gettext.GNUTranslations(io.BytesIO(data))
    messages = {key: text for key, text in mo._catalog.items() if key != "" and text}
    return messages, [mo.ngettext("one", "many", n) for n in range(0, 40)], mo.info().get("plural-forms", "")


def test_the_mo_files_give_sphinx_what_babels_gave():
    """The build compiled with Babel before; polib's .mo must give the same translations."""
    compared = 0
    for path in sorted(FI.rglob("*.po")):
        ours = compile_catalogs.mo_bytes(catalog.load(path), "fi")
        with path.open("rb") as handle:
            babel_catalog = read_po(handle, locale="fi")
        theirs = io.BytesIO()
        write_mo(theirs, babel_catalog)
        assert _translations(ours) == _translations(theirs.getvalue()), path
        compared += len(_translations(ours)[0])
    assert compared > 500  # the real catalogs, with real translations


def test_fuzzy_translations_are_compiled_only_for_the_review_build():
    po = polib.pofile('msgid ""\nmsgstr ""\n"Language: fi\\n"\n\n#, fuzzy\nmsgid "Старый"\nmsgstr "Vanha"\n\n'
                      'msgid "Новый"\nmsgstr "Uusi"\n\nmsgid "Пустой"\nmsgstr ""\n')
    assert _translations(compile_catalogs.mo_bytes(po, "fi"))[0] == {"Новый": "Uusi"}
    review = _translations(compile_catalogs.mo_bytes(po, "fi", use_fuzzy=True))
    assert review[0] == {"Новый": "Uusi", "Старый": "Vanha"}
    assert review[2] == "nplurals=2; plural=(n != 1);"  # no header: Finnish's rule, not English's


def test_every_command_reports_a_broken_file_at_the_same_line(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    path = layout.locales / "fi" / "LC_MESSAGES" / "index.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(n for n, line in enumerate(lines) if line.startswith("msgstr ") and line != 'msgstr ""')
    lines[broken] = lines[broken][:-1]  # the closing quote lost
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    shown, line = "locales/fi/LC_MESSAGES/index.po", broken + 1

    build = compile_catalogs.compile_language(layout.locales, "fi", tmp_path / "out", layout.root)
    assert [(p.path, p.line, p.check) for p in build] == [(shown, line, "syntax")]
    _, check = files.load_checked(path, shown, "fi")
    assert [(p.path, p.line) for p in check] == [(shown, line)]
    said: list[str] = []
    (layout.gettext / "index.pot").parent.mkdir(parents=True)
    (layout.gettext / "index.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "Новое"\nmsgstr ""\n', encoding="utf-8")
    assert update.update_language(layout, "fi", "Тест", said.append).unreadable == 1
    assert any(s.strip().startswith(f"{shown}:{line}: error: ") for s in said), said
    run = run_command(po_format.main, [str(path)], layout)
    assert run.status == 1 and run.err.startswith(f"{shown}:{line}: error: ")
    assert path.read_text(encoding="utf-8") == text  # and nothing rewrote it


def test_babel_reads_and_writes_no_po_file_of_ours():
    """polib is the one .po library; Babel stays for locale data (plural rules, dates)."""
    users = [path.relative_to(REPO).as_posix() for path in sorted((REPO / "scripts").rglob("*.py"))
             if any(module in path.read_text(encoding="utf-8")
                    for module in ("babel.messages.pofile", "babel.messages.mofile", "babel.messages.catalog"))]
    assert users == []


def test_the_writer_leaves_an_unchanged_catalog_untouched(tmp_path: Path):
    path = tmp_path / "a.po"
    po = polib.pofile('msgid ""\nmsgstr ""\n"Language: fi\\n"\n\nmsgid "Текст"\nmsgstr "Teksti"\n')
    assert catalog.write_if_changed(path, po) is True
    mtime = path.stat().st_mtime_ns
    assert catalog.write_if_changed(path, catalog.load(path)) is False
    assert path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]  # no temporary file left
