"""The print preflight: each fault planted in a small document rendered by real WeasyPrint is
caught with its check id and page; on a tiny handbook, `make pdf` fails on a planted fault (naming
the PDF, the page and the source file), a pending check only warns, two copies built in folders of
different names give byte-identical PDFs, and each link has one annotation."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import ROOTS, copy_project, run_command
from handbook.paths import Layout
from handbook.pdf import command, fonts, preflight
from handbook.pdf.render import TEMPLATES

EPOCH = "1600000000"
BUNDLED = frozenset(face.family for face in (*fonts.FACES, fonts.SYMBOLS))


def render(tmp_path: Path, body: str, css: str = "", large: bool = False) -> Path:
    """``body`` in the print style sheets (large print too if asked), rendered by WeasyPrint."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    sheets = [CSS(string=fonts.font_face_css(), font_config=config),
              CSS(filename=str(TEMPLATES / "print.css"), font_config=config)]
    if large:
        sheets.append(CSS(filename=str(TEMPLATES / "large-print.css"), font_config=config))
    if css:
        sheets.append(CSS(string=css, font_config=config))
    path = tmp_path / "planted.pdf"
    HTML(string=f'<!DOCTYPE html><html lang="ru"><body>{body}</body></html>').write_pdf(
        path, stylesheets=sheets, font_config=config)
    return path


def findings(path: Path, **options) -> list[preflight.Finding]:
    options.setdefault("bundled_families", BUNDLED)
    return preflight.preflight(path, preflight.Options(**options))


def checks(found: list[preflight.Finding]) -> list[str]:
    return [f.check for f in found]


CLEAN = ("<article id='d-chapters-01'><section><h1>Глава</h1>"
         "<p>Обычный текст со сноской<span class='print-footnote'>Текст сноски.</span> и ещё одной"
         "<span class='print-footnote'>Вторая сноска.</span>; стрелка → и <a href='#d-chapters-01'>"
         "ссылка</a>.</p><ul><li>пункт<ul><li>вложенный пункт</li></ul></li></ul></section></article>")


def test_a_clean_document_passes_every_check(tmp_path):
    assert findings(render(tmp_path, CLEAN), screen_only=["включён JavaScript"]) == []


def test_text_drawn_over_text_is_caught_with_both_texts(tmp_path):
    body = ("<table class='print-fixed' style='width: 60mm'><colgroup><col style='width: 15mm'>"
            "<col style='width: 45mm'></colgroup><tr><td class='text-right'><p>150 000 000,00</p></td>"
            "<td><p>Примечание</p></td></tr></table>")
    found = findings(render(tmp_path, body))
    assert checks(found) == ["pdf-overlap"]
    assert found[0].page == 1
    assert "«150 000 000,00»" in found[0].message and "«Примечание»" in found[0].message


def test_a_glyph_from_a_font_of_the_machine_is_caught(tmp_path):
    found = findings(render(tmp_path, "<p>Снеговик <span style='font-family: \"DejaVu Sans\"'>☃</span></p>"))
    if not found:
        pytest.skip("no system font on this machine for the renderer to fall back on")
    assert checks(found) == ["pdf-font"]
    assert "«☃» (U+2603)" in found[0].message and "DejaVu" in found[0].message


def test_arrows_and_nested_bullets_come_from_the_bundled_symbols(tmp_path):
    document = preflight.read(render(tmp_path, CLEAN))
    families = {r.family for r in document.runs if "→" in r.text or "◦" in r.text}
    assert families == {"Handbook Symbols"}


def test_links_to_files_of_the_build_machine_are_caught(tmp_path):
    body = ("<p><a href='file:///home/organiser/handbook/_build/events/atom.xml'>лента</a> "
            "<a href='https://example.org/'>сайт</a></p>")
    found = findings(render(tmp_path, body), build_paths=["/home/organiser/handbook"])
    assert checks(found) == ["pdf-file-link"]
    assert "file:///home/organiser/handbook/_build/events/atom.xml" in found[0].message


def test_a_footnote_call_without_its_note_is_caught(tmp_path):
    # A raised number set like a call, with no note of that number anywhere.
    body = CLEAN.replace("и ещё одной", "и ещё одной<sup style='font-size: 0.7em'>7</sup>")
    found = findings(render(tmp_path, body))
    assert checks(found) == ["pdf-footnote"]
    assert "footnote call 7 has no note" in found[0].message


def test_a_note_without_its_call_is_caught(tmp_path):
    found = findings(render(tmp_path, CLEAN, css=".print-footnote::footnote-call { content: none; }"))
    assert sorted(checks(found)) == ["pdf-footnote", "pdf-footnote"]
    assert all("has no call in the text" in f.message for f in found)


def test_calls_set_side_by_side_are_each_a_call(tmp_path):
    body = ("<p>" + "Основной текст страницы. " * 20 + "Три источника подряд<span class='print-footnote'>Первый.</span>"
            "<span class='print-footnote'>Второй.</span><span class='print-footnote'>Третий.</span>.</p>")
    calls, notes = preflight.footnote_numbers(preflight.read(render(tmp_path, body)))
    assert set(calls) == set(notes) == {1, 2, 3}


def test_calls_a_line_break_left_on_a_line_of_their_own_are_calls():
    # Large print, a narrow table cell: «325, 326, 327» wrapped below the cell's last words, at the
    # table's 14 pt, with no text beside them to be raised above (the real ru large-print book).
    from handbook.pdf.preflight.reading import Document, Run

    def run(text, x0, y0, size=14.0):
        return Run(1, text, x0, y0, x0 + 6 * len(text), size, "Handbook Serif")

    runs = [run("Основной текст страницы. " * 8, 57, 700, 16.0), run("Основной текст. " * 8, 57, 680, 16.0),
            run("до 1 января 2025 г.", 63, 500),
            run("325", 63, 482), run(", 326", 81, 482), run(", 327", 111, 482),
            run("Столбец справа", 200, 500),
            run("325. ", 57, 109), run("Первый.", 80, 109, 14.0), run("326. ", 57, 90), run("Второй.", 80, 90),
            run("327. ", 57, 71), run("Третий.", 80, 71), run("214", 290, 40, 14.0)]
    calls, notes = preflight.footnote_numbers(Document(runs, [], [], [], 1))
    assert set(calls) == set(notes) == {325, 326, 327}


def test_a_year_starting_a_line_in_a_table_is_not_a_note():
    # The en large-print catalogue table: a cell's last line «2020.» at the foot of a page, in
    # table text smaller than the body, was read as the note 2020 without a call.
    from handbook.pdf.preflight.reading import Document, Run

    def run(text, x0, y0, size=14.0, page=1):
        return Run(page, text, x0, y0, x0 + 6 * len(text), size, "Handbook Serif")

    runs = [run("Основной текст страницы. " * 8, 57, 700, 16.0), run("Текст со сноской", 57, 680, 16.0),
            run("1", 160, 686, 9.0), run("и ещё одной", 57, 660, 16.0), run("2", 150, 666, 9.0),
            run("practice in", 400, 130), run("2020.", 400, 112),
            run("1. ", 57, 80), run("Первая сноска.", 75, 80), run("2. ", 57, 62), run("Вторая.", 75, 62),
            run("7", 300, 40, 14.0)]
    calls, notes = preflight.footnote_numbers(Document(runs, [], [], [], 1))
    assert set(notes) == {1, 2} and set(calls) == {1, 2}


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large-print"])
def test_calls_side_by_side_are_separated_by_a_comma(tmp_path, large):
    # The assembly marks a note whose call follows another call (inline_footnotes).
    body = ("<p>" + "Основной текст страницы. " * 20 + "Три источника подряд<span class='print-footnote'>Первый.</span>"
            "<span class='print-footnote print-footnote-next'>Второй.</span>"
            "<span class='print-footnote print-footnote-next'>Третий.</span>.</p>")
    path = render(tmp_path, body, large=large)
    assert "подряд1, 2, 3." in PdfReader(path).pages[0].extract_text()
    assert findings(path) == []


def test_screen_only_wording_is_caught_even_hyphenated_over_two_lines(tmp_path):
    body = ("<p style='width: 40mm'>Если в браузере включён JavaScript, появится форма. "
            "<a href='#x'>Подписаться</a></p>")
    found = findings(render(tmp_path, body), screen_only=["включён JavaScript", "Подписаться"])
    assert checks(found) == ["pdf-screen-only", "pdf-screen-only"]
    assert "«включён JavaScript»" in found[0].message and "«Подписаться»" in found[1].message


def test_text_under_14_pt_is_caught_in_large_print_only(tmp_path):
    path = render(tmp_path, "<p>Крупный текст</p><p style='font-size: 10pt'>мелкая подпись</p>", large=True)
    found = findings(path, large_print=True)
    assert checks(found) == ["pdf-small-text"]
    assert "«мелкая подпись» is 10.0 pt" in found[0].message
    assert findings(path, large_print=False) == []


def test_large_print_sets_running_heads_page_numbers_and_calls_at_14_pt_or_more(tmp_path):
    body = CLEAN + "<article><section><h1>Вторая</h1><p>Текст.</p></section></article>"
    assert findings(render(tmp_path, body, large=True), large_print=True) == []


def test_a_finding_names_the_source_file_and_section(tmp_path):
    body = ("<article id='d-chapters-06-costing'><section><h1>Расчёт стоимости</h1>"
            "<p>Если в браузере включён JavaScript…</p></section></article>")
    found = findings(render(tmp_path, body), screen_only=["включён JavaScript"],
                     sources={"d-chapters-06-costing": "docs/chapters/06-costing.md"})
    assert found[0].line("_build/site/pdf/handbook-ru.pdf") == (
        "_build/site/pdf/handbook-ru.pdf: page 1: error: «включён JavaScript» works only on a screen "
        "and is printed (docs/chapters/06-costing.md, section «Расчёт стоимости») — leave it out of "
        "print with ```{only} not print``` or give its print form (handbook_pdf_screen_only in conf.py "
        "lists these phrases) [pdf-screen-only]")


def test_many_findings_of_one_check_are_summed_up():
    many = [preflight.Finding("pdf-small-text", n, "small — fix") for n in range(1, 31)]
    kept = preflight.limit(many)
    assert len(kept) == preflight.MAX_PER_CHECK + 1
    assert kept[-1].page is None and "and 18 more" in kept[-1].message


# -- end to end on the tiny handbook ------------------------------------------------------------


def build(root: Path, monkeypatch, langs: str = "ru"):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    layout = Layout(root)
    return layout, run_command(command.pdf, langs, "", "", layout)


def plant(root: Path, pending: list[str] | None = None) -> None:
    chapter = root / "docs" / "chapters" / "01-intro.md"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\nЕсли в браузере включён JavaScript, появится форма отбора.\n", encoding="utf-8")
    conf = root / "conf.py"
    extra = '\nhandbook_pdf_screen_only = {"ru": ["включён JavaScript"]}\n'
    if pending is not None:
        extra += f"handbook_pdf_preflight_pending = {pending!r}\n"
    conf.write_text(conf.read_text(encoding="utf-8") + extra, encoding="utf-8")


@pytest.mark.slow
def test_make_pdf_fails_on_a_planted_fault_naming_pdf_page_and_source(tmp_path, monkeypatch):
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    plant(root)
    layout, run = build(root, monkeypatch)
    assert run.status == 1, run.out + run.err
    lines = [line for line in run.err.splitlines() if "[pdf-screen-only]" in line]
    assert lines, run.err
    assert re.match(r"_build/site/pdf/handbook-ru\.pdf: page \d+: error: «включён JavaScript» works only "
                    r"on a screen and is printed \(docs/chapters/01-intro\.md, section «[^»]+»\) — ", lines[0])
    assert not (layout.site / "pdf" / "handbook-ru.pdf").exists()  # a failed PDF is not published


@pytest.mark.slow
def test_a_pending_check_warns_and_the_build_succeeds(tmp_path, monkeypatch):
    root = copy_project(ROOTS / "pdf", tmp_path / "hb")
    plant(root, pending=["pdf-screen-only"])
    layout, run = build(root, monkeypatch)
    assert run.status == 0, run.out + run.err
    assert re.search(r"_build/site/pdf/handbook-ru\.pdf: page \d+: warning: «включён JavaScript» .*"
                     r"\(pending: handbook_pdf_preflight_pending in conf\.py\) \[pdf-screen-only\]", run.err)
    assert (layout.site / "pdf" / "handbook-ru.pdf").is_file()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The tiny handbook built in two folders of different names and depths."""
    base = tmp_path_factory.mktemp("repro")
    mp = pytest.MonkeyPatch()
    roots = [copy_project(ROOTS / "pdf", base / "one"),
             copy_project(ROOTS / "pdf", base / "a" / "much" / "deeper" / "clone-two")]
    for root in roots:
        long_headings(root)
    runs = [build(root, mp) for root in roots]
    mp.undo()
    for _, run in runs:
        assert run.status == 0, run.out + run.err
    return [layout for layout, _ in runs]


def long_headings(root: Path) -> None:
    """Headings a letter longer each, so that in both variants the contents has an entry whose
    title fills its line and whose leader and page number wrap alone onto the next."""
    chapter = root / "docs" / "chapters" / "01-intro.md"
    title = "Раздел с длинным заголовком, который заполняет строку оглавления почти до конца"
    sections = "".join(f"\n## {title[:n]}\n\nТекст.\n" for n in range(40, len(title) + 1))
    chapter.write_text(chapter.read_text(encoding="utf-8") + sections, encoding="utf-8")


@pytest.mark.slow
def test_two_clones_in_different_folders_give_byte_identical_pdfs(two_builds):
    one, two = (sorted(p.name for p in layout.site.joinpath("pdf").glob("*.pdf")) for layout in two_builds)
    assert one == two and "handbook-ru.pdf" in one
    for name in one:
        assert (two_builds[0].site / "pdf" / name).read_bytes() == \
            (two_builds[1].site / "pdf" / name).read_bytes(), name


@pytest.mark.slow
def test_each_link_is_written_once(two_builds):
    layout = two_builds[0]
    links = 0
    for name in ("handbook-ru.pdf", "handbook-ru-large-print.pdf"):
        for number, page in enumerate(PdfReader(layout.site / "pdf" / name).pages, start=1):
            rects = Counter(tuple(round(float(v), 1) for v in a.get_object()["/Rect"])
                            for a in page.get("/Annots") or [])
            links += len(rects)
            assert all(count == 1 for count in rects.values()), (name, number, rects)
    assert links >= 3  # the tiny handbook's cross-references are links
