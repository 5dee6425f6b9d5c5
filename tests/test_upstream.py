"""The patches to other packages that are for speed only change nothing users see: the real
handbook built with them on and off (HANDBOOK_PATCHES=no-speedups) gives the same HTML pages and PDFs with
the same pages, outline and text per page. Only `make test-upstream` runs it (two whole builds);
the patches that change the output on purpose (speed_only=False) are compared nowhere here."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook import patches
from handbook.paths import Layout, copy_project
from support import REPO

pytestmark = [pytest.mark.upstream, pytest.mark.slow]  # slow too: never in make test-fast

LANGS = os.environ.get("HANDBOOK_UPSTREAM_LANGS", "ru")


def build(source: Path, dest: Path, switch: str) -> tuple[Layout, subprocess.CompletedProcess]:
    """The build as `make` runs it. A build whose preflight refuses the PDFs (a strict build
    publishes none) still leaves them in _build/pdf-html/: compared all the same, along with the
    problems reported."""
    layout = Layout(copy_project(source, dest))
    done = subprocess.run([sys.executable, "-m", "handbook", "build", "--langs", LANGS], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "scripts"),
                               "HANDBOOK_ROOT": str(layout.root), patches.ENV: switch})
    assert list(layout.build.rglob("*.pdf")), done.stdout[-3000:] + done.stderr[-3000:]
    return layout, done


def normalised(text: str, root: Path) -> str:
    return re.sub(r"\s+\n", "\n", text.replace(str(root), "<root>"))


def outline(reader: PdfReader, items=None) -> list:
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found.append(outline(reader, item))
        else:
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def pdf_summary(path: Path) -> dict:
    reader = PdfReader(path)
    return {"pages": len(reader.pages), "outline": outline(reader),
            "text": [page.extract_text() for page in reader.pages]}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[Layout, subprocess.CompletedProcess]]:
    # One snapshot of the checkout for both builds: people may edit it while the first one runs.
    source = copy_project(REPO, tmp_path_factory.mktemp("snapshot"))
    return {switch: build(source, tmp_path_factory.mktemp(switch), switch)
            for switch in ("on", patches.NO_SPEEDUPS)}


@pytest.fixture(scope="module")
def both(runs) -> dict[str, Layout]:
    return {switch: layout for switch, (layout, _done) in runs.items()}


def problems(done: subprocess.CompletedProcess) -> list[str]:
    """The problems a build reports (check ids in brackets), without the timings."""
    return [line for line in (done.stdout + done.stderr).splitlines() if re.search(r"\[[a-z-]+\]$", line)]


def test_the_builds_report_the_same_problems_and_status(runs):
    (_, done_on), (_, done_off) = runs["on"], runs[patches.NO_SPEEDUPS]
    assert done_on.returncode == done_off.returncode
    assert problems(done_on) == problems(done_off)


def test_the_speed_patches_are_verified_on_the_pinned_versions():
    assert all(patches.decline_reason(patch) is None for patch in patches.load().values())


def test_the_html_pages_are_the_same_with_the_patches_off(both):
    on, off = both["on"].site, both[patches.NO_SPEEDUPS].site
    pages = sorted(p.relative_to(on) for p in on.rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(off) for p in off.rglob("*.html"))
    differ = [str(page) for page in pages
              if normalised((on / page).read_text(encoding="utf-8"), both["on"].root)
              != normalised((off / page).read_text(encoding="utf-8"), both[patches.NO_SPEEDUPS].root)]
    assert differ == []


def test_the_pdfs_have_the_same_pages_outline_and_text_with_the_patches_off(both):
    on, off = both["on"].build, both[patches.NO_SPEEDUPS].build
    pdfs = sorted(p.relative_to(on) for p in on.rglob("*.pdf"))
    assert pdfs and pdfs == sorted(p.relative_to(off) for p in off.rglob("*.pdf"))
    for pdf in pdfs:
        with_patches, without = pdf_summary(on / pdf), pdf_summary(off / pdf)
        assert with_patches["pages"] == without["pages"], pdf
        assert with_patches["outline"] == without["outline"], pdf
        for number, (a, b) in enumerate(zip(with_patches["text"], without["text"], strict=True), 1):
            assert a == b, f"{pdf}: page {number}"
