"""The navigation tree made once per folder (sphinxext/navigation.py) gives every page the tree
Furo makes for it."""

import os
import subprocess
import sys

import pytest

from support import REPO, ROOTS, copy_project

pytestmark = pytest.mark.slow  # builds with and without the speed-up

BUILD = """
import sys
from pathlib import Path
from sphinx.application import Sphinx
from handbook.sphinxext import navigation
if sys.argv[1] == "off":
    navigation.setup = lambda app: None
root, out, language = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
app = Sphinx(root / "docs", root, out, out / ".doctrees", "html", status=None, warning=sys.stderr,
             freshenv=True, confoverrides={"language": language})
app.build()
print(len(navigation._cache.trees))
"""


def build(root, out, mode, language):
    done = subprocess.run([sys.executable, "-c", BUILD, mode, str(root), str(out), language], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@pytest.mark.parametrize("name, language", [("practices", "ru"), ("multilingual", "fi"), ("events", "ru")])
def test_every_page_is_the_same_with_the_tree_made_once_per_folder(tmp_path, name, language):
    root = copy_project(ROOTS / name, tmp_path / "p")
    assert build(root, tmp_path / "off", "off", language) == 0
    assert build(root, tmp_path / "on", "on", language) >= 1  # the folders' trees were made
    pages = sorted(p.relative_to(tmp_path / "off") for p in (tmp_path / "off").rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        assert (tmp_path / "on" / page).read_text(encoding="utf-8") == \
            (tmp_path / "off" / page).read_text(encoding="utf-8"), page
    current = [p for p in pages if 'current-page' in (tmp_path / "on" / p).read_text(encoding="utf-8")]
    assert current  # some page is marked as the current one
