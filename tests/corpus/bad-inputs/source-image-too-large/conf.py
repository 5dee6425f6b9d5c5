# The smallest project: one page in Russian and its Finnish translation (the bad-inputs corpus).
handbook_source_language = "ru"
handbook_languages = ["ru", "fi"]
handbook_titles = {"ru": "Тест", "fi": "Testi"}
handbook_base_url = ""

project = "Тест"
language = "ru"
extensions = ["myst_parser", "handbook.sphinxext"]
exclude_patterns = ["_build"]
locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
html_theme = "furo"
gettext_additional_targets = ["image"]  # a project may let translations name a localised figure (the handbook uses figure_language_filename)
# The case: the limit lowered, so that a small image in the corpus stands for a 50 MB photo.
handbook_image_max_bytes = 2_000
