"""make check reports the editorial goals of conf.py — the handbook's length and the translations
each language promises — on a copy of a tiny project (the real handbook's goals are the team's
business, not the tests': a translator who falls behind fails `make check`, not `make test`)."""

from __future__ import annotations

from support import ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout


def project(tmp_path, settings: str) -> Layout:
    layout = Layout(copy_project(ROOTS / "translation", tmp_path / "project"))
    with layout.conf.open("a", encoding="utf-8") as conf:
        conf.write("\n" + settings + "\n")
    return layout


def conf_line(layout: Layout, start: str) -> int:
    return next(n for n, line in enumerate(layout.conf.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def test_a_handbook_shorter_than_its_goal_is_reported_at_the_setting(tmp_path):
    layout = project(tmp_path, 'handbook_min_source_words = 100\nhandbook_min_source_words_in = [""]')
    result = run_command(commands.check, "", layout)
    line = conf_line(layout, "handbook_min_source_words =")
    assert result.status == 1
    # chapter.md has 24 Russian words, index.md the rest; Latin names and numbers do not count.
    assert result.out.startswith(f"conf.py:{line}: warning: the text in docs/ has ")
    assert "words, fewer than the 100 of handbook_min_source_words — write the missing text" in result.out
    assert result.out.rstrip().endswith("[min-words]")
    assert "1 warning" in result.err
    # A translator checking one language is not told about the length of the Russian text.
    assert run_command(commands.check, "fi", layout).status == 0


def test_the_length_counts_only_the_documents_named(tmp_path):
    words = run_command(commands.check, "", project(tmp_path / "a", 'handbook_min_source_words = 25\n'
                                                    'handbook_min_source_words_in = ["chapter"]'))
    assert "the text in docs/chapter has 24 words, fewer than the 25" in words.out
    enough = run_command(commands.check, "", project(tmp_path / "b", 'handbook_min_source_words = 24\n'
                                                     'handbook_min_source_words_in = ["chapter"]'))
    assert enough.status == 0 and enough.out == ""


def test_a_promised_translation_with_fuzzy_or_empty_messages_is_reported_at_the_first(tmp_path):
    layout = project(tmp_path, 'handbook_promised_translations = {"fi": ["chapter", "index"]}')
    result = run_command(commands.check, "", layout)
    po = (layout.locales / "fi/LC_MESSAGES/chapter.po").read_text(encoding="utf-8").splitlines()
    first = po.index('msgstr "Kustannuslaskenta kuvataan erikseen."') + 1  # the fuzzy one
    assert result.status == 1
    assert result.out.splitlines() == [
        f"locales/fi/LC_MESSAGES/chapter.po:{first}: warning: 1 untranslated and 1 fuzzy messages "
        "(10 of 24 words left), but conf.py promises this document in fi (handbook_promised_translations) "
        "— translate them, starting here [incomplete-translation]"]


def test_a_complete_promise_is_clean_and_a_missing_catalog_is_reported(tmp_path):
    layout = project(tmp_path, 'handbook_promised_translations = {"fi": ["index"]}')
    assert run_command(commands.check, "", layout).out == ""
    (layout.locales / "fi/LC_MESSAGES/index.po").unlink()
    result = run_command(commands.check, "fi", layout)
    assert result.status == 1
    assert result.out.startswith("locales/fi/LC_MESSAGES/index.po:1: warning: index has no fi catalog, but "
                                 "conf.py promises it translated (handbook_promised_translations) — run make "
                                 "update-po LANGS=fi and translate it [incomplete-translation]")


def test_without_goals_nothing_is_reported(tmp_path):
    # The tiny project sets none: no length, no promise (the partly translated chapter is fine).
    assert run_command(commands.check, "", project(tmp_path, "")).status == 0
