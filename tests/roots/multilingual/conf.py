# A tiny four-language project: a deep page, Cyrillic headings, a label, a translated heading.
handbook_source_language = "ru"
handbook_languages = ["ru", "en", "fi", "nb"]
handbook_titles = {"ru": "Тест", "en": "Test", "fi": "Testi", "nb": "Test"}
handbook_base_url = ""

project = "Тест"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
html_theme = "furo"
