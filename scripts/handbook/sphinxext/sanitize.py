"""Keep hostile translations out of the site: raw HTML, new links and new images are neutralised.

A translator's message is parsed as MyST, so it can carry ``<script>``, an ``onerror=``
attribute, an iframe, a ``javascript:`` link or an internal link swapped for an external one.
Sphinx passes all of these through. Before translations apply we record what each text
element of the source contains; afterwards, in translated elements, anything the source did
not have is turned into plain text (raw HTML), unlinked (references and downloads) or removed
(images), with a warning that names the file and says how to fix it. While translations are
parsed, directives may not read files: an ``{include}`` in a msgstr would copy any readable
file (``/etc/passwd``) into the site and the PDF.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale, PreserveTranslatableMessages
from sphinx.util import logging

from handbook import check_ids
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import is_translatable

logger = logging.getLogger(__name__)

# The translation of an image (gettext_additional_targets = ["image"]) written like its msgid,
# ".. image:: path", or as Markdown, "![](path)": MyST parses either as a paragraph, on which
# Sphinx's Locale crashes (KeyError 'uri').
_IMAGE_MSGSTR = re.compile(r"^\s*(?:\.\.\s+image::\s*(\S+)|!\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\))\s*$")
_RAW = "handbook_source_raw"
_URIS = "handbook_source_uris"


def _raw_html(node: nodes.Element) -> list[str]:
    return [raw.astext() for raw in node.findall(nodes.raw)]


def _target(ref: nodes.reference) -> str | None:
    # A download ({download}`x <file>` or a link to a file) names its file in "reftarget";
    # Sphinx copies that file into the site, wherever it is.
    return ref.get("refuri", ref.get("reftarget"))


def _uris(node: nodes.Element) -> list[str]:
    found = [uri for ref in node.findall(nodes.reference) if (uri := _target(ref)) is not None]
    found += [img["uri"] for img in node.findall(nodes.image) if "uri" in img]
    return found


class RecordSourceMarkup(SphinxTransform):
    """Before translation: remember the raw HTML and link targets of each source text element."""

    default_priority = PreserveTranslatableMessages.default_priority + 1

    def apply(self, **kwargs: object) -> None:
        if not self.config.language or self.config.language == self.config.handbook_source_language:
            return
        # Locale parses each msgstr with this document's settings; NeutraliseTranslatedMarkup
        # turns file insertion back on.
        self.document.settings.handbook_file_insertion = self.document.settings.file_insertion_enabled
        self.document.settings.file_insertion_enabled = False
        for element in self.document.findall(is_translatable):
            element[_RAW] = _raw_html(element)
            element[_URIS] = _uris(element)


class TranslatedImagePaths(SphinxTransform):
    """Apply an image path translated as ``.. image:: path`` or ``![](path)`` and keep Locale off
    that image; NeutraliseTranslatedMarkup then checks the path like any other."""

    default_priority = RecordSourceMarkup.default_priority + 1

    def apply(self, **kwargs: object) -> None:
        if not self.config.language or self.config.language == self.config.handbook_source_language:
            return
        images = [image for image in self.document.findall(nodes.image) if image.get("translatable")]
        if not images:
            return
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir) / directory for directory in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, domain)
        if not found:
            return
        for image in images:
            msg = f".. image:: {image.get('original_uri', image['uri'])}"
            msgstr = catalog.gettext(msg)
            path = _IMAGE_MSGSTR.match(msgstr) if msgstr != msg else None  # untranslated: left alone
            if path is not None:
                image["translatable"] = False
                image["uri"] = path.group(1) or path.group(2)


class NeutraliseTranslatedMarkup(SphinxTransform):
    """After translation: drop what a translated element has that its source did not."""

    default_priority = Locale.default_priority + 10

    def apply(self, **kwargs: object) -> None:
        settings = self.document.settings
        if hasattr(settings, "handbook_file_insertion"):
            settings.file_insertion_enabled = settings.handbook_file_insertion
            del settings.handbook_file_insertion
        for element in list(self.document.findall(nodes.Element)):
            allowed_raw = element.attributes.pop(_RAW, None)
            allowed_uris = element.attributes.pop(_URIS, None)
            if isinstance(element, nodes.image) and allowed_uris:
                self._check_image(element, allowed_uris[0])  # Sphinx never marks an image translated
            if allowed_raw is None or not element.get("translated"):
                continue
            self._neutralise(element, set(allowed_raw), set(allowed_uris or ()))

    def _check_image(self, image: nodes.image, source_uri: str) -> None:
        """With gettext_additional_targets = ["image"] a translation may name another image file
        (a localised figure); one outside docs/ or on a network would be copied or fetched."""
        uri = image.get("uri", "")
        if uri == source_uri:
            return
        if "://" not in uri and not uri.startswith("data:"):
            _, path = self.env.relfn2path(uri, self.env.docname)
            srcdir = Path(self.env.srcdir).resolve()
            if srcdir in Path(path).resolve().parents:
                return
        image["uri"] = source_uri
        self._warn(image, f"the {self.config.language} translation replaces the image {source_uri!r} by "
                   f"{uri!r}, which is not a file under docs/; the source's image is shown",
                   "put a translated image under docs/ next to the original, or leave the msgstr empty",
                   "image-changed")

    def _neutralise(self, element: nodes.Element, allowed_raw: set[str], allowed_uris: set[str]) -> None:
        lang = self.config.language
        raw_found = [raw for raw in element.findall(nodes.raw) if raw.astext() not in allowed_raw]
        for raw in raw_found:
            raw.replace_self(nodes.Text(raw.astext()))
        if raw_found:
            self._warn(element, f"the {lang} translation contains raw HTML, shown as plain text",
                       "remove the HTML from the translation", "raw-html")
        for ref in list(element.findall(nodes.reference)):
            uri = _target(ref)
            if uri is not None and uri not in allowed_uris:
                ref.replace_self(ref.children or [nodes.Text(ref.astext())])
                self._warn(element, f"the {lang} translation links to {uri!r}, which the source text "
                           "does not; the link was removed", "keep the link target of the source text",
                           "link-changed")
        for image in list(element.findall(nodes.image)):
            if image.get("uri") not in allowed_uris:
                image.parent.remove(image)
                self._warn(element, f"the {lang} translation adds an image {image.get('uri')!r}; it was "
                           "removed", "remove the image from the translation", "image-added")

    def _warn(self, element: nodes.Element, what: str, fix: str, check: str) -> None:
        # Sphinx appends "[handbook.<check>]" itself.
        check_ids.log_warning(logger, check, "%s — %s (locales/%s/LC_MESSAGES/%s.po)", what, fix,
                              self.config.language, self.env.docname, location=element)


def setup(app: Sphinx) -> None:
    app.add_transform(RecordSourceMarkup)
    app.add_transform(TranslatedImagePaths)
    app.add_transform(NeutraliseTranslatedMarkup)
