"""The print form of what works only on a screen (issue 18, point 4).

A download link or a link to a page of the site that the PDF leaves out (``handbook_pdf_exclude``,
such as the PDF downloads page) cannot be clicked on paper: its text stays, and a footnote gives
the file's or page's address on the site — in full when ``handbook_base_url`` is set, else its
path from the site's root (the build says so once).
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes

from handbook.pdf.assemble import global_id


def site_root(base_url: str) -> str:
    """What an address on the site starts with: ``https://…/`` or "" (a path from the site's root)."""
    base = base_url.strip().rstrip("/")
    return f"{base}/" if base else ""


def _note(address: str, source: nodes.Node) -> nodes.inline:
    note = nodes.inline("", address, classes=["print-footnote", "print-address"])
    note.source, note.line = source.source, source.line
    return note


def download_addresses(tree: nodes.Element, root: str, language: str) -> int:
    """Each download link becomes its text followed by a note with the file's address; returns
    how many there were."""
    count = 0
    for download in list(tree.findall(addnodes.download_reference)):
        filename = download.get("filename", "")
        # Plain words: on the screen the link is set as code (a button), on paper it is text.
        text = nodes.Text(download.astext())
        if not filename:  # not a file of the project (Sphinx warned): the text alone
            download.replace_self(text)
            continue
        count += 1
        download.replace_self([text, _note(f"{root}{language}/_downloads/{filename}", download)])
    return count


def excluded_page_addresses(tree: nodes.Element, excluded: Iterable[str], root: str, language: str,
                            ) -> int:
    """Links to site pages the PDF leaves out: the text, then a note with the page's address.
    Run after ``assemble.rewrite_links`` (the links point at ids of the print document)."""
    pages = {global_id(docname): f"{root}{language}/{docname}.html" for docname in excluded}
    count = 0
    for ref in list(tree.findall(nodes.reference)):
        target = ref.get("refid", "")
        page = next((address for prefix, address in pages.items()
                     if target == prefix or target.startswith(prefix + "--")), None)
        if page is None:
            continue
        count += 1
        ref.replace_self([nodes.inline("", "", *ref.children), _note(page, ref)])
    return count
