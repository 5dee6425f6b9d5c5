"""WeasyPrint alone on a print HTML file: the baseline our PDF stage is compared with.

Run as ``python -m handbook.bench.weasy in.html out.pdf``: plain WeasyPrint (default URL fetcher,
no tagging, no hyphenation set-up) with the print style sheets and the bundled fonts, so that the
layout is the same as ours. Prints one JSON line: pages and the seconds of the render and write.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def stylesheets(html: Path) -> tuple[list[Path], str]:
    """The print style sheets for a print HTML file (``large-print.html`` also takes large-print.css),
    and the @font-face rules of the bundled fonts; empty where the PDF code does not provide them."""
    try:
        from handbook.pdf import fonts
        from handbook.pdf.render import TEMPLATES
    except ImportError:  # the PDF code changed its layout: measure WeasyPrint without them
        return [], ""
    sheets = [TEMPLATES / "print.css", TEMPLATES / f"{html.stem}.css"]
    faces = fonts.font_face_css() if hasattr(fonts, "font_face_css") else ""
    return [p for p in sheets if p.is_file()], faces


def main(argv: list[str]) -> int:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html, pdf = Path(argv[0]), Path(argv[1])
    sheets, faces = stylesheets(html)
    started = time.perf_counter()
    font_config = FontConfiguration()
    css = [CSS(string=faces, font_config=font_config)] if faces else []
    css += [CSS(filename=str(p), font_config=font_config) for p in sheets]
    document = HTML(filename=str(html)).render(stylesheets=css, font_config=font_config)
    layout = time.perf_counter() - started
    document.write_pdf(pdf)
    print(json.dumps({"pages": len(document.pages), "layout": round(layout, 3),
                      "write": round(time.perf_counter() - started - layout, 3),
                      "stylesheets": [p.name for p in sheets] + (["fonts"] if faces else [])}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
