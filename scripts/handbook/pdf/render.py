"""Render one print HTML file to PDF with WeasyPrint, in a child process with a time limit.

The child (``python -m handbook.pdf.render``) reads only through the project fetcher, writes the
PDF next to its print HTML (outside the published folder, so that a killed build leaves no
half-written file there) and renames it into place, and prints one JSON line: pages or problems.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from handbook.pdf import fonts

TEMPLATES = Path(__file__).parent / "templates"
# Inside a tag only: a translation's neutralised markup is escaped text, which attaches nothing.
_ATTACHMENT = re.compile(r"""<[a-z][^<>]*\srel\s*=\s*["']?[^"'>]*\battachment\b""", re.IGNORECASE)


@dataclass
class RenderResult:
    ok: bool
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def _partial(html_path: Path, pdf_path: Path) -> Path:
    """Where the PDF is written before it is renamed into place (same file system: both in _build)."""
    return html_path.with_name(pdf_path.name + ".part")


def _stylesheets(variant_css: list[str]) -> list[Path]:
    return [TEMPLATES / "print.css", *[TEMPLATES / name for name in variant_css]]


class _Collect(logging.Handler):
    """WeasyPrint logs what it could not do (a missing alt, an unloadable image) as errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # A font that cannot be loaded would silently fall back to a system font.
        if record.levelno >= logging.ERROR or "cannot be loaded" in message:
            self.messages.append(message)


def render(html_path: Path, pdf_path: Path, allowed: list[Path], variant_css: list[str],
           tagged: bool) -> RenderResult:
    """Render in this process (the child); see render_in_child() for the caller's side."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from handbook.pdf import hyphenation
    from handbook.pdf.fetcher import ProjectFetcher

    hyphenation.register()
    html_path, pdf_path = html_path.resolve(), pdf_path.resolve()
    text = html_path.read_text(encoding="utf-8")
    if _ATTACHMENT.search(text):
        return RenderResult(False, problems=["the document asks to attach a file to the PDF — "
                                             "attachments are not allowed"])
    fetcher = ProjectFetcher([*allowed, fonts.FONTS_DIR, TEMPLATES])
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    font_config = FontConfiguration()
    css = [CSS(string=fonts.font_face_css(), font_config=font_config, url_fetcher=fetcher)]
    css += [CSS(filename=str(path), font_config=font_config, url_fetcher=fetcher)
            for path in _stylesheets(variant_css)]
    document = HTML(string=text, base_url=html_path.parent.as_uri(), url_fetcher=fetcher).render(
        stylesheets=css, font_config=font_config)
    options = {"pdf_identifier": b"handbook", "uncompressed_pdf": False}
    if tagged:
        options["pdf_variant"] = "pdf/ua-1"
    partial = _partial(html_path, pdf_path)
    document.write_pdf(partial, **options)
    logger.removeHandler(collect)
    problems = [f"the renderer refused {url} — only files of the build and data: URLs may be used"
                for url in fetcher.refused]
    problems += [m for m in collect.messages if "RefusedURL" not in m]
    if problems:
        partial.unlink(missing_ok=True)
        return RenderResult(False, len(document.pages), problems)
    os.replace(partial, pdf_path)
    return RenderResult(True, len(document.pages))


def render_in_child(html_path: Path, pdf_path: Path, allowed: list[Path], variant_css: list[str],
                    tagged: bool, timeout: float) -> RenderResult:
    """Run render() in a fresh Python process; a render that takes too long is stopped."""
    command = [sys.executable, "-m", "handbook.pdf.render", str(html_path), str(pdf_path),
               "--timeout", str(timeout)]
    command += [arg for path in allowed for arg in ("--allow", str(path))]
    command += [arg for name in variant_css for arg in ("--css", name)]
    if tagged:
        command.append("--tagged")
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        _partial(html_path, pdf_path).unlink(missing_ok=True)
        return RenderResult(False, problems=[f"rendering took longer than {timeout:g} s and was "
                                             "stopped — look for a very large table or image, or "
                                             "raise handbook_pdf_timeout in conf.py"])
    lines = done.stdout.strip().splitlines()
    if done.returncode not in (0, 1) or not lines:
        return RenderResult(False, problems=[f"the renderer crashed:\n{done.stderr.strip()}"])
    data = json.loads(lines[-1])
    return RenderResult(data["ok"], data["pages"], data["problems"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="render one print HTML file to PDF")
    parser.add_argument("html", type=Path)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--allow", action="append", type=Path, default=[])
    parser.add_argument("--css", action="append", default=[])
    parser.add_argument("--tagged", action="store_true")
    parser.add_argument("--timeout", type=float, default=0)
    args = parser.parse_args(argv)
    result = render(args.html, args.pdf, args.allow, args.css, args.tagged)
    print(json.dumps({"ok": result.ok, "pages": result.pages, "problems": result.problems}))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
