"""Who is using the studio: the console's accounts, sessions, CSRF and audit, with the
studio's roles on top (studio/roles.py).

The studio has its own session cookie (Path=/studio) made by the same session code as the
console's (advice/accounts.py: a random token, only its hash stored, idle and absolute
expiry, ended everywhere at log-out), so a console cookie is never sent to studio pages
and the other way round. Every POST must carry the session's CSRF token.
"""
from __future__ import annotations

import functools
import hmac
import secrets
from typing import Any, Callable, Coroutine

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import audit, csrf_ok, session_for
from studio import studio_engine
from studio.roles import StudioUser, studio_user
from web.blocking import off_loop
from web.context import settings_of
from web.console.client import is_https

COOKIE = "hn_studio"
LOGIN_CSRF_COOKIE = "hn_studio_login"
COOKIE_PATH = "/studio"
SESSION_COOKIE_SECONDS = 10 * 3600
OUT_OF_DATE = "The form was out of date. Please reload the page."
NO_ROLE = ("The studio is for housing teams. Ask a supervisor to give your account a studio "
           "role (editor, reviewer or translator).")

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]
# Decides, from the user and the handler's arguments, whether the user may go on.
Rule = Callable[[StudioUser, dict[str, Any]], bool]


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


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def login_csrf_ok(request: Request, submitted: str | None) -> bool:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    return bool(expected) and hmac.compare_digest(expected, submitted or "")


def _studio_session(engine, token: str | None):
    found = session_for(engine, token)
    if found is None:
        return None
    console_session, adviser = found
    return console_session, adviser, studio_user(engine, adviser)


def refused(request: Request, status: int, message: str) -> HTTPResponse:
    if request.path.startswith("/studio/api/") or \
            "application/json" in (request.headers.get("accept") or ""):
        return response.json({"error": message}, status=status)
    if status == 401:
        return response.redirect("/studio/login", status=303)
    from web.studio.pages import render

    return render(request, "refused.html", status=status, message=message)


def signed_in(rule: Rule | None = None, refusal: str = NO_ROLE) -> Callable[[Handler], Handler]:
    """Require a live session with a studio role, and `rule` when given (else 403, audited);
    on POST, also the session's CSRF token. The handler finds `request.ctx.user`."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            engine = studio_engine(settings=settings_of(request.app))
            found = await off_loop(_studio_session, engine, request.cookies.get(COOKIE))
            if found is None:
                return refused(request, 401, "Please log in.")
            console_session, adviser, user = found
            request.ctx.user, request.ctx.adviser = user, adviser
            request.ctx.csrf = console_session.csrf_token
            allowed = user.any_role and (rule is None or rule(user, {**request.args, **kwargs}))
            if not allowed:
                await off_loop(audit, engine, adviser, "studio_refused",
                               detail=request.path[:200])
                return refused(request, 403, refusal if user.any_role else NO_ROLE)
            if request.method == "POST":
                submitted = request.headers.get("x-csrf-token") or \
                    (request.form.get("csrf") if request.form else None)
                if not csrf_ok(console_session, submitted):
                    return refused(request, 403, OUT_OF_DATE)
            return await handler(request, *args, **kwargs)

        return wrapped

    return decorate
