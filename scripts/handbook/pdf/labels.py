"""Words the PDF prints around the handbook's own text (cover, contents), in each language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "ru": {
        # A seminar edition (issue 18, point 10).
        "organiser": "Организатор",
        "programme": "Программа семинара",
        "local-contacts": "Контакты в регионе",
        "contents": "Содержание",
        "partners": "Партнёры проекта",
        "edition": "Издание",
        "standard": "Полное издание",
        "large-print": "Издание крупным шрифтом",
        "handout": "Раздаточный материал",
        "seminar": "Издание для семинара",
        "annex": "Региональное приложение",
        "from": "Из рекомендаций",
        "page": "Страница",
        "colophon": "Выходные сведения",
        "date": "Дата выпуска",
        "site": "Сайт",
        "licence": "Лицензия",
        # A cross-reference's page in print: «см. главу «…», с. 42» (issue 18, point 5).
        "page-abbr": "с.",
        "quote-open": "«",
        "quote-close": "»",
    },
    "en": {
        # A seminar edition (issue 18, point 10).
        "organiser": "Organiser",
        "programme": "Programme",
        "local-contacts": "Local contacts",
        "contents": "Contents",
        "partners": "Project partners",
        "edition": "Edition",
        "standard": "Complete edition",
        "large-print": "Large-print edition",
        "handout": "Handout",
        "seminar": "Seminar edition",
        "annex": "Regional annex",
        "from": "From the handbook",
        "page": "Page",
        "colophon": "Colophon",
        "date": "Date",
        "site": "Website",
        "licence": "Licence",
        # A cross-reference's page in print: «см. главу «…», с. 42» (issue 18, point 5).
        "page-abbr": "p.",
        "quote-open": "“",
        "quote-close": "”",
    },
    "fi": {
        # A seminar edition (issue 18, point 10).
        "organiser": "Järjestäjä",
        "programme": "Ohjelma",
        "local-contacts": "Alueen yhteystiedot",
        "contents": "Sisällys",
        "partners": "Hankkeen kumppanit",
        "edition": "Painos",
        "standard": "Täydellinen painos",
        "large-print": "Isokirjainpainos",
        "handout": "Jakomateriaali",
        "seminar": "Seminaaripainos",
        "annex": "Alueellinen liite",
        "from": "Julkaisusta",
        "page": "Sivu",
        "colophon": "Julkaisutiedot",
        "date": "Päivämäärä",
        "site": "Verkkosivusto",
        "licence": "Lisenssi",
        # A cross-reference's page in print: «см. главу «…», с. 42» (issue 18, point 5).
        "page-abbr": "s.",
        "quote-open": "”",
        "quote-close": "”",
    },
    "nb": {
        # A seminar edition (issue 18, point 10).
        "organiser": "Arrangør",
        "programme": "Program",
        "local-contacts": "Lokale kontakter",
        "contents": "Innhold",
        "partners": "Prosjektpartnere",
        "edition": "Utgave",
        "standard": "Fullstendig utgave",
        "large-print": "Utgave med stor skrift",
        "handout": "Utdelingsark",
        "seminar": "Seminarutgave",
        "annex": "Regionalt vedlegg",
        "from": "Fra håndboken",
        "page": "Side",
        "colophon": "Kolofon",
        "date": "Dato",
        "site": "Nettsted",
        "licence": "Lisens",
        # A cross-reference's page in print: «см. главу «…», с. 42» (issue 18, point 5).
        "page-abbr": "s.",
        "quote-open": "«",
        "quote-close": "»",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels of ``language``; English for a language added later and not yet listed here."""
    return {**LABELS["en"], **LABELS.get(language, {})}


def localized(value: object, language: str, source_language: str = "ru") -> str:
    """A conf.py value that is either one string or a {language: string} dict."""
    if isinstance(value, dict):
        return str(value.get(language) or value.get("en") or value.get(source_language) or "")
    return "" if value is None else str(value)
