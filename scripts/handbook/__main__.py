"""Allow ``python -m handbook``."""

from handbook import processes

# Before anything else: a signal, or the end of `make`, from now on stops this command's children.
processes.supervise()

from handbook.cli import main  # noqa: E402

raise SystemExit(main())
