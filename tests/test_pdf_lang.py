"""Every passage of a PDF carries its language: a Russian passage in a Finnish book has /Lang (ru)
on its structure element (patches/weasyprint_lang.py), and nothing else of the structure tree
differs from WeasyPrint's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from support import REPO

HTML = """<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Kirja</title></head><body>
<h1>Suomeksi</h1>
<p>Tämä kappale on suomeksi.</p>
<section lang="ru"><h2>По-русски</h2><p>Этот абзац не переведён, <em>совсем</em>.</p>
<p>Внутри него <span lang="fi">suomenkielinen lause</span> и снова русский.</p></section>
<p>Lopuksi taas suomea.</p>
</body></html>"""

RENDER = """
import sys
from handbook import patches
patches.install("pdf", only=lambda patch: patch.name == "weasyprint-lang-of-parts")
from weasyprint import HTML
HTML(string=sys.stdin.read()).write_pdf(sys.argv[1], pdf_variant="pdf/ua-1", uncompressed_pdf=True)
"""


def render(path: Path, patched: bool) -> Path:
    env = {"PYTHONPATH": str(REPO / "scripts"), "HANDBOOK_PATCHES": "on" if patched else "off",
           "SOURCE_DATE_EPOCH": "1600000000", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", RENDER, str(path)], input=HTML, text=True, env=env, check=True,
                   capture_output=True, timeout=120)
    return path


def structure(node, texts, langs, inherited="fi"):
    """The structure tree as nested (tag, children) tuples; records each marked text's language."""
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if not isinstance(node, DictionaryObject):
        return ("mcid",)
    lang = str(node["/Lang"]) if "/Lang" in node else inherited
    if "/Lang" in node:
        langs.append(str(node["/Lang"]))
    kids = node.get("/K", [])
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    texts.append((str(node.get("/S")), lang))
    return (str(node.get("/S")), tuple(structure(k, texts, langs, lang) for k in kids))


def tree_of(pdf: Path):
    root = PdfReader(pdf).trailer["/Root"]
    texts, langs = [], []
    return structure(root["/StructTreeRoot"], texts, langs), texts, langs, str(root.get("/Lang"))


def test_a_passage_in_another_language_carries_it_and_nothing_else_changes(tmp_path):
    upstream, _, upstream_langs, catalog = tree_of(render(tmp_path / "off.pdf", patched=False))
    patched, elements, langs, patched_catalog = tree_of(render(tmp_path / "on.pdf", patched=True))
    assert catalog == patched_catalog == "fi"
    assert upstream_langs == []  # WeasyPrint alone: the document's language only
    assert patched == upstream  # the same elements in the same places: only /Lang is added
    assert set(langs) == {"ru", "fi"}  # the section, and the Finnish phrase inside it
    headings = [lang for tag, lang in elements if tag in ("/H1", "/H2")]
    assert headings == ["fi", "ru"]
    paragraphs = [lang for tag, lang in elements if tag == "/P"]
    assert paragraphs == ["fi", "ru", "ru", "fi"]
