"""The handbook's content as readers see it: the costing example adds up, chapters have their
learning goals and checklists, and the figures are localized with alt text. (The editorial goals —
the handbook's length, the translations each language promises — are `make check`'s: conf.py,
tests/test_editorial.py.)"""

from __future__ import annotations

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import LANGUAGES, REPO

CHAPTERS = sorted(p.stem for p in (REPO / "docs/chapters").glob("*.md"))
CENT = Decimal("0.01")


def number(text: str) -> Decimal:
    """``"150 000,00"`` or ``"150000.00"`` → ``Decimal("150000.00")``."""
    return Decimal(re.sub(r"[\s\u00a0\u202f*]", "", text).replace(",", "."))


def article(site, lang: str, page: str) -> BeautifulSoup:
    soup = BeautifulSoup(site.page(lang, page), "html.parser")
    body = soup.select_one("article")
    for noise in body.select("nav.language-switcher, a.headerlink"):
        noise.decompose()
    return body


# -- The worked unit-cost example -----------------------------------------------------------

def costing_rows(site) -> list[tuple[str, str, Decimal, str]]:
    body = article(site, "ru", "chapters/06-costing.html")
    table = body.select_one("section#costing-example table")
    rows = []
    for tr in table.select("tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
        rows.append((cells[0], cells[1], number(cells[2]), cells[3]))
    return rows


def check_costing(rows: list[tuple[str, str, Decimal, str]]) -> dict[str, Decimal]:
    """Recompute every subtotal and total of the example; return the totals by row title."""
    direct = [amount for section, _, amount, _ in rows if section == "Прямые затраты"]
    overhead = [(amount, note) for section, _, amount, note in rows if section == "Накладные расходы"]
    totals = {section: amount for section, article_, amount, _ in rows if not article_}
    assert len(direct) == 4 and len(overhead) == 7
    direct_total = totals["Итого прямые затраты"]
    overhead_total = next(v for k, v in totals.items() if k.startswith("Итого накладные расходы"))
    assert sum(direct) == direct_total
    assert sum(amount for amount, _ in overhead) == overhead_total
    # each overhead line is the stated share of the organisation's cost named in its note
    for amount, note in overhead:
        share, whole = re.search(r"(\d+)\s*%\s*от\s*([\d\s\u00a0]+)", note).groups()
        assert amount == (number(whole) * Decimal(share) / 100).quantize(CENT), note
    total = totals["Всего затрат"]
    assert total == direct_total + overhead_total
    units = totals["Количество единиц услуги"]
    recipients, days = (int(n) for n in re.search(r"(\d+) получателей × (\d+)",
                                                  next(n for s, _, _, n in rows if s == "Количество единиц услуги")).groups())
    assert units == recipients * days
    unit_cost = totals["Стоимость единицы услуги"]
    assert unit_cost == (total / units).quantize(CENT, rounding=ROUND_HALF_UP)
    return totals


def test_costing_table_totals_are_right(handbook_site):
    totals = check_costing(costing_rows(handbook_site))
    assert totals["Всего затрат"] == Decimal("316000.00")


def test_costing_text_quotes_the_table(handbook_site):
    text = article(handbook_site, "ru", "chapters/06-costing.html").get_text(" ")
    totals = check_costing(costing_rows(handbook_site))
    per_unit = f"{totals['Стоимость единицы услуги']:,.2f}".replace(",", " ").replace(".", ",")
    assert f"получилась {per_unit} руб." in text.replace("\u00a0", " ")


def test_costing_template_has_the_same_structure_and_numbers(handbook_site):
    path = REPO / "docs/chapters/costing-template.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert list(records[0]) == ["раздел", "статья", "сумма_руб", "примечание"]
    data = [r for r in records if r["раздел"] != "Пояснение"]
    table = costing_rows(handbook_site)
    assert [(r["раздел"], r["статья"]) for r in data] == [(s, a) for s, a, _, _ in table]
    assert [number(r["сумма_руб"]) for r in data] == [amount for _, _, amount, _ in table]
    # the template must also add up on its own, with its own notes
    check_costing([(r["раздел"], r["статья"], number(r["сумма_руб"]),
                    r["примечание"].replace("человеко-дни: ", "")) for r in data])
    # and readers can download it from the chapter
    link = article(handbook_site, "ru", "chapters/06-costing.html").select_one("a.download[href$='.csv']")
    downloaded = handbook_site.layout.site / "ru/chapters" / link["href"]
    assert downloaded.read_bytes() == path.read_bytes()


def test_costing_check_catches_a_wrong_total(handbook_site):
    rows = costing_rows(handbook_site)
    broken = [(s, a, amount + 1 if s == "Всего затрат" else amount, n) for s, a, amount, n in rows]
    with pytest.raises(AssertionError):
        check_costing(broken)


# -- Chapter structure: learning goals first, checklist last --------------------------------

@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opens_with_goals_and_closes_with_checklist(handbook_site, chapter):
    body = article(handbook_site, "ru", f"chapters/{chapter}.html")
    page = body.select_one("section")
    blocks = [child for child in page.find_all(recursive=False) if child.name != "span"]
    assert blocks[0].name == "h1"
    goals = blocks[1]
    assert "admonition" in goals.get("class", []), f"{chapter}: no admonition right after the title"
    assert "вы сможете" in goals.select_one(".admonition-title").get_text()
    assert len(goals.select("li")) >= 2
    last = page.find_all("section", recursive=False)[-1]
    assert last.h2.get_text(strip=True) == "Чек-лист", chapter
    assert len(last.select("li")) >= 3, chapter


# -- Figures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_three_svg_figures_with_alt_text_localized(handbook_site, lang):
    figures = []
    for chapter in CHAPTERS:
        for img in article(handbook_site, lang, f"chapters/{chapter}.html").select("figure img"):
            figures.append((chapter, img))
    svgs = [(c, img) for c, img in figures if img["src"].endswith(".svg")]
    assert len(svgs) >= 3
    for chapter, img in svgs:
        assert len(img.get("alt", "").split()) >= 10, (chapter, img["src"])
        if lang != "ru":  # the alt text is translated along with the figure
            assert not re.search("[а-яё]", img["alt"], re.I), (lang, chapter, img["alt"][:60])
        name = Path(img["src"]).name
        # figures contain text, so every language gets its own file
        assert name.endswith(f".{lang}.svg") if lang != "ru" else name.count(".") == 1, name
        svg = (handbook_site.layout.site / lang / "chapters" / img["src"]).read_text(encoding="utf-8")
        root = BeautifulSoup(svg, "html.parser").svg
        assert root["role"] == "img" and root.title.get_text().strip()
        assert f'lang="{lang}"' in svg and "font-family=\"sans-serif\"" in svg
