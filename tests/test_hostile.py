"""A hostile translation never reaches the built site, and the build says where it is."""

import pytest
from bs4 import BeautifulSoup

from handbook import commands
from handbook.paths import Layout

from support import ROOTS, copy_project, run_command
SOURCE = """
Первый абзац со ссылкой на [раздел](#raschet-stoimosti-uslugi).

Второй абзац со ссылкой на [сайт](https://example.org/).

Третий абзац.

Четвёртый абзац.

Пятый абзац.
"""

HOSTILE = {
    "Первый абзац со ссылкой на [раздел](#raschet-stoimosti-uslugi).":
        "Ensimmäinen kappale, linkki [osioon](https://evil.example/phish).",
    "Второй абзац со ссылкой на [сайт](https://example.org/).":
        "Toinen kappale, linkki [sivustoon](javascript:alert(1)).",
    "Третий абзац.": "Kolmas <script>alert('x')</script> kappale.",
    "Четвёртый абзац.": 'Neljäs <img src="x" onerror="alert(1)"> kappale.',
    "Пятый абзац.": 'Viides <iframe src="https://evil.example/"></iframe> kappale.',
}


def _po_entry(msgid: str, msgstr: str) -> str:
    quote = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    return f'\nmsgid "{quote(msgid)}"\nmsgstr "{quote(msgstr)}"\n'


@pytest.mark.slow
def test_hostile_markup_is_neutralised_and_reported(tmp_path):
    layout = Layout(copy_project(ROOTS / "multilingual", tmp_path / "p"))
    page = layout.docs / "guide" / "deep" / "page.md"
    page.write_text(page.read_text(encoding="utf-8") + SOURCE, encoding="utf-8")
    po = layout.locales / "fi" / "LC_MESSAGES" / "guide" / "deep" / "page.po"
    po.write_text(po.read_text(encoding="utf-8") + "".join(_po_entry(k, v) for k, v in HOSTILE.items()),
                  encoding="utf-8")

    run = run_command(commands.html, "", layout)

    assert run.status == 1
    assert "  fi: failed with 4 problems" in run.out
    for lang in ("ru", "en", "nb"):
        assert f"  {lang}: built" in run.out
    messages = run.err.splitlines()
    assert sum("[handbook.raw-html]" in m for m in messages) == 3
    # MyST itself refuses to make a link of "javascript:"; the phishing link is unlinked by us.
    assert sum("[handbook.link-changed]" in m for m in messages) == 1
    assert all(m.startswith("docs/guide/deep/page.md:") for m in messages), run.err
    assert all("locales/fi/LC_MESSAGES/guide/deep/page.po" in m for m in messages)

    # fi failed, so it is not published; what it would publish is in the work folder, neutralised.
    assert "  fi: failed with 4 problems (listed above; the build is strict: every warning must be fixed) — " \
           "no site of fi is published" in run.out
    assert not (layout.site / "fi").exists()
    assert (layout.site / "ru" / "guide" / "deep" / "page.html").is_file()
    html = (layout.work / "html" / "fi" / "guide" / "deep" / "page.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    assert article.find("script") is None and article.find("iframe") is None
    assert not article.select("[onerror]")
    hrefs = [a.get("href", "") for a in soup.select("a")] + [f.get("src", "") for f in soup.select("[src]")]
    assert not [h for h in hrefs if h.startswith("javascript:") or "evil.example" in h]
    # The translated text itself is still there, the markup shown as text.
    assert "Kolmas <script>alert(" in article.get_text()
    assert "Ensimmäinen kappale, linkki osioon." in article.get_text()


def test_untouched_links_of_the_source_survive_translation(multilingual_site):
    soup = BeautifulSoup(multilingual_site.page("fi", "guide/deep/page.html"), "html.parser")
    assert soup.select_one("article a.reference.internal[href$='#custom-label']") is not None
