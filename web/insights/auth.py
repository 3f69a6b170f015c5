"""Who may read /insights: supervisors and analysts (advice/accounts.py ANALYST), with the
console's accounts, database sessions, CSRF and audit.

Its own cookie (Path=/insights), made by the same session code as the console's, so a
console cookie is never sent here and the other way round. Every other role gets 403,
and the refusal is audited.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Coroutine

from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import audit, csrf_ok, session_for
from advice.models import SUPERVISOR
from web.blocking import off_loop
from web.console.auth import submitted_csrf
from web.console.client import is_https
from web.context import settings_of
from web.errors import LogInFirst

COOKIE = "hn_insights"
LOGIN_CSRF_COOKIE = "hn_insights_login"
COOKIE_PATH = "/insights"
SESSION_COOKIE_SECONDS = 10 * 3600
LOG_IN_PAGE = "/insights/login"
OUT_OF_DATE = "The form was out of date. Please reload the page."
NOT_FOR_YOU = "The insights pages are for supervisors and analysts."
ANALYST = "analyst"  # advice/accounts.py ROLES
READERS = (SUPERVISOR, ANALYST)

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def engine_for(request: Request):
    from insights import insights_engine

    return insights_engine(settings=settings_of(request.app))


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
    set_cookie(request, reply, name, "", 0)


def reader() -> Callable[[Handler], Handler]:
    """Require a live session of a supervisor or analyst (else 401 to log in, or 403,
    audited); on POST also the session's CSRF token."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            engine = await off_loop(engine_for, request)
            found = await off_loop(session_for, engine, request.cookies.get(COOKIE))
            if found is None:
                raise LogInFirst("Please log in.", LOG_IN_PAGE)
            console_session, adviser = found
            if adviser.role not in READERS:
                await off_loop(audit, engine, adviser, "insights_refused",
                               detail=request.path[:200])
                raise Forbidden(NOT_FOR_YOU)
            if request.method == "POST" and not csrf_ok(console_session, submitted_csrf(request)):
                raise Forbidden(OUT_OF_DATE)
            request.ctx.adviser, request.ctx.console_session = adviser, console_session
            request.ctx.engine = engine
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
