"""The translation speed-ups change nothing in the output."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from handbook.build import build_language
from handbook.paths import Layout
from handbook.sphinxext.fast_i18n import is_plain

from support import ROOTS, copy_project
def test_plain_messages_are_recognised():
    assert is_plain("Plain text without markup, with commas — and a dash.")
    assert is_plain("Cost: 10 % (2020)")
    assert is_plain("Услуга для ребёнка-инвалида в 2019-2020 годах, § 5…")
    for marked_up in ["-", "--", "a -- b", "a---b", "-5 %", "**bold**", "a_b", "1. item", "- item", ":field: x",
                      "two  spaces", "line\nbreak", "[link](x)", "`code`", "a & b", "<b>", "{term}`x`", "# title",
                      "x\n===", " lead"]:
        assert not is_plain(marked_up), marked_up


def test_fast_and_plain_translation_give_identical_pages(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    pages = {}
    # One process per build, as in real builds: Sphinx registers its nodes globally.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), max_tasks_per_child=1) as pool:
        for fast in (True, False):
            out = tmp_path / f"out-{fast}"
            result = pool.submit(build_language, str(layout.root), "fi", "html", str(out),
                                 str(tmp_path / f"dt-{fast}"), True,
                                 overrides={"handbook_fast_translations": fast}).result()
            assert result.ok, result.messages
            pages[fast] = (out / "guide" / "deep" / "page.html").read_text(encoding="utf-8")
    assert pages[True] == pages[False]
    assert "<strong>emphasis</strong>" in pages[True]
    assert "Plain text (fi) without markup, with commas — and a dash; a well-known § 5…" in pages[True]
