"""``make check``: every translation checked against its source message.

Each check is a function ``(source, translation, context) -> list[Finding]``; the runner
adds the file and line. Check identifiers are stable (translators search for them) and registered
in ``handbook.check_ids``: a finding with an id that is not there is our bug (``KeyError``).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook import check_ids

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str
    message: str  # what is wrong — how to fix
    check: str

    def __post_init__(self) -> None:
        check_ids.check(self.check)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 0: the whole file (a source document, a missing catalog)
    severity: str
    message: str
    check: str

    def __post_init__(self) -> None:
        check_ids.check(self.check)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {check_ids.with_fix(self.check, self.message)} [{self.check}]"
