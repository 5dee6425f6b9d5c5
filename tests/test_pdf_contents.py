"""The table of contents is laid out so that its page numbers cannot change how its lines break."""

import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from support import REPO

pytestmark = pytest.mark.slow  # renders PDFs

# Render with the PDF build's renderer and count WeasyPrint's page layouts.
RENDER = """
import sys
from pathlib import Path
import weasyprint.layout.page as page
from handbook.pdf.render import Renderer

made = 0
make_page = page.make_page
def counting(*args, **kwargs):
    global made
    made += 1
    return make_page(*args, **kwargs)
page.make_page = counting
html = Path(sys.argv[1])
result = Renderer([html.parent], tagged=True).render(html, Path(sys.argv[2]), ())
print(result.ok, result.pages, made, result.problems)
"""


def document(sections: int = 120) -> str:
    """A contents of one-line entries of graded lengths, each section on a page of its own: with
    page numbers as wide as they come, some of the entries would no longer fit on their line."""
    entries, parts = [], []
    for n in range(1, sections + 1):
        title = f"Раздел {n} " + "я" * (60 + n % 8)
        entries.append(f'<li class="toc-level-1"><a href="#s{n}">{title}</a></li>')
        parts.append(f'<section id="s{n}" style="break-before: page"><h2>Раздел {n}</h2></section>')
    return ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Проверка</title></head>'
            f'<body><nav class="toc"><h1>Содержание</h1><ul>{"".join(entries)}</ul></nav>'
            f'<article class="part">{"".join(parts)}</article></body></html>')


def test_contents_are_laid_out_once_whatever_the_page_numbers(tmp_path):
    html, pdf = tmp_path / "print.html", tmp_path / "print.pdf"
    html.write_text(document(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", RENDER, str(html), str(pdf)], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
    assert done.returncode == 0, done.stderr
    ok, pages, made, problems = done.stdout.split(maxsplit=3)
    assert ok == "True", problems
    pages, made = int(pages), int(made)
    assert pages > 120
    # WeasyPrint lays the contents out first with 0 for every page number, then again with the
    # real numbers. When those were wider, entries wrapped, the contents grew, and every page
    # after them was laid out a second time (here: 266 layouts for 126 pages, before the padding).
    assert made < pages * 1.2, (made, pages)
    # The numbers are padded to four digits with figure spaces, and are the pages of the sections.
    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    assert "\u2007\u2007" in texts[1]
    heading_pages = {int(m.group(1)): number for number, text in enumerate(texts, start=1)
                     if (m := re.match(r"Раздел (\d+)\n", text))}
    contents = " ".join(" ".join(texts[:min(heading_pages.values()) - 1]).split())
    printed = {int(n): int(page) for n, page in re.findall(r"Раздел (\d+) я+ ?\.+ (\d+)", contents)}
    assert len(printed) == len(heading_pages) == 120
    assert printed == heading_pages
