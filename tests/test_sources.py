"""Sources cited briefly and listed once, from docs/_data/sources.toml: the role renders the short
cite linked to the list, the list is generated acts first, and each fault of the data file or of a
citation is reported at its line by `make check`, `handbook check-sources` and the build."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, build_site, copy_project, run_command
from handbook import source_checks, sources_data
from handbook.paths import Layout

DATA = "docs/_data/sources.toml"
GOOD_ACT = """
[[source]]
id = "S14"
kind = "act"
title = "Об утверждении методических рекомендаций"
issuer = "Правительство Российской Федерации"
date = "01.12.2014"
"""


def _check(tmp_path, toml: str, page: str = "{source}`S14`\n") -> list[str]:
    root = tmp_path / "p"
    (root / "docs" / "_data").mkdir(parents=True, exist_ok=True)
    (root / DATA).write_text(toml, encoding="utf-8")
    (root / "docs" / "index.md").write_text(f"# Т\n\nТекст[^1].\n\n[^1]: {page}", encoding="utf-8")
    return [str(p) for p in sources_data.check(root, root / "docs")]


def test_a_clean_list_has_no_problems(tmp_path):
    assert _check(tmp_path, 'not_citable = ["kd43.ru"]\n' + GOOD_ACT) == []


@pytest.mark.parametrize(("key", "line", "value", "expected"), [
    ("title", 5, '""', "docs/_data/sources.toml:5: error: the source S14: it has no title — add title = "),
    ("date", 7, '""', "docs/_data/sources.toml:7: error: the source S14: it has no date — add date = "),
    ("date", 7, '"2014"', "docs/_data/sources.toml:7: error: the source S14: an act's date is «2014» — "),
    ("kind", 4, '"law"', "docs/_data/sources.toml:4: error: the source S14: kind is «law» — write kind = "),
])
def test_a_source_without_title_or_date_is_an_error_at_its_line(tmp_path, key, line, value, expected):
    toml = GOOD_ACT.replace(f'{key} = "', f'{key} = {value} #"', 1)
    [problem] = _check(tmp_path, toml)
    assert problem.startswith(expected)
    assert problem.startswith(f"{DATA}:{line}: ")
    assert problem.endswith(f"[source-{'kind' if key == 'kind' else key}]")


@pytest.mark.parametrize(("address", "expected"), [
    ("https://rpni1.ru/kommentarij-k-zakonu-442-fz-…", "is cut off — write the whole address"),
    ("rg.ru/2020/07/17/uslugi-dok.html", "is not an absolute web address — write it in full"),
    ("https://www.kd43.ru/en/questions/normativ.html", "is on kd43.ru, which not_citable lists — cite the act"),
    ("https://m.kd43.ru/x", "is on kd43.ru, which not_citable lists"),
])
def test_a_cut_relative_or_not_citable_address_is_an_error_at_its_line(tmp_path, address, expected):
    toml = 'not_citable = ["kd43.ru"]\n' + GOOD_ACT + f'address = "{address}"\n'
    [problem] = _check(tmp_path, toml)
    assert problem.startswith("docs/_data/sources.toml:9: error: the source S14: the address ")
    assert expected in problem
    assert problem.endswith("[source-not-citable]" if "kd43" in address else "[source-address]")


def test_a_similar_domain_is_not_taken_for_a_listed_one(tmp_path):
    assert _check(tmp_path, 'not_citable = ["kd43.ru"]\n' + GOOD_ACT + 'address = "https://notkd43.ru/a"\n') == []


def test_an_unknown_id_is_an_error_at_the_citing_line_and_an_unused_source_a_warning(tmp_path):
    toml = GOOD_ACT + GOOD_ACT.replace("S14", "S15")
    problems = _check(tmp_path, toml, "{source}`S99, ст. 3` и {source}`S14`\n")
    assert problems == [
        "docs/index.md:5: error: the source S99 is not in docs/_data/sources.toml — add it there, or correct "
        "the id [source-unknown]",
        "docs/_data/sources.toml:9: warning: the source S15 is cited nowhere — cite it with {source}`S15` or "
        "remove it from the list [source-unused]"]


def test_a_repeated_id_and_broken_toml_are_reported_at_their_lines(tmp_path):
    [twice] = _check(tmp_path, GOOD_ACT + GOOD_ACT)
    assert twice.startswith("docs/_data/sources.toml:10: error: the id S14 is used twice (first on line 3)")
    broken = _check(tmp_path, GOOD_ACT + 'title = "unclosed\n')[0]  # then S14 is unknown too
    assert broken.startswith("docs/_data/sources.toml:8: error: this is not valid TOML")
    assert broken.endswith("[source-file]")


def test_the_list_is_numbered_acts_first_in_the_files_order():
    sources = sources_data.load(ROOTS / "sources" / DATA, DATA)
    assert sources.problems == []
    assert [(s.id, s.number, s.cite) for s in sources.ordered()] == [
        ("S02", 1, "Федеральный закон от 28.12.2013 № 442-ФЗ"),
        ("S14", 2, "Пост. Правительства РФ от 01.12.2014 № 1285"),
        ("S01", 3, "Милосердие.ру [3]")]


def test_check_sources_fails_on_a_bad_source_with_its_line(tmp_path):
    layout = Layout(copy_project(ROOTS / "sources", tmp_path / "p"))
    assert run_command(source_checks.main, [], layout).status == 0
    data = layout.root / DATA
    data.write_text(data.read_text(encoding="utf-8").replace('date = "01.12.2014"', 'date = ""'),
                    encoding="utf-8")
    run = run_command(source_checks.main, [], layout)
    assert run.status == 1
    assert "docs/_data/sources.toml:26: error: the source S14: it has no date" in run.err


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(ROOTS / "sources", tmp_path_factory.mktemp("sources"))


def test_the_role_prints_the_short_cite_linked_to_the_list(site):
    assert site.run.status == 0, site.run.err
    page = BeautifulSoup(site.page("ru", "index.html"), "html.parser")
    notes = [(a.get_text(), a["href"]) for a in page.select("aside.footnote a.reference.internal")]
    assert notes == [("Пост. Правительства РФ от 01.12.2014 № 1285", "annexes/sources.html#source-s14"),
                     ("Федеральный закон от 28.12.2013 № 442-ФЗ, ст. 31, ч. 1", "annexes/sources.html#source-s02"),
                     ("Милосердие.ру [3]", "annexes/sources.html#source-s01")]
    assert "http" not in " ".join(a.get_text() for a in page.select("aside.footnote"))


def test_the_list_prints_acts_then_literature_with_title_issuer_date_and_address(site):
    page = BeautifulSoup(site.page("ru", "annexes/sources.html"), "html.parser")
    lists = page.select("div.handbook-sources")
    assert [[p["id"] for p in div.select("p")] for div in lists] == [["source-s02", "source-s14"], ["source-s01"]]
    s02, s14 = (p.get_text(" ", strip=True) for p in lists[0].select("p"))
    assert s02 == "1. Об основах социального обслуживания граждан в Российской Федерации. Федеральный закон, " \
                  "28.12.2013, № 442-ФЗ."
    assert s14.startswith("2. Об утверждении методических рекомендаций по расчету подушевых нормативов")
    article = lists[1].select_one("p")  # numbered on from the acts, as the notes cite it
    assert article.get_text(" ", strip=True).startswith("3. Как войти в реестр поставщиков социальных услуг: "
                                                       "гид для НКО. Милосердие.ру, б. д. https://www.miloserdie.ru/")
    assert article.select_one("a")["href"].startswith("https://www.miloserdie.ru/article/")


@pytest.mark.slow  # a build of its own
def test_the_build_fails_on_an_unknown_id_and_on_a_bad_source_at_their_lines(tmp_path):
    root = copy_project(ROOTS / "sources", tmp_path / "p")
    page = root / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{source}`S01`", "{source}`S77`"), encoding="utf-8")
    data = root / DATA
    data.write_text(data.read_text(encoding="utf-8").replace('address = "https://www.', 'address = "www.'),
                    encoding="utf-8")
    built = build_site(root, tmp_path / "q")
    assert built.run.status != 0
    assert "docs/index.md:12: warning: the source S77 is not in docs/_data/sources.toml" in built.run.err
    assert "docs/_data/sources.toml:10: warning: the source S01: the address «www.miloserdie.ru" in built.run.err
    assert "is not an absolute web address — write it in full, starting with https:// " \
           "[handbook.source-address]" in built.run.err
    shutil.rmtree(root)


def test_the_handbook_cites_only_listed_citable_sources_and_lists_none_it_does_not_cite():
    from support import REPO

    assert [str(p) for p in sources_data.check(REPO, REPO / "docs")] == []
    listed = sources_data.load(REPO / DATA, DATA)
    assert {"prowines.ru", "kd43.ru", "staging.bearr.org", "perm-gov.ru"} <= set(listed.not_citable)
    footnotes = [line for path in (REPO / "docs").rglob("*.md")
                 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("[^")]
    assert footnotes and not [line for line in footnotes if "://" in line]  # no address printed in a note


@pytest.mark.slow  # make check extracts the messages with a build
def test_make_check_fails_on_a_source_without_a_date_at_its_line(tmp_path):
    from handbook import commands

    layout = Layout(copy_project(ROOTS / "sources", tmp_path / "p"))
    conf = layout.root / "conf.py"  # make check needs a language to translate into
    conf.write_text(conf.read_text(encoding="utf-8").replace('["ru"]', '["ru", "fi"]'), encoding="utf-8")
    data = layout.root / DATA
    data.write_text(data.read_text(encoding="utf-8").replace('date = "01.12.2014"', 'date = ""'), encoding="utf-8")
    run = run_command(commands.check, "", layout)
    assert run.status == 1
    assert ("docs/_data/sources.toml:26: error: the source S14: it has no date — add date = \"DD.MM.YYYY\""
            in run.out)


@pytest.mark.slow  # a real PDF
def test_the_pdf_prints_short_cites_in_the_notes_and_the_numbered_list_once(tmp_path):
    from pypdf import PdfReader

    from handbook.pdf import command

    layout = Layout(copy_project(ROOTS / "sources", tmp_path / "p"))
    run = run_command(command.pdf, "ru", "", "", layout)
    assert run.status == 0, run.out + run.err
    pdf = PdfReader(layout.site / "pdf" / "handbook-ru.pdf")
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    [text] = [p for p in pages if "подушевым нормативам" in p]
    assert "1. Пост. Правительства РФ от 01.12.2014 № 1285." in text
    assert "2. Федеральный закон от 28.12.2013 № 442-ФЗ, ст. 31, ч. 1." in text
    assert "3. Милосердие.ру [3]." in text
    assert "https://" not in text  # the address is printed once, in the list
    [listing] = [p for p in pages if "Список источников Правовые акты" in p]
    assert listing.index("1. Об основах") < listing.index("2. Об утверждении") < listing.index("3. Как войти")
    assert "3. Как войти в реестр поставщиков социальных услуг: гид для НКО. Милосердие.ру, б. д. https://" in listing
