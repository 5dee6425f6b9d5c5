"""A translation cannot inject markup into the site: raw HTML and script URLs that a translation
brings (and its source does not have) are shown as text, and the strict build fails saying where."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
_SOURCE_RAW = "handbook_source_raw"


class RememberSourceRaw(SphinxTransform):
    """Before translations are applied: the raw HTML the author wrote."""

    default_priority = 15  # Sphinx's Locale transform is 20

    def apply(self, **kwargs: Any) -> None:
        setattr(self.document, _SOURCE_RAW, {raw.astext() for raw in self.document.findall(nodes.raw)})


class DisarmTranslatedMarkup(SphinxTransform):
    """After translations are applied: neutralise what only a translation brought."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        config = self.config
        if (config.language or config.handbook_source_language) == config.handbook_source_language:
            return
        allowed = getattr(self.document, _SOURCE_RAW, set())
        where = f"locales/{config.language}/LC_MESSAGES/{self.env.docname}.po"
        for node in list(self.document.findall(nodes.Element)):
            if not node.get("translated"):
                continue
            for raw in list(node.findall(nodes.raw)):
                if raw.astext() in allowed:
                    continue
                logger.warning("%s: the translation contains raw HTML %r, shown as text — remove it "
                               "(`make check` shows the line)", where, raw.astext()[:60],
                               location=node, type="handbook", subtype="raw-html")
                raw.replace_self(nodes.Text(raw.astext()))
            for ref in list(node.findall(nodes.reference)):
                if _SCRIPT_URL.match(ref.get("refuri", "")):
                    logger.warning("%s: the translation links to %r, which was removed — keep the "
                                   "source's link", where, ref["refuri"][:60],
                                   location=node, type="handbook", subtype="raw-html")
                    del ref["refuri"]


def setup(app: Sphinx) -> None:
    app.add_transform(RememberSourceRaw)
    app.add_transform(DisarmTranslatedMarkup)
