"""The renderer's speed-ups (handbook.pdf.speedups) change nothing in the PDF."""

import hashlib
import os
import subprocess
import sys

import pytest

from handbook.pdf.speedups import FootnoteList
from support import REPO

RENDER = """
import sys
from pathlib import Path
from handbook.pdf.render import weasyprint_alone
if sys.argv[1] == "on":
    from handbook.pdf import speedups
    speedups.install()
result = weasyprint_alone(Path(sys.argv[2]), Path(sys.argv[3]))
print(result.pages)
"""


def document() -> str:
    """Several pages of paragraphs with footnotes, headings and links between them, and lists of
    the sections with page numbers before and after them: the code the speed-ups touch (footnotes
    waiting for a page, the pages' margin boxes, page numbers of targets, tags, link destinations)."""
    sections, entries = [], []
    for n in range(1, 31):
        entries.append(f'<li class="toc-level-1"><a href="#s{n}">Раздел {n}</a></li>')
        sections.append(
            f'<section id="s{n}"><h2>Раздел {n}</h2>'
            f'<p>Абзац {n} со сноской<span class="print-footnote">Сноска к абзацу {n}.</span> и '
            f'ссылкой на <a href="#s{31 - n}">раздел {31 - n}</a>. ' + "Текст абзаца. " * 40 + "</p></section>")
    toc = f'<nav class="toc"><h2>Содержание</h2><ul>{"".join(entries)}</ul></nav>'
    # The same list after the sections: page numbers of targets already laid out.
    back = toc.replace("Содержание", "Указатель")
    return ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Проверка</title></head>'
            f'<body>{toc}<article class="part">{"".join(sections)}</article>{back}</body></html>')


def test_the_pdf_is_the_same_byte_for_byte_with_and_without_the_speedups(tmp_path):
    html = tmp_path / "print.html"
    html.write_text(document(), encoding="utf-8")
    digests, pages = {}, {}
    for mode in ("off", "on"):
        pdf = tmp_path / f"{mode}.pdf"
        done = subprocess.run([sys.executable, "-c", RENDER, mode, str(html), str(pdf)], cwd=REPO,
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
        assert done.returncode == 0, done.stderr
        pages[mode] = int(done.stdout.split()[-1])
        digests[mode] = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert pages["on"] >= 5
    assert digests["on"] == digests["off"]


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
