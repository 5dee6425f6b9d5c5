"""Large input builds with bounded memory: a 2,000-row table, a 50,000-character paragraph, 200 chapters."""

from handbook import build
from handbook.paths import Layout

from support import ROOTS, copy_project
MEMORY_LIMIT_MB = 1536


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
