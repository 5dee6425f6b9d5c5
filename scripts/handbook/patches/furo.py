"""Furo: the navigation tree made once per folder (handbook.sphinxext.navigation holds the tree,
its cache and the marks; this installs it in place of Furo's own).

It changes nothing in the pages (tests/test_navigation.py compares pages built with and without).
"""

from __future__ import annotations

from handbook.patches import Patch, register


def _install() -> None:
    import furo

    from handbook.sphinxext import navigation

    if navigation._furo_compute is None:
        navigation._furo_compute = furo._compute_navigation_tree
        furo._compute_navigation_tree = navigation._navigation_tree


register(Patch(
    "furo-navigation-once", "furo", frozenset({"2025.12.19"}), "furo._compute_navigation_tree",
    "for every page Furo resolves the whole table of contents and reworks it with BeautifulSoup: "
    "quadratic in pages",
    "Furo computing the navigation tree once per folder (or per build) and marking the page",
    True, _install, kind="sphinx"))
