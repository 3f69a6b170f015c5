"""Who is using the adviser console: session cookies, roles and CSRF checks.

The browser holds only a random session token (HttpOnly, SameSite=Strict,
Path=/console, and Secure whenever the browser is on HTTPS, including behind a
trusted TLS proxy, see web/console/client.py); the session itself is a database
row, so it works across web replicas and ends everywhere at logout. Every
state-changing request must carry the session's CSRF token (a form field or the
X-CSRF-Token header). Database work runs off the event loop (off_loop), so the
console never holds up residents' chat on the same server.
"""
from __future__ import annotations

import asyncio
import functools
import secrets
from typing import Any, Awaitable, Callable

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from advice import advice_engine
from advice.accounts import csrf_ok, session_for
from advice.models import SUPERVISOR
from web.console.client import is_https

COOKIE = "hn_console"
LOGIN_CSRF_COOKIE = "hn_login_csrf"
SESSION_COOKIE_SECONDS = 10 * 3600
COOKIE_PATH = "/console"

Handler = Callable[..., Awaitable[HTTPResponse]]


async def off_loop(work: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run blocking work (the database, Argon2) in a worker thread, so the event loop
    keeps answering everyone else meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(work, *args, **kwargs))


def wants_json(request: Request) -> bool:
    return request.path.startswith("/console/api/") or \
        "application/json" in (request.headers.get("accept") or "")


def refuse(request: Request, status: int, message: str) -> HTTPResponse:
    if wants_json(request):
        return response.json({"error": message}, status=status)
    if status == 401:
        return response.redirect("/console/login", status=303)
    return response.text(message, status=status)


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
    also a valid CSRF token. The handler receives `adviser` and `console_session`."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            found = await off_loop(session_for, advice_engine(), request.cookies.get(COOKIE))
            if found is None:
                return refuse(request, 401, "Please log in.")
            console_session, adviser = found
            if role == SUPERVISOR and adviser.role != SUPERVISOR:
                return refuse(request, 403, "This page is for supervisors.")
            if request.method == "POST":
                submitted = request.headers.get("x-csrf-token") or \
                    (request.form.get("csrf") if request.form else None)
                if not csrf_ok(console_session, submitted):
                    return refuse(request, 403, "The form was out of date. Please reload the page.")
            request.ctx.adviser, request.ctx.console_session = adviser, console_session
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
