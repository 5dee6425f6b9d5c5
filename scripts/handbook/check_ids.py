"""Every check id the toolchain reports, in one table: what it means, how to fix it, whether it may
be silenced. Emitters take their ids from here (an id not in the table is our bug: ``KeyError``),
the README's tables are checked against it, and ``handbook checks`` prints it.

The ids are stable: translators, authors and CI search for them and silence them by name. A line
printed by our own commands ends with ``[id]``; a Sphinx warning ends with ``[handbook.id]``
(``type="handbook"``, ``subtype=id``). One mechanism silences an id everywhere: conf.py's standard
``suppress_warnings = ["handbook.<id>"]``, honoured by the build, ``make check`` and the PDF preflight
for the ids marked silenceable; a translator silences one entry with ``# handbook-ignore: <id>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SPHINX_TYPE = "handbook"
ERROR, WARNING = "error", "warning"
# Who may silence a check: nobody (safety, a file that cannot be read, text that would be lost),
# CI or a maintainer for the whole project (suppress_warnings in conf.py), or also a translator
# for one entry of a .po file (# handbook-ignore: <id>, kept by Poedit, Weblate and make update-po).
NEVER, PROJECT, ENTRY = "never", "suppress_warnings", "entry"
APPLIES = ("translation", "source", "build", "pdf", "settings")


@dataclass(frozen=True)
class Check:
    id: str
    applies: str   # one of APPLIES, or several joined by ", "
    level: str     # ERROR or WARNING: how it is reported unless a setting says otherwise
    meaning: str   # what is wrong, one line
    fix: str       # how to fix it, in the user's terms
    silence: str = NEVER

    @property
    def silenceable(self) -> bool:
        return self.silence != NEVER


T, S, B, P, C = "translation", "source", "build", "pdf", "settings"
E, W = ERROR, WARNING

_TABLE = [
    # -- translations (.po files): make check, and the build where readers would see it ----------
    Check("role", T, E, "a role such as {ref}, {doc} or {term}, or its target, differs from the source",
          "translate only the visible text; keep the role and its target <…> as in the source"),
    Check("link", T, E, "a link's address [text](address) differs from the source",
          "keep the address of the source"),
    Check("link-changed", f"{T}, {B}", E, "a link inside the handbook was replaced by a link to another site",
          "keep the link target of the source text"),
    Check("inline-code", T, E, "`code` differs from the source", "copy the `code` exactly as in the source"),
    Check("footnote", T, E, "a footnote mark [^1] differs from the source", "keep every [^name] of the source"),
    Check("substitution", T, E, "a {{ name }} differs from the source", "keep every {{ name }} of the source"),
    Check("placeholder", T, E, "a %(name)s, %s or {name} differs from the source",
          "keep every %s, %(name)s or {name} as in the source", ENTRY),
    Check("raw-html", f"{T}, {S}", E, "HTML the source does not have, or HTML that is not plain formatting",
          "write plain text or Markdown instead; a <script>, on…= attribute or javascript: address is never allowed"),
    Check("directive", T, E, "a directive, code fence or (label)= target the source does not have",
          "translate only the text; the structure comes from the source"),
    Check("dropped", T, E, "the translation starts a list, heading or quote, or adds an empty line, where the "
          "source does not: the site would silently show the Russian text",
          "start the translation as the source starts, without an empty line"),
    Check("control-character", T, E, "an invisible character the source does not have (a control character, "
          "a zero-width space, a direction mark…)", "retype the words around it", ENTRY),
    Check("number", T, E, "a number of the source is missing or changed",
          "write the source's numbers (in your language's format)", ENTRY),
    Check("address", T, E, "a web or e-mail address differs from the source or is missing",
          "copy web and e-mail addresses exactly as in the source", ENTRY),
    Check("unbalanced-markup", T, E, "a **, * or ` is left open where the source closes it",
          "close the mark as the source does", ENTRY),
    Check("spaces", T, E, "the translation starts or ends with spaces the source does not have (or lacks them)",
          "begin and end the translation as the source does", ENTRY),
    Check("too-long", T, E, "the translation is more than 3 times as long as the source plus 200 characters",
          "remove what was pasted into it by mistake", ENTRY),
    Check("syntax", T, E, "the .po file cannot be read (an unclosed quote, a line without a keyword…)",
          "fix the quoting or keyword on that line (Poedit shows it too)"),
    Check("encoding", T, E, "the .po file is not UTF-8", "open it in Poedit or a text editor and save it as UTF-8"),
    Check("plural-forms", T, E, "the Plural-Forms header is missing or wrong for the file's language",
          "write the Plural-Forms header the message gives"),
    Check("duplicate", T, E, "a message appears twice in one .po file",
          "delete one of the two entries, keeping the better translation"),
    Check("glossary", T, W, "the source uses a glossary term and the translation none of its approved forms",
          "use an approved form of locales/glossary.tbx, or approve another form there", ENTRY),
    Check("glossary-file", T, E, "locales/glossary.tbx cannot be read",
          "fix it or export it again from Weblate"),
    Check("copied-source", T, W, "the Russian text was copied unchanged", "translate it, or leave the msgstr empty",
          ENTRY),
    Check("double-space", T, W, "two spaces in a row", "use one space", ENTRY),
    Check("punctuation", T, W, "the end punctuation differs from the source", "end as the source ends", ENTRY),
    Check("stale-catalog", T, E, "the Russian page changed after its catalogs were last updated",
          "run make update-po, then translate what became fuzzy", PROJECT),
    Check("interface-missing", T, E, "a string of the site's interface is missing in a published language",
          "run make update-po LANGS=… to add it (for Russian copy the entry from another language's file)", PROJECT),
    Check("interface-untranslated", T, E, "a string of the site's interface is untranslated in a published language",
          "translate it in sphinx.po or javascript.po", PROJECT),
    Check("language-title", T, E, "the language has no title in handbook_titles",
          "write the language's title in handbook_titles in conf.py", PROJECT),
    Check("glossary-terms", T, W, "terms of the glossary with no approved form in the language",
          "add the language's forms to locales/glossary.tbx", PROJECT),
    Check("figure-language", T, W, "a figure other languages have in their own version and this one does not",
          "draw the figure's version for this language (path.<lang>.svg)", PROJECT),
    Check("incomplete-translation", T, W, "a document conf.py promises translated has untranslated or fuzzy messages",
          "translate them, or change handbook_promised_translations in conf.py", PROJECT),
    Check("min-words", S, W, "the Russian text of the chapters and annexes is shorter than the team's goal",
          "write more, or change handbook_min_source_words in conf.py", PROJECT),
    Check("orphan-catalog", T, W, "a catalog has no source document any more (make update-po keeps it)",
          "move its translations to the document's new catalog, or delete it"),
    Check("image-changed", f"{T}, {B}", E, "a translation replaces an image by a file outside docs/",
          "put a translated image under docs/ next to the original, or leave the msgstr empty"),
    Check("image-added", f"{T}, {B}", E, "a translation adds an image the source does not have",
          "remove the image from the translation"),
    Check("ignore", f"{T}, {C}", W, "a # handbook-ignore: comment or a suppress_warnings entry names a check "
          "that is unknown or cannot be silenced",
          "name only checks that can be silenced (handbook checks lists them)"),
    # -- sources (docs/) -----------------------------------------------------------------------
    Check("outside-docs", f"{S}, {B}", E, "a page uses a file outside docs/ (an absolute path, ../, a symbolic link)",
          "put the file under docs/ and give its path relative to this page"),
    Check("remote-image", f"{S}, {B}", E, "an image from another site (https://…, //…)",
          "save the image under docs/"),
    Check("remote-file", f"{S}, {B}", E, "a :url: option would fetch a file from a network",
          "save the file under docs/ and give its path"),
    Check("svg", f"{S}, {B}", E, "an SVG figure holds scripts, event attributes, animation or outside references",
          "save the figure again without them (plain shapes and text)"),
    Check("image-too-large", f"{S}, {B}", E, "an image is bigger than handbook_image_max_bytes or _max_pixels",
          "scale it down to at most 2,000 px wide (a photo as JPEG) and save it again"),
    Check("file-url", f"{S}, {B}", E, "a link or image points at a file: address of this computer",
          "put the file under docs/ and give its path relative to this page"),
    Check("unclosed-fence", f"{S}, {B}", E, "a code fence or ::: block is never closed",
          "close it with a line of the same marks"),
    Check("practice-field", f"{S}, {B}", W, "a practice card lacks a required field",
          "add the field to the {practice} directive", PROJECT),
    Check("practice-card", f"{S}, {B}", W, "a page holds more than one {practice} card",
          "give each practice a page of its own", PROJECT),
    Check("event-date", f"{S}, {B}", W, "an event's :date: or :end: (or conf.py's handbook_project_end) is "
          "not a date, or :end: is not after :date:",
          "write YYYY-MM-DD, or leave :date: empty while the date is not known", PROJECT),
    Check("event-status", f"{S}, {B}", W, "an event's :status: is not planned or held, or a held event has no date",
          "write :status: planned or :status: held (with its :date:)", PROJECT),
    Check("event-place", f"{S}, {B}", W, "an event has no :place:", "add :place: <city> to the directive", PROJECT),
    Check("source-file", S, E, "docs/_data/sources.toml is missing or cannot be read",
          "create it, or fix the line the message names"),
    Check("source-id", S, E, "two sources have the same id", "give each source an id of its own"),
    Check("source-kind", S, E, "a source's kind is not act or literature", "write kind = \"act\" or \"literature\""),
    Check("source-title", S, E, "a source has no title", "add title = \"…\" as the source itself gives it"),
    Check("source-date", S, E, "a source has no date, or not a date", "add the date the source gives"),
    Check("source-address", S, E, "a source's address is cut off or does not start with https://",
          "write the address in full, starting with https://"),
    Check("source-not-citable", S, E, "a source's address is on a domain the file's not_citable lists",
          "cite the official publication instead"),
    Check("source-unknown", f"{S}, {B}", E, "a page cites an id that is not in docs/_data/sources.toml",
          "add the source there, or correct the id"),
    Check("source-unused", S, W, "a source that no page cites", "cite it, or remove it from the list", PROJECT),
    Check("template-placeholder", S, E, "the template's «ЗАМЕНИТЕ» is still in the page (pre-commit)",
          "replace it with your text"),
    Check("chapter-structure", S, E,
          "a chapter lacks a required part (title, the box, «## Чек-лист») (pre-commit)",
          "add the part the message names"),
    # -- PDFs (make pdf) -----------------------------------------------------------------------
    Check("pdf-raw", P, E, "raw HTML cannot be printed and is left out of the PDF", "write it in Markdown instead",
          PROJECT),
    Check("pdf-alt", P, E, "an image has no alt text", "add a short description: ![what the image shows](file.png)"),
    Check("pdf-url", P, E, "an image is not a file of the project", "save the image under docs/"),
    Check("pdf-outside", P, E, "an image is outside docs/", "save the image under docs/"),
    Check("pdf-glyph", P, E, "a character has no glyph in the bundled fonts",
          "replace it, or bundle a font that has it"),
    Check("pdf-render", P, E, "the PDF renderer failed or ran out of time", "see the message; fix the page it names"),
    Check("pdf-site-address", f"{P}, {C}", W, "handbook_base_url is empty: the PDFs give site pages by their path",
          "set handbook_base_url to the site's public address", PROJECT),
    Check("edition-data", f"{P}, {C}", E, "a seminar edition's data file cannot be read",
          "fix the line the message names (the format: scripts/handbook/pdf/editions.py)"),
    Check("pdf-overlap", P, E, "text drawn over other text", "give the text room (a narrower column, a shorter word)",
          PROJECT),
    Check("pdf-font", P, E, "a character printed in a font of the build machine, not a bundled one",
          "replace the character, or bundle a font that has it"),
    Check("pdf-file-link", P, E, "a link or action leads to a file: address or a folder of the build machine",
          "link to a page of the handbook or a web address"),
    Check("pdf-footnote", P, E, "a footnote call with no note, or a note with no call",
          "check the footnote in the source named", PROJECT),
    Check("pdf-screen-only", P, E, "wording that works only on a screen",
          "keep the passage out of print with ```{only} not print```", PROJECT),
    Check("pdf-small-text", P, E, "in large print, text under 14 pt", "set it at 14 pt or more in large-print.css",
          PROJECT),
    Check("pdf-placeholder", P, E, "a placeholder such as «заполняют партнёры» or «TBD»",
          "give the detail or leave the part out", PROJECT),
    # -- settings (conf.py, the command line) --------------------------------------------------
    Check("settings", C, E, "conf.py is missing, or does not list the source language",
          "run from the repository root (or set HANDBOOK_ROOT); list the source language in handbook_languages"),
    Check("base-url", C, E, "handbook_base_url or BASE_URL is not a web address",
          "write the site's public address, such as https://example.org/handbook, or leave it empty"),
    Check("setting-unknown", C, E, "a handbook_* setting in conf.py that the toolchain does not know (misspelt?)",
          "check the spelling; the settings are listed in README.md"),
    Check("setting-type", C, E, "a setting of conf.py has a value of the wrong type", "give a value of the named type"),
]

CHECKS: dict[str, Check] = {c.id: c for c in _TABLE}

# Old spellings a user may have written (in suppress_warnings, or in # handbook-ignore:): each
# resolves to the id that replaced it.
ALIASES = {
    "po-syntax": "syntax", "po-encoding": "encoding", "po-plural-forms": "plural-forms",
    "po-duplicate": "duplicate",
    "events.date": "event-date", "events.status": "event-status", "events.place": "event-place",
}
# The former type of the event warnings, as a whole.
_EVENT_IDS = ("event-date", "event-status", "event-place")


def check(check_id: str) -> Check:
    """The registered check; ``KeyError`` for an id that is not registered (our bug)."""
    try:
        return CHECKS[check_id]
    except KeyError:
        raise KeyError(f"check id {check_id!r} is not registered in handbook.check_ids") from None


def fix(check_id: str) -> str:
    return check(check_id).fix


def with_fix(check_id: str, message: str) -> str:
    """``what is wrong — how to fix``: the registry's fix where the emitter gave none."""
    return message if " — " in message else f"{message} — {fix(check_id)}"


def tag(check_id: str) -> str:
    """How a Sphinx warning of ours names the id (and suppress_warnings names it)."""
    return f"{SPHINX_TYPE}.{check(check_id).id}"


def resolve(name: str) -> list[str]:
    """The ids a user's name stands for: ``handbook.number``, ``number``, an old spelling
    (``po-syntax``, ``events.status``), ``handbook`` or ``handbook.*`` (every id); [] for a name
    that is not ours."""
    name = name.strip()
    if name in (SPHINX_TYPE, f"{SPHINX_TYPE}.*"):
        return list(CHECKS)
    bare = name.removeprefix(f"{SPHINX_TYPE}.")
    if bare in CHECKS:
        return [bare]
    if name in ("events", "events.*"):
        return list(_EVENT_IDS)
    if bare in ALIASES:
        return [ALIASES[bare]]
    return []


def is_ours(name: str) -> bool:
    return bool(resolve(name))


def suppressed(names: Iterable[str]) -> tuple[frozenset[str], list[str]]:
    """What conf.py's ``suppress_warnings`` silences of ours: the silenceable ids it names (a wildcard
    silences every silenceable one), and what it names in vain: the ids that can never be silenced,
    and names such as ``handbook.nubmer`` that are no id of ours."""
    silenced: set[str] = set()
    refused: list[str] = []
    for name in names if isinstance(names, (list, tuple, set, frozenset)) else ():
        ids = resolve(str(name))
        if not ids and str(name).startswith(f"{SPHINX_TYPE}.") and name not in refused:
            refused.append(str(name))
        wildcard = len(ids) > 1
        for check_id in ids:
            if CHECKS[check_id].silenceable:
                silenced.add(check_id)
            elif not wildcard and check_id not in refused:
                refused.append(check_id)
    return frozenset(silenced), refused


def entry_silenceable() -> frozenset[str]:
    """The ids a translator may silence for one entry with ``# handbook-ignore: <id>``."""
    return frozenset(c.id for c in _TABLE if c.silence == ENTRY)


def refused_message(name: str) -> str:
    """Why an entry of suppress_warnings (an id ``suppressed()`` refused) silences nothing."""
    if name not in CHECKS:
        return (f"suppress_warnings names {name}, which is no check id — correct its spelling "
                "(.venv/bin/python -m handbook checks lists the ids)")
    return (f"suppress_warnings names {tag(name)}, which cannot be silenced (a safety check, or "
            "a file that cannot be read) — remove it from suppress_warnings in conf.py and fix the "
            "problem instead")


def table(markdown: bool = False) -> list[str]:
    """The registry as lines: a Markdown table (README.md's) or aligned text (``handbook checks``)."""
    if markdown:
        lines = ["| id | applies to | level | what it means | how to fix it | silenceable |",
                 "|---|---|---|---|---|---|"]
        for c in _TABLE:
            silence = {NEVER: "no", PROJECT: "suppress_warnings",
                       ENTRY: "suppress_warnings, handbook-ignore"}[c.silence]
            lines.append(f"| `{c.id}` | {c.applies} | {c.level} | {_escaped(c.meaning)} | {_escaped(c.fix)} "
                         f"| {silence} |")
        return lines
    width = max(len(c.id) for c in _TABLE)
    lines = []
    for c in _TABLE:
        silence = {NEVER: "never silenced", PROJECT: "suppress_warnings", ENTRY: "handbook-ignore or "
                   "suppress_warnings"}[c.silence]
        lines.append(f"{c.id:<{width}}  {c.level:<7}  {c.applies}; {silence}")
        lines.append(f"{'':<{width}}  {c.meaning} — {c.fix}")
    return lines


def _escaped(text: str) -> str:
    """Plain text in a Markdown table cell: marks such as ` * [ < | shown, not obeyed."""
    return re.sub(r"([\\`*_\[\]<>|{}])", r"\\\1", text)


def log_warning(logger: Any, check_id: str, message: str, *args: object, location: object = None,
                error: bool = False) -> None:
    """A Sphinx warning (or error) of ours: ``type="handbook"``, ``subtype=<id>``, so Sphinx ends
    the line with ``[handbook.<id>]`` and ``suppress_warnings`` silences exactly it; the registry's
    fix is added where the message has none."""
    text = with_fix(check_id, message % args if args else message)
    log = logger.error if error else logger.warning
    log("%s", text, location=location, type=SPHINX_TYPE, subtype=check_id)
