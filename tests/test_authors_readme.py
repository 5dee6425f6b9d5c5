"""The README's examples for authors build without a warning, and show what the templates write."""

import re

import pytest
from PIL import Image

from handbook import commands, scaffold

from support import REPO, ROOTS, run_command
from handbook.paths import Layout

GLOSSARY = """(annex-glossary)=
# Глоссарий

:::{glossary}
поставщик социальных услуг
  Организация, которая оказывает социальные услуги.

реестр поставщиков социальных услуг
  Перечень поставщиков, который ведёт регион.
:::
"""

# The source the footnote example cites, and the list its citation links to.
SOURCES = """[[source]]
id = "A442"
kind = "act"
title = "Об основах социального обслуживания граждан в Российской Федерации"
issuer = "Федеральный закон"
date = "28.12.2013"
number = "442-ФЗ"
short = "Федеральный закон от 28.12.2013 № 442-ФЗ"
"""
SOURCES_PAGE = "# Список источников\n\n```{sources}\n```\n"


def readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### What you can write"):text.index("### Before you commit")]
    return re.findall(r"```md\n(.*?)```", section, re.S)


@pytest.mark.slow
def test_every_myst_example_for_authors_builds_without_a_warning(tmp_path):
    examples = readme_examples()
    assert len(examples) == 7  # label and link, box, table, footnote, term, figure, practice card
    root = tmp_path / "p"
    chapters = root / "docs" / "chapters"
    (chapters / "images").mkdir(parents=True)
    (root / "docs" / "annexes").mkdir()
    (root / "conf.py").write_text((ROOTS / "authoring" / "conf.py").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Примеры\n\n```{toctree}\n:glob:\n\nchapters/*\nannexes/glossary\nannexes/sources\n```\n",
        encoding="utf-8")
    (root / "docs" / "annexes" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    (root / "docs" / "annexes" / "sources.md").write_text(SOURCES_PAGE, encoding="utf-8")
    (root / "docs" / "_data").mkdir()
    (root / "docs" / "_data" / "sources.toml").write_text(SOURCES, encoding="utf-8")
    Image.new("RGB", (40, 20), "white").save(chapters / "images" / "scheme.png")
    for number, example in enumerate(examples, 1):
        body = example if re.search(r"^# ", example, re.M) else f"# Пример {number}\n\n{example}"
        (chapters / f"{number:02d}-example.md").write_text(body, encoding="utf-8")
    layout = Layout(root)
    run = run_command(commands.html, "ru", layout)
    assert run.status == 0 and run.err == "", run.err
    figure = (layout.site / "ru" / "chapters" / "06-example.html").read_text(encoding="utf-8")
    assert 'alt="Схема: НКО подаёт заявление, регион включает её в реестр поставщиков"' in figure


def test_the_practice_card_example_has_the_templates_fields():
    template = (scaffold.TEMPLATES / "practice.md").read_text(encoding="utf-8")
    card = next(e for e in readme_examples() if e.startswith("(practice-"))
    fields = re.compile(r"^:([^:]+):", re.M)
    assert fields.findall(card) == fields.findall(template)
    assert len(fields.findall(template)) == 6
