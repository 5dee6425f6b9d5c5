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
# A language whose share of the source's words translated (make stats) is below its threshold is
# built for review only: no switcher, sitemap, site index or downloads page leads readers to it.
# fi and nb are published while partly translated: each page's notice and the downloads page say
# how much of it is in that language. make add-language gives a new language 0.5.
handbook_publish_threshold = {"en": 0.5, "fi": 0.1, "nb": 0.1}
# The site's public address (https://…): sitemap, hreflang, canonical, og:url, feeds and the 404
# page then use absolute addresses. Empty: relative ones. `make html BASE_URL=…` overrides it.
handbook_base_url = ""
# The project's last day (it ran from December 2019 to October 2020: docs/project/about.md). An
# event without a date is shown as having no record of taking place once this day has passed.
handbook_project_end = "2020-10-31"
# An image bigger than this is reported at its page's line and fails the build (0: no limit). No image
# of the handbook needs more: a full-page photo for print is 2–5 MB and about 2,500 px wide.
handbook_image_max_bytes = 10_000_000  # size of the file
handbook_image_max_pixels = 40_000_000  # width × height: the PDF renderer holds every pixel in memory

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

# Absolute: Sphinx reads it from docs/, sphinx-intl (`sphinx-intl update`, `stat`) from this folder.
from pathlib import Path  # noqa: E402

locale_dirs = [str(Path(__file__).resolve().parent / "locales")]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_allow_fuzzy_translations = False
gettext_additional_targets = ["index"]  # not "image": figures are localized by file name (below), and a translated image directive would replace the translated alt text
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
# Editorial goals that `make check` reports (not the tests: a translation that falls behind breaks no
# build). The Russian text of these documents has at least this many words [min-words]:
handbook_min_source_words = 12000
handbook_min_source_words_in = ["chapters/", "annexes/"]
# The documents each language promises fully translated, by name or its beginning ("" is every
# document): an untranslated or fuzzy message in one is reported [incomplete-translation].
handbook_promised_translations = {
    "en": [""],
    "fi": ["chapters/01-introduction", "chapters/11-roadmap", "project/", "events/", "practices/"],
    "nb": ["chapters/01-introduction", "chapters/11-roadmap", "project/", "events/", "practices/"],
}

# -- PDF (make pdf; see scripts/handbook/pdf/) ----------------------------------------------

# What `make pdf` and `make` build for every language; handouts are added to these.
handbook_pdf_variants = ["standard", "large-print"]
handbook_pdf_subtitle = {
    "ru": "Как запустить новую социальную услугу для людей с инвалидностью и получить на неё "
          "государственное финансирование",
    "en": "How to launch a new social service for people with disabilities and obtain state funding for it",
    "fi": "Miten käynnistää uusi sosiaalipalvelu vammaisille ihmisille ja saada sille julkista rahoitusta",
    "nb": "Hvordan starte en ny sosial tjeneste for personer med funksjonsnedsettelser og få offentlig "
          "finansiering til den",
}
handbook_pdf_year = 2020
handbook_pdf_partners = {
    "ru": ["Общество «Финляндия — Россия» (Оулу)", "«Детство на Двине» (Саннес)",
           "Архангельский центр социальных технологий «Гарант»",
           "Центр устойчивого развития Псковской области",
           "Центр женских инициатив (Тосно, Ленинградская область)"],
    "en": ["Finland-Russia Society (Oulu)", "The Childhood by the Dvina (Sandnes)",
           "Arkhangelsk Centre of Social Technologies “Garant”",
           "Centre of Sustainable Development of Pskov Region",
           "Centre of Women's Initiatives (Tosno, Leningrad Region)"],
    "fi": ["Suomi-Venäjä-Seura (Oulu)", "The Childhood by the Dvina (Sandnes)",
           "Arkangelin sosiaaliteknologian keskus ”Garant”",
           "Pihkovan alueen kestävän kehityksen keskus",
           "Naisten aloitteiden keskus (Tosno, Leningradin alue)"],
    "nb": ["Finland–Russland-foreningen (Suomi-Venäjä-Seura, Oulu)", "The Childhood by the Dvina (Sandnes)",
           "Arkhangelsk senter for sosiale teknologier «Garant»",
           "Senter for bærekraftig utvikling i Pskov oblast",
           "Senter for kvinners initiativ (Tosno, Leningrad oblast)"],
}
# Regional seminar editions (make pdf EDITION=pskov): the whole handbook with the seminar's cover
# line, date, venue, programme, local contacts and organiser where known; of the regional chapter's
# region sections only the edition's is kept, as an annex. One data file per edition in this folder
# (pskov.toml → EDITION=pskov; the format: scripts/handbook/pdf/editions.py).
handbook_pdf_regional_document = "chapters/10-regions"
handbook_pdf_editions = "docs/_data/editions"
# Handouts: standalone PDFs of a few sections (a label, or the section's anchor); "name": the
# downloads page's name for it, in English, translated in each language's sphinx.po.
handbook_pdf_handouts = {
    "roadmap-checklist": {"document": "chapters/11-roadmap", "sections": ["chek-list"],
                          "name": "Handout: roadmap checklist"},
    "costing-worksheet": {"document": "chapters/06-costing", "sections": ["costing-example", "chek-list"],
                          "name": "Handout: costing"},
}
handbook_pdf_exclude = ["downloads"]  # site pages that are not part of the printed handbook
handbook_pdf_toc_depth = 3
handbook_pdf_tagged = True  # PDF/UA-1: structure tree, /Lang, title
# Book layout for double-sided printing: mirrored margins, chapters open on a right-hand page.
# `make pdf DUPLEX=0` (or False here) gives the one-sided layout for office printers.
handbook_pdf_duplex = True
# The licence printed in the colophon (a string or {language: string}). The partners have not
# stated one: empty, the colophon has no licence line.
handbook_pdf_licence = ""
handbook_pdf_timeout = 900  # seconds per PDF before the renderer is stopped
# The print preflight (make pdf; README, "Print preflight"): phrases that work only on a screen and
# must not reach a PDF, by language (keep them out with ```{only} not print```).
handbook_pdf_screen_only = {
    "ru": ["включён JavaScript", "Обзор по полям", "Подписаться"],
    "en": ["JavaScript is enabled", "Subscribe to events"],
    "fi": ["JavaScript", "Tilaa tapahtumat"],
    "nb": ["JavaScript", "Abonner på arrangementer"],
}
# Placeholders that must never reach a PDF (a detail not known is left out instead), by language;
# the preflight fails a PDF that contains one [pdf-placeholder].
handbook_pdf_placeholders = {
    "ru": ["заполняют партнёры", "Дата будет объявлена", "Lorem ipsum", "TBD", "TBA"],
    "en": ["to be announced", "to be confirmed", "Lorem ipsum", "TBD", "TBA"],
    "fi": ["ilmoitetaan myöhemmin", "Lorem ipsum", "TBD", "TBA"],
    "nb": ["kunngjøres senere", "Lorem ipsum", "TBD", "TBA"],
}
# Checks whose findings are warnings, not errors, until their cause is fixed (issue 18). Each
# line says why; remove it when the cause is gone.
handbook_pdf_preflight_pending = []
