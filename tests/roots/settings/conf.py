# A project whose conf.py has a misspelt and a mistyped handbook setting (tests/test_settings.py).
handbook_languages = ["ru"]
handbook_langauges = ["ru", "fi"]
handbook_pdf_duplex = "yes"

project = "Настройки"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
html_theme = "furo"
