"""Sources read only the project's own files, and put only allowed markup into pages.

Every path a source names — ``{include}``, ``{literalinclude}``, ``{csv-table}`` and ``{raw}`` files,
images, figures, downloads — must lead, symbolic links followed, into one of the folders of
``handbook_readable_dirs`` (``docs/`` by default). Anything else is refused before it is read, with
a warning at the source's line, so that no file of the computer that builds (``/etc/passwd``, the
environment in ``/proc/self/environ``) can reach the site or a PDF. The same read serves the
website and the PDFs, so both get the same rules: raw HTML must pass the allow-list of
``handbook.markup_policy``, SVG figures may not script or load anything, and images come from the
project, never from a network (the site and the PDFs work offline).
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import DirectiveError
from docutils.parsers.rst.directives.misc import Raw
from docutils.utils import DependencyList
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.i18n import search_image_for_language

from handbook import check_ids
from handbook.markup_policy import html_problems, svg_problems, url_problem

logger = logging.getLogger(__name__)

CHECK = "outside-docs"
_FIX_PATH = ("put the file under docs/ and give its path relative to this page (a symbolic link must "
             "point inside docs/ too)")


def readable_roots(app: Sphinx) -> list[Path]:
    """The folders sources may read, resolved (the configuration's paths are relative to the root)."""
    root = Path(app.confdir)
    return [(root / folder).resolve() for folder in app.config.handbook_readable_dirs]


def is_inside(path: str | os.PathLike[str], roots: list[Path]) -> bool:
    resolved = Path(path).resolve()  # follows every symbolic link on the way
    return any(resolved == root or root in resolved.parents for root in roots)


def _shown(path: str | os.PathLike[str], root: Path) -> str:
    """The path as written, made plain (relative to the repository when inside it), and where it
    really leads when a symbolic link takes it elsewhere."""
    plain = Path(os.path.normpath(path))
    try:
        shown = plain.relative_to(root).as_posix()
    except ValueError:
        return str(plain)  # /proc/self is not followed: the message stays the same from run to run
    resolved = plain.resolve()
    return shown if resolved == plain else f"{shown} (a link to {resolved})"


def _warn(what: str, fix: str, location: object, check: str = CHECK) -> None:
    # Sphinx appends "[handbook.<check>]" itself; the build is strict, so this fails it.
    check_ids.log_warning(logger, check, "%s — %s", what, fix, location=location)


class ConfinedDependencies(DependencyList):
    """docutils records every file a directive reads here, after opening it and before reading it
    (``include``, MyST's ``{include}``, ``raw`` and ``csv-table`` with ``:file:``); refusing the
    record stops the read."""

    def __init__(self, roots: list[Path], document: nodes.document) -> None:
        super().__init__()
        self.roots = roots
        self.document = document

    def add(self, *paths: str) -> None:
        for path in paths:
            if not is_inside(path, self.roots):
                env = self.document.settings.env
                _refuse_read(path, env, (env.current_document.docname, self.document.current_line))
        super().add(*paths)


def _refuse_read(path: str, env: BuildEnvironment, location: object) -> None:
    """Report a file outside the readable folders and stop the directive that would read it."""
    _warn(f"{_shown(path, Path(env.app.confdir))} is outside docs/ and is not read", _FIX_PATH, location)
    # Level 1 (info): the runner drops the directive's output quietly; the warning above said it all.
    raise DirectiveError(1, "refused")


class ConfinedMystParser(MystParser):
    """MyST's parser, with the document's dependency list replaced by one that refuses to record
    (and so to read) a file outside the readable folders."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = getattr(document.settings, "env", None)  # Sphinx puts its environment in the settings
        if env is not None:
            document.settings.record_dependencies = ConfinedDependencies(readable_roots(env.app), document)
        super().parse(inputstring, document)


def _written_path(env: BuildEnvironment, argument: str) -> str:
    """The file a directive's argument names, as Sphinx finds it (a leading / is docs/), without
    following links: the message shows what the author wrote."""
    if argument.startswith("/"):
        return os.path.join(env.srcdir, argument.lstrip("/"))
    return os.path.join(env.doc2path(env.current_document.docname).parent, argument)


class ConfinedLiteralInclude(LiteralInclude):
    """``literalinclude`` reads its file before recording it: check the path first."""

    def run(self) -> list[nodes.Node]:
        path = _written_path(self.env, self.arguments[0])
        if not is_inside(path, readable_roots(self.env.app)):
            _refuse_read(path, self.env, self.get_location())
        return super().run()


class ConfinedInclude(Include):
    """reST's ``include`` (inside ``{eval-rst}``): checked here, where its line is known. MyST's own
    ``{include}`` is checked by ConfinedDependencies."""

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0]
        if argument.startswith("<") and argument.endswith(">"):  # docutils' own files (<isonum.txt>)
            return super().run()
        path = _written_path(self.env, argument)
        if not is_inside(path, readable_roots(self.env.app)):
            _refuse_read(path, self.env, self.get_location())
        return super().run()


def _no_url(directive: Raw | CSVTable) -> None:
    if "url" in directive.options:
        env = directive.state.document.settings.env
        _warn(f":url: {directive.options['url']} would be fetched from a network while building, which the "
              "handbook never does", "save the file under docs/ and name it with :file:",
              (env.current_document.docname, directive.lineno), "remote-file")
        raise DirectiveError(1, "refused")


class ConfinedRaw(Raw):
    def run(self) -> list[nodes.Node]:
        _no_url(self)
        return super().run()


class ConfinedCSVTable(CSVTable):
    def run(self) -> list[nodes.Node]:
        _no_url(self)
        return super().run()


# -- After reading: images, downloads, raw HTML ------------------------------------------------

def _check_image(app: Sphinx, docname: str, image: nodes.image, roots: list[Path]) -> bool:
    """Whether an image may stay; a refused one is reported."""
    env = app.env
    uri = image.get("uri", "")
    why = url_problem(uri, image=True)
    if why is not None:
        _warn(f"the image {why}", "save the image under docs/ and give its path relative to this page",
              image, "remote-image")
        return False
    if uri.startswith("data:") or "://" in uri:
        return True  # an allowed data: image
    paths = [env.relfn2path(uri, docname)[1]]
    if not uri.endswith(".*"):
        paths.append(env.relfn2path(search_image_for_language(uri, env), docname)[1])
    for path in paths:
        if os.path.lexists(path) and not is_inside(path, roots):
            _warn(f"the image {uri!r} is outside docs/ ({_shown(path, Path(app.confdir))}) and is not "
                  "copied", _FIX_PATH, image)
            return False
    for path in dict.fromkeys(paths):
        if path.lower().endswith(".svg") and os.path.isfile(path):
            problems = svg_problems(Path(path).read_bytes())
            if problems:
                _warn(f"the SVG figure {_shown(path, Path(app.confdir))} is refused: {'; '.join(problems)}",
                      "save the drawing again as a plain SVG (no scripts, links or embedded files)",
                      image, "svg")
                return False
    return True


def _check_raw(raw: nodes.raw) -> bool:
    if "html" not in raw.get("format", "").split():
        return True
    problems = html_problems(raw.astext())
    if problems:
        _warn(f"raw HTML refused: {'; '.join(problems)}",
              "write it in Markdown instead, or keep to plain formatting elements without scripts, "
              "event attributes or foreign addresses", raw, "raw-html")
        return False
    return True


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    """Runs before Sphinx's image and download collectors (priority 500), which copy the files."""
    roots = readable_roots(app)
    docname = app.env.current_document.docname
    for image in list(doctree.findall(nodes.image)):
        if not _check_image(app, docname, image, roots):
            image.parent.remove(image)
    for ref in list(doctree.findall(addnodes.download_reference)):
        target = ref.get("reftarget", "")
        if "://" in target:
            continue  # a plain link to a file on the web; nothing is fetched
        _, path = app.env.relfn2path(target, docname)
        if not is_inside(path, roots):
            _warn(f"the download {target!r} is outside docs/ ({_shown(path, Path(app.confdir))}) and is "
                  "not copied", _FIX_PATH, ref)
            ref.replace_self(nodes.inline(ref.astext(), ref.astext()))
    refused = [raw for raw in doctree.findall(nodes.raw) if not _check_raw(raw)]
    # MyST makes a raw node of each inline tag: once one tag of a paragraph is refused, the others
    # (a closing </a>) are shown as text with it.
    parents = {id(raw.parent): raw.parent for raw in refused}
    for parent in parents.values():
        for raw in [child for child in parent.children if isinstance(child, nodes.raw)]:
            raw.replace_self(nodes.Text(raw.astext()))


def check_collected(app: Sphinx, env: BuildEnvironment) -> None:
    """The last guard before files are copied: every image and download Sphinx collected (a
    language's own figure included) is inside the readable folders."""
    roots = readable_roots(app)
    srcdir = Path(env.srcdir)
    for files, kind in ((env.images, "image"), (env.dlfiles, "download")):
        for name, (docnames, _) in list(files.items()):
            if not is_inside(srcdir / name, roots):
                for docname in sorted(docnames):
                    _warn(f"the {kind} {name!r} leads outside docs/ and is not copied", _FIX_PATH, (docname, None))
                del files[name]


def check_links(app: Sphinx) -> None:
    """A symbolic link under docs/ that leads outside the readable folders is refused wherever it
    is: Sphinx would read it as a page, copy it as a static file, or show it as an image."""
    roots = readable_roots(app)
    for folder in roots:
        for parent, dirs, files in os.walk(folder):
            for name in dirs + files:
                path = Path(parent) / name
                if path.is_symlink() and not is_inside(path, roots):
                    where = nodes.Element()  # a file, not a page: Sphinx shows "<path>:" for it
                    where.source = str(path)
                    check_ids.log_warning(logger, CHECK, "a symbolic link to %s, outside docs/; the build does "
                                          "not follow it — replace the link by the file itself, or point it "
                                          "inside docs/", os.readlink(path), location=where)


def setup(app: Sphinx) -> None:
    app.add_source_parser(ConfinedMystParser, override=True)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("include", ConfinedInclude, override=True)
    app.add_directive("raw", ConfinedRaw, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.connect("builder-inited", check_links)
    app.connect("doctree-read", check_doctree, priority=400)
    app.connect("env-updated", check_collected)
