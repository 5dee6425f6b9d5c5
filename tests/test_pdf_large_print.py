"""Large print (issue 18, point 8): every text at 14 pt or more — running heads, page numbers,
footnotes, tables, captions and the figures' labels, which come from the large-print versions of
the SVG figures (handbook.pdf.largefigures)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from support import REPO
from handbook.pdf import largefigures, preflight
from test_pdf_preflight import BUNDLED, render

FIGURES = sorted(p for p in (REPO / "docs").rglob("*.svg") if not p.stem.endswith(largefigures.SUFFIX))
SVG = "{http://www.w3.org/2000/svg}"
# The narrowest large-print text block allowed for (largefigures.MIN_UNITS) and a large-print
# page's height less its margins and a two-line caption, in points.
TEXT_WIDTH_PT, FIGURE_HEIGHT_PT = 453.5, 255 / 25.4 * 72 - 60


def test_there_are_figures():
    assert len(FIGURES) >= 12


@pytest.mark.parametrize("figure", FIGURES, ids=lambda p: p.name)
def test_each_figure_has_its_large_print_version_up_to_date(figure):
    large = largefigures.large_name(figure)
    assert large.is_file(), f"{large.relative_to(REPO)} is missing — run python -m handbook.pdf.largefigures {figure.relative_to(REPO)}"
    assert large.read_text(encoding="utf-8") == largefigures.enlarge(figure.read_text(encoding="utf-8")), (
        f"{large.relative_to(REPO)} is older than its figure — run python -m handbook.pdf.largefigures "
        f"{figure.relative_to(REPO)}")


@pytest.mark.parametrize("figure", FIGURES, ids=lambda p: p.name)
def test_large_print_labels_are_14_pt_fit_their_boxes_and_the_figure_fits_a_page(figure):
    root = ET.fromstring(largefigures.enlarge(figure.read_text(encoding="utf-8")))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    scale = TEXT_WIDTH_PT / width  # points per unit at print size
    assert height * scale <= FIGURE_HEIGHT_PT
    boxes = [(float(r.get("x")), float(r.get("y")), float(r.get("x")) + float(r.get("width")),
              float(r.get("y")) + float(r.get("height"))) for r in root.iter(f"{SVG}rect")
             if r.get("x") is not None and float(r.get("width")) > 60]
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size"))
        assert size * scale >= 14, f"«{text.text}» at {size * scale:.1f} pt"
        if text.get("text-anchor", "start") != "start":
            continue
        x, y = float(text.get("x")), float(text.get("y"))
        right = x + largefigures.text_width(text.text, size, text.get("font-weight") == "bold")
        around = [b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
        if around:
            box = min(around, key=lambda b: b[2] - b[0])
            assert right <= box[2] and box[1] < y - 0.7 * size and y + 0.2 * size < box[3], f"«{text.text}»"
        else:
            assert right <= width


def test_the_original_figures_print_their_labels_under_14_pt():
    # What the large-print versions are for: the figures as drawn cannot be enlarged enough.
    sizes = [float(t.get("font-size")) for f in FIGURES
             for t in ET.fromstring(f.read_text(encoding="utf-8")).iter(f"{SVG}text")]
    assert min(sizes) * TEXT_WIDTH_PT / 720 < 14


def page(figure: Path) -> str:
    return (
        "<article class='part' id='d-chapters-01'><section><h1>Расчёт стоимости услуги</h1>"
        "<p>Текст главы со сноской<span class='print-footnote'>Текст сноски.</span> и ещё текст.</p>"
        "<table><caption>Таблица 1</caption><thead><tr><th><p>Статья</p></th><th class='text-right'>"
        "<p>Сумма, руб.</p></th></tr></thead><tbody><tr><td><p>Оплата труда <code>ФОТ</code></p></td>"
        "<td class='text-right'><p>150\u00a0000,00</p></td></tr></tbody></table>"
        f"<figure><img src='{figure.as_uri()}' alt='Схема' style='width: 100%'>"
        "<figcaption><p>Путь в реестр поставщиков социальных услуг.</p></figcaption></figure>"
        "<p>Ещё текст.</p></section></article>")


@pytest.mark.slow
def test_a_large_print_page_has_no_text_under_14_pt(tmp_path):
    figure = REPO / "docs" / "chapters" / "figures" / "register-path.svg"
    path = render(tmp_path, page(largefigures.large_name(figure)), large=True)
    found = preflight.preflight(path, preflight.Options(bundled_families=BUNDLED, large_print=True))
    assert [f.message for f in found] == []
    document = preflight.read(path)
    # SVG labels are drawn a glyph at a time: compared without spaces.
    texts = "".join(r.text for r in document.runs).replace(" ", "")
    for shown in ("Расчёт стоимости услуги", "Текст сноски", "Таблица 1", "150", "Путь в реестр", "ИППСУ"):
        assert shown.replace(" ", "") in texts  # the running head, the note, the caption, the labels
    assert min(r.size for r in document.runs if r.text.strip()) >= 14 - 0.05
    # The same page with the figure as drawn for the screen is caught.
    path = render(tmp_path, page(figure), large=True)
    found = preflight.preflight(path, preflight.Options(bundled_families=BUNDLED, large_print=True))
    small = [f for f in found if f.check == "pdf-small-text"]
    assert small and re.search(r"is (9|10|11|12)\.\d pt", small[0].message)


def test_the_large_print_pdf_shows_the_large_version_where_there_is_one(tmp_path):
    from types import SimpleNamespace

    from docutils import nodes

    drawn, other = tmp_path / "путь.svg", tmp_path / "other.svg"
    for path in (drawn, largefigures.large_name(drawn), other):
        path.write_text("<svg/>", encoding="utf-8")
    tree = nodes.section("", nodes.image(uri=drawn.as_uri()), nodes.image(uri=other.as_uri()))
    assert largefigures.use_large_figures([SimpleNamespace(tree=tree)]) == 1
    assert [i["uri"] for i in tree.findall(nodes.image)] == [
        largefigures.large_name(drawn).as_uri(), other.as_uri()]
