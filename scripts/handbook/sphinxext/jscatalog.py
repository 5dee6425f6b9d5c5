"""The search page's JavaScript translations, with the plural forms Sphinx 9.0.4 leaves empty.

Sphinx's bundled catalogs for ru, fi and nb have empty plural forms (Sphinx issue 14167), so the
line "Search finished, found N pages" is blank and screen readers announce no result count.
After each HTML build, ``_static/translations.js`` is rewritten from Sphinx's catalog, minus its
empty entries, plus ``locales/<lang>/LC_MESSAGES/javascript.po`` (kept outside sphinx.po because
Sphinx's template extraction cannot carry plural messages).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
from sphinx.application import Sphinx

from handbook.po import catalog as po_catalog
from handbook.po import syntax

CATALOG_NAME = "javascript.po"
_CALL = re.compile(r"Documentation\.addTranslations\((.*)\);?\s*$", re.S)
_PLURAL = re.compile(r"plural\s*=\s*(.+?);?\s*$")


def parse_translations_js(text: str) -> dict[str, Any]:
    """The catalog object inside Sphinx's ``translations.js``."""
    match = _CALL.search(text.strip())
    if not match:
        return {}
    return json.loads(match.group(1).rstrip().rstrip(";").rstrip(")"))


def _is_empty(value: Any) -> bool:
    if isinstance(value, list):
        return not value or not all(value)
    return not value


def plural_expr(catalog: polib.POFile, locale: str) -> str:
    """The catalog's plural expression (its Plural-Forms header, else the language's rule)."""
    header = catalog.metadata.get("Plural-Forms") or po_catalog.plural_forms(locale)
    match = _PLURAL.search(header)
    return match.group(1).strip() if match else "(n != 1)"


def merge(bundled: dict[str, Any], catalog: polib.POFile | None, locale: str) -> dict[str, Any]:
    """Sphinx's messages without empty translations, overridden by the project's catalog."""
    messages = {k: v for k, v in bundled.get("messages", {}).items() if not _is_empty(v)}
    expr = bundled.get("plural_expr", "(n != 1)")
    if catalog is not None:
        for entry in catalog:
            if not entry.msgid or entry.fuzzy or entry.obsolete:
                continue
            if entry.msgid_plural:
                forms = [text for _, text in sorted(entry.msgstr_plural.items())]
                if forms and all(forms):
                    messages[entry.msgid] = forms
                    # doctools.js indexes the forms with the result: "(n != 1)" gives a
                    # boolean, which is no array index in JavaScript.
                    expr = f"Number({plural_expr(catalog, locale)})"
            elif entry.msgstr:
                messages[entry.msgid] = entry.msgstr
    return {"messages": dict(sorted(messages.items())), "plural_expr": expr,
            "locale": bundled.get("locale", locale)}


def render(catalog: dict[str, Any]) -> str:
    return f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False, indent=2)});\n"


def read_catalog(path: Path) -> polib.POFile | None:
    """The catalog, or None when there is none or it is broken (make check and the build report
    a broken one at its line; the search page then keeps Sphinx's own words)."""
    if not path.is_file():
        return None
    problem = syntax.first_error(path.read_bytes())
    return po_catalog.load(path) if problem is None else None


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    lang = app.config.language or "en"
    target = Path(app.outdir) / "_static" / "translations.js"
    bundled = parse_translations_js(target.read_text(encoding="utf-8")) if target.is_file() else {}
    catalog = None
    # The translators' .po files (the build compiles copies into another directory).
    source_dirs = [app.config.handbook_locales_dir] if app.config.handbook_locales_dir else []
    for locale_dir in [*source_dirs, *app.config.locale_dirs]:
        catalog = read_catalog(Path(app.srcdir, locale_dir, lang, "LC_MESSAGES", CATALOG_NAME))
        if catalog is not None:
            break
    # Without a bundled file Sphinx does not load translations.js at all; English needs none.
    if not target.is_file():
        return
    target.write_text(render(merge(bundled, catalog, lang)), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _on_build_finished)
