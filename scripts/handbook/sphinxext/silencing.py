"""conf.py's ``suppress_warnings``, made to mean for our checks what it means for ``make check``
and the PDF preflight (handbook.check_ids): an old spelling of an id (``events.status``,
``po-syntax``) silences the id that replaced it, ``handbook`` silences only what may be silenced,
and a safety check (or a misspelt id) named there is not silenced but reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook import check_ids
from handbook.config import assignment_lines

logger = logging.getLogger(__name__)


def _conf_line(confdir: str) -> str:
    conf = Path(confdir) / "conf.py"
    return f"{conf}:{assignment_lines(conf).get('suppress_warnings', 1)}"


def normalise(app: Sphinx, config: Any) -> None:
    entries = [str(name) for name in config.suppress_warnings or ()]
    silenced, refused = check_ids.suppressed(entries)
    others = [name for name in entries if not check_ids.is_ours(name) and name not in refused]
    config.suppress_warnings = others + [check_ids.tag(check_id) for check_id in sorted(silenced)]
    for name in refused:
        check_ids.log_warning(logger, "ignore", "%s", check_ids.refused_message(name),
                              location=_conf_line(app.confdir))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", normalise, priority=300)
