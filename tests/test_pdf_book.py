"""The book layout of the printed handbook (issue 18, points 4-6), on a small book (tests/roots/book):
real Sphinx, real WeasyPrint, the PDF read back with the preflight's reader (text with positions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import ROOTS, run_command
from handbook.paths import Layout, copy_project
from handbook.pdf import command
from handbook.pdf.preflight import reading

pytestmark = pytest.mark.slow  # renders PDFs

EPOCH = "1600000000"  # 13 September 2020
MM = 72 / 25.4
TITLES = ["Содержание", "Книга для проверки", "Введение", "Расчёт стоимости", "Приложение 1. Контакты",
          "События"]


def build(tmp: Path, duplex: str = "", base_url: str = "https://example.org/handbook") -> Path:
    layout = Layout(copy_project(ROOTS / "book", tmp))
    conf = layout.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"handbook_base_url = {base_url!r}\n",
                    encoding="utf-8")
    run = run_command(command.pdf, "ru", "", "", layout, duplex=duplex)
    assert run.status == 0, run.out + run.err
    notice = "handbook_base_url is empty: the PDFs give downloads and site pages as their path"
    assert (run.out + run.err).count(notice) == (0 if base_url else 1), run.out + run.err
    return layout.site / "pdf" / "handbook-ru.pdf"


@pytest.fixture(scope="module")
def duplex_pdf(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        return build(tmp_path_factory.mktemp("duplex"))
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def simplex_pdf(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("simplex"), duplex="0", base_url="")


def pages_of(pdf: Path) -> tuple[list[list[reading.Run]], float]:
    """Each page's text runs, and the page height."""
    document = reading.read(pdf)
    pages: list[list[reading.Run]] = [[] for _ in range(document.pages)]
    for run in document.runs:
        pages[run.page - 1].append(run)
    return pages, float(PdfReader(pdf).pages[0].mediabox.height)


def heading_pages(pages: list[list[reading.Run]]) -> dict[str, int]:
    """The page (1-based) on which each first-level heading (set at 19 pt) is drawn."""
    found: dict[str, int] = {}
    for number, runs in enumerate(pages, start=1):
        line = " ".join(r.text for r in runs if r.size > 18).strip()
        if line:
            found.setdefault(" ".join(line.split()), number)
    return found


def body_left(runs: list[reading.Run], height: float) -> float:
    """The left edge of the page's text, margin boxes (head, page number) left out."""
    return min(r.x0 for r in runs if 30 * MM < r.y0 < height - 25 * MM)


def test_chapters_open_on_right_hand_pages_after_an_empty_page(duplex_pdf):
    pages, _ = pages_of(duplex_pdf)
    opened = heading_pages(pages)
    for title in TITLES:
        assert opened[title] % 2 == 1, (title, opened)  # page 1 is a right-hand page
    # The page left blank before a chapter has neither running head nor page number.
    openings = {n for n, runs in enumerate(pages, start=1) if any(r.size > 18 for r in runs)}
    blank = [n for n, runs in enumerate(pages, start=1) if not runs]
    assert blank and all(n % 2 == 0 and n + 1 in openings for n in blank), (blank, openings)


def test_no_running_head_on_a_chapter_s_first_page(duplex_pdf):
    pages, height = pages_of(duplex_pdf)
    opened = heading_pages(pages)

    def head(number: int) -> str:
        return " ".join(r.text for r in pages[number - 1] if r.y0 > height - 20 * MM).strip()

    first = opened["Введение"]
    assert head(first) == ""
    assert head(first + 1) == "Введение"  # the chapter's second page has it
    # the page number is on both, at the foot
    for number in (first, first + 1):
        assert str(number) in [r.text.strip() for r in pages[number - 1] if r.y0 < 20 * MM]


def test_inner_margin_is_wider_and_mirrored(duplex_pdf, simplex_pdf):
    pages, height = pages_of(duplex_pdf)
    opened = heading_pages(pages)
    right, left = opened["Введение"], opened["Введение"] + 1
    # Right-hand page: the binding is on the left, 27 mm; left-hand page: 18 mm on the left.
    assert body_left(pages[right - 1], height) == pytest.approx(27 * MM, abs=1)
    assert body_left(pages[left - 1], height) == pytest.approx(18 * MM, abs=1)
    # One-sided (DUPLEX=0): today's layout, the same margins on every page, no blank page.
    pages, height = pages_of(simplex_pdf)
    opened = heading_pages(pages)
    first = opened["Введение"]
    assert body_left(pages[first - 1], height) == pytest.approx(body_left(pages[first], height), abs=0.5)
    assert all(pages), "a one-sided PDF has no blank page"
    assert opened["Расчёт стоимости"] == opened["Введение"] + 3  # not pushed to a right-hand page


def test_contents_give_the_pages_the_chapters_open_on(duplex_pdf):
    pages, _ = pages_of(duplex_pdf)
    opened = heading_pages(pages)
    contents = PdfReader(duplex_pdf).pages[opened["Содержание"] - 1].extract_text()
    text = " ".join(contents.replace("\u2007", " ").split())
    for title in ("Введение", "Расчёт стоимости", "Приложение 1. Контакты", "События"):
        printed = re.search(re.escape(title) + r" \.+ (\d+)", text)
        assert printed and int(printed.group(1)) == opened[title], (title, text, opened)


def test_colophon_is_the_last_page(duplex_pdf):
    reader = PdfReader(duplex_pdf)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert last.startswith("Выходные сведения")
    for text in ("Книга для проверки", "Издание: Полное издание · 2020",
                 "Дата выпуска: 13 сентября 2020 г.",  # SOURCE_DATE_EPOCH
                 "Партнёры проекта Партнёр «Один» Партнёр «Два»",
                 "Сайт: https://example.org/handbook/ru/"):
        assert text in last, last
    assert "Лицензия" not in last  # the book states no licence: no line for it
    assert len(reader.pages) % 2 == 0  # the back of the last leaf


def test_events_are_one_list_not_a_page_each(duplex_pdf):
    pages, _ = pages_of(duplex_pdf)
    opened = heading_pages(pages)
    assert "Семинар в Пскове" not in opened and "Встреча в Оулу" not in opened
    listing = " ".join(PdfReader(duplex_pdf).pages[opened["События"] - 1].extract_text().split())
    assert "Семинар в Пскове 12 марта 2020 г. · Псков" in listing
    assert "Встреча в Оулу 1—3 октября 2019 г. · Оулу" in listing


def test_cross_references_carry_the_page_of_their_heading(duplex_pdf):
    pages, _ = pages_of(duplex_pdf)
    opened = heading_pages(pages)
    reader = PdfReader(duplex_pdf)
    intro = " ".join(reader.pages[opened["Введение"] - 1].extract_text().split())
    money = " ".join(reader.pages[opened["Расчёт стоимости"] - 1].extract_text().split())
    assert f"см. главу «Расчёт стоимости», с. {opened['Расчёт стоимости']}." in intro
    assert f"см. главу «Введение», с. {opened['Введение']}." in money
    # «в приложении {ref}`annex-contacts`»: the word the sentence already has is not repeated.
    assert f"в приложении 1 «Контакты», с. {opened['Приложение 1. Контакты']}." in intro
    assert "приложении Приложение" not in intro
    # A section (h2, 14 pt); a link around emphasis is two pieces, the page follows it once.
    steps = next(n for n, runs in enumerate(pages, start=1)
                 if any(r.text.strip() == "Шаги расчёта" and r.size == pytest.approx(14, abs=0.1) for r in runs))
    text = page_text(duplex_pdf, "Порядок")
    assert f"Порядок — в разделе Шаги расчёта, с. {steps}. Текст со сноской.1" in text
    assert "с. {0}, с. {0}".format(steps) not in text
    # A cross-reference in a footnote: the page is in the note, not in the text after the call.
    assert f"1. Подробнее см. главу «Введение», с. {opened['Введение']}." in text
    # The link is the title alone (one annotation), and it still leads to the heading's page.
    links = [a.get_object() for a in reader.pages[opened["Введение"] - 1].get("/Annots") or []]
    assert len(links) == 2
    for link in links:
        page = reader.get_destination_page_number(reader.named_destinations[str(link["/Dest"])]) + 1 \
            if "/Dest" in link else None
        assert page in (opened["Расчёт стоимости"], opened["Приложение 1. Контакты"]), link


def page_text(pdf: Path, containing: str) -> str:
    for page in PdfReader(pdf).pages:
        text = " ".join(page.extract_text().split())
        if containing in text:
            return text
    raise AssertionError(f"no page has {containing!r}")


def test_downloads_and_site_pages_print_their_address(duplex_pdf, simplex_pdf):
    text = page_text(duplex_pdf, "Скачайте")
    # The link's words, a note call, and the note: the file's address on the site, in full.
    assert "Скачайте шаблон расчёта (CSV)2 с той же структурой." in text
    assert re.search(r"2\. https://example\.org/handbook/ru/_downloads/[0-9a-f]{32}/template\.csv", text)
    assert "на странице PDF- версии3." in text or "на странице PDF-версии3." in text
    assert "3. https://example.org/handbook/ru/downloads.html" in text
    assert not [link for page in PdfReader(duplex_pdf).pages for a in page.get("/Annots") or []
                if "/URI" in (link := a.get_object()).get("/A", {})]  # nothing to click on paper
    # No public address set: the path from the site's root (the build said so, once: build()).
    text = page_text(simplex_pdf, "Скачайте")
    assert re.search(r"2\. ru/_downloads/[0-9a-f]{32}/template\.csv", text), text
    assert "3. ru/downloads.html" in text
    assert "Сайт:" not in " ".join(PdfReader(simplex_pdf).pages[-1].extract_text().split())


def test_the_catalogue_prints_as_a_table_without_its_screen_parts(tmp_path):
    """The practice catalogue on paper: a table of the cards (title, country, funding, …), none of
    the filter form or the lists that repeat it — words the preflight refuses (it fails the build)."""
    layout = Layout(copy_project(ROOTS / "practices", tmp_path))
    conf = layout.root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'handbook_pdf_variants = ["standard"]\n'
                    'handbook_pdf_screen_only = ["Обзор по полям", "Отбор практик", "Показать все", '
                    '"Показано практик"]\n', encoding="utf-8")
    run = run_command(command.pdf, "ru", "", "", layout)
    assert run.status == 0, run.out + run.err
    pdf = layout.site / "pdf" / "handbook-ru.pdf"
    pages, _ = pages_of(pdf)
    page = heading_pages(pages)["Каталог практик"]
    text = " ".join(PdfReader(pdf).pages[page - 1].extract_text().replace("\u2010\n", "").split())
    runs = pages[page - 1]
    header = next(r for r in runs if r.text.strip().startswith("Практика"))
    assert any(r.x0 > header.x0 + 20 and abs(r.y0 - header.y0) < 1 for r in runs)  # a header row
    # A row per card, sorted by title: the title, then its fields (country, …, funding).
    rows = [re.search(re.escape(title) + r", с\. \d+ (.{0,160})", text) for title in
            ("Ваучер на жильё", "Помощь на дому", "Ранняя помощь")]
    assert all(rows), text
    assert rows[0].start() < rows[1].start() < rows[2].start()
    assert rows[2].group(1).startswith("Россия Семьи с детьми")
    assert "Компенсация поставщику" in rows[2].group(1)
    assert rows[1].group(1).startswith("Финляндия") and "Ваучер муниципалитета" in rows[1].group(1)
