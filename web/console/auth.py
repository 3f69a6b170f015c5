"""Who is using the adviser console: session cookies, roles and CSRF checks.

The browser holds only a random session token (HttpOnly, SameSite=Strict,
Path=/console, and Secure whenever the browser is on HTTPS, including behind a
trusted TLS proxy, see web/console/client.py); the session itself is a database
row, so it works across web replicas and ends everywhere at logout. Every
state-changing request must carry the session's CSRF token (a form field or the
X-CSRF-Token header). Database work runs off the event loop (web/blocking.py), so the
console never holds up residents' chat on the same server.
"""
from __future__ import annotations

import functools
import secrets
from typing import Any, Callable, Coroutine

from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import ANALYST, csrf_ok, session_for
from advice.models import SUPERVISOR
from web.blocking import in_database
from web.console.client import is_https
from web.errors import LogInFirst

COOKIE = "hn_console"
LOGIN_CSRF_COOKIE = "hn_login_csrf"
SESSION_COOKIE_SECONDS = 10 * 3600
COOKIE_PATH = "/console"

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
LOG_IN_PAGE = "/console/login"
OUT_OF_DATE = "The form was out of date. Please reload the page."


def set_cookie(request: Request, reply: HTTPResponse, name: str, value: str,
               max_age: int) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = COOKIE_PATH
    cookie["max-age"] = max_age
    if is_https(request):
        cookie["secure"] = True


def clear_cookie(request: Request, reply: HTTPResponse, name: str) -> None:
    """Tell the browser to drop a cookie. It must name the same Path the cookie was set
    with (Sanic's `del reply.cookies[name]` sends Path=/, which leaves ours in place)."""
    set_cookie(request, reply, name, "", 0)


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def signed_in(role: str | None = None) -> Callable[[Handler], Handler]:
    """Require a live console session (and the supervisor role when asked); on POST,
    also a valid CSRF token. The handler finds `adviser` and `console_session` on
    request.ctx. Refusals are raised, for web/errors.py to answer: a browser without a
    session is sent to the log-in page, a script gets JSON."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            found = await in_database(request, session_for, request.cookies.get(COOKIE))
            if found is None:
                raise LogInFirst("Please log in.", LOG_IN_PAGE)
            console_session, adviser = found
            if adviser.role == ANALYST:  # counts only (/insights), never residents' cases
                raise Forbidden("The console is for advisers and supervisors.")
            if role == SUPERVISOR and adviser.role != SUPERVISOR:
                raise Forbidden("This page is for supervisors.")
            if request.method == "POST" and not csrf_ok(console_session, submitted_csrf(request)):
                raise Forbidden(OUT_OF_DATE)
            request.ctx.adviser, request.ctx.console_session = adviser, console_session
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate


def submitted_csrf(request: Request) -> str | None:
    """The CSRF token a state-changing request carries: header (scripts) or form field."""
    return request.headers.get("x-csrf-token") or \
        (request.form.get("csrf") if request.form else None)
