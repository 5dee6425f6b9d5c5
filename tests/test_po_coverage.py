"""make check and make stats compare the catalogs with the sources as they are now: a document edited
since `make update-po`, and an interface string a language's site would show in English."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import polib
import pytest
from support import REPO, ROOTS, copy_project, run_command
from handbook import buildlock, commands
from handbook.paths import Layout
from handbook.po.checks import coverage


@pytest.fixture
def layout(tmp_path) -> Layout:
    return Layout(copy_project(ROOTS / "translation", tmp_path / "project"))


def _edit_source(layout: Layout) -> None:
    chapter = layout.docs / "chapter.md"
    text = chapter.read_text(encoding="utf-8")
    assert "Расчёт стоимости услуги описан отдельно." in text
    chapter.write_text(text.replace("описан отдельно.", "описан в главе 6."), encoding="utf-8")


def test_a_source_edited_without_update_po_fails_check_until_update_po(layout):
    assert run_command(commands.check, "", layout).status == 0
    _edit_source(layout)
    result = run_command(commands.check, "", layout)
    assert result.status == 1
    assert result.out.splitlines() == [
        "docs/chapter.md: error: changed since its translations were updated — run make update-po [stale-catalog]"]
    assert run_command(commands.update_po, "", layout).status == 0
    after = run_command(commands.check, "", layout)
    assert after.status == 0, after.out
    assert after.out == ""


def test_stats_marks_a_document_edited_since_update_po(layout):
    def chapter_row() -> str:
        out = run_command(commands.stats, "", layout).out
        return next(line for line in out.splitlines() if line.startswith("  chapter "))

    assert "out of date" not in chapter_row()
    _edit_source(layout)
    assert chapter_row().endswith("out of date: run make update-po")
    assert '"out_of_date": true' in (layout.build / "stats.json").read_text(encoding="utf-8")


def test_a_new_document_without_catalogs_is_reported(layout):
    (layout.docs / "annex.md").write_text("# Приложение\n\nТекст приложения.\n", encoding="utf-8")
    index = layout.docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("chapter\n", "chapter\nannex\n", 1),
                     encoding="utf-8")
    out = run_command(commands.check, "", layout).out
    assert "docs/annex.md: error: has no catalog in fi yet — run make update-po [stale-catalog]" in out


def _remove_entry(path, msgid: str) -> None:
    po = polib.pofile(str(path), wrapwidth=79)
    po.remove(po.find(msgid))
    po.save()


def test_an_interface_string_missing_in_the_source_language_fails_check(layout):
    ru = layout.locales / "ru" / "LC_MESSAGES" / "sphinx.po"
    _remove_entry(ru, "Translation status")
    result = run_command(commands.check, "", layout)
    assert result.status == 1
    assert result.out.splitlines() == [
        "locales/ru/LC_MESSAGES/sphinx.po:1: error: no entry for the interface string “Translation status”, so "
        "the ru site shows it in English — copy from another language's sphinx.po, then translate it "
        "[interface-missing]"]
    stats = run_command(commands.stats, "", layout).out
    [(done, of)] = re.findall(r"^  locales/ru/LC_MESSAGES/sphinx\.po: (\d+) of (\d+) translated, 1 missing, "
                              r"0 untranslated", stats, re.MULTILINE)
    assert int(done) == int(of) - 1
    assert f"  locales/fi/LC_MESSAGES/sphinx.po: {of} of {of} translated\n" in stats


def test_an_untranslated_interface_string_is_reported_at_its_entry(layout):
    fi = layout.locales / "fi" / "LC_MESSAGES" / "sphinx.po"
    text = fi.read_text(encoding="utf-8").replace('msgstr "Käännösten tila"', 'msgstr ""')
    fi.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = lines.index('msgid "Translation status"') + 2  # its msgstr, where the translation goes
    assert lines[line - 1] == 'msgstr ""'
    result = run_command(commands.check, "fi", layout)
    assert result.status == 1
    assert result.out.startswith(f"locales/fi/LC_MESSAGES/sphinx.po:{line}: error: the interface string "
                                 "“Translation status” is not translated (empty or fuzzy)")
    assert result.out.rstrip().endswith("[interface-untranslated]")


def test_english_may_keep_the_english_strings_but_not_lose_one(layout):
    assert run_command(commands.gettext, layout).status == 0
    pot = layout.gettext / "sphinx.pot"
    en = layout.locales / "en" / "LC_MESSAGES" / "sphinx.po"
    en.parent.mkdir(parents=True)
    shutil.copy(REPO / "locales" / "en" / "LC_MESSAGES" / "sphinx.po", en)  # every msgstr empty
    assert coverage.check_interface(layout, ["en"], pot, "ru") == []
    _remove_entry(en, "Translation status")
    [problem] = coverage.check_interface(layout, ["en"], pot, "ru")
    assert (problem.check, problem.path) == ("interface-missing", "locales/en/LC_MESSAGES/sphinx.po")
    assert "run make update-po LANGS=en" in problem.message


def test_the_search_page_strings_one_language_translates_are_required_of_the_others(layout):
    assert run_command(commands.gettext, layout).status == 0
    pot = layout.gettext / "sphinx.pot"
    js = layout.locales / "fi" / "LC_MESSAGES" / "javascript.po"
    shutil.copy(REPO / "locales" / "fi" / "LC_MESSAGES" / "javascript.po", js)
    assert coverage.check_interface(layout, ["fi"], pot, "ru", ["ru", "fi"]) == []
    [problem] = coverage.check_interface(layout, ["ru"], pot, "ru", ["ru", "fi"])
    assert str(problem).startswith("locales/ru/LC_MESSAGES/javascript.po: error: missing: the ru site shows its ")
    assert problem.check == "interface-missing"


def test_a_catalog_saved_with_a_bom_and_crlf_is_not_stale_but_a_changed_message_is(tmp_path):
    pot = tmp_path / "gettext" / "chapter.pot"
    pot.parent.mkdir()
    pot.write_text('msgid ""\nmsgstr ""\n\nmsgid "Первая строка\\nвторая."\nmsgstr ""\n', encoding="utf-8")
    lc = tmp_path / "fi" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    po = lc / "chapter.po"
    po.write_bytes('\ufeffmsgid ""\r\nmsgstr ""\r\n"Content-Type: text/plain; charset=UTF-8\\n"\r\n\r\n'
                   'msgid "Первая строка\\r\\nвторая."\r\nmsgstr "Ensimmäinen rivi\\r\\ntoinen."\r\n'.encode())
    assert coverage.stale_documents({"chapter": pot}, lc) == {}
    po.write_bytes(po.read_bytes().replace("вторая".encode(), "третья".encode()))
    assert coverage.stale_documents({"chapter": pot}, lc) == {"chapter": "changed"}


@pytest.mark.slow  # a real process, waiting on the lock
@pytest.mark.parametrize("command", ["check", "stats"])
def test_check_and_stats_wait_for_a_running_build(layout, command):
    """They read the sources' messages into _build/gettext/, which a build may be writing."""
    with buildlock.held(layout.build):
        waiting = subprocess.Popen([sys.executable, "-m", "handbook", command], cwd=REPO,
                                   env={**os.environ, "HANDBOOK_ROOT": str(layout.root)},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline()  # the first line it writes: it waits
        time.sleep(1)
        still_waiting = waiting.poll() is None
    out, err = waiting.communicate(timeout=300)
    assert line.startswith("handbook: another build is running in this checkout"), line + err
    assert still_waiting
    assert waiting.returncode == 0, out + err
