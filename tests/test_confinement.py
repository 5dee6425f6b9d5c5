"""Sources read only files under docs/, symbolic links followed, and put only allowed markup into
pages (the corpus tests/corpus/bad-inputs/source-* holds the cases that need no link)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from handbook import cli
from handbook.markup_policy import html_problems, svg_problems, url_problem

from support import REPO, ROOTS, copy_project, run_command

pytestmark = pytest.mark.slow  # each test builds a copy of a root

SECRET = b"SECRET-OF-THE-BUILD-MACHINE-7f3a"


def _secret(tmp_path: Path, name: str) -> Path:
    """A file outside the project, as /etc/hostname is, with content no build would make."""
    path = tmp_path / "outside" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SECRET + b"\n")
    return path


def _project(tmp_path: Path, page: str) -> Path:
    root = copy_project(ROOTS / "tiny", tmp_path / "p")
    (root / "docs" / "index.md").write_text("# Главная страница\n\nТекст главной страницы.\n\n" + page,
                                            encoding="utf-8")
    return root


def _build(root: Path, monkeypatch, *command: str):
    monkeypatch.setenv("HANDBOOK_ROOT", str(root))
    return run_command(cli.main, list(command))


def _leaked(root: Path, secret: bytes) -> list[str]:
    return [str(p) for p in (root / "_build").rglob("*") if p.is_file() and secret in p.read_bytes()]


@pytest.mark.parametrize("page, line", [
    ("![Схема](images/logo.png)\n", 5),
    ("```{figure} images/logo.png\n:alt: Схема\n\nПодпись.\n```\n", 5),
    ("Скачайте {download}`файл <images/logo.png>`.\n", 5),
    ("```{include} images/logo.png\n```\n", 5),
    ("```{literalinclude} images/logo.png\n```\n", 5),
])
def test_a_link_leading_out_of_docs_is_refused(page, line, tmp_path, monkeypatch):
    root = _project(tmp_path, page)
    (root / "docs" / "images").mkdir()
    (root / "docs" / "images" / "logo.png").symlink_to("/etc/passwd")

    for command in (["html", "--langs", "ru,fi"], ["pdf", "--langs", "ru", "--edition", "standard"]):
        run = _build(root, monkeypatch, *command)
        assert run.status == 1, run.out + run.err
        assert "Traceback" not in run.err
        lines = run.err.splitlines()
        assert any(m.startswith(f"docs/index.md:{line}: warning: ") and m.endswith("[handbook.outside-docs]")
                   for m in lines), run.err
        # The link itself is named where it is, whatever refers to it.
        assert "docs/images/logo.png: warning: a symbolic link to /etc/passwd, outside docs/" in run.err
    assert not _leaked(root, b"root:x:0:0:")


def test_a_linked_folder_and_a_localised_figure_leading_out_are_refused(tmp_path, monkeypatch):
    root = _project(tmp_path, "![Схема](figures/scheme.png)\n\n![Лого](shared/hostname)\n")
    figures = root / "docs" / "figures"
    figures.mkdir()
    Image.new("1", (8, 8)).save(figures / "scheme.png")
    outside = _secret(tmp_path, "hostname")
    (figures / "scheme.fi.png").symlink_to(outside)  # the Finnish figure, by file name
    (root / "docs" / "shared").symlink_to(outside.parent, target_is_directory=True)
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'figure_language_filename = "{path}{basename}.{language}{ext}"\n',
                    encoding="utf-8")

    run = _build(root, monkeypatch, "html", "--langs", "ru,fi")

    assert run.status == 1 and "Traceback" not in run.err
    assert f"docs/shared: warning: a symbolic link to {outside.parent}, outside docs/" in run.err
    assert f"docs/figures/scheme.fi.png: warning: a symbolic link to {outside}, outside docs/" in run.err
    assert any(m.startswith("docs/index.md:7: warning: the image 'shared/hostname' is outside docs/")
               for m in run.err.splitlines()), run.err
    assert not _leaked(root, SECRET)
    assert not [p for p in (root / "_build").rglob("hostname")]


def test_a_link_inside_docs_is_fine(tmp_path, monkeypatch):
    root = _project(tmp_path, "```{literalinclude} data/current.csv\n```\n")
    data = root / "docs" / "data"
    data.mkdir()
    (data / "2020.csv").write_text("Статья,Сумма\nИтого,150\n", encoding="utf-8")
    (data / "current.csv").symlink_to("2020.csv")

    run = _build(root, monkeypatch, "html", "--langs", "ru")

    assert run.status == 0, run.err
    assert "Итого" in (root / "_build" / "site" / "ru" / "index.html").read_text(encoding="utf-8")


def test_the_real_figures_pass_the_svg_rules():
    figures = sorted((REPO / "docs").rglob("*.svg"))
    assert figures
    assert {f.name: svg_problems(f.read_bytes()) for f in figures} == {f.name: [] for f in figures}


@pytest.mark.parametrize("html, reason", [
    ("<script>x</script>", "the element <script> is not allowed"),
    ("<SCRIPT>x</SCRIPT>", "the element <script> is not allowed"),
    ('<img src="a.png" oNeRrOr="x">', "the event attribute onerror= is not allowed"),
    ('<a href="java\tscript:alert(1)">x</a>', "uses the javascript: scheme"),
    ('<a href=" JAVASCRIPT:alert(1)">x</a>', "uses the javascript: scheme"),
    ('<a href="file:///etc/passwd">x</a>', "uses the file: scheme"),
    ('<img src="data:image/svg+xml;base64,AAAA">', "uses the data: scheme"),
    ('<img src="https://evil.example/p.gif">', "is an image on another site"),
    ('<span style="background:url(x.png)">x</span>', "loads something"),
    ('<span style="background:u\\72l(x.png)">x</span>', "escapes characters"),
    ("<style>@import 'x.css';</style>", "the element <style> is not allowed"),
    ('<form action="https://evil.example/"><input></form>', "the element <form> is not allowed"),
    ('<a href="x" target="_blank">x</a>', "the attribute target= of <a> is not allowed"),
    ("<!DOCTYPE html>", "declaration is not allowed"),
    ("<img src=x", "does not start a complete tag"),
    ("a <b", "does not start a complete tag"),
])
def test_html_outside_the_allow_list_is_refused_with_its_reason(html, reason):
    problems = html_problems(html)
    assert any(reason in p for p in problems), problems


@pytest.mark.parametrize("html", [
    '<abbr title="Некоммерческая организация">НКО</abbr>',
    '<a href="https://mintrud.gov.ru/">Минтруд</a> и <a href="#raschet">раздел</a>',
    '<img src="images/a.png" alt="Схема" width="300">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="точка">',
    '<span style="color: #333" lang="fi" aria-hidden="true">teksti</span></a>',
    "<table><tr><th scope=col>Год</th></tr><tr><td>2020</td></tr></table>",
])
def test_plain_formatting_html_is_allowed(html):
    assert html_problems(html) == []


@pytest.mark.parametrize("url, allowed", [
    ("images/a.png", True), ("#id", True), ("/docs/a", True), ("mailto:a@b.ru", True),
    ("https://minjust.gov.ru/", True), ("vbscript:x", False), ("//evil.example/x", False),
])
def test_link_addresses(url, allowed):
    assert (url_problem(url) is None) == allowed


@pytest.mark.parametrize("svg, reason", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "<script>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>', "onload="),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
     b'<image x:href="file:///etc/passwd"/></svg>', "file:///etc/passwd"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/a.png"/></svg>', "evil.example"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>', "other.svg#a"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "foreignObject"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(https://e.x/a)}</style></svg>', "<style>"),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', "DOCTYPE"),
    (b"<svg", "not well-formed"),
])
def test_svg_that_scripts_or_reaches_out_is_refused(svg, reason):
    problems = svg_problems(svg)
    assert any(reason in p for p in problems), problems


def test_svg_referring_to_its_own_parts_is_fine():
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
           b'<rect fill="url(#g)" width="1" height="1"/><use href="#g"/></svg>')
    assert svg_problems(svg) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="reading /etc/shadow needs root, as CI has")
def test_nothing_of_etc_shadow_reaches_the_build(tmp_path, monkeypatch):
    root = _project(tmp_path, "```{literalinclude} ../../../../../../../../../../etc/shadow\n```\n")
    run = _build(root, monkeypatch, "html", "--langs", "ru")
    assert run.status == 1
    secret = Path("/etc/shadow").read_bytes().split(b"\n")[0]
    assert secret and not _leaked(root, secret)
