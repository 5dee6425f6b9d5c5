"""The renderer's speed-ups (the speed-only patches of handbook.patches) change nothing in the PDF."""

import hashlib
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from handbook.patches.weasyprint import FootnoteList
from support import REPO

pytestmark = pytest.mark.slow  # renders PDFs with and without the speed-ups

RENDER = """
import sys
from pathlib import Path
from weasyprint import layout
from weasyprint.formatting_structure.boxes import FootnoteAreaBox
from weasyprint.layout import block
from handbook.pdf.render import weasyprint_alone

note_layouts = pages_walked = 0
laid_out = block.block_level_layout
fixed_boxes = layout.layout_fixed_boxes

def counted(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs):
    global note_layouts
    note_layouts += isinstance(containing_block, FootnoteAreaBox)
    return laid_out(context, box, bottom_space, skip_stack, containing_block, *args, **kwargs)

def walked(context, pages, containing_page):
    global pages_walked
    pages_walked += len(pages)
    return fixed_boxes(context, pages, containing_page)

# Installed first: the speed-ups reach WeasyPrint through them.
block.block_level_layout = counted
layout.layout_fixed_boxes = walked
if sys.argv[1] == "on":
    from handbook import patches
    assert patches.install("pdf", only=lambda patch: patch.speed_only)
result = weasyprint_alone(Path(sys.argv[2]), Path(sys.argv[3]))
print(result.pages, note_layouts, pages_walked)
"""


def document() -> str:
    """Several pages of paragraphs with footnotes, headings and links between them, and lists of
    the sections with page numbers before and after them: the code the speed-ups touch (footnotes
    waiting for a page, the pages' margin boxes, page numbers of targets, tags, link destinations)."""
    sections, entries = [], []
    for n in range(1, 31):
        entries.append(f'<li class="toc-level-1"><a href="#s{n}">Раздел {n}</a></li>')
        # Sections of several short paragraphs, each with a note, some notes long enough to wrap:
        # pages with up to about ten notes, some moved to the next page.
        notes = "".join(
            f'<p>Абзац {n}.{m} со сноской<span class="print-footnote">Сноска {n}.{m}: '
            f'<a href="https://example.org/{n}/{m}">https://example.org/{n}/{m}</a>'
            + " с пояснением" * (m * n % 7) + '.</span>. ' + "Текст абзаца. " * 6 + "</p>"
            for m in range(1, 1 + n % 5))
        sections.append(
            f'<section id="s{n}"><h2>Раздел {n}</h2>'
            f'<p>Абзац {n} со сноской<span class="print-footnote">Сноска к абзацу {n}.</span> и '
            f'ссылкой на <a href="#s{31 - n}">раздел {31 - n}</a>. ' + "Текст абзаца. " * 40 + "</p>"
            f'{notes}</section>')
    toc = f'<nav class="toc"><h2>Содержание</h2><ul>{"".join(entries)}</ul></nav>'
    # The same list after the sections: page numbers of targets already laid out.
    back = toc.replace("Содержание", "Указатель")
    return ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Проверка</title></head>'
            f'<body>{toc}<article class="part">{"".join(sections)}</article>{back}</body></html>')


def fixed_document() -> str:
    """A few pages with a fixed box, which WeasyPrint repeats on every page."""
    text = "<p>" + "Текст абзаца. " * 60 + "</p>"
    return ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Проверка</title></head>'
            '<body><div style="position: fixed; bottom: 0">Проект</div>'
            f'{text * 12}</body></html>')


def render_both(folder, name: str, html_text: str) -> dict[str, dict]:
    """A document rendered without and with the speed-ups: digest, pages, note layouts, and the
    pages walked to find fixed boxes."""
    html = folder / f"{name}.html"
    html.write_text(html_text, encoding="utf-8")
    found = {}
    for mode in ("off", "on"):
        pdf = folder / f"{name}-{mode}.pdf"
        done = subprocess.run([sys.executable, "-c", RENDER, mode, str(html), str(pdf)], cwd=REPO,
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
        assert done.returncode == 0, done.stderr
        pages, note_layouts, pages_walked = map(int, done.stdout.split()[-3:])
        found[mode] = {"pages": pages, "note_layouts": note_layouts, "pages_walked": pages_walked,
                       "digest": hashlib.sha256(pdf.read_bytes()).hexdigest(),
                       "texts": [page.extract_text() for page in PdfReader(pdf).pages]}
    return found


@pytest.fixture(scope="module")
def renders(tmp_path_factory) -> dict[str, dict]:
    return render_both(tmp_path_factory.mktemp("speedups"), "print", document())


NOTES = 30 + sum(n % 5 for n in range(1, 31))


def test_the_pdf_is_the_same_byte_for_byte_with_and_without_the_speedups(renders):
    assert renders["on"]["pages"] >= 8
    assert renders["on"]["digest"] == renders["off"]["digest"]


def test_each_note_is_laid_out_about_twice_not_once_per_note_after_it_on_its_page(renders):
    # Once to measure the footnote area, once in the page's own area; a note moved to the next
    # page, or a page laid out again, adds a few. Measured: 758 layouts without, 222 with.
    assert renders["off"]["note_layouts"] > 6 * NOTES
    assert renders["on"]["note_layouts"] < 3 * NOTES


def test_pages_are_not_walked_for_fixed_boxes_when_there_are_none(renders):
    # For each page WeasyPrint walks every other page: pages × (pages − 1) without the speed-up.
    pages = renders["off"]["pages"]
    assert renders["off"]["pages_walked"] >= pages * (pages - 1)
    assert renders["on"]["pages_walked"] == 0


def test_a_fixed_box_is_still_repeated_on_every_page(tmp_path):
    found = render_both(tmp_path, "fixed", fixed_document())
    assert found["on"]["pages"] >= 3
    assert all("Проект" in text for text in found["on"]["texts"])
    assert found["on"]["pages_walked"] == found["off"]["pages_walked"] > 0
    assert found["on"]["digest"] == found["off"]["digest"]


def test_footnote_list_keeps_membership_in_step_with_its_items():
    a, b = object(), object()
    notes = FootnoteList([a])
    notes.append(b)
    assert a in notes and b in notes and None not in notes
    notes.remove(a)
    assert a not in notes and notes == [b]
    copy = notes.copy()
    assert isinstance(copy, FootnoteList) and b in copy
    with pytest.raises(NotImplementedError, match="update FootnoteList"):
        notes.insert(0, a)
