"""A small book for the print layout tests (issue 18, points 4-6): two chapters, an annex, events,
cross-references, a download, double-sided layout (the tests add the public address)."""

handbook_source_language = "ru"
handbook_languages = ["ru"]
handbook_titles = {"ru": "Книга для проверки", "en": "Test book"}
project = handbook_titles["ru"]
author = "Тест"
language = "ru"
root_doc = "index"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
locale_dirs = ["../locales"]
gettext_compact = False
html_theme = "furo"

handbook_pdf_variants = ["standard"]
handbook_pdf_year = 2020
handbook_pdf_partners = {"ru": ["Партнёр «Один»", "Партнёр «Два»"], "en": ["Partner One", "Partner Two"]}
handbook_pdf_duplex = True
handbook_pdf_exclude = ["downloads"]
handbook_pdf_timeout = 300
handbook_pdf_screen_only = {"ru": ["включён JavaScript", "Подписаться"], "en": ["Subscribe to events"]}
