"""``make check``: every translation checked against its source message.

Each check is a function ``(source, translation, context) -> list[Finding]``; the runner
adds the file and line. Check identifiers are stable: translators search for them.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str  # what is wrong — how to fix
    check: str


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 0: the whole file (a source document, a missing catalog)
    severity: str
    message: str
    check: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.check}]"
