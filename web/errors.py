"""How every request that cannot be served ends: one exception handler for the whole app.

Handlers say what is wrong by raising (Sanic's NotFound, Forbidden, or `Refused` for any
other status) instead of building error responses themselves, so every refusal is shaped
the same way: JSON `{"error": ...}` for the APIs (`/api/...`, `/console/api/...`, or a
caller that asks for JSON), a small HTML page for browsers. Anything unexpected is a 500
that says nothing about the code: the traceback goes to the log, never to the caller.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.exceptions import SanicException, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

log = logging.getLogger(__name__)
_pages = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                     autoescape=select_autoescape(["html"]))

JSON_PATHS = ("/api/", "/console/api/")
SOMETHING_WENT_WRONG = "Something went wrong on our side. Please try again in a moment."
# Errors that only odd requests cause (a folder asked for as a file, a number too big for
# the database); routes check what they can first, this is the last net.
KNOWN_FAILURES: dict[type[Exception], tuple[int, str]] = {
    IsADirectoryError: (404, "Not found."),
    NotADirectoryError: (404, "Not found."),
    OverflowError: (400, "A number in the request is too large."),
}


class Refused(SanicException):
    """A request refused with a status Sanic has no class for (409, 413, 429, 502, ...)."""

    def __init__(self, status: int, message: str):
        super().__init__(message, status_code=status, quiet=status < 500)


class LogInFirst(Unauthorized):
    """401: no live session. An API caller gets JSON; a browser is sent to `log_in_at`."""

    def __init__(self, message: str, log_in_at: str):
        super().__init__(message)
        self.log_in_at = log_in_at


def install(app: Sanic) -> None:
    app.error_handler.add(Exception, answer_error)


def wants_json(request: Request) -> bool:
    """True for the JSON APIs, and for a script that asks for JSON (console.js)."""
    return request.path.startswith(JSON_PATHS) or \
        "application/json" in (request.headers.get("accept") or "")


def answer_error(request: Request, error: Exception) -> HTTPResponse:
    """The one answer to every exception a handler raises or lets through."""
    status, message = status_and_message(error)
    if status >= 500 and not isinstance(error, Refused):
        log.error("%s %s failed", request.method, request.path[:200], exc_info=error)
    if wants_json(request):
        return response.json({"error": message}, status=status)
    if isinstance(error, LogInFirst):
        return response.redirect(error.log_in_at, status=303)
    return response.html(problem_page(status, message), status=status)


def status_and_message(error: Exception) -> tuple[int, str]:
    """What to tell the caller: the status and words of a deliberate refusal; nothing of
    the code or its data for anything else."""
    if isinstance(error, SanicException):
        status = int(getattr(error, "status_code", 500))
        deliberate = status < 500 or isinstance(error, Refused)
        return status, str(error) if deliberate else SOMETHING_WENT_WRONG
    for kind, known in KNOWN_FAILURES.items():
        if isinstance(error, kind):
            return known
    return 500, SOMETHING_WENT_WRONG


def problem_page(status: int, message: str) -> str:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return _pages.get_template("problem.html").render(title=title, message=message)
