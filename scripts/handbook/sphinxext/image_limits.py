"""Warn about an image too big for the handbook: too many bytes on disk, or too many pixels.

A 50 MB photo makes every page that shows it slow on a phone; a 12,000 × 12,000 pixel PNG is only
a few hundred KB on disk but takes 1.4 GB of memory when the PDF renderer decodes it. Both limits
are set in conf.py (handbook_image_max_bytes, handbook_image_max_pixels); 0 turns one off. Only the
file's header is read for its pixel size, never its pixels.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import imagesize
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from handbook import check_ids

logger = logging.getLogger(__name__)

# An image this wide fills a page of the site and of the PDF (A4 at 300 dpi is 2,480 px).
ADVISED_WIDTH = 2_000
_VECTOR = {".svg", ".svgz", ".pdf", ".eps"}


def pixel_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the file's header (None: not a raster image we can read)."""
    try:
        width, height = imagesize.get(path)  # reads the header only
    except (OSError, ValueError):
        width, height = -1, -1
    if width > 0 and height > 0:
        return int(width), int(height)
    from PIL import Image  # formats imagesize does not know; Image.open decodes nothing either

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except Exception:  # noqa: BLE001 - not an image Pillow knows, or past twice Pillow's own limit
        return None  # (which the PDF renderer refuses with its own message)


def _one_decimal(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _bytes(count: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if count >= scale:
            return f"{_one_decimal(count / scale)} {unit}"
    return f"{count:,} bytes"


def _megapixels(count: int) -> str:
    return f"{_one_decimal(count / 1_000_000)} megapixels"


def problems(path: Path, shown: str, max_bytes: int, max_pixels: int) -> list[str]:
    """What is too big about one image file, each as "what — how to fix" (a plain function: tested)."""
    found = []
    try:
        size = path.stat().st_size
    except OSError:
        return []  # a missing image is Sphinx's warning (image.not_readable)
    if max_bytes and size > max_bytes:
        found.append(f"the image {shown} is {_bytes(size)}, more than the limit of {_bytes(max_bytes)} "
                     f"— save it smaller: a photo as JPEG (quality 85) at most {ADVISED_WIDTH:,} px wide, a "
                     "diagram as PNG or SVG; the limit is handbook_image_max_bytes in conf.py")
    if max_pixels and path.suffix.lower() not in _VECTOR:
        dimensions = pixel_size(path)
        if dimensions and dimensions[0] * dimensions[1] > max_pixels:
            width, height = dimensions
            pixels = f"{width:,} × {height:,} pixels ({_megapixels(width * height)})"
            found.append(f"the image {shown} is {pixels}, more than the limit of {_megapixels(max_pixels)} "
                         f"— scale it down to at most {ADVISED_WIDTH:,} px wide and save it again; the limit "
                         "is handbook_image_max_pixels in conf.py")
    return found


def _check(app: Sphinx, doctree: nodes.document) -> None:
    config = app.config
    if not (config.handbook_image_max_bytes or config.handbook_image_max_pixels):
        return
    srcdir = Path(app.srcdir)
    for image in doctree.findall(nodes.image):
        # Sphinx's image collector has resolved the candidates (relative to docs/) by now.
        for candidate in sorted(set(image.get("candidates", {}).values())):
            if "://" in candidate or candidate.startswith("data:"):
                continue
            path = srcdir / candidate
            shown = os.path.relpath(path, app.confdir)  # from the repository's root: docs/…
            for message in problems(path, shown, config.handbook_image_max_bytes,
                                    config.handbook_image_max_pixels):
                check_ids.log_warning(logger, "image-too-large", "%s", message, location=image)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _check, priority=600)  # after Sphinx's image collector (500)
