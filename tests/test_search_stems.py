"""The build-long cache of search stems (sphinxext/search_stems.py) leaves the search index as it was."""

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
from handbook.sphinxext import search_stems
if sys.argv[1] == "off":
    search_stems.setup = lambda app: None
root, out = Path(sys.argv[2]), Path(sys.argv[3])
app = Sphinx(root / "docs", root, out, out / ".doctrees", "html", status=None, warning=sys.stderr,
             freshenv=True, confoverrides={"language": "ru"})
app.build()
print(getattr(app.builder.indexer.lang, "_handbook_cached_stems", False))
"""


def test_search_index_is_the_same_with_the_stem_cache(tmp_path):
    root = copy_project(ROOTS / "multilingual", tmp_path / "p")
    indexes, cached = {}, {}
    for mode in ("off", "on"):
        out = tmp_path / mode
        done = subprocess.run([sys.executable, "-c", BUILD, mode, str(root), str(out)], cwd=REPO,
                              capture_output=True, text=True, check=False,
                              env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
        assert done.returncode == 0, done.stderr
        cached[mode] = done.stdout.split()[-1]
        indexes[mode] = (out / "searchindex.js").read_text(encoding="utf-8")
    assert cached == {"off": "False", "on": "True"}
    assert indexes["on"] == indexes["off"]
    assert len(indexes["on"]) > 500
