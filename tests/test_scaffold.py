"""`make new-chapter` and `make new-practice`: a complete file from a template, in the TOC, no warnings."""

import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from handbook import commands, scaffold
from handbook.paths import Layout

from support import LANGUAGES, REPO, ROOTS, copy_project, run_command
TITLE = "Работа с волонтёрами: как найти и удержать"


def test_the_slug_is_transliterated_and_short():
    assert scaffold.make_slug("Расчёт стоимости услуги") == "raschet-stoimosti-uslugi"
    assert scaffold.make_slug(TITLE) == "rabota-s-volonterami-kak-naiti"
    assert scaffold.make_slug("442-ФЗ на практике") == "s-442-fz-na-praktike"


@pytest.mark.slow
def test_a_new_chapter_has_every_required_part_and_builds_in_every_language(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    run = run_command(scaffold.main, "new-chapter", TITLE, layout)
    assert run.status == 0, run.err
    path = layout.docs / "chapters" / "02-rabota-s-volonterami-kak-naiti.md"
    assert run.out.startswith("Created: docs/chapters/02-rabota-s-volonterami-kak-naiti.md\n")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "(ch-rabota-s-volonterami-kak-naiti)="
    assert lines[2] == f"# {TITLE}"
    assert ":::{admonition} Что вы сможете сделать после этой главы" in text
    assert "ЗАМЕНИТЕ этот абзац основным текстом" in text  # the placeholder says what to write
    assert "\n## Чек-лист\n" in text

    practice = run_command(scaffold.main, "new-practice", "Летний лагерь «Радуга»", layout)
    assert practice.status == 0, practice.err
    card = (layout.docs / "practices" / "letnii-lager-raduga.md").read_text(encoding="utf-8")
    assert "\n:::{practice}\n" in card
    for field in ("country", "target-group", "service-type", "funding", "start", "sources"):
        assert f"\n:{field}: ЗАМЕНИТЕ" in card

    build = run_command(commands.html, "", layout)
    assert build.status == 0 and build.err == "", build.err
    for lang in LANGUAGES:
        index = BeautifulSoup((layout.site / lang / "index.html").read_text(encoding="utf-8"), "html.parser")
        toc = {a["href"]: a.get_text() for a in index.select(".toctree-wrapper a")}
        assert toc["chapters/02-rabota-s-volonterami-kak-naiti.html"] == TITLE, lang
        catalogue = (layout.site / lang / "practices" / "index.html").read_text(encoding="utf-8")
        assert 'href="letnii-lager-raduga.html"' in catalogue, lang
        card_html = (layout.site / lang / "practices" / "letnii-lager-raduga.html").read_text(encoding="utf-8")
        assert "Целевая группа" in card_html


def test_an_existing_file_is_never_overwritten(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    assert run_command(scaffold.main, "new-chapter", TITLE, layout).status == 0
    path = layout.docs / "chapters" / "02-rabota-s-volonterami-kak-naiti.md"
    path.write_text("Текст автора.\n", encoding="utf-8")
    again = run_command(scaffold.main, "new-chapter", TITLE, layout)
    assert again.status == 2
    assert again.err.startswith("docs/chapters/02-rabota-s-volonterami-kak-naiti.md:1: error: ")
    assert "choose another TITLE [new-chapter]" in again.err
    assert path.read_text(encoding="utf-8") == "Текст автора.\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["01-vvedenie.md", path.name]


def test_a_title_whose_label_is_taken_or_that_is_empty_is_refused(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    (layout.docs / "chapters" / "01-vvedenie.md").rename(layout.docs / "chapters" / "01-intro.md")
    taken = run_command(scaffold.main, "new-chapter", "Введение", layout)
    assert taken.status == 2
    assert "docs/chapters/01-intro.md:1: error: the label (ch-vvedenie) is already used here" in taken.err
    empty = run_command(scaffold.main, "new-chapter", "  ", layout)
    assert empty.status == 2 and "TITLE is empty" in empty.err
    assert sorted(p.name for p in (layout.docs / "chapters").iterdir()) == ["01-intro.md"]


def test_make_new_chapter_without_a_title_says_how_to_give_one(tmp_path):
    root = copy_project(ROOTS / "authoring", tmp_path / "p")
    result = subprocess.run(["make", "--no-print-directory", "new-chapter"], cwd=REPO,
                            env={**os.environ, "HANDBOOK_ROOT": str(root)}, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    assert 'TITLE is empty — give the title in Russian: make new-chapter TITLE="' in result.stderr
    made = subprocess.run(["make", "--no-print-directory", "new-chapter", "TITLE=Отчётность"], cwd=REPO,
                          env={**os.environ, "HANDBOOK_ROOT": str(root)}, capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (root / "docs" / "chapters" / "02-otchetnost.md").is_file()


def test_the_handbook_finds_new_chapters_by_glob():
    # The real index lists chapters with a glob, so a new chapter needs no edit of the index.
    index = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    toctrees = re.findall(r"```\{toctree\}\n(.*?)```", index, re.S)
    assert any(":glob:" in block and "\nchapters/*\n" in block for block in toctrees)
    # and every chapter has the parts the template gives a new one
    for chapter in sorted((REPO / "docs" / "chapters").glob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        assert re.match(r"\(ch-[a-z0-9-]+\)=\n\n# ", text), chapter.name
        assert "\n## Чек-лист\n" in text, chapter.name


def test_a_practice_card_needs_its_catalogue_page(tmp_path):
    layout = Layout(copy_project(ROOTS / "authoring", tmp_path / "p"))
    (layout.docs / "practices" / "index.md").unlink()
    run = run_command(scaffold.main, "new-practice", "Летний лагерь", layout)
    assert run.status == 2
    assert run.err.startswith("docs/practices/index.md: error: this page does not exist yet")
    assert [p.name for p in (layout.docs / "practices").iterdir()] == ["dnevnoi-tsentr.md"]
