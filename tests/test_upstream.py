"""The patches to other packages that are for speed only change nothing users see: the real
handbook built with them on and off (HANDBOOK_PATCHES=no-speedups) gives the same HTML pages and PDFs with
the same pages, outline and text per page. Only `make test-upstream` runs it (two whole builds);
the patches that change the output on purpose (speed_only=False) are compared nowhere here."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import patches
from handbook.outputs_compare import html_differences, normalised, pdf_differences, problems
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


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[Layout, subprocess.CompletedProcess]]:
    # One snapshot of the checkout for both builds: people may edit it while the first one runs.
    source = copy_project(REPO, tmp_path_factory.mktemp("snapshot"))
    return {switch: build(source, tmp_path_factory.mktemp(switch), switch)
            for switch in ("on", patches.NO_SPEEDUPS)}


@pytest.fixture(scope="module")
def both(runs) -> dict[str, Layout]:
    return {switch: layout for switch, (layout, _done) in runs.items()}


def test_the_builds_report_the_same_problems_and_status(runs):
    (_, done_on), (_, done_off) = runs["on"], runs[patches.NO_SPEEDUPS]
    assert done_on.returncode == done_off.returncode
    assert problems(done_on.stdout + done_on.stderr) == problems(done_off.stdout + done_off.stderr)


def test_the_speed_patches_are_verified_on_the_pinned_versions():
    assert all(patches.decline_reason(patch) is None for patch in patches.load().values())


def test_the_html_pages_are_the_same_with_the_patches_off(both):
    on, off = both["on"].site, both[patches.NO_SPEEDUPS].site
    assert list(on.rglob("*.html"))
    # The whole markup, with each build's own folder (the site's grandparent) left out.
    assert html_differences(on, off, lambda site, page: normalised((site / page).read_text(encoding="utf-8"),
                                                                   site.parents[1])) == []


def test_the_pdfs_have_the_same_pages_outline_and_text_with_the_patches_off(both):
    on, off = both["on"].build, both[patches.NO_SPEEDUPS].build
    assert list(on.rglob("*.pdf"))
    assert pdf_differences(on, off) == []
