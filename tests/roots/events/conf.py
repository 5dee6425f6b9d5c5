# Events with and without dates: one past, one far in the future, one to be announced.
handbook_source_language = "ru"
handbook_languages = ["ru"]
handbook_titles = {"ru": "События"}
handbook_base_url = "https://example.org/handbook"

project = "События"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
locale_dirs = ["../locales"]
html_theme = "furo"
