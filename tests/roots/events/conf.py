# Events: two held, a planned period far in the future, a planned one without a date; built in Russian
# and Finnish (the interface strings, from the repository's sphinx.po, are under test).
handbook_source_language = "ru"
handbook_languages = ["ru", "fi"]
handbook_titles = {"ru": "События", "fi": "Tapahtumat"}
handbook_base_url = "https://example.org/handbook"

project = "События"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
locale_dirs = ["../locales"]
html_theme = "furo"
gettext_compact = False
