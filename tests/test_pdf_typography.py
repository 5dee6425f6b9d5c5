"""Russian typography in print (issue 18, point 7): no-break spaces where a line must not break,
abbreviations in capitals kept whole, at most two hyphenated lines in a row, each language
hyphenated with its own patterns (handbook.pdf.typography, handbook.pdf.hyphenation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes

from handbook.pdf import hyphenation, preflight
from handbook.pdf.typography import ABBREVIATION_CLASS, NBSP, apply, tie
from support import hyphenation_resolves
from test_pdf_preflight import render


@pytest.mark.parametrize(("text", "tied"), [
    ("приказ № 940н", "приказ №~940н"),
    ("условно 30 % от 150 000", "условно 30~% от 150~000"),
    ("1 253,97 руб. и 316 000 ₽", "1~253,97~руб. и 316~000~₽"),
    ("всего 1 000 000 рублей", "всего 1~000~000 рублей"),
    ("подписал А. И. Иванов", "подписал А.~И.~Иванов"),
    ("подписал Иванов А. И.", "подписал Иванов~А.~И."),
    ("A. B. Smith wrote", "A.~B.~Smith wrote"),
])
def test_what_must_not_break_is_tied(text, tied):
    assert tie(text) == tied.replace("~", NBSP)


@pytest.mark.parametrize("text", [
    "Сумма, руб.",  # a header may break before its unit
    "12 получателей × 21 день",  # numbers that are not groups of one number
    "в 2019 году",
    "Шаг 5. Рассчитайте",
])
def test_ordinary_spaces_stay_breakable(text):
    assert tie(text) == text


def paragraph(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


def test_abbreviations_in_capitals_get_their_own_span_and_the_text_around_is_kept():
    node = paragraph(nodes.Text("Центр ИПП-СУ помогает СОНКО и НКО: № 5."))
    apply(node)
    spans = [n.astext() for n in node.findall(nodes.inline) if ABBREVIATION_CLASS in n["classes"]]
    assert spans == ["ИПП-СУ", "СОНКО", "НКО"]
    assert node.astext() == f"Центр ИПП-СУ помогает СОНКО и НКО: №{NBSP}5."


def test_code_is_printed_as_written_and_links_get_no_span():
    node = paragraph(nodes.literal("", "№ 5 НКО"), nodes.reference("", "", nodes.Text("НКО № 5"), refuri="#x"))
    apply(node)
    assert node.children[0].astext() == "№ 5 НКО"
    link = node.children[1]
    assert link.astext() == f"НКО №{NBSP}5"
    assert not list(link.findall(nodes.inline))  # WeasyPrint would write the link twice


def test_a_tie_reaches_across_formatting_within_a_paragraph():
    node = paragraph(nodes.Text("стоит "), nodes.strong("", "150 000"), nodes.Text(" руб. в месяц, приказ № "),
                     nodes.emphasis("", "940н"), nodes.Text(" и 12"))
    apply(node)
    assert node.astext() == f"стоит 150{NBSP}000{NBSP}руб. в месяц, приказ №{NBSP}940н и 12"
    assert [n.astext() for n in node.findall(nodes.strong)] == [f"150{NBSP}000"]  # the formatting stays


def test_no_tie_across_two_paragraphs_or_before_ordinary_words():
    first, second = paragraph(nodes.Text("итого 150")), paragraph(nodes.Text(" руб. — это немного"))
    section = nodes.section("", first, second)
    apply(section)
    assert second.astext() == " руб. — это немного"
    node = paragraph(nodes.strong("", "12"), nodes.Text(" получателей"))
    apply(node)
    assert node.astext() == "12 получателей"


def lines(pdf: Path) -> list[str]:
    """The PDF's lines of text, each its runs left to right."""
    document = preflight.read(pdf)
    grouped: dict[tuple[int, int], list[preflight.reading.Run]] = {}
    for run in document.runs:
        grouped.setdefault((run.page, round(run.y0)), []).append(run)
    return ["".join(r.text for r in sorted(group, key=lambda r: r.x0)).rstrip()
            for _, group in sorted(grouped.items(), key=lambda item: (item[0][0], -item[0][1]))]


def hyphen_runs(text_lines: list[str]) -> tuple[float, int]:
    """(share of lines ending in a hyphenated word, the longest run of such lines)."""
    ends = [bool(re.search(r"\w[\u2010-]$", line)) for line in text_lines]
    run = longest = 0
    for end in ends:
        run = run + 1 if end else 0
        longest = max(longest, run)
    return sum(ends) / max(1, len(ends)), longest


# Long Russian words in a narrow justified column: without the limit, WeasyPrint 70 ends four and
# more lines in a row with a hyphen.
LONG_WORDS = ("Государственно-общественное межведомственное взаимодействие негосударственных "
              "некоммерческих организаций предусматривает систематическое консультирование, "
              "информирование, сопровождение, координирование и совершенствование предоставления "
              "социальных услуг получателям, нуждающимся в долговременном сопровождении. ") * 6


@pytest.fixture(autouse=True)
def renderer_setup():
    hyphenation.register()  # as the renderer's process does: Finnish patterns, the run limit


@pytest.mark.slow
def test_no_more_than_two_hyphenated_lines_in_a_row(tmp_path):
    # Two pages: the count goes on across the page break.
    body = f"<p style='width: 45mm'>{LONG_WORDS}</p>"
    share, longest = hyphen_runs(lines(render(tmp_path, body)))
    assert share > 0.2  # the column is narrow enough for hyphens to be needed
    assert longest <= hyphenation.MAX_HYPHENATED_LINES


def test_an_abbreviation_is_not_broken_at_its_hyphen_nor_hyphenated(tmp_path):
    words = " ".join(["Проверьте ИПП-СУ и СОНКО-ПОСТАВЩИКА в реестре"] * 12)
    node = paragraph(nodes.Text(words))
    apply(node)
    html = "".join(f"<span class='{ABBREVIATION_CLASS}'>{n.astext()}</span>"
                   if isinstance(n, nodes.inline) else str(n) for n in node.children)
    text_lines = lines(render(tmp_path, f"<p style='width: 32mm'>{html}</p>"))
    assert not [line for line in text_lines if re.search(r"(ИПП|СОНКО)[\u2010-]?$", line)]
    assert sum("ИПП-СУ" in line for line in text_lines) == 12


@pytest.mark.slow
def test_norwegian_breaks_with_a_hyphen_and_russian_inside_it_with_russian_patterns(tmp_path):
    nb = "momskompensasjonsordningen " * 30
    ru = "государственно-общественного " * 30
    # The Russian passage inside a Norwegian book, marked as sphinxext/passage_lang.py marks it.
    body = (f"<div lang='nb'><p style='width: 40mm'>{nb}</p>"
            f"<p lang='ru' style='width: 40mm'>{ru}</p></div>")
    text_lines = lines(render(tmp_path, body))
    for language, words in (("nb", nb), ("ru", ru)):
        own = [line for line in text_lines if re.search("[a-z]" if language == "nb" else "[а-я]", line)]
        assert any(line.endswith("\u2010") for line in own), language
        # Every break inside a word has its hyphen («momskomp/ensasjon» had none): joined again,
        # the lines give the words back (a line may also end at a word's own hyphen).
        joined = "".join(line[:-1] if line.endswith("\u2010") else line if line.endswith("-")
                         else line + " " for line in own)
        assert joined.split() == words.split(), language


def test_every_handbook_language_has_hyphenation_patterns():
    for language in ("ru", "en", "fi", "nb"):
        assert hyphenation_resolves(language), language
