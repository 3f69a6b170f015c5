"""What every answer of the web server carries, and how an odd address ends: a clear 4xx,
never a 500.

One place for it, installed on the whole app (the chat page, its API, the council embed
and the adviser console alike), so a new route is covered without anyone remembering to.
Pages with needs of their own (the chat page, the console) set their own policy first;
everything else gets the strict defaults below.
"""
from __future__ import annotations

import logging
from email.utils import formatdate
from pathlib import Path
from urllib.parse import unquote

from typing import Any, Callable, Coroutine

from sanic import Sanic, response
from sanic.exceptions import InvalidUsage, NotFound
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse

from web.errors import answer_error

log = logging.getLogger(__name__)

# JSON, scripts, styles and error pages: opened on their own as a page they may load and
# run nothing, and no site may frame them. The chat page's policy is in
# web/interface/routes.py (page_headers), the console's in web/console/routes.py.
NOTHING_MAY_LOAD = ("default-src 'none'; base-uri 'none'; form-action 'none'; "
                    "frame-ancestors 'none'")
EVERY_RESPONSE = {
    "Content-Security-Policy": NOTHING_MAY_LOAD,
    "X-Content-Type-Options": "nosniff",  # a JSON answer is never run as a script or page
    "Referrer-Policy": "no-referrer",
}


def install(app: Sanic) -> None:
    """Add the headers to every response and refuse addresses with control characters
    (the errors odd requests cause are answered by web/errors.py)."""
    app.register_middleware(refuse_control_characters, "request")
    app.register_middleware(add_security_headers, "response")


async def add_security_headers(_request: Request, reply: BaseHTTPResponse) -> None:
    for key, value in EVERY_RESPONSE.items():
        reply.headers.setdefault(key, value)


async def refuse_control_characters(request: Request) -> HTTPResponse | None:
    """A NUL or other control character in an address is never a real page, and would
    make file lookups raise (ValueError: embedded null byte) instead of answering 404."""
    path = unquote(request.path)
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        return answer_error(request, InvalidUsage("The address contains a control character."))
    return None


def static_files(root: Path) -> Callable[[Request, str], Coroutine[Any, Any, HTTPResponse]]:
    """A handler for `<name:path>` serving the regular files under `root` and a quiet 404
    for anything else: a folder, a NUL, a way out of `root`. A missing file is the visitor's
    mistake (an old link, a scanner), so it is logged at DEBUG, not as a server error."""
    root = root.resolve()

    async def serve(request: Request, name: str) -> HTTPResponse:
        target = file_under(root, name)
        if target is None:
            log.debug("no static file %r", name[:200])
            raise NotFound("No such file.")
        modified = formatdate(target.stat().st_mtime, usegmt=True)
        if request.headers.get("if-modified-since") == modified:
            return HTTPResponse(status=304, headers={"Last-Modified": modified})
        return await response.file(target, headers={"Last-Modified": modified})

    return serve


def file_under(root: Path, name: str) -> Path | None:
    """The regular file `name` names inside `root`, or None."""
    name = unquote(name)
    if not name or any(ord(c) < 0x20 for c in name):
        return None
    target = (root / name).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target
