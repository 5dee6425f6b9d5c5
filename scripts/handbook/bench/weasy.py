"""WeasyPrint alone on a print HTML file, in a fresh process: the baseline our PDF stage is compared with.

Run as ``python -m handbook.bench.weasy in.html out.pdf``. The rendering itself is
``handbook.pdf.render.weasyprint_alone`` (plain WeasyPrint with our style sheets, fonts and PDF
options, none of our process or caching work); this wrapper gives it a cold interpreter, as the
naive pipeline has, and prints one JSON line: pages and the seconds of the layout and the write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from handbook.pdf.render import weasyprint_alone

    html, pdf = Path(argv[0]), Path(argv[1])
    # The print HTML is named after its variant; only large print adds a style sheet of its own.
    variant_css = ("large-print.css",) if html.stem == "large-print" else ()
    result = weasyprint_alone(html, pdf, variant_css)
    print(json.dumps({"pages": result.pages, "layout": round(result.layout_seconds, 3),
                      "write": round(result.write_seconds, 3),
                      "stylesheets": ["print.css", *variant_css, "fonts"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
