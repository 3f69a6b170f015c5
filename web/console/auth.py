"""Who is using the adviser console: advisers and supervisors, never analysts.

Signing in, sessions, cookies (Path=/console) and CSRF are shared with the studio and
insights (web/signin/); this module says only who the console is for. Database work runs
off the event loop (web/blocking.py), so the console never holds up residents' chat on
the same server.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Coroutine

from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import ANALYST
from advice.models import SUPERVISOR
from web.signin import Door, require_csrf, session_of

DOOR = Door(path="/console", cookie="hn_console", login_csrf_cookie="hn_login_csrf",
            audit_prefix="", heading="Log in")
COOKIE = DOOR.cookie

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def signed_in(role: str | None = None) -> Callable[[Handler], Handler]:
    """Require a live console session (and the supervisor role when asked); on POST,
    also a valid CSRF token. The handler finds `adviser` and `console_session` on
    request.ctx. Refusals are raised, for web/errors.py to answer: a browser without a
    session is sent to the log-in page, a script gets JSON."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            console_session, adviser = await session_of(DOOR, request)
            if adviser.role == ANALYST:  # counts only (/insights), never residents' cases
                raise Forbidden("The console is for advisers and supervisors.")
            if role == SUPERVISOR and adviser.role != SUPERVISOR:
                raise Forbidden("This page is for supervisors.")
            require_csrf(request, console_session)
            request.ctx.adviser, request.ctx.console_session = adviser, console_session
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
