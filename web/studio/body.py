"""The body of a studio save: a whole document, larger than anything else the web server
takes.

The web server reads at most REQUEST_MAX_BYTES (64 KB, web/server.py) of any request and
refuses a larger one from its Content-Length before reading it: a chat message or a login
is a few kilobytes. A crisis phrase file saved from the studio's form is more (the
Arabic one is 89 KB, and form encoding can triple non-Latin text), so the save route is
a streaming route, and this reads its body up to DOCUMENT_MAX_BYTES itself, before the
sign-in check reads the form's CSRF token. Every other route keeps the 64 KB limit.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Coroutine

from sanic.request import Request
from sanic.response import HTTPResponse

from web.studio.auth import refused

DOCUMENT_MAX_BYTES = 1024 * 1024
Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def whole_document(handler: Handler) -> Handler:
    """Read the body of a `stream=True` route up to DOCUMENT_MAX_BYTES, then handle it as
    any form post; a larger one is refused (413) before it is read."""

    @functools.wraps(handler)
    async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        try:
            announced = int(request.headers.get("content-length") or 0)
        except ValueError:
            announced = 0
        if announced > DOCUMENT_MAX_BYTES:
            return refused(request, 413, "This document is too large to save "
                                         f"(over {DOCUMENT_MAX_BYTES // 1024} KB).")
        stream = request.stream
        if stream is not None and hasattr(stream, "request_max_size"):
            stream.request_max_size = DOCUMENT_MAX_BYTES  # chunked bodies: counted as read
        await request.receive_body()
        return await handler(request, *args, **kwargs)

    return wrapped
