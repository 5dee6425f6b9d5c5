"""The search index's stems: Finnish -us nouns stemmed alike, and one cache of stems per build.

Finnish: Snowball's Finnish stemmer leaves the stem of a noun in -us/-os/-ys (rahoitus «funding»,
tulos, kysymys) in three shapes: «rahoitus» (nominative), «rahoituks» (rahoituksen, rahoitukset,
rahoitukseen…) and «rahoitu» (rahoitusta, whose partitive -ta it takes for the elative -sta). Each
finds other pages. A stem that ends in a vowel and then «s» or «ks» loses that ending, so all three
become «rahoitu»; compounds («rahoituslähde») are still found, as Sphinx's search matches a stem
inside longer words. The rule is applied twice, alike: here to the words of the index, and in the
browser to the words of a query (the same rule in JavaScript, in the page's language_data.js).
What it costs: some unrelated words meet (tulos «result» and tulo «income»). Other consonant
gradation (tarve/tarpeen) is left to the stemmer as it is.

Cache: Sphinx stems every word of every page for the search index, and memoises the stems of one
page only. The same words come back on every page: on the handbook repeated five times, stemming
Russian took 30 % of the HTML writing (snowball's stemmer, 72,000 calls for 92 pages). The
language's stemmer gets a cache that lives as long as the build; the index is the same.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sphinx import search
from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish
from sphinx.search.fi import SearchFinnish

FINNISH_S_ENDING = re.compile(r"([aeiouyäö])k?s$")
# The same rule for the query, wrapped around Snowball's Finnish stemmer (keep the two alike:
# tests/web/test_search_forms.py compares them word by word in a browser). No look-behind: Safari
# before 16.4 would reject the whole script, and search with it.
FINNISH_JS = """
var Stemmer = function () {
  const snowball = new FinnishStemmer();
  this.stemWord = function (word) {
    const stem = snowball.stemWord(word);
    const shorter = stem.replace(/([aeiouyäö])k?s$/, "$1");
    return shorter.length >= 3 ? shorter : stem;
  };
};
"""


def finnish_stem(stem: str) -> str:
    """A Snowball Finnish stem, with the -us/-uks ending of its noun folded (see above)."""
    shorter = FINNISH_S_ENDING.sub(r"\1", stem)
    return shorter if len(shorter) >= 3 else stem


class HandbookFinnish(SearchFinnish):
    # No raw stemmer file: the stemmer, its base and the rule go into language_data.js together.
    js_stemmer_rawcode = ""
    js_stemmer_code = "\n".join((
        (search._MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
        (search._MINIFIED_JS_PATH / "finnish-stemmer.js").read_text(encoding="utf-8"),
        FINNISH_JS,
    ))

    def stem(self, word: str) -> str:
        return finnish_stem(super().stem(word))


# English queries: «service's» and «services'» are the noun «service(s)»; Sphinx's splitter made
# «service's» the two terms «service» and «s», and its search then let a page with only «s»
# (from «women's») count as matching the one term of three letters or more. The possessive is
# dropped before the split, as Snowball drops it from a word. The template writes this code
# without marking it safe: no quotes, no < > or & in it.
ENGLISH_SPLITTER_JS = r"""
function splitQuery(query) {
  return query
    .replace(/[\u0027\u2019]s?(?![\p{L}\p{N}_])/gu, String.fromCharCode(32))
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter(function (term) { return term; });
}
"""


class HandbookEnglish(SearchEnglish):
    js_splitter_code = ENGLISH_SPLITTER_JS


def _cache_stems(app: Sphinx, doctree: Any, docname: str) -> None:
    # The indexer exists once the HTML builder prepares writing, after the documents are read
    # and before the first is indexed; each document is resolved just before it is indexed.
    indexer = getattr(app.builder, "indexer", None)
    language = getattr(indexer, "lang", None)
    if language is None or getattr(language, "_handbook_cached_stems", False):
        return
    language.stem = functools.lru_cache(maxsize=None)(language.stem)
    language._handbook_cached_stems = True


def setup(app: Sphinx) -> None:
    app.add_search_language(HandbookFinnish)
    app.add_search_language(HandbookEnglish)
    app.connect("doctree-resolved", _cache_stems)
