"""Seminar editions from one data file each (issue 18, point 10): what is known is printed, what is
not is left out (no placeholder), and the preflight fails a PDF that prints a placeholder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import REPO, ROOTS, copy_project, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.pdf import command, editions, fonts, preflight
from handbook.pdf.render import TEMPLATES

FULL = """\
# A seminar whose details are all known (test data, not the handbook's).
region = "regions-pskov"
date = "14 марта 2020"

[seminar]
ru = "Семинар в Пскове"

[venue]
ru = "Псков, зал «Проверочный»"

[organiser]
ru = "Организация «Проверка»"

[[programme]]
time = "10:00"
title = { ru = "Открытие семинара" }

[[programme]]
time = "11:30"
title = { ru = "Расчёт стоимости услуги" }

[[contact]]
body = { ru = "Проверочный комитет области" }
site = "https://example.org/komitet"
contact = "+7 000 000-00-00"
"""

BARE = """\
region = "regions-leningrad"

[seminar]
ru = "Семинар в Тосно"
"""


def write_editions(root: Path) -> None:
    folder = root / "editions"
    folder.mkdir()
    (folder / "full.toml").write_text(FULL, encoding="utf-8")
    (folder / "bare.toml").write_text(BARE, encoding="utf-8")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nhandbook_pdf_editions = "editions"\n',
                    encoding="utf-8")
    # A contacts annex as the handbook's: the editions' contacts where their files give them.
    (root / "docs" / "chapters" / "09-contacts.md").write_text(
        "# Контакты\n\nПроверяйте контакты на официальных сайтах.\n\n```{edition-contacts}\n```\n",
        encoding="utf-8")


def text_of(page) -> str:
    return re.sub(r"\s+", " ", page.extract_text())


def test_a_data_file_is_read_with_what_it_gives_only(tmp_path):
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "full.toml").write_text(FULL, encoding="utf-8")
    (tmp_path / "e" / "bare.toml").write_text(BARE, encoding="utf-8")
    loaded = editions.load("e", tmp_path)
    assert list(loaded) == ["bare", "full"]
    full = editions.print_context(loaded["full"], "ru", "ru")
    assert full["date"] == "14 марта 2020" and full["venue"] == "Псков, зал «Проверочный»"
    assert [i["time"] for i in full["programme"]] == ["10:00", "11:30"]
    assert full["contacts"][0]["site"] == "https://example.org/komitet"
    bare = editions.print_context(loaded["bare"], "en", "ru")
    assert bare == {"date": "", "venue": "", "organiser": "", "programme": [], "contacts": []}


def test_the_handbooks_editions_are_read_from_their_data_files():
    loaded = editions.load("docs/_data/editions", REPO)
    assert set(loaded) == {"pskov", "tosno", "arkhangelsk"}
    pskov = editions.print_context(loaded["pskov"], "ru", "ru")
    assert pskov["organiser"] == "Центр устойчивого развития Псковской области"
    # Nothing invented: no source gives the seminars' dates, venues or programmes.
    assert not any(editions.print_context(e, "ru", "ru")[key] for e in loaded.values()
                   for key in ("date", "venue", "programme", "contacts"))


@pytest.mark.parametrize(("text", "line", "what"), [
    ('[seminar]\nru = "Семинар"\n', 1, "no region"),
    ('region = "regions-pskov"\n\n[[programme]]\ntime = "10:00"\n', 3, "needs a title"),
    ('region = "regions-pskov"\nvenu = "Псков"\n', 2, "unknown key 'venu'"),
    ('region = "regions-pskov"\ndate = 2020-03-14\n', 2, "date must be a string"),
    ('region = "regions-pskov"\nseminar = \n', 2, "write it as TOML"),
])
def test_a_wrong_data_file_is_named_with_its_line(tmp_path, text, line, what):
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "oslo.toml").write_text(text, encoding="utf-8")
    with pytest.raises(editions.EditionError) as caught:
        editions.load("e", tmp_path)
    message = str(caught.value)
    assert message.startswith(f"e/oslo.toml:{line}: ") and what in message, message
    assert message.endswith("[edition-data]")


def test_make_pdf_reports_a_wrong_data_file_without_traceback(tmp_path):
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    write_editions(root)
    (root / "editions" / "bare.toml").write_text('region = "regions-leningrad"\norganiser = 3\n',
                                                 encoding="utf-8")
    with pytest.raises(commands.UsageError, match=r"^editions/bare\.toml:2: organiser must be"):
        command.pdf("ru", "bare", "", Layout(root))


@pytest.mark.slow
def test_an_edition_prints_what_its_data_file_gives_and_leaves_out_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    write_editions(root)
    layout = Layout(root)
    run = run_command(command.pdf, "ru", "full,bare", "", layout)
    assert run.status == 0, run.out + run.err

    full = PdfReader(layout.site / "pdf" / "handbook-ru-full.pdf")
    cover, programme = text_of(full.pages[0]), text_of(full.pages[1])
    assert "Семинар в Пскове" in cover
    assert "14 марта 2020 · Псков, зал «Проверочный»" in cover
    assert "Организатор: Организация «Проверка»" in cover
    assert "Программа семинара" in programme
    assert re.search(r"10:00 ?Открытие семинара.*11:30 ?Расчёт стоимости услуги", programme)
    assert "Контакты в регионе" in programme and "Проверочный комитет области" in programme
    assert "https://example.org/komitet" in programme and "+7 000 000-00-00" in programme

    bare = PdfReader(layout.site / "pdf" / "handbook-ru-bare.pdf")
    cover = text_of(bare.pages[0])
    assert "Семинар в Тосно" in cover
    assert "Организатор" not in cover and "·" not in cover.split("Издание:")[0]
    book = " ".join(text_of(page) for page in bare.pages)
    for absent in ("Программа семинара", "Контакты в регионе", "Дата будет объявлена",
                   "заполняют партнёры"):
        assert absent not in book
    # The contacts annex of every PDF: the full edition's contacts under its seminar's line; the
    # bare edition has none, so adds no heading.
    annex = next(text_of(page) for page in bare.pages if text_of(page).startswith("Контакты"))
    assert re.search(r"Семинар в Пскове\W+Проверочный комитет области — https://example\.org/komitet"
                     r" — \+7 000 000-00-00", annex), annex
    assert "Семинар в Тосно" not in annex
    # Without a programme the contents follow the cover at once.
    assert "Содержание" in text_of(bare.pages[1])
    assert len(bare.pages) == len(full.pages) - 1


def render(tmp_path: Path, body: str) -> Path:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    sheets = [CSS(string=fonts.font_face_css(), font_config=config),
              CSS(filename=str(TEMPLATES / "print.css"), font_config=config)]
    path = tmp_path / "planted.pdf"
    HTML(string=f'<!DOCTYPE html><html lang="ru"><body>{body}</body></html>').write_pdf(
        path, stylesheets=sheets, font_config=config)
    return path


PLACEHOLDERS = ["заполняют партнёры", "Дата будет объявлена", "Lorem ipsum", "TBD", "TBA"]
BUNDLED = frozenset(face.family for face in (*fonts.FACES, fonts.SYMBOLS))


def placeholders_in(path: Path) -> list[preflight.Finding]:
    return preflight.preflight(path, preflight.Options(placeholders=PLACEHOLDERS, bundled_families=BUNDLED))


def test_a_printed_placeholder_is_caught_and_the_clean_page_passes(tmp_path):
    planted = render(tmp_path, "<p>Оплата услуг.</p><table><tr><td>Сайт</td><td>заполняют "
                     "партнёры</td></tr></table><p style='break-before: page'>Дата: TBD.</p>")
    found = placeholders_in(planted)
    assert [(f.check, f.page) for f in found] == [("pdf-placeholder", 1), ("pdf-placeholder", 2)]
    assert found[0].line("handbook-ru.pdf").startswith(
        "handbook-ru.pdf: page 1: error: the placeholder «заполняют партнёры» is printed — ")
    # Words that merely contain the letters (or «tba» in small letters) are not placeholders.
    clean = render(tmp_path, "<p>Утбалансировка TBAR и tba.</p>")
    assert placeholders_in(clean) == []


@pytest.mark.slow
def test_the_site_lists_the_contacts_data_files_give_and_nothing_else(tmp_path):
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    write_editions(root)
    layout = Layout(root)
    run = run_command(commands.html, "ru", layout)
    assert run.status == 0, run.out + run.err
    page = (layout.site / "ru" / "chapters" / "09-contacts.html").read_text(encoding="utf-8")
    assert page.count('class="rubric"') == 1 and "Семинар в Пскове" in page
    assert '<a class="reference external" href="https://example.org/komitet">' in page
    assert "Семинар в Тосно" not in page


@pytest.mark.slow
def test_make_pdf_fails_a_pdf_that_prints_a_placeholder_of_conf_py(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    chapter = root / "docs" / "chapters" / "01-intro.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nСайт ресурсного центра: заполняют партнёры.\n",
                       encoding="utf-8")
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + f"\nhandbook_pdf_placeholders = {{'ru': {PLACEHOLDERS!r}}}\n", encoding="utf-8")
    layout = Layout(root)
    run = run_command(command.pdf, "ru", "standard", "", layout)
    assert run.status == 1, run.out + run.err
    lines = [line for line in run.err.splitlines() if line.endswith("[pdf-placeholder]")]
    assert lines and re.match(r"_build/site/pdf/handbook-ru\.pdf: page \d+: error: the placeholder "
                              r"«заполняют партнёры» is printed \(docs/chapters/01-intro\.md", lines[0]), run.err
    assert not (layout.site / "pdf" / "handbook-ru.pdf").exists()  # not published
