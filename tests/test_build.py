"""Building the languages: four trees, no-op rebuilds, strict warnings with file and line."""

import shutil

import pytest

from handbook import commands
from handbook.paths import Layout

from support import LANGUAGES, ROOTS, build_site, copy_project, run_command

pytestmark = pytest.mark.slow  # each test builds a copy of a root, several times


def test_every_language_is_a_complete_furo_site(multilingual_site):
    assert multilingual_site.run.status == 0, multilingual_site.run.err
    for lang in LANGUAGES:
        tree = multilingual_site.layout.site / lang
        for name in ("index.html", "guide/deep/page.html", "search.html", "genindex.html",
                     "_static/styles/furo.css", "searchindex.js"):
            assert (tree / name).is_file(), f"{lang}/{name}"
    out = multilingual_site.run.out
    for lang in LANGUAGES:
        assert f"  {lang}: built 2 documents" in out
    assert "The website is in _build/site/" in out


def test_translations_are_applied(multilingual_site):
    assert "<h1>Syvä sivu" in multilingual_site.page("fi", "guide/deep/page.html")
    assert "<h1>Dyp side" in multilingual_site.page("nb", "guide/deep/page.html")
    assert "<h1>Глубокая страница" in multilingual_site.page("ru", "guide/deep/page.html")


def test_second_build_with_nothing_changed_rebuilds_nothing(tmp_path):
    site = build_site(ROOTS / "multilingual", tmp_path / "p")
    assert site.run.status == 0
    pages = sorted(site.layout.site.rglob("*.html"))
    before = {p: p.stat().st_mtime_ns for p in pages}
    again = run_command(commands.html, "", site.layout)
    assert again.status == 0
    for lang in LANGUAGES:
        assert f"  {lang}: up to date" in again.out
    assert {p: p.stat().st_mtime_ns for p in pages} == before


def test_an_edited_translation_rebuilds_its_language_and_the_others_status_pages(tmp_path):
    site = build_site(ROOTS / "multilingual", tmp_path / "p")
    po = site.layout.locales / "fi" / "LC_MESSAGES" / "guide" / "deep" / "page.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Syvä sivu", "Syvempi sivu"), encoding="utf-8")
    again = run_command(commands.html, "", site.layout)
    assert again.status == 0
    # Every language's status page shows the Finnish figures, so every language is built; which of
    # their pages are written is tests/test_incremental_translations.py's concern.
    for lang in LANGUAGES:
        assert f"  {lang}: built" in again.out
    assert "<h1>Syvempi sivu" in site.page("fi", "guide/deep/page.html")


def test_a_warning_fails_the_build_naming_file_and_line_and_other_languages_still_build(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    page = layout.docs / "guide" / "deep" / "page.md"
    text = page.read_text(encoding="utf-8") + "\nСм. {ref}`no-such-label`.\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    run = run_command(commands.html, "", layout)
    assert run.status == 1
    lines = [line for line in run.err.splitlines() if "no-such-label" in line]
    assert lines == [f"docs/guide/deep/page.md:{line}: warning: undefined label: 'no-such-label' — "
                     "check the label's spelling, or put a line (the-label)= just above the heading "
                     "you link to [ref.ref]"]
    assert "  fi: failed with 1 problem" in run.out
    assert "— no site of fi is published" in run.out
    assert "HTML build failed for" in run.out
    for lang in LANGUAGES:
        # Built, in the work folder, and not published: the build is strict.
        assert (layout.work / "html" / lang / "guide/deep/page.html").is_file()
        assert not (layout.site / lang).exists()
    # The failure is not forgotten: building again reports it again.
    again = run_command(commands.html, "", layout)
    assert again.status == 1 and "no-such-label" in again.err


def test_languages_can_be_chosen(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    run = run_command(commands.html, "fi, en", layout)
    assert run.status == 0
    assert sorted(p.name for p in layout.site.iterdir() if p.is_dir()) == ["en", "fi"]


def test_an_unknown_language_is_a_usage_error(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    try:
        commands.html("de", layout)
    except commands.UsageError as exc:
        assert "unknown language de — choose from ru, en, fi, nb" in str(exc)
    else:
        raise AssertionError("no usage error")
    assert not layout.site.exists()


def test_a_deleted_output_tree_is_rebuilt(tmp_path):
    site = build_site(ROOTS / "multilingual", tmp_path / "p")
    shutil.rmtree(site.layout.site / "nb")
    again = run_command(commands.html, "", site.layout)
    assert "  nb: built" in again.out
    assert (site.layout.site / "nb" / "index.html").is_file()


def test_byte_order_mark_and_crlf_line_endings_simply_work(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    page = layout.docs / "guide" / "deep" / "page.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    po = layout.locales / "fi" / "LC_MESSAGES" / "guide" / "deep" / "page.po"
    po.write_bytes(b"\xef\xbb\xbf" + po.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    run = run_command(commands.html, "ru fi", layout)
    assert run.status == 0, run.err
    fi = (layout.site / "fi" / "guide/deep/page.html").read_text(encoding="utf-8")
    assert "<h1>Syvä sivu" in fi and 'id="raschet-stoimosti-uslugi"' in fi
