"""Who is using the studio: the console's accounts with the studio's roles on top
(studio/roles.py).

Signing in, sessions, cookies (Path=/studio, so a console cookie is never sent to studio
pages and the other way round), CSRF and audit are shared with the console and insights
(web/signin/); this module says only who may do what in the studio, and answers refusals
with the studio's own page.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Coroutine

from sanic import response
from sanic.exceptions import Forbidden
from sanic.request import Request
from sanic.response import HTTPResponse

from studio.roles import StudioUser, studio_user
from web.blocking import in_database
from web.errors import LogInFirst
from web.signin import Door, refuse, require_csrf, session_of
from web.studio.pages import render

DOOR = Door(path="/studio", cookie="hn_studio", login_csrf_cookie="hn_studio_login",
            audit_prefix="studio_", heading="Log in to the studio",
            hint="Use your adviser console account. A supervisor gives it a studio role.")
COOKIE = DOOR.cookie
NO_ROLE = ("The studio is for housing teams. Ask a supervisor to give your account a studio "
           "role (editor, reviewer or translator).")

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
# Decides, from the user and the handler's arguments, whether the user may go on.
Rule = Callable[[StudioUser, dict[str, Any]], bool]


def refused(request: Request, status: int, message: str) -> HTTPResponse:
    """A refusal in the studio's look (JSON for a script that asks for it); 401 sends a
    browser to the log-in page."""
    if request.path.startswith("/studio/api/") or \
            "application/json" in (request.headers.get("accept") or ""):
        return response.json({"error": message}, status=status)
    if status == 401:
        return response.redirect(DOOR.log_in_page, status=303)
    return render(request, "refused.html", status=status, message=message)


def answered_by_the_studio(handler: Handler) -> Handler:
    """For the log-in routes, whose shared code (web/signin/) raises its refusals: the
    studio answers them with its own page."""

    @functools.wraps(handler)
    async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        try:
            return await handler(request, *args, **kwargs)
        except (LogInFirst, Forbidden) as refusal:
            return refused(request, refusal.status_code, str(refusal))

    return wrapped


async def _admit(request: Request, rule: Rule | None, refusal: str,
                 arguments: dict[str, Any]) -> None:
    """Let the request on, or raise: no session, no studio role or not `rule` (audited),
    or a POST without the session's CSRF token."""
    console_session, adviser = await session_of(DOOR, request)
    user = await in_database(request, studio_user, adviser)
    request.ctx.user, request.ctx.adviser = user, adviser
    request.ctx.csrf = console_session.csrf_token
    if not user.any_role or (rule is not None and not rule(user, arguments)):
        await refuse(DOOR, request, adviser, refusal if user.any_role else NO_ROLE)
    require_csrf(request, console_session)


def signed_in(rule: Rule | None = None, refusal: str = NO_ROLE) -> Callable[[Handler], Handler]:
    """Require a live session with a studio role, and `rule` when given (else 403, audited);
    on POST, also the session's CSRF token. The handler finds `request.ctx.user`."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            try:
                await _admit(request, rule, refusal, {**request.args, **kwargs})
            except (LogInFirst, Forbidden) as refused_here:
                return refused(request, refused_here.status_code, str(refused_here))
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
