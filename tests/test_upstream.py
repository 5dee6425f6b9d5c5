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

pytestmark = pytest.mark.upstream

LANGS = os.environ.get("HANDBOOK_UPSTREAM_LANGS", "ru")


def build(dest: Path, switch: str) -> Layout:
    layout = Layout(copy_project(REPO, dest))
    done = subprocess.run([sys.executable, "-m", "handbook", "build", "--langs", LANGS], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "scripts"),
                               "HANDBOOK_ROOT": str(layout.root), patches.ENV: switch})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return layout


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
def both(tmp_path_factory) -> dict[str, Layout]:
    return {switch: build(tmp_path_factory.mktemp(switch), switch) for switch in ("on", patches.NO_SPEEDUPS)}


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
    on, off = both["on"].site, both[patches.NO_SPEEDUPS].site
    pdfs = sorted(p.relative_to(on) for p in on.rglob("*.pdf"))
    assert pdfs and pdfs == sorted(p.relative_to(off) for p in off.rglob("*.pdf"))
    for pdf in pdfs:
        with_patches, without = pdf_summary(on / pdf), pdf_summary(off / pdf)
        assert with_patches["pages"] == without["pages"], pdf
        assert with_patches["outline"] == without["outline"], pdf
        for number, (a, b) in enumerate(zip(with_patches["text"], without["text"], strict=True), 1):
            assert a == b, f"{pdf}: page {number}"
