"""`make bench`: scaled copies build strictly, and one run at scale 1 reports every figure."""

import gettext
import json
import re

import pytest

from handbook.bench import scale
from handbook.bench.report import scale_lines
from handbook.bench.run import bench
from handbook.compile_catalogs import compile_language
from handbook.paths import Layout

from support import REPO, ROOTS, copy_project, run_command

LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$|^:name:\s*(\S+)\s*$", re.MULTILINE)


def test_scaled_copy_repeats_chapters_with_translations_and_unique_labels(tmp_path):
    scaled = scale.scale(ROOTS / "bench", tmp_path / "x3", 3)
    docs, po = scaled.root / "docs", scaled.root / "locales" / "en" / "LC_MESSAGES"
    assert scaled.copies >= 2
    copy = (docs / "chapters" / "02-money-x02.md").read_text(encoding="utf-8")
    # Its own labels get the suffix; a label of another chapter is still the original's.
    assert "(money-x02)=" in copy and "{ref}`money-costs-x02`" in copy and "<start-plan>" in copy
    catalog = (po / "chapters" / "02-money-x02.po").read_text(encoding="utf-8")
    assert 'msgid "Сведите расходы в таблицу, как в разделе {ref}`money-costs-x02`."' in catalog
    assert 'msgstr "Put the costs in a table, as in the section {ref}`money-costs-x02`."' in catalog
    assert scaled.source_bytes > 2 * scaled.original_bytes


def test_scaled_handbook_has_no_duplicate_label(tmp_path):
    scaled = scale.scale(REPO, tmp_path / "x5", 5)
    labels = [a or b for path in (scaled.root / "docs").rglob("*.md")
              for a, b in LABEL.findall(path.read_text(encoding="utf-8"))]
    assert len(labels) == len(set(labels)) > 0
    assert 4.5 < scaled.source_bytes / scaled.original_bytes < 5.5
    chapters = {p.stem for p in (scaled.root / "docs" / "chapters").glob("*.md")}
    assert {"06-costing", "06-costing-x02", f"06-costing-x{scaled.copies + 1:02}"} <= chapters
    for lang in ("en", "fi", "nb"):
        assert (scaled.root / "locales" / lang / "LC_MESSAGES" / "chapters" / "06-costing-x03.po").is_file()


@pytest.mark.slow
def test_bench_at_scale_one_reports_every_figure(tmp_path):
    layout = Layout(copy_project(ROOTS / "bench", tmp_path / "p"))
    run = run_command(bench, "", "1", layout)
    assert run.status == 0, run.out + run.err
    data = json.loads((layout.build / "bench.json").read_text(encoding="utf-8"))
    assert data["languages"] == ["ru", "en"] and data["scaling"] is None
    (s,) = data["scales"]
    assert s["factor"] == 1 and s["chapter_copies"] == 0 and s["documents"] == 4
    for lang in ("ru", "en"):
        row = s["languages"][lang]
        assert row["read"] > 0 and row["html_write"] > 0 and row["pdf_seconds"] > 0
        assert row["html_peak_mb"] > 20 and row["pdf_peak_mb"] > 20
    naive = s["naive"]
    assert naive["ok"], naive
    assert [(st["builder"], st["language"]) for st in naive["steps"]] == [
        ("html", "ru"), ("html", "en"), ("handbookpdf", "ru"), ("handbookpdf", "en")]
    assert abs(s["naive_ratio"] - s["cold"]["seconds"] / naive["seconds"]) < 0.005  # of unrounded times
    assert s["pdf"]["files"] == 2 and s["pdf"]["pages"] >= 2
    assert abs(s["pdf"]["seconds_per_page"] - s["pdf"]["seconds"] / s["pdf"]["pages"]) < 0.001
    assert set(s["weasyprint"]) == {"ru", "en"}
    assert all(w["alone"] > 0 and w["pages"] >= 1 for w in s["weasyprint"].values())
    stage = s["weasyprint_stage"]
    assert stage["alone"] > 0 and stage["ratio"] == round(stage["ours"] / stage["alone"], 3)
    # The translated read against the source's: medians of three cold builds, real catalogs.
    real = s["translated_reads"]
    assert real["ok"] and real["repeats"] == 3
    assert [len(real["reads"][lang]) for lang in ("ru", "en")] == [3, 3]
    assert real["medians"]["en"] == sorted(real["reads"]["en"])[1]
    assert s["translated_read_ratio"] == {"en": round(real["medians"]["en"] / real["medians"]["ru"], 3)}
    full = s["fully_translated"]
    assert full["ok"] and full["language"] == "en" and full["repeats"] == 3
    # The figure is the median of three cold builds of each language.
    assert [len(full["reads"][lang]) for lang in ("ru", "en")] == [3, 3]
    assert full["read"] == sorted(full["reads"]["en"])[1] and full["source_read"] == sorted(full["reads"]["ru"])[1]
    assert s["noop_seconds"] > 0
    inc = s["incremental"]
    assert inc["edited"] == "docs/chapters/02-money.md" and inc["ok"]
    # Only what depends on the edited chapter is read again, in every language.
    for lang in ("ru", "en"):
        assert "chapters/02-money" in inc["read"][lang] and "chapters/01-start" not in inc["read"][lang]
    lines = run.out.splitlines()
    assert "Scale 1×: 4 documents, 0 KB of Markdown (each chapter 1 times)" in lines
    assert any(re.match(r"  ru +\d+\.\d +\d+\.\d +(n/a|\d+\.\d) +(n/a|\d+\.\d) +\d+\.\d +\d+$", line)
               for line in lines), run.out
    expected = [r"  cold full build \(make\): \d+\.\d s — naive pipeline .*: \d+\.\d s — ratio \d\.\d\d×",
                r"  no-op make: \d+\.\d\d s", r"  after editing docs/chapters/02-money\.md: \d+\.\d s — re-read",
                r"  PDF: 2 files, \d+ pages in \d+\.\d s — \d\.\d{3} s per page",
                r"  PDF stage vs WeasyPrint alone on our print HTML \(\d+ at once\): .* = \d+\.\d\d×",
                r"    en: our PDF job \d+\.\d s / WeasyPrint alone \d+\.\d s = \d+\.\d\d×",
                r"  translated read / source \(ru\) read, real catalogs \(median of 3 cold builds\): "
                r"en \d+\.\d\d×",
                r"  the same with every message translated \(\d+ messages of en, pseudo-translated; "
                r"median of 3 cold builds\): \d+\.\d s / \d+\.\d s = \d+\.\d\d×",
                r"Scaling: n/a", r"The figures are in _build/bench\.json"]
    for pattern in expected:
        assert any(re.match(pattern, line) for line in lines), (pattern, run.out)


def test_catalog_without_dates_compiles_to_the_same_mo_at_any_time(tmp_path):
    # Catalogs written by `make update-po` have no POT-Creation-Date; a compiler that put the current
    # minute into the .mo would make every document of the language be read again a minute later.
    po = ROOTS / "bench" / "locales" / "en" / "LC_MESSAGES" / "index.po"
    assert b"POT-Creation-Date" not in po.read_bytes()
    compile_language(ROOTS / "bench" / "locales", "en", tmp_path, ROOTS / "bench")
    with (tmp_path / "en" / "LC_MESSAGES" / "index.mo").open("rb") as handle:
        info = gettext.GNUTranslations(handle).info()
    assert "pot-creation-date" not in info and "po-revision-date" not in info


def test_report_without_pdfs_says_so_instead_of_empty_figures():
    figures = {"factor": 5, "documents": 92, "markdown_bytes": 1_750_000, "chapter_copies": 5, "languages": {},
               "cold": {"seconds": 33.1}, "naive": {"ok": True, "seconds": 64.0}, "naive_ratio": 0.517,
               "noop_seconds": 0.35, "incremental": {"edited": "docs/a.md", "seconds": 6.5, "read": {},
                                                     "written": {}, "pdfs": []},
               "pdf": {"files": 0, "pages": 0, "seconds": None, "seconds_per_page": None},
               "weasyprint": {}, "weasyprint_stage": {"ours": None, "alone": 0.0, "processes": 1, "ratio": None},
               "translated_read_ratio": {}, "fully_translated": {}, "peak_mb": 142}
    lines = scale_lines(figures, "ru")
    assert "  PDF: none built (PDFS=none)" in lines
    assert not any("WeasyPrint" in line for line in lines)
