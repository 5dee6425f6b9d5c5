"""The lines a build command prints as each language's result arrives: its problems once each,
then what was built, kept or published."""

from __future__ import annotations

import sys

from handbook import build
from handbook.paths import Layout


def _say(line: str) -> None:
    print(line, flush=True)


class Reporter:
    """Prints each language's result as it arrives; a problem found in the shared sources is
    reported by every language, so each distinct message is printed once."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.printed: set[str] = set()

    def __call__(self, result: build.BuildResult) -> None:
        for message in result.messages:
            if message not in self.printed:
                self.printed.add(message)
                print(message, file=sys.stderr, flush=True)
        _report(self.layout, result)


def _report(layout: Layout, result: build.BuildResult) -> None:
    where = layout.rel(result.outdir) + "/"
    if result.skipped:
        _say(f"  {result.language}: up to date — {where}")
        return
    if result.crash:
        print(result.crash, file=sys.stderr, flush=True)
        _say(f"  {result.language}: the build crashed — this is a bug in the toolchain; "
             f"please report it with the text above — {_kept(layout, result)}")
    elif result.ok:
        _say(f"  {result.language}: built {result.documents} documents in {result.seconds:.1f} s — {where}")
    else:
        count = result.problem_count
        _say(f"  {result.language}: failed with {count} problem{'s' if count != 1 else ''} "
             f"(listed above; the build is strict: every warning must be fixed) — {_kept(layout, result)}")


def _kept(layout: Layout, result: build.BuildResult) -> str:
    """What a reader still gets of a language whose build failed: it is not published."""
    from handbook.pdf import manifest

    lang = result.language
    if result.builder == "html":
        if result.outdir.is_dir():
            return f"the previous site of {lang} is kept"
        return f"no site of {lang} is published"
    if result.builder == "handbookpdf":
        if any(e.language == lang for e in manifest.read(layout.site)):
            return f"the previous PDFs of {lang} are kept"
        return f"no PDF of {lang} is published"
    return f"the previous {layout.rel(result.outdir)}/ is kept"
