"""Keep the live preview to the author's own browser tab: only requests addressed to the preview
itself, and only live-reload sockets opened by its own pages.

A web page open in the same browser can make it send requests to 127.0.0.1. By renaming its own
host to 127.0.0.1 (DNS rebinding) it could read the preview's pages; by opening a WebSocket, which
browsers allow across sites, it could listen to the rebuilds. The first carries the page's host name
in ``Host``, the second the page's address in ``Origin``, and both are refused here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NAMES = ("127.0.0.1", "localhost")  # what the author may type; the preview listens on 127.0.0.1 only


class LocalOnly:
    """ASGI middleware: 403 for a ``Host`` that is not the preview's, and for a WebSocket whose
    ``Origin`` is not one of the preview's own pages."""

    def __init__(self, app: ASGIApp, port: int, names: tuple[str, ...] = NAMES) -> None:
        self.app = app
        self.port = port
        self.hosts = {f"{name}:{port}".encode() for name in names}
        self.origins = {f"http://{name}:{port}".encode() for name in names}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan
            await self.app(scope, receive, send)
            return
        hosts = [value.lower() for name, value in scope["headers"] if name == b"host"]
        origins = [value.lower() for name, value in scope["headers"] if name == b"origin"]
        if len(hosts) != 1 or hosts[0] not in self.hosts:
            await self._refuse(scope, receive, send, "this preview answers only requests to its own address, "
                                                     f"http://127.0.0.1:{self.port}/")
        elif scope["type"] == "websocket" and (len(origins) != 1 or origins[0] not in self.origins):
            await self._refuse(scope, receive, send, "the live reload is only for the preview's own pages")
        else:
            await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, reason: str) -> None:
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})  # before accepting: HTTP 403
            return
        body = f"Forbidden: {reason}.\n".encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
