"""A tiny handbook for the PDF tests: two chapters, a regional chapter, a long table, footnotes."""

handbook_source_language = "ru"
handbook_languages = ["ru", "fi", "nb"]
handbook_titles = {"ru": "Проверочный справочник", "fi": "Testikäsikirja", "nb": "Testhåndbok"}
project = handbook_titles["ru"]
author = "Тест"
language = "ru"
root_doc = "index"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
locale_dirs = ["../locales"]
gettext_compact = False
html_theme = "furo"

handbook_pdf_variants = ["standard", "large-print"]
handbook_pdf_subtitle = {"ru": "Подзаголовок для проверки", "fi": "Testin alaotsikko"}
handbook_pdf_year = 2020
handbook_pdf_partners = {"ru": ["Партнёр «Один»", "Партнёр «Два»"], "en": ["Partner One", "Partner Two"]}
handbook_pdf_regional_document = "chapters/03-regions"
handbook_pdf_editions = {
    "pskov": {"region": "regions-pskov", "seminar": {"ru": "Семинар в Пскове", "fi": "Seminaari Pihkovassa"}},
    "tosno": {"region": "regions-leningrad", "seminar": {"ru": "Семинар в Тосно"}},
}
handbook_pdf_handouts = {
    "checklist": {"document": "chapters/02-money", "sections": ["money-checklist"]},
}
handbook_pdf_exclude = ["downloads"]
handbook_pdf_timeout = 300
