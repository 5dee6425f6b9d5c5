# A tiny two-language project for the translators' tools: one page fully translated, one partly.
handbook_source_language = "ru"
handbook_languages = ["ru", "fi"]
handbook_titles = {"ru": "Тест", "fi": "Testi"}
handbook_base_url = ""
handbook_glossary = "locales/glossary.tbx"

project = "Тест"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["attrs_inline", "substitution"]
locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
gettext_allow_fuzzy_translations = False
html_theme = "furo"
