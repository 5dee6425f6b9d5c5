"""Python's cycle collector, set for build processes: the same work, less time spent collecting.

A build allocates hundreds of thousands of small objects (docutils nodes, WeasyPrint boxes) and
keeps most of them to the end. With Python's default thresholds the collector runs after every
700 new objects and again and again walks the growing heap. Measured on this handbook, collecting
after every 50 000 objects instead renders a PDF about 12 % faster and builds a language's website
about a tenth faster (switching the collector off entirely is barely faster still), with about a
tenth more memory at the peak.
"""

from __future__ import annotations

import gc

# (new objects before a young collection, young collections before a middle one, middle ones
# before a full one). A full collection still waits until the heap has grown by a quarter.
BUILD_THRESHOLDS = (50_000, 20, 20)


def tune_for_builds() -> None:
    """Collect less often in this process (a build worker or the PDF renderer)."""
    gc.set_threshold(*BUILD_THRESHOLDS)
