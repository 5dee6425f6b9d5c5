"""Large input builds with bounded memory: a 2,000-row table, a 50,000-character paragraph, 200 chapters."""

import os
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from handbook import build
from handbook.paths import Layout

from support import ROOTS, copy_project

pytestmark = pytest.mark.slow  # 2,000-row tables and 200 chapters

MEMORY_LIMIT_MB = 1536
PDF_SECONDS = 600  # the command itself stops a render after handbook_pdf_timeout


def _run_measured(root, *args):
    """Run the CLI; its exit status, output, seconds, and the peak memory (MB) of the command and
    every process under it (Sphinx worker, WeasyPrint child): Linux's wait4 reports the largest."""
    log = root / "command.log"
    started = time.monotonic()
    with log.open("w") as out:
        child = subprocess.Popen([sys.executable, "-m", "handbook", *args], stdout=out, stderr=subprocess.STDOUT,
                                 env=dict(os.environ, HANDBOOK_ROOT=str(root)))
        _, status, usage = os.wait4(child.pid, 0)
    return (os.waitstatus_to_exitcode(status), log.read_text(encoding="utf-8"), time.monotonic() - started,
            usage.ru_maxrss / 1024)


def _results(layout, langs):
    results = []
    jobs = build.plan(layout, langs, "html", lambda lang: layout.site / lang)
    build.run(layout, jobs, results.append)
    return results


def test_huge_table_and_paragraph(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    rows = "\n".join(f"| {n} | строка {n} | {n * 3} |" for n in range(2000))
    paragraph = ("Очень длинный абзац без единого разрыва строки. " * 1100)[:50_000]
    (layout.docs / "big.md").write_text(
        f"# Большая страница\n\n| № | текст | сумма |\n|---|---|---|\n{rows}\n\n{paragraph}\n", encoding="utf-8")
    index = layout.docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("guide/deep/page\n", "guide/deep/page\nbig\n"),
                     encoding="utf-8")
    results = _results(layout, ["ru", "fi"])
    assert all(r.ok for r in results), [r.messages for r in results]
    html = (layout.site / "fi" / "big.html").read_text(encoding="utf-8")
    assert html.count("<tr") == 2001 and "строка 1999" in html
    assert all(r.peak_mb < MEMORY_LIMIT_MB for r in results)

    status, output, seconds, peak_mb = _run_measured(layout.root, "pdf", "--langs", "ru", "--edition", "standard")
    assert status == 0, output
    assert seconds < PDF_SECONDS and peak_mb < MEMORY_LIMIT_MB, (seconds, peak_mb)
    text = "".join(page.extract_text() for page in PdfReader(layout.site / "pdf" / "handbook-ru.pdf").pages)
    assert "строка 1999" in text and "5997" in text  # the last row
    assert "Очень длинный абзац" in text and text.count("разрыва") >= 900  # the whole paragraph, wrapped


def test_two_hundred_chapters(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    chapters = layout.docs / "chapters"
    chapters.mkdir()
    for n in range(200):
        (chapters / f"{n:03}.md").write_text(
            f"# Глава {n}\n\n## Раздел\n\n" + "Текст главы. " * 80 + "\n\n## Чек-лист\n\n- пункт\n",
            encoding="utf-8")
    index = layout.docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("```{toctree}\n", "```{toctree}\n:glob:\n")
                     .replace("guide/deep/page\n", "guide/deep/page\nchapters/*\n"), encoding="utf-8")
    results = _results(layout, ["ru"])
    assert results[0].ok, results[0].messages
    assert results[0].documents == 202
    assert len(list((layout.site / "ru" / "chapters").glob("*.html"))) == 200
    assert results[0].peak_mb < MEMORY_LIMIT_MB
