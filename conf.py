"""The one place to configure the handbook: Sphinx settings and handbook settings.

The command-line tool builds each language separately and passes ``language`` for it;
everything else is the same for every language.
"""

# -- The handbook ---------------------------------------------------------------------------

handbook_source_language = "ru"
# Languages in the order the switcher shows them; the first is the source language.
handbook_languages = ["ru", "en", "fi", "nb"]
handbook_titles = {
    "ru": "Рекомендации для НКО: новые социальные услуги и государственное финансирование",
    "en": "Recommendations for NGOs: new social services and state funding",
    "fi": "Suosituksia järjestöille: uudet sosiaalipalvelut ja julkinen rahoitus",
    "nb": "Anbefalinger for frivillige organisasjoner: nye sosiale tjenester og offentlig finansiering",
}
# Where the site is published; used for absolute hreflang links. Empty: relative links.
handbook_base_url = ""

# -- Sphinx ---------------------------------------------------------------------------------

project = handbook_titles[handbook_source_language]
author = "Партнёры проекта"
copyright = "2020, партнёры проекта"
language = handbook_source_language
root_doc = "index"

extensions = [
    "myst_parser",
    "handbook.sphinxext",
]

exclude_patterns = ["_build", "**/.*"]
source_suffix = {".md": "markdown"}

# Not "substitution": MyST renders substitutions with an unsandboxed Jinja environment that can
# reach Python objects, and a translation can contain "{{ … }}" — a way to run code in the build.
myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_block",
    "attrs_inline",
]

# -- Translations (see FIELD-NOTES: locale_dirs is relative to docs/) ------------------------

locale_dirs = ["../locales"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_allow_fuzzy_translations = False
gettext_additional_targets = ["index", "image"]
figure_language_filename = "{path}{basename}.{language}{ext}"

# -- HTML -----------------------------------------------------------------------------------

html_theme = "furo"
html_static_path = ["docs/_static"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# -- Translators' tools (make check, make stats) ---------------------------------------------

# Approved terms in every language (TBX; Weblate imports it as a glossary).
handbook_glossary = "locales/glossary.tbx"
