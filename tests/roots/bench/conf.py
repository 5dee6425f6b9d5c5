"""A tiny two-language handbook for the benchmark's test: two chapters with labels, one PDF."""

handbook_source_language = "ru"
handbook_languages = ["ru", "en"]
handbook_titles = {"ru": "Справочник для замеров", "en": "Handbook for measurements"}
project = handbook_titles["ru"]
author = "Тест"
language = "ru"
root_doc = "index"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
html_theme = "furo"

handbook_pdf_variants = ["standard"]
handbook_pdf_year = 2020
handbook_pdf_exclude = ["downloads"]
handbook_pdf_timeout = 300
