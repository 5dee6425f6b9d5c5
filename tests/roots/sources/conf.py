# Sources cited briefly in footnotes and listed once (docs/_data/sources.toml): two acts, one article.
handbook_source_language = "ru"
handbook_languages = ["ru"]
handbook_titles = {"ru": "Тест"}
handbook_base_url = ""

project = "Тест"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "furo"
