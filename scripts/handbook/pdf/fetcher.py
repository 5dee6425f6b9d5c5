"""The only way the PDF renderer may read anything: files inside allowed folders, and data: URLs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class RefusedURL(ValueError):
    """The document asked for something outside the build and the project's static folders."""


class ProjectFetcher(URLFetcher):
    """Serves ``file:`` URLs below ``allowed`` folders and ``data:`` URLs; refuses everything else.

    WeasyPrint's default fetcher reads any local file and follows http(s) (and ``rel=attachment``
    embeds what it reads into the PDF), so a translated page could leak files or reach a network.
    Refusals are collected in ``refused`` so that the caller can report them and fail.
    """

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(timeout=5, allowed_protocols=("file", "data"))
        self.allowed = [Path(p).resolve() for p in allowed]
        self.refused: list[str] = []

    def permits(self, url: str) -> bool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return True
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path == root or root in path.parents for root in self.allowed) and path.is_file()

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - WeasyPrint's type
        if not self.permits(url):
            if url not in self.refused:
                self.refused.append(url)
            raise RefusedURL(f"refused: {url}")
        return super().fetch(url, headers)
