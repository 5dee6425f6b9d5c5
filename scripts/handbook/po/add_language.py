"""``make add-language LANG=da``: a new language in conf.py and its catalogs, ready to build."""

from __future__ import annotations

import ast
import re
import runpy
from pathlib import Path

import polib
from babel import Locale, UnknownLocaleError

from handbook import atomic

_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")
SETTING = "handbook_languages"


class AddLanguageError(Exception):
    """The language cannot be added as asked; the message says why and what to do."""


def validate(code: str) -> str:
    """The code if it names a language Babel knows (``da``, ``sv``, ``pt_BR``)."""
    if not _CODE.match(code or ""):
        raise AddLanguageError(f"{code!r} is not a language code — give a code such as da, sv or pt_BR "
                               "(make add-language LANG=da)")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise AddLanguageError(f"unknown language code {code!r} — use an ISO 639 code such as da or sv") from None
    return code


def _list_node(tree: ast.Module) -> ast.List:
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == SETTING):
            if isinstance(node.value, ast.List) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.value.elts):
                return node.value
            break
    raise AddLanguageError(f"conf.py: {SETTING} is not a plain list of language codes — add the code "
                           "to it by hand")


def with_language(conf_text: str, code: str) -> str:
    """conf.py's text with ``code`` appended to ``handbook_languages``; the rest byte for byte."""
    tree = ast.parse(conf_text)
    node = _list_node(tree)
    if code in [e.value for e in node.elts]:
        return conf_text
    lines = conf_text.splitlines(keepends=True)
    # Offsets are in UTF-8 bytes: work on the encoded lines.
    encoded = [line.encode("utf-8") for line in lines]
    start = sum(len(line) for line in encoded[:node.lineno - 1]) + node.col_offset
    end = sum(len(line) for line in encoded[:node.end_lineno - 1]) + node.end_col_offset
    data = conf_text.encode("utf-8")
    literal = data[start:end].decode("utf-8")
    first_quote = re.search(r"['\"]", literal)
    quote = first_quote.group(0) if first_quote else '"'
    inner = literal[1:-1].rstrip()
    trailing_comma = inner.endswith(",")
    multiline = "\n" in literal
    if multiline:
        indent = re.search(r"\n([ \t]*)\S", literal)
        pad = indent.group(1) if indent else "    "
        body = inner if trailing_comma else inner + ","
        new_literal = f"[{body}\n{pad}{quote}{code}{quote},\n]"
    else:
        sep = " " if trailing_comma else (", " if inner.strip() else "")
        new_literal = f"[{inner}{sep}{quote}{code}{quote}]"
    return (data[:start] + new_literal.encode("utf-8") + data[end:]).decode("utf-8")


TITLES = "handbook_titles"
THRESHOLDS = "handbook_publish_threshold"
# A new language is built for review only until half of the source's words are translated:
# readers are not led to a site that is mostly in the source language (issue 19, point 8).
NEW_LANGUAGE_THRESHOLD = 0.5


def _dict_node(tree: ast.Module, setting: str) -> ast.Dict | None:
    """The plain dict literal assigned to ``setting``; None when conf.py has no such assignment."""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == setting):
            if isinstance(node.value, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.value.keys):
                return node.value
            raise AddLanguageError(f"conf.py: {setting} is not a plain dict — add the new language to it by hand")
    return None


def with_entry(conf_text: str, setting: str, key: str, value: str) -> str:
    """conf.py's text with ``"key": value`` added to the dict ``setting`` (the dict is created at
    the end of the file when conf.py has none); nothing else changes, and a key already there is
    left as it is."""
    tree = ast.parse(conf_text)
    node = _dict_node(tree, setting)
    if node is None:
        return conf_text.rstrip("\n") + f'\n{setting} = {{"{key}": {value}}}\n'
    if key in [k.value for k in node.keys]:
        return conf_text
    encoded = [line.encode("utf-8") for line in conf_text.splitlines(keepends=True)]
    start = sum(len(line) for line in encoded[:node.lineno - 1]) + node.col_offset
    end = sum(len(line) for line in encoded[:node.end_lineno - 1]) + node.end_col_offset
    data = conf_text.encode("utf-8")
    literal = data[start:end].decode("utf-8")
    inner = literal[1:-1].rstrip()
    if "\n" in literal:
        indent = re.search(r"\n([ \t]*)\S", literal)
        pad = indent.group(1) if indent else "    "
        body = inner if inner.endswith(",") or not inner.strip() else inner + ","
        new_literal = f'{{{body}\n{pad}"{key}": {value},\n}}'
    else:
        sep = " " if inner.endswith(",") else (", " if inner.strip() else "")
        new_literal = f'{{{inner}{sep}"{key}": {value}}}'
    return (data[:start] + new_literal.encode("utf-8") + data[end:]).decode("utf-8")


def with_new_language(conf_text: str, code: str) -> str:
    """conf.py with the language listed, an empty title to fill in (make check reports it until it
    is) and its publication threshold."""
    text = with_language(conf_text, code)
    text = with_entry(text, TITLES, code, '""')
    return with_entry(text, THRESHOLDS, code, repr(NEW_LANGUAGE_THRESHOLD))


def add_to_conf(conf: Path, code: str) -> bool:
    """Add the language to conf.py atomically (its code, a title to fill in, its publication
    threshold); False when it was listed already."""
    text = conf.read_text(encoding="utf-8")
    if code in [e.value for e in _list_node(ast.parse(text)).elts]:
        return False
    new = with_new_language(text, code)
    with atomic.replacing(conf) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:  # its line ends kept
            handle.write(new)
        # conf.py must still load and list the new language, or it is not replaced.
        if code not in runpy.run_path(str(temporary)).get(SETTING, []):
            raise AddLanguageError(f"conf.py: could not add {code} to {SETTING} — add it by hand")
    return True


def javascript_catalog(source_catalog: Path, code: str, project: str) -> polib.POFile | None:
    """The search page's JavaScript strings (``javascript.po``) for a new language: the source
    language's messages, untranslated, with the new language's plural forms; None without one."""
    from handbook.po import catalog

    if not source_catalog.is_file():
        return None
    source = catalog.load(source_catalog)
    result = polib.POFile(wrapwidth=catalog.WRAP_WIDTH)
    result.header = source.header
    result.metadata = catalog.new_metadata(code, project)
    plurals = int(re.search(r"nplurals=(\d+)", result.metadata["Plural-Forms"]).group(1))
    for entry in source:
        if entry.obsolete:
            continue
        new = polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural, msgctxt=entry.msgctxt,
                            tcomment=entry.tcomment, comment=entry.comment)
        if entry.msgid_plural:
            new.msgstr_plural = dict.fromkeys(range(plurals), "")
        result.append(new)
    return result


_TERM_ENTRY = re.compile(r"(<termEntry\b.*?)(\n?[ \t]*)(</termEntry>)", re.S)
_LANG_SET_INDENT = re.compile(r"\n([ \t]*)<langSet\b")


def with_glossary_language(tbx: str, code: str) -> str:
    """The glossary (TBX) with an empty ``<langSet>`` for ``code`` in every term that has none, so
    that translators (in Weblate or a text editor) see where its approved terms go; the rest is
    kept byte for byte."""
    def add(match: re.Match[str]) -> str:
        entry, closing_space, closing = match.groups()
        if re.search(rf'<langSet\s+xml:lang="{re.escape(code)}"', entry):
            return match.group(0)
        indent = _LANG_SET_INDENT.search(entry)
        pad = indent.group(1) if indent else "  "
        return f'{entry}\n{pad}<langSet xml:lang="{code}"><tig><term></term></tig></langSet>{closing_space}{closing}'
    return _TERM_ENTRY.sub(add, tbx)
