"""The search index's stems (sphinxext/search_stems.py): the build-long cache leaves the index as
it was; the Python stemmers are the Snowball release of the browser's; Finnish -us nouns meet."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import snowballstemmer
from sphinx import search

from handbook.sphinxext.search_stems import HandbookFinnish, finnish_stem
from support import REPO, ROOTS, copy_project

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
GENERATED = re.compile(r"Generated from (\w+)\.sbl by Snowball ([\d.]+)")


@pytest.mark.slow  # builds with and without the speed-up
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


@pytest.mark.parametrize("algorithm", ["russian", "english", "finnish", "norwegian"])
def test_the_index_and_the_browser_use_one_snowball_release(algorithm):
    # Releases differ in a few words (3.1.1 stems «international» to «internat», 3.0.1 to
    # «intern»): a query stemmed otherwise than the index finds nothing.
    python = Path(snowballstemmer.__file__).with_name(f"{algorithm}_stemmer.py").read_text(encoding="utf-8")
    js = (search._NON_MINIFIED_JS_PATH / f"{algorithm}-stemmer.js").read_text(encoding="utf-8")
    assert GENERATED.search(python).groups() == GENERATED.search(js).groups(), (
        "pin snowballstemmer in pyproject.toml and requirements.lock to the Snowball release "
        "of Sphinx's JavaScript stemmers")


def test_finnish_us_nouns_have_one_stem():
    finnish = HandbookFinnish({})
    for forms in (["rahoitus", "rahoituksen", "rahoitusta", "rahoitukseen", "rahoitukset"],
                  ["tulos", "tuloksen", "tulosta", "tuloksia"],
                  ["kysymys", "kysymyksen", "kysymystä", "kysymykset"]):
        assert len({finnish.stem(form) for form in forms}) == 1, [finnish.stem(f) for f in forms]


def test_the_finnish_rule_leaves_other_stems_alone():
    finnish = HandbookFinnish({})
    assert [finnish.stem(w) for w in ("palvelu", "palvelun", "palveluja")] == ["palvelu"] * 3
    assert finnish_stem("kurss") == "kurss"  # «s» after a consonant stays
    assert finnish_stem("os") == "os"  # too short to lose anything
