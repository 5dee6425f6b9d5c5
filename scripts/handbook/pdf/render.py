"""Render print HTML files to PDF with WeasyPrint, in a child process with a time limit.

The child (``python -m handbook.pdf.render``) reads a JSON list of documents on stdin, renders
them one after another with the fonts set up once, reads only through the project fetcher,
writes each PDF next to its print HTML (outside the published folder, so that a killed build
leaves no half-written file there) and renames it to the PDF's path (the PDF builder's is beside
the print HTML too: the build puts the PDFs in the site only if it succeeded), and prints one
JSON line per document: pages and timings, or problems.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from handbook import atomic
from handbook.pdf import fonts

TEMPLATES = Path(__file__).parent / "templates"
# Inside a tag only: a translation's neutralised markup is escaped text, which attaches nothing.
_ATTACHMENT = re.compile(r"""<[a-z][^<>]*\srel\s*=\s*["']?[^"'>]*\battachment\b""", re.IGNORECASE)


@dataclass
class RenderResult:
    ok: bool
    pages: int = 0
    problems: list[str] = field(default_factory=list)
    layout_seconds: float = 0.0  # WeasyPrint's render(): styles, boxes, pagination
    write_seconds: float = 0.0  # WeasyPrint's write_pdf(): painting, fonts, tags, compression


@dataclass(frozen=True)
class RenderJob:
    """One document for the child: its print HTML, its PDF, the variant's extra stylesheets."""

    html: Path
    pdf: Path
    css: tuple[str, ...] = ()


def _stylesheets(variant_css: list[str] | tuple[str, ...]) -> list[Path]:
    return [TEMPLATES / "print.css", *[TEMPLATES / name for name in variant_css]]


class _Collect(logging.Handler):
    """WeasyPrint logs what it could not do (a missing alt, an unloadable image) as errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _too_many_pixels(record):
            url = str(record.args[0])
            shown = unquote(urlsplit(url).path) if url.startswith("file:") else url  # made relative by the build
            message = (f"the image {shown} has more pixels than handbook_image_max_pixels in conf.py "
                       "allows, and was not loaded — scale it down to at most 2,000 px wide and save it again")
        # A font that cannot be loaded would silently fall back to a system font.
        if record.levelno >= logging.ERROR or "cannot be loaded" in message:
            self.messages.append(message)


def _too_many_pixels(record: logging.LogRecord) -> bool:
    """WeasyPrint's "Failed to load image" with Pillow's refusal of a decompression bomb as the cause."""
    from PIL import Image

    error = record.args[-1] if isinstance(record.args, tuple) and record.args else None
    cause = getattr(error, "__cause__", None)
    return isinstance(cause, (Image.DecompressionBombError, Image.DecompressionBombWarning))


def limit_image_pixels(max_pixels: int) -> None:
    """Make Pillow refuse, before decoding, an image of more than ``max_pixels`` pixels (0: Pillow's
    own limit, 179 megapixels). A 12,000 × 12,000 PNG of a few hundred KB takes 1.4 GB once decoded."""
    if not max_pixels:
        return
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = max_pixels
    # Pillow only warns up to twice its limit; this process renders PDFs and nothing else.
    warnings.simplefilter("error", Image.DecompressionBombWarning)


class Renderer:
    """Renders documents in this process (the child), loading the fonts and stylesheets once.

    The bundled fonts are parsed, registered with Fontconfig and subset from one shared
    FontConfiguration, so that a language's variants do not pay for them again.
    """

    def __init__(self, allowed: list[Path], tagged: bool) -> None:
        from weasyprint import CSS
        from weasyprint.css.counters import CounterStyle
        from weasyprint.text.fonts import FontConfiguration

        from handbook import patches
        from handbook.pdf import hyphenation
        from handbook.pdf.fetcher import ProjectFetcher

        hyphenation.register()
        patches.install("pdf")  # the speed-ups (patches/weasyprint.py, patches/pydyf.py)
        self.tagged = tagged
        self.fetcher = ProjectFetcher([*allowed, fonts.FONTS_DIR, TEMPLATES])
        self.font_config = FontConfiguration()
        # The @counter-style rules of the style sheets are kept here; WeasyPrint ignores them
        # unless the documents are rendered with the same object.
        self.counter_style = CounterStyle()
        self.font_css = CSS(string=fonts.font_face_css(), font_config=self.font_config,
                            url_fetcher=self.fetcher)
        self.sheets: dict[Path, Any] = {}
        self.cache: dict = {}  # images, shared by every document

    def _sheet(self, path: Path) -> Any:
        from weasyprint import CSS

        if path not in self.sheets:
            self.sheets[path] = CSS(filename=str(path), font_config=self.font_config,
                                    counter_style=self.counter_style, url_fetcher=self.fetcher)
        return self.sheets[path]

    def render(self, html_path: Path, pdf_path: Path, variant_css: list[str] | tuple[str, ...]
               ) -> RenderResult:
        from weasyprint import HTML

        html_path, pdf_path = html_path.resolve(), pdf_path.resolve()
        text = html_path.read_text(encoding="utf-8")
        if _ATTACHMENT.search(text):
            return RenderResult(False, problems=["the document asks to attach a file to the PDF — "
                                                 "attachments are not allowed"])
        self.fetcher.refused.clear()  # the previous document's refusals were reported with it
        collect = _Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collect)
        try:
            css = [self.font_css, *(self._sheet(p) for p in _stylesheets(variant_css))]
            started = time.perf_counter()
            document = HTML(string=text, base_url=html_path.parent.as_uri(),
                            url_fetcher=self.fetcher).render(
                stylesheets=css, font_config=self.font_config, counter_style=self.counter_style,
                cache=self.cache)
            laid_out = time.perf_counter()
            options: dict[str, Any] = {"pdf_identifier": b"handbook", "uncompressed_pdf": False}
            if self.tagged:
                options["pdf_variant"] = "pdf/ua-1"
            # In memory first: a PDF the renderer had problems with (or was killed in) never
            # replaces a good one, and no half-written file is left for anyone to clean up.
            data = document.write_pdf(**options)
            written = time.perf_counter()
        finally:
            logger.removeHandler(collect)
        problems = [f"the renderer refused {url} — only files of the build and data: URLs may be used"
                    for url in self.fetcher.refused]
        problems += [m for m in collect.messages if "RefusedURL" not in m]
        result = RenderResult(not problems, len(document.pages), problems,
                              laid_out - started, written - laid_out)
        if not problems:
            atomic.write_bytes(pdf_path, data)
        return result


def render(html_path: Path, pdf_path: Path, allowed: list[Path], variant_css: list[str],
           tagged: bool) -> RenderResult:
    """Render one document in this process; see render_all_in_child() for the caller's side."""
    return Renderer(allowed, tagged).render(html_path, pdf_path, variant_css)


def weasyprint_alone(html_path: Path, pdf_path: Path, variant_css: list[str] | tuple[str, ...] = (),
                     tagged: bool = True) -> RenderResult:
    """WeasyPrint alone on a print HTML file, as its documentation shows: the yardstick of our
    PDF stage (no child process, no fetcher, no shared fonts), with the same stylesheets and options.
    """
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    from handbook.pdf import hyphenation

    hyphenation.register()  # Finnish patterns: without them fi would lay out other line breaks
    started = time.perf_counter()
    font_config, counter_style = FontConfiguration(), CounterStyle()
    css = [CSS(string=fonts.font_face_css(), font_config=font_config),
           *(CSS(filename=str(p), font_config=font_config, counter_style=counter_style)
             for p in _stylesheets(variant_css))]
    document = HTML(filename=str(html_path)).render(stylesheets=css, font_config=font_config,
                                                    counter_style=counter_style)
    laid_out = time.perf_counter()
    document.write_pdf(pdf_path, pdf_identifier=b"handbook", uncompressed_pdf=False,
                       **({"pdf_variant": "pdf/ua-1"} if tagged else {}))
    return RenderResult(True, len(document.pages), [], laid_out - started, time.perf_counter() - laid_out)


def _timed_out(timeout: float) -> RenderResult:
    return RenderResult(False, problems=[f"rendering took longer than {timeout:g} s and was "
                                         "stopped — look for a very large table or image, or "
                                         "raise handbook_pdf_timeout in conf.py"])


def render_all_in_child(jobs: list[RenderJob], allowed: list[Path], tagged: bool,
                        timeout: float, max_image_pixels: int = 0) -> list[RenderResult]:
    """Render the documents in one fresh Python process, one result per job, in order.

    One process for all of a language's PDFs: the interpreter, WeasyPrint and the fonts are
    loaded once. Each document gets ``timeout`` seconds; one that takes longer is stopped, and
    the documents after it are rendered in a new process. Images of more than ``max_image_pixels``
    pixels are refused (see limit_image_pixels).
    """
    if not jobs:
        return []
    spec = {"allowed": [str(p) for p in allowed], "tagged": tagged, "max_image_pixels": max_image_pixels,
            "jobs": [{"html": str(j.html), "pdf": str(j.pdf), "css": list(j.css)} for j in jobs]}
    lines: queue.Queue[str | None] = queue.Queue()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        # stderr goes to a file: a chatty renderer must not block on a full pipe.
        # The child is told who started it, to end with it (see processes.die_with_parent).
        child = subprocess.Popen([sys.executable, "-m", "handbook.pdf.render", str(os.getpid())],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, text=True,
                                 encoding="utf-8")

        def read() -> None:
            for line in child.stdout:  # type: ignore[union-attr]
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        child.stdin.write(json.dumps(spec))  # type: ignore[union-attr]
        child.stdin.close()  # type: ignore[union-attr]
        results: list[RenderResult] = []
        for job in jobs:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                child.kill()
                child.wait()
                rest = jobs[len(results) + 1:]
                return [*results, _timed_out(timeout),
                        *render_all_in_child(rest, allowed, tagged, timeout, max_image_pixels)]
            if line is None:  # the child ended before this document
                child.wait()
                errors.seek(0)
                crash = RenderResult(False, problems=[f"the renderer crashed:\n{errors.read().strip()}"])
                return [*results, crash, *render_all_in_child(jobs[len(results) + 1:], allowed,
                                                              tagged, timeout, max_image_pixels)]
            results.append(RenderResult(**json.loads(line)))
        child.wait()
    return results


def render_in_children(jobs: list[RenderJob], allowed: list[Path], tagged: bool, timeout: float,
                       processes: int = 1, max_image_pixels: int = 0) -> list[RenderResult]:
    """Render the documents in up to ``processes`` children at once; results in the jobs' order.

    WeasyPrint uses one core, so a language built alone spreads its PDFs over the machine's
    cores. The biggest documents are dealt out first, each to the least loaded child.
    """
    groups: list[list[int]] = [[] for _ in range(max(1, min(processes, len(jobs))))]
    loads = [0] * len(groups)
    for index in sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].html)):
        lightest = loads.index(min(loads))
        groups[lightest].append(index)
        loads[lightest] += _size(jobs[index].html)
    if len(groups) == 1:
        return render_all_in_child(jobs, allowed, tagged, timeout, max_image_pixels)
    results: list[RenderResult | None] = [None] * len(jobs)

    def run(group: list[int]) -> None:
        done = render_all_in_child([jobs[i] for i in group], allowed, tagged, timeout, max_image_pixels)
        for index, result in zip(group, done, strict=True):
            results[index] = result

    threads = [threading.Thread(target=run, args=(g,)) for g in groups]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r or RenderResult(False, problems=["the renderer did not answer"]) for r in results]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def main() -> int:
    """The child: a JSON spec on stdin (see render_all_in_child), one JSON line per document."""
    from handbook import processes
    from handbook.gc_tuning import tune_for_builds

    if len(sys.argv) > 1:
        processes.die_with_parent(int(sys.argv[1]))

    tune_for_builds()
    spec = json.load(sys.stdin)
    # WeasyPrint copies the fonts it loads into a temporary folder, which it removes when it frees
    # them. This child ends without freeing anything (see quick_exit), so the folder is made
    # inside one of ours, removed here.
    with tempfile.TemporaryDirectory(prefix="handbook-render-",
                                     ignore_cleanup_errors=True) as scratch:
        tempfile.tempdir = scratch
        limit_image_pixels(spec.get("max_image_pixels", 0))
        renderer = Renderer([Path(p) for p in spec["allowed"]], spec["tagged"])
        failed = False
        for job in spec["jobs"]:
            result = renderer.render(Path(job["html"]), Path(job["pdf"]), job["css"])
            failed = failed or not result.ok
            print(json.dumps(asdict(result)), flush=True)
    return 1 if failed else 0


def quick_exit(status: int) -> None:
    """End the child without Python's clean-up. The last document's boxes are still in memory, and
    freeing them one by one took 1.7 s after the 131 pages of the handbook, during which the build
    waited; the PDFs are written and renamed into place and the results printed by then."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    quick_exit(main())
