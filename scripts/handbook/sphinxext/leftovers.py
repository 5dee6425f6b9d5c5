"""Remove from the HTML output what the current sources no longer make.

Sphinx keeps its output folder between builds to rebuild only what changed, and it never deletes
from it: an image, a download or a page once written would stay, and be published, until
`make clean`. At the end of each HTML build the files that no document uses any more go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

# Folders of the output that hold no pages of their own.
_NOT_PAGES = ("_static", "_images", "_downloads", "_sources")


def _written(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    written = getattr(app.builder, "handbook_pages_written", None)
    if written is not None:
        written.add(pagename)


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() or p.is_symlink()] if folder.is_dir() else []


def _remove_empty_folders(path: Path, outdir: Path) -> None:
    """The folders a removed file leaves empty (a download's hash folder, a deleted section's)."""
    for folder in path.parents:
        if folder == outdir or not folder.is_relative_to(outdir):
            return
        try:
            folder.rmdir()
        except OSError:  # not empty
            return


def _unused(folder: Path, used: set[str]) -> list[Path]:
    return [p for p in _files(folder) if p.relative_to(folder).as_posix() not in used]


def leftovers(builder: StandaloneHTMLBuilder, written: set[str]) -> list[Path]:
    """The files of the output folder that the current sources do not make."""
    env, config, outdir = builder.env, builder.config, Path(builder.outdir)
    images = {name for _, name in env.images.values()}
    downloads = {Path(dest).as_posix() for _, dest in env.dlfiles.values()}
    suffix, sources = config.html_sourcelink_suffix, set()
    for docname in env.found_docs:  # _sources/<docname><source suffix>[.txt], as Sphinx names them
        name = docname + str(env.doc2path(docname, False))[len(docname):]
        sources.add(name if name.endswith(suffix) else name + suffix)
    pages = {builder.get_output_path(name).resolve() for name in {*env.found_docs, *written}}
    for extra in config.html_extra_path:  # copied as they are, every build
        root = Path(builder.confdir, extra)
        pages |= {(outdir / p.relative_to(root)).resolve() for p in _files(root)} if root.is_dir() else set()
    found = _unused(outdir / "_images", images) + _unused(outdir / "_downloads", downloads)
    found += _unused(outdir / "_sources", sources)
    found += [p for p in outdir.rglob("*.html")
              if p.relative_to(outdir).parts[0] not in _NOT_PAGES and p.resolve() not in pages]
    return found


def _remove(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    if exception is not None or not hasattr(builder, "handbook_pages_written"):
        return
    outdir = Path(builder.outdir)
    for path in leftovers(builder, builder.handbook_pages_written):  # type: ignore[arg-type]
        path.unlink()
        _remove_empty_folders(path, outdir)


def _start(app: Sphinx) -> None:
    # The website's builders only: the PDF builder is an HTML builder too, but writes no pages.
    if isinstance(app.builder, StandaloneHTMLBuilder) and not getattr(app.builder, "handbook_print", False):
        app.builder.handbook_pages_written = set()  # type: ignore[attr-defined]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _start)
    app.connect("html-page-context", _written)
    # Last: after the other handlers have written their files (feeds, translations of scripts).
    app.connect("build-finished", _remove, priority=900)
