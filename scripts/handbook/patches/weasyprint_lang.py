"""WeasyPrint 70 writes the document's language once, in the catalog (``/Lang`` from ``<html
lang>``), and never on the structure elements of a passage in another language.

The Finnish and Norwegian books print untranslated chapters in Russian, marked ``lang="ru"`` in
the HTML (sphinxext/passage_lang.py), so a screen reader would read them with a Finnish or
Norwegian voice (PDF/UA-1 7.2, WCAG 3.1.2). ``weasyprint.pdf.tags._build_box_tree`` makes one
structure element per box; the patch gives the element of each box whose HTML element carries a
``lang`` attribute that language as ``/Lang``, which its descendants inherit. It adds no object
and changes nothing else: without the ``/Lang`` entries the structure tree is upstream's
(tests/test_pdf_lang.py compares them).
"""

from __future__ import annotations

from typing import Any

from handbook.patches import Patch, register


def _own_lang(box: Any) -> str | None:
    box = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) == "html":
        return None  # the root's language is the catalog's /Lang already
    lang = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not isinstance(lang, str):
        return None
    return lang.strip() or None


def _with_lang(original: Any) -> Any:
    def build_box_tree(box: Any, *args: Any, **kwargs: Any) -> Any:
        import pydyf

        lang = _own_lang(box)
        for element in original(box, *args, **kwargs):
            # The elements yielded are this box's (or, for boxes WeasyPrint does not tag, its
            # children's, which got their own language first: never overwritten).
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    return build_box_tree


def install() -> None:
    from weasyprint.pdf import tags

    # The function calls itself through the module's global name: every level is wrapped.
    tags._build_box_tree = _with_lang(tags._build_box_tree)


register(Patch(
    "weasyprint-lang-of-parts",
    "weasyprint", frozenset({"70.0"}), "weasyprint.pdf.tags._build_box_tree",
    "a passage in another language than the document's gets /Lang on its structure element; off, "
    "the Russian chapters of the fi and nb books are tagged Finnish and Norwegian (PDF/UA-1 7.2)",
    "none known: WeasyPrint writes only the catalog's /Lang (pull request #1695); remove once "
    "pdf/tags.py writes /Lang for elements with a lang attribute (to be proposed upstream)",
    False, install))
