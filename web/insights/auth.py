"""Who may read /insights: supervisors and analysts (advice/accounts.py ANALYST).

Signing in, sessions, cookies (Path=/insights, so a console cookie is never sent here and
the other way round), CSRF and audit are shared with the console and the studio
(web/signin/); this module says only who insights is for. Every other role gets 403, and
the refusal is audited.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Coroutine

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice.accounts import ANALYST
from advice.models import SUPERVISOR
from core.storage import navigator_engine
from web.blocking import off_loop
from web.context import settings_of
from web.signin import Door, refuse, require_csrf, session_of

DOOR = Door(path="/insights", cookie="hn_insights", login_csrf_cookie="hn_insights_login",
            audit_prefix="insights_", heading="Log in to insights", form_class="login")
NOT_FOR_YOU = "The insights pages are for supervisors and analysts."
READERS = (SUPERVISOR, ANALYST)

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def engine_for(request: Request) -> Engine:
    """The navigator's database, where the insights tables are. Blocking on first use
    (it opens the database): call it through off_loop."""
    return navigator_engine(settings_of(request.app))


def reader() -> Callable[[Handler], Handler]:
    """Require a live session of a supervisor or analyst (else 401 to log in, or 403,
    audited); on POST also the session's CSRF token."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            console_session, adviser = await session_of(DOOR, request)
            if adviser.role not in READERS:
                await refuse(DOOR, request, adviser, NOT_FOR_YOU)
            require_csrf(request, console_session)
            request.ctx.adviser, request.ctx.console_session = adviser, console_session
            request.ctx.engine = await off_loop(engine_for, request)
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
