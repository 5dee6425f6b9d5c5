"""The corpus of bad and hostile inputs: each case, run through the real commands on a copy of a tiny
project, gives exactly the messages in its expected.txt, and nothing hostile reaches the output.

A case is a folder of tests/corpus/bad-inputs/ holding files that replace those of
tests/roots/tiny (one page, Russian and Finnish), and expected.txt: for each command (a line ``$ html --langs fi``) the
message lines it must print (none: it must succeed). An optional shows.txt lists
``page: text`` that the built site must contain (a file with a BOM still has its heading); a
language whose build failed is not published, so its pages are read in the work folder instead.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from support import ROOTS, copy_project, run_command
from handbook import cli

pytestmark = pytest.mark.slow  # every case builds a site, most also PDFs

CORPUS = Path(__file__).parent / "corpus" / "bad-inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
_MESSAGE = re.compile(r"^(?:\S+: )?(?:error|warning): ")
PASSWD = "root:x:0:0:"  # the first line of /etc/passwd


@dataclass
class Step:
    command: list[str]
    expected: list[str]


def steps(case: str) -> list[Step]:
    found: list[Step] = []
    for line in (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("$ "):
            found.append(Step(line[2:].split(), []))
        elif line.strip():
            found[-1].expected.append(line)
    return found


def prepare(case: str, dest: Path) -> Path:
    root = copy_project(ROOTS / "tiny", dest)
    for path in (CORPUS / case).rglob("*"):
        if path.is_file() and path.name not in ("expected.txt", "shows.txt"):
            target = root / path.relative_to(CORPUS / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return root


def messages(text: str) -> list[str]:
    return [line for line in text.splitlines() if _MESSAGE.match(line)]


def assert_nothing_hostile_in_site(site: Path, own_images: int) -> None:
    """Every file under ``site``: called with the whole _build/, so that what a failed build made
    (in the work folders, not published) is checked as well as what was published."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        assert path.name not in ("passwd", "hostname"), path
        if path.suffix == ".pdf":
            assert_nothing_hostile_in_pdf(path, own_images)
            continue
        assert PASSWD.encode() not in path.read_bytes(), path
        if path.suffix != ".html":
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        if article is not None:  # the theme's own scripts are outside it
            assert not article.select("script, iframe, object, embed"), path
            assert not [tag for tag in article.find_all(True)
                        if any(name.lower().startswith("on") for name in tag.attrs)], path
        links = [tag.get("href", "") for tag in soup.select("[href]")]
        links += [tag.get("src", "") for tag in soup.select("[src]")]
        assert not [link for link in links if link.strip().lower().startswith("javascript:")
                    or "evil.example" in link or "passwd" in link], path


def assert_nothing_hostile_in_pdf(path: Path, own_images: int) -> None:
    pdf = PdfReader(path)
    assert not pdf.attachments, path
    assert PASSWD not in "".join(page.extract_text() for page in pdf.pages), path
    images: set[str] = set()  # WeasyPrint may list every image in every page's resources
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            uri = str(annotation.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.startswith("file:") and "evil.example" not in uri and "passwd" not in uri, uri
        images.update(page["/Resources"].get("/XObject") or {})
    assert len(images) <= own_images, f"{path}: an image that is not one of the project's came in"


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_its_messages_and_leaks_nothing(case, tmp_path, monkeypatch):
    root = prepare(case, tmp_path / "p")
    monkeypatch.setenv("HANDBOOK_ROOT", str(root))
    published: dict[str, bool] = {}  # language → its site was published by an HTML build
    for step in steps(case):
        run = run_command(cli.main, step.command)
        assert sorted(messages(run.out + run.err)) == sorted(step.expected), (step.command, run.out + run.err)
        assert run.status == (1 if step.expected else 0), (step.command, run.out + run.err)
        assert "Traceback" not in run.err
        if step.command[0] == "html":
            for lang, outcome in re.findall(r"^  (\w+): (built|up to date|failed)", run.out, re.MULTILINE):
                published[lang] = published.get(lang, False) or outcome != "failed"
    build, site = root / "_build", root / "_build" / "site"
    if build.exists():
        own_images = [p for p in (root / "docs").rglob("*") if p.suffix in (".png", ".jpg", ".svg", ".gif")]
        assert_nothing_hostile_in_site(build, len(own_images))
    for lang, done in published.items():
        assert (site / lang / "index.html").is_file() == done, lang  # a failed build is not published
    shows = CORPUS / case / "shows.txt"
    if shows.exists():
        for line in shows.read_text(encoding="utf-8").splitlines():
            page, _, text = line.partition(": ")
            folder = site if published[page.split("/")[0]] else build / "work" / "html"
            assert text in (folder / page).read_text(encoding="utf-8"), line


def test_only_a_fence_left_open_is_reported():
    from handbook.sphinxext.fences import unclosed_fence

    closed = "````{note}\n```python\nx\n```\n````\n\n::::{tip}\n:::{note}\nx\n:::\n::::\n\n- a\n\n  ~~~\n  b\n  ~~~\n"
    assert unclosed_fence(closed) is None
    assert unclosed_fence("Код: ```x``` в строке.\n") is None
    assert unclosed_fence(closed + "\n````{note}\n```\n```\n") == (19, "````")
