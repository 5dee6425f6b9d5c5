"""Section ids made from the source heading, so that anchors are the same in every language.

Docutils drops Cyrillic when it makes ids, so Russian headings get ``id1``, ``id2``…, which
depend on the order of other targets and change when a translation adds one. Public links
(``…/fi/chapters/costing.html#raschet``) must not break when a translator edits a heading,
so every section's first id is derived from the *source* title, before translations apply.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.transforms.i18n import Locale

# Russian → Latin as in ICAO Doc 9303 (used in Russian passports). Kept here rather than taken
# from a transliteration library: anchors are public URLs and must never change with an upgrade.
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"],
))
_NON_ID = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80


def slugify(title: str) -> str:
    """An ASCII id for a heading: ``"Расчёт стоимости услуги"`` → ``"raschet-stoimosti-uslugi"``."""
    text = unicodedata.normalize("NFKD", title.lower())
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text if not unicodedata.combining(ch))
    slug = _NON_ID.sub("-", text).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    if not slug:
        return "section"
    # docutils ids start with a letter; keep "442-fz" readable rather than dropping the digits
    return slug if slug[0].isalpha() else "s-" + slug


def _is_automatic(section: nodes.section, node_id: str, document: nodes.document) -> bool:
    """True for ids docutils made from the title (or numbered ``id7`` ones), false for explicit ones."""
    settings = document.settings
    prefix = getattr(settings, "id_prefix", "") + getattr(settings, "auto_id_prefix", "id")
    if re.fullmatch(re.escape(prefix) + r"\d+", node_id):
        return True
    return any(nodes.make_id(name) == node_id for name in section.get("names", []))


class StableSectionIds(Transform):
    """Give each section a first id derived from its source title; keep explicit ids after it."""

    # Must run before the Locale transform (priority 20) replaces titles with translations.
    default_priority = Locale.default_priority - 5

    def apply(self, **kwargs: object) -> None:
        document = self.document
        taken: set[str] = set()
        for section in document.findall(nodes.section):
            if not section.children or not isinstance(section[0], nodes.title):
                continue
            automatic = [i for i in section["ids"] if _is_automatic(section, i, document)]
            explicit = [i for i in section["ids"] if i not in automatic]
            new_id = self._unique(slugify(section[0].astext()), section, taken)
            taken.add(new_id)
            for old in automatic:
                if document.ids.get(old) is section:
                    del document.ids[old]
                for name, target_id in list(document.nameids.items()):
                    if target_id == old:
                        document.nameids[name] = new_id
            section["ids"] = [new_id, *explicit]
            document.ids[new_id] = section

    def _unique(self, base: str, section: nodes.section, taken: set[str]) -> str:
        candidate, n = base, 1
        while candidate in taken or self.document.ids.get(candidate, section) is not section:
            n += 1
            candidate = f"{base}-{n}"
        return candidate


def setup(app: Sphinx) -> None:
    app.add_transform(StableSectionIds)
