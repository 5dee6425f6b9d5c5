"""One cache of search-index stems per build instead of one per page.

Sphinx stems every word of every page for the search index, and memoises the stems of one page
only. The same words come back on every page: on the handbook repeated five times, stemming
Russian took 30 % of the HTML writing (snowball's stemmer, 72,000 calls for 92 pages). The
language's stemmer gets a cache that lives as long as the build; the index is the same.
"""

from __future__ import annotations

import functools
from typing import Any

from sphinx.application import Sphinx


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
    app.connect("doctree-resolved", _cache_stems)
