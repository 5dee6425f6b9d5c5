"""Command-line interface: every Makefile target is one call of ``python -m handbook``."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from handbook import buildlock, faults, processes
from handbook.paths import Layout

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# The commands that write _build (`make check` and `make stats` build the gettext catalogs there to
# find stale translations; `make serve` takes the lock for each of its builds; `make bench` builds in
# temporary copies and only writes its report here).
WRITES_BUILD = {"build", "html", "pdf", "gettext", "update-po", "review", "add-language", "check", "stats"}


@dataclass(frozen=True)
class Target:
    name: str
    usage: str
    summary: str


# The Makefile's interface (../shared/DESIGN.md), in the order `make help` shows it.
TARGETS = [
    Target("all", "make", "set up on first run, then build the whole site into _build/site/"),
    Target("test", "make test", "the whole test suite: the fast tier first, then the slow and browser tests"),
    Target("test-fast", "make test-fast", "the linter, the dead-code check and the fast tests (under a minute): run it while working"),
    Target("test-upstream", "make test-upstream", "the real handbook built with and without the speed-only "
           "patches to other packages: same pages, same PDF text"),
    Target("screenshots", "make screenshots", "PNGs of each language's home page and a chapter at 390 and "
           "1280 px in _build/screenshots/"),
    Target("html", 'make html [LANGS="ru en"] [BASE_URL=…]', "build the website of each language into "
           "_build/site/<lang>/ (BASE_URL: its public address)"),
    Target("pdf", "make pdf [LANGS=…] [EDITION=…] [PRINT=shop] [DUPLEX=0]",
           "print-ready PDFs into _build/site/pdf/ with manifest.json"),
    Target("gettext", "make gettext", "extract translatable messages into _build/gettext/*.pot"),
    Target("update-po", "make update-po [LANGS=…]", "update locales/<lang>/LC_MESSAGES/*.po from the sources"),
    Target("stats", "make stats", "translation progress per language and document; _build/stats.json"),
    Target("check", "make check", "quality checks of every translation (exit 0 clean, 1 problems)"),
    Target("review", "make review LANGS=fi", "HTML and PDF with untranslated and outdated text marked"),
    Target("serve", "make serve [LANGS=fi] [PORT=8000]",
           "live preview of one language on http://127.0.0.1:8000, rebuilt on save"),
    Target("new-chapter", 'make new-chapter TITLE="…"',
           "authors: a new chapter docs/chapters/NN-<slug>.md from the template"),
    Target("new-practice", 'make new-practice TITLE="…"',
           "authors: a new practice card docs/practices/<slug>.md from the template"),
    Target("bench", "make bench [SCALES=1,5,20] [LANGS=…] [PDFS=standard|none]",
           "the benchmark in a temporary copy; report on stdout and in _build/bench.json"),
    Target("upgrade-check", "make upgrade-check [LANGS=…] [TESTS=fast|none]",
           "maintainers: build and test with the newest Sphinx, MyST, WeasyPrint, Furo and sphinx-intl "
           "(or VERSIONS=\"furo==…\") apart from .venv; _build/upgrade-check/report.md"),
    Target("add-language", "make add-language LANG=da", "add a language, ready to translate and build"),
    Target("clean", "make clean", "remove _build/ (the virtual environment stays)"),
    Target("lock", "make lock", "maintainers: re-pin requirements.lock after editing pyproject.toml"),
    Target("help", "make help", "list these targets"),
]


def print_help() -> int:
    width = max(len(t.usage) for t in TARGETS)
    print("Targets (LANGS is a space-separated list of language codes; the default is every language):")
    for t in TARGETS:
        print(f"  {t.usage:<{width}}  {t.summary}")
    return EXIT_OK


def print_checks(markdown: bool) -> int:
    """Every check id of the toolchain (handbook.check_ids), for translators, authors and CI."""
    from handbook import check_ids

    if not markdown:
        print("Check ids (stable): a line ends with [id], a build warning with [handbook.id]. To silence one "
              "on purpose: suppress_warnings = [\"handbook.<id>\"] in conf.py; a translator: a comment "
              "# handbook-ignore: <id> above the entry.")
    for line in check_ids.table(markdown):
        print(line)
    return EXIT_OK



def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in [("build", "build everything `make` builds"), ("html", "build the websites")]:
        p = sub.add_parser(name, help=text)
        p.add_argument("--langs", default="", help="languages, separated by spaces or commas")
        p.add_argument("--base-url", default="", help="the site's public address (instead of conf.py's)")
    p = sub.add_parser("pdf", help="build the print-ready PDFs")
    p.add_argument("--langs", default="", help="languages, separated by spaces or commas")
    p.add_argument("--edition", default="", help="a seminar edition (pskov, tosno, arkhangelsk)")
    p.add_argument("--print", dest="print_mode", default="", help="shop: 3 mm bleed and crop marks")
    p.add_argument("--duplex", default="", help="0: one-sided layout, 1: book layout for double-sided "
                   "printing; empty: conf.py's handbook_pdf_duplex")
    sub.add_parser("gettext", help="extract messages into _build/gettext")
    p = sub.add_parser("update-po", help="update the .po files from the sources")
    p.add_argument("--langs", default="")
    p = sub.add_parser("serve", help="live preview of one language, rebuilt on save")
    p.add_argument("--langs", default="", help="the first of these is previewed (default: the source)")
    p.add_argument("--port", type=int, default=8000)
    for name in ("new-chapter", "new-practice"):
        p = sub.add_parser(name, help=f"create a file from the {name[4:]} template")
        p.add_argument("--title", default="")
    p = sub.add_parser("normalize-po", help="rewrap .po files as the repository keeps them (pre-commit)")
    p.add_argument("files", nargs="*")
    p = sub.add_parser("check-sources", help="fast checks of the Markdown sources (pre-commit)")
    p.add_argument("files", nargs="*")
    p = sub.add_parser("add-language", help="add a language: conf.py and its catalogs")
    p.add_argument("--code", default="")
    p = sub.add_parser("review", help="a language's site and PDF with untranslated and outdated text marked")
    p.add_argument("--langs", default="")
    p = sub.add_parser("stats", help="translation progress per language and document")
    p.add_argument("--langs", default="")
    p = sub.add_parser("check", help="check every translation against its source")
    p.add_argument("--langs", default="")
    p = sub.add_parser("bench", help="measure the builds of the handbook and of scaled copies of it")
    p.add_argument("--langs", default="")
    p.add_argument("--scales", default="", help="sizes to measure, e.g. 1,5,20 (the default)")
    p.add_argument("--pdfs", default="", help="only these PDF variants (e.g. standard), or none")
    p = sub.add_parser("upgrade-check", help="build and test with the newest releases of the main "
                       "dependencies in a separate environment, and report what changed")
    p.add_argument("--langs", default="")
    p.add_argument("--tests", default="all", choices=["all", "fast", "none"],
                   help="the whole suite (less the upstream tests), the fast tier, or none")
    p.add_argument("--keep", action="store_true", help="keep the copies of the project that were built")
    p.add_argument("--pins", default="", help="a file of name==version lines to test instead of the newest")
    p.add_argument("--versions", default="", help="name==version … to test instead of the newest")
    sub.add_parser("help", help="list the Makefile targets")
    p = sub.add_parser("checks", help="list every check id: what it means, how to fix it, how to silence it")
    p.add_argument("--markdown", action="store_true", help="as README.md's table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "help":
        return print_help()
    if args.command == "checks":
        return print_checks(args.markdown)
    layout = Layout()
    try:
        # Imported here so that `make help` works before the virtual environment exists.
        from handbook import command_args, commands
    except ImportError as exc:
        return _fault(exc, layout)
    try:
        # Commands that write _build hold its lock: one build at a time per checkout.
        with buildlock.held(layout.build) if args.command in WRITES_BUILD else contextlib.nullcontext():
            return _run(args, commands)
    except command_args.UsageError as exc:  # a wrong setting already says conf.py:LINE: error: …
        print(exc if isinstance(exc, command_args.ConfError) else f"handbook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, processes.Stopped) else signal.SIGINT
        how = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
        _say_last(f"handbook: {how} — what was published before is still in place; run the command "
                  "again to finish")
        return 128 + signum
    except (OSError, ImportError, faults.Fault) as exc:
        return _fault(exc, layout)


def _fault(exc: BaseException, layout: Layout) -> int:
    """A full disk, a read-only _build, a broken .venv: one line and exit 1; anything else is our
    bug and keeps its traceback."""
    fault = faults.from_exception(exc, layout.root)
    if fault is None:
        raise exc
    _say_last(f"handbook: error: {fault}")
    return EXIT_PROBLEMS


def _say_last(line: str) -> None:
    """The last line of a command that is stopping: its terminal or make may be gone already."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        pass


def _run(args: argparse.Namespace, commands: ModuleType) -> int:
    if args.command == "build":
        return commands.build_all(args.langs, base_url=args.base_url)
    if args.command == "html":
        return commands.html(args.langs, base_url=args.base_url)
    if args.command == "pdf":
        from handbook.pdf.command import pdf

        return pdf(args.langs, args.edition, args.print_mode, duplex=args.duplex)
    if args.command == "gettext":
        return commands.gettext()
    if args.command == "update-po":
        return commands.update_po(args.langs)
    if args.command == "serve":
        return commands.serve(args.langs, args.port)
    if args.command in ("new-chapter", "new-practice"):
        from handbook import scaffold

        return scaffold.main(args.command, args.title)
    if args.command == "normalize-po":
        from handbook import po_format

        return po_format.main(args.files)
    if args.command == "check-sources":
        from handbook import source_checks

        return source_checks.main(args.files)
    if args.command == "add-language":
        return commands.add_language(args.code)
    if args.command == "review":
        return commands.review(args.langs)
    if args.command == "stats":
        return commands.stats(args.langs)
    if args.command == "check":
        return commands.check(args.langs)
    if args.command == "bench":
        from handbook.bench.run import bench

        return bench(args.langs, args.scales, pdfs=args.pdfs)
    if args.command == "upgrade-check":
        from handbook.upgrade.check import upgrade_check

        return upgrade_check(args.langs, args.tests, keep=args.keep, pins_file=args.pins, versions=args.versions)
    raise AssertionError(args.command)
