# A tiny four-language project laid out like the handbook: chapters and practice cards are found
# by glob toctrees, so a new file is in the table of contents without editing an index.
handbook_source_language = "ru"
handbook_languages = ["ru", "en", "fi", "nb"]
handbook_titles = {"ru": "Тест", "en": "Test", "fi": "Testi", "nb": "Test"}
handbook_base_url = ""

project = "Тест"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_block", "attrs_inline"]
locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
html_theme = "furo"
