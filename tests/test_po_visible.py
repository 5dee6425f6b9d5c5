"""The checks of what readers see (numbers, addresses, emphasis marks, spaces, control characters,
placeholders), each on a real entry of the handbook's catalogs changed the way a translator might
slip, and silenced for that one entry by a translator's comment."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from support import REPO
from handbook import compile_catalogs
from handbook.po.checks import visible
from handbook.po.checks.run import check_catalog, reader_problems

FI = REPO / "locales" / "fi" / "LC_MESSAGES"


def _plain(entry: polib.POEntry) -> bool:
    return (bool(entry.msgstr) and not entry.fuzzy and not entry.obsolete and "[^" not in entry.msgstr
            and "{" not in entry.msgstr and "`" not in entry.msgstr)


def _change_number(entry: polib.POEntry) -> bool:
    runs = visible._runs(entry.msgstr)
    if not _plain(entry) or "http" in entry.msgstr or not runs:
        return False
    n = max(runs)
    wrong = int(str(n)[::-1]) if str(n)[::-1] != str(n) and not str(n).endswith("0") else n + 1
    entry.msgstr = re.sub(rf"(?<!\d){n}(?!\d)", str(wrong), entry.msgstr, count=1)  # 442 → 244
    return True


def _change_address(entry: polib.POEntry) -> bool:
    if not entry.msgstr or entry.fuzzy or not _plain(entry):
        return False
    found = visible.addresses(entry.msgstr)
    if not found:
        # The handbook's pages give addresses through its list of sources (docs/_data/sources.toml),
        # so no message holds one: the real entry gets the same address in both languages first.
        address = "https://publication.pravo.gov.ru/"
        entry.msgid, entry.msgstr = f"{entry.msgid} {address}", f"{entry.msgstr} {address}"
        found = {address}
    url = next(iter(found))
    entry.msgstr = entry.msgstr.replace(url, url.replace(".", "-", 1), 1)
    return True


def _open_bold(entry: polib.POEntry) -> bool:
    if not entry.msgstr or entry.fuzzy or entry.msgstr.count("**") != 2:
        return False
    head, _, tail = entry.msgstr.rpartition("**")
    entry.msgstr = head + tail
    return True


def _trailing_space(entry: polib.POEntry) -> bool:
    if not _plain(entry) or entry.msgstr != entry.msgstr.rstrip():
        return False
    entry.msgstr += " "
    return True


def _bidi_override(entry: polib.POEntry) -> bool:
    if not _plain(entry) or " " not in entry.msgstr:
        return False
    entry.msgstr = entry.msgstr.replace(" ", " \u202e", 1)
    return True


def _drop_placeholder(entry: polib.POEntry) -> bool:
    if not entry.msgstr or entry.fuzzy or "%(" not in entry.msgstr:
        return False
    entry.msgstr = re.sub(r"%\(\w+\)s", "", entry.msgstr, count=1)
    return True


SLIPS: list[tuple[str, Path, Callable[[polib.POEntry], bool]]] = [
    ("number", FI / "chapters" / "08-quality.po", _change_number),
    ("address", FI / "chapters" / "08-quality.po", _change_address),
    ("unbalanced-markup", FI / "chapters" / "01-introduction.po", _open_bold),
    ("spaces", FI / "chapters" / "08-quality.po", _trailing_space),
    ("control-character", FI / "chapters" / "08-quality.po", _bidi_override),
    ("placeholder", FI / "sphinx.po", _drop_placeholder),
]


def _slip(real: Path, tmp_path: Path, change: Callable[[polib.POEntry], bool]) -> tuple[Path, polib.POEntry]:
    path = tmp_path / real.name
    shutil.copyfile(real, path)
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next((e for e in po if e.msgid and change(e)), None)
    assert entry is not None, f"{real} has no entry to change (the test needs one)"
    po.save()
    return path, entry


def _problems(path: Path) -> list:
    interface = path.stem in ("sphinx", "javascript")
    return [p for p in check_catalog(path, path.name, "fi", "ru", [], interface) if p.severity == "error"]


@pytest.mark.parametrize("check, real, change", SLIPS, ids=[s[0] for s in SLIPS])
def test_a_slip_in_a_real_entry_is_reported_at_its_translation_then_silenced(check, real, change, tmp_path):
    assert [p for p in _problems(real) if p.check == check] == []  # the real file is clean
    path, entry = _slip(real, tmp_path, change)
    [problem] = [p for p in _problems(path) if p.check == check]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("msgstr")  # where the translator types the fix
    start = polib.pofile(str(path)).find(entry.msgid, msgctxt=entry.msgctxt).linenum
    assert 0 < problem.line - start < 40
    assert " — " in problem.message and str(problem).endswith(f"[{check}]")
    # The build reads the same file: the language fails with the same line.
    text = path.read_text(encoding="utf-8")
    built = reader_problems(text, path.name, "fi", path.stem == "sphinx", with_fuzzy=False)
    assert [(p.line, p.check) for p in built] == [(problem.line, check)]

    po = polib.pofile(str(path), wrapwidth=79)
    po.find(entry.msgid, msgctxt=entry.msgctxt).tcomment = f"handbook-ignore: {check}"
    po.save()
    assert [p for p in _problems(path) if p.check == check] == []
    assert reader_problems(path.read_text(encoding="utf-8"), path.name, "fi", path.stem == "sphinx", False) == []


def test_an_ignore_comment_naming_no_silenceable_check_is_reported(tmp_path):
    path = tmp_path / "index.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                    '# handbook-ignore: nubmer, raw-html\nmsgid "Закон 442-ФЗ."\nmsgstr "Laki 424-FZ."\n',
                    encoding="utf-8")
    found = [(p.line, p.check) for p in check_catalog(path, "index.po", "fi", "ru", [], False)]
    assert found == [(6, "ignore"), (8, "number")]  # the comment, the translation


@pytest.mark.parametrize("source, translation", [
    ("150 000 рублей", "150,000 roubles"),
    ("150 000 рублей", "150\u00a0000 ruplaa"),
    ("Доля 1,5 %.", "Share 1.5 %."),
    ("На 1 января 2021 г.", "Tilanne 1.1.2021."),
    ("1 декабря 2021 года", "1 December 2021"),
    ("Федеральный закон от 05.12.2017 № 392-ФЗ", "Federal Law No. 392-FZ of 5.12.2017"),
    ("часть 8 статьи 30 442-ФЗ", "Part 8 of Article 30 of Law 442-FZ"),
    ("занижены «минимум в 5 раз»", "alimitoitettuja ”vähintään viisinkertaisesti”"),
    ("Расчёт: 2 * 3.", "Laskelma: 2 * 3."),
    ("См. [сайт](https://example.org/).", "Katso [sivusto](https://example.org/)."),
])
def test_the_same_numbers_and_marks_in_another_format_are_not_slips(source, translation):
    assert visible.check(source, translation) == []


def test_a_language_with_a_slip_fails_its_build_at_the_entry(tmp_path):
    path, _entry = _slip(FI / "chapters" / "08-quality.po", tmp_path, _change_number)
    lc = tmp_path / "locales" / "fi" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    path.rename(lc / "chapter.po")
    problems = compile_catalogs.compile_language(tmp_path / "locales", "fi", tmp_path / "out", tmp_path)
    assert [(p.path, p.check) for p in problems] == [("locales/fi/LC_MESSAGES/chapter.po", "number")]
    assert str(problems[0]).endswith("[number]")


def test_a_fuzzy_translation_fails_no_build(tmp_path):
    """It was made for an older source (the review build shows it marked outdated): its numbers may
    rightly differ from the new source's."""
    path, entry = _slip(FI / "chapters" / "08-quality.po", tmp_path, _change_number)
    po = polib.pofile(str(path), wrapwidth=79)
    po.find(entry.msgid, msgctxt=entry.msgctxt).flags.append("fuzzy")
    po.save()
    lc = tmp_path / "locales" / "fi" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    path.rename(lc / "chapter.po")
    for use_fuzzy in (False, True):
        assert compile_catalogs.compile_language(tmp_path / "locales", "fi", tmp_path / "out", tmp_path, use_fuzzy) == []
