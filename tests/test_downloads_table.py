"""The downloads page's table of PDFs, made without a build."""

from handbook.pdf.downloads import _table
from handbook.pdf.manifest import Entry


def test_downloads_table_says_one_page_not_one_pages():
    entries = [Entry("pdf/handout-en-x.pdf", "en", "handout-x", "X", 1, 2048, ""),
               Entry("pdf/handbook-en.pdf", "en", "standard", "Y", 125, 4096, "")]
    text = _table(entries, "en", "downloads").astext()
    assert "2 KB, 1 page" in text and "1 pages" not in text and "4 KB, 125 pages" in text
