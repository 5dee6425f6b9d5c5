"""```{edition-contacts}```: the local contacts of the seminar editions' data files, in a page.

The contacts annex lists, for each edition whose data file (pdf/editions.py) gives contacts, the
seminar's line and its contacts: body, site, contact. An edition without contacts adds nothing —
no heading without content, no placeholder — and with none anywhere the directive prints nothing.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.pdf import editions


class EditionContacts(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        config = self.config
        setting = config.handbook_pdf_editions
        for edition in setting.values():  # the page shows the data files: rebuild it on a change
            if edition.get("path"):
                self.env.note_dependency(edition["path"])
        language = config.language or config.handbook_source_language
        source = config.handbook_source_language
        found: list[nodes.Node] = []
        for edition in setting.values():
            contacts = editions.print_context(edition, language, source)["contacts"]
            if not contacts:
                continue
            title = editions.localized_text(edition.get("seminar"), language, source)
            found.append(nodes.rubric(text=title))
            items = nodes.bullet_list()
            for entry in contacts:
                paragraph = nodes.paragraph()
                paragraph += nodes.strong(text=entry["body"])
                if entry["site"]:
                    paragraph += nodes.Text(" — ")
                    paragraph += nodes.reference(entry["site"], entry["site"], refuri=entry["site"])
                if entry["contact"]:
                    paragraph += nodes.Text(f" — {entry['contact']}")
                items += nodes.list_item("", paragraph)
            found.append(items)
        return found


def setup(app: Sphinx) -> None:
    app.add_directive("edition-contacts", EditionContacts)
