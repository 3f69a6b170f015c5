"""Signing in to the staff pages (the adviser console, the studio and insights): one way in
for all three, so their sessions, CSRF checks, audit and log-in rate limits cannot drift
apart.

Each product is a `Door`: its own cookies (Path=/console, /studio or /insights, so one
product's cookie is never sent to another), the words of its log-in page and the prefix
of its audit events. Behind every door are the console's accounts (advice/accounts.py):
Argon2 hashes, log-in slowed per address and per username, database sessions (a random
token in an HttpOnly, SameSite=Strict cookie, only its hash stored, ended everywhere at
log-out), and a CSRF token per session that every POST must carry. The log-in form has
its own CSRF token (a cookie and a form field), since there is no session yet.

What each product lets a signed-in account do (roles) stays in its own auth module;
refusals are raised, for web/errors.py (or the studio's page) to answer. Database work
and password checks run off the event loop (web/blocking.py).
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader
from sanic import response
from sanic.exceptions import Forbidden
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse

from advice.accounts import audit, csrf_ok, end_session, log_in, session_for, start_session
from advice.models import Adviser, ConsoleSession
from web.blocking import in_database
from web.console.client import client_address, is_https
from web.errors import LogInFirst

TEMPLATES = Path(__file__).resolve().parent / "templates"
SESSION_COOKIE_SECONDS = 10 * 3600
LOGIN_FORM_SECONDS = 3600
OUT_OF_DATE = "The form was out of date. Please reload the page."
# Every failed log-in gets these words, whether the username exists or not, the password
# was wrong, or the address or username is being slowed down (then with Retry-After).
LOGIN_FAILED = ("Those details did not work. Check your username and password. After "
                "several tries you will need to wait a little before trying again.")

# A product's page renderer: render(request, template name, status=..., **values).
Render = Callable[..., HTTPResponse]


@dataclass(frozen=True)
class Door:
    """One product's way in. `path` is its URL prefix and cookie Path; `audit_prefix`
    starts its audit events ("" gives the console's "login", "logout", "login_failed");
    `heading`, `hint` and `form_class` are its log-in page's."""

    path: str
    cookie: str
    login_csrf_cookie: str
    audit_prefix: str
    heading: str
    hint: str | None = None
    form_class: str = "stack"

    @property
    def log_in_page(self) -> str:
        return f"{self.path}/login"

    def event(self, action: str) -> str:
        """The audit event for `action` ("login", "logout", "login_failed", "refused")."""
        return self.audit_prefix + action


def template_loader(own_templates: Path) -> BaseLoader:
    """A product's templates first, then the shared log-in page (which extends the
    product's own base.html, so it looks like the rest of the product)."""
    return ChoiceLoader([FileSystemLoader(own_templates), FileSystemLoader(TEMPLATES)])


# --- cookies and CSRF ----------------------------------------------------------------------

def set_cookie(door: Door, request: Request, reply: HTTPResponse, name: str, value: str,
               max_age: int) -> None:
    """HttpOnly, SameSite=Strict, on the door's path only; Secure whenever the browser is
    on HTTPS, including behind a trusted TLS proxy (web/console/client.py)."""
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = door.path
    cookie["max-age"] = max_age
    if is_https(request):
        cookie["secure"] = True


def clear_cookie(door: Door, request: Request, reply: HTTPResponse, name: str) -> None:
    """Tell the browser to drop a cookie. It must name the same Path the cookie was set
    with (Sanic's `del reply.cookies[name]` sends Path=/, which leaves ours in place)."""
    set_cookie(door, request, reply, name, "", 0)


def submitted_csrf(request: Request) -> str | None:
    """The CSRF token a state-changing request carries: header (scripts) or form field."""
    return request.headers.get("x-csrf-token") or \
        (request.form.get("csrf") if request.form else None)


def login_csrf_ok(door: Door, request: Request, submitted: str | None) -> bool:
    """The log-in form's token matches its cookie (compared in constant time)."""
    expected = request.cookies.get(door.login_csrf_cookie) or ""
    return bool(expected) and hmac.compare_digest(expected, submitted or "")


def require_csrf(request: Request, console_session: ConsoleSession) -> None:
    """On POST, the session's CSRF token or 403."""
    if request.method == "POST" and not csrf_ok(console_session, submitted_csrf(request)):
        raise Forbidden(OUT_OF_DATE)


# --- who is signed in ---------------------------------------------------------------------

async def session_of(door: Door, request: Request) -> tuple[ConsoleSession, Adviser]:
    """The live session behind the door's cookie and its account, or 401 (a browser is
    sent to the door's log-in page, a script gets JSON)."""
    found = await in_database(request, session_for, request.cookies.get(door.cookie))
    if found is None:
        raise LogInFirst("Please log in.", door.log_in_page)
    return found


async def refuse(door: Door, request: Request, adviser: Adviser, message: str) -> None:
    """403 for a signed-in account this page is not for, recorded in the audit log."""
    await in_database(request, audit, adviser, door.event("refused"),
                      detail=request.path[:200])
    raise Forbidden(message)


# --- the log-in and log-out routes ---------------------------------------------------------

def login_page(door: Door, request: Request, render: Render, status: int = 200,
               error: str | None = None) -> HTTPResponse:
    """The log-in form with a fresh CSRF token, in its cookie and in the form."""
    token = secrets.token_urlsafe(24)
    reply = render(request, "login.html", status=status, csrf=token, error=error, door=door)
    set_cookie(door, request, reply, door.login_csrf_cookie, token, LOGIN_FORM_SECONDS)
    return reply


async def log_in_from_form(door: Door, request: Request, render: Render) -> HTTPResponse:
    """POST /login: check the form's token, the password and the rate limits; start a
    session and send the browser to the product's first page. Every attempt is audited
    (a slowed-down one is not, so a flood cannot fill the log)."""
    form = request.form or RequestParameters()
    if not login_csrf_ok(door, request, form.get("csrf")):
        raise Forbidden(OUT_OF_DATE)
    address, username = client_address(request), (form.get("username") or "").strip()
    attempt = await in_database(request, log_in, username, form.get("password") or "", address)
    if attempt.adviser is None:
        if not attempt.wait_seconds:
            await in_database(request, audit, None, door.event("login_failed"),
                              detail=f"username={username[:80]} address={address}")
        reply = login_page(door, request, render, 429 if attempt.wait_seconds else 401,
                           LOGIN_FAILED)
        if attempt.wait_seconds:
            reply.headers["Retry-After"] = str(attempt.wait_seconds)
        return reply
    token, _ = await in_database(request, start_session, attempt.adviser)
    await in_database(request, audit, attempt.adviser, door.event("login"),
                      detail=f"address={address}")
    reply = response.redirect(door.path, status=303)
    set_cookie(door, request, reply, door.cookie, token, SESSION_COOKIE_SECONDS)
    clear_cookie(door, request, reply, door.login_csrf_cookie)
    return reply


async def log_out(door: Door, request: Request) -> HTTPResponse:
    """POST /logout (behind the product's signed-in check, so CSRF-checked): end the
    session everywhere, audited, and drop the cookie."""
    adviser: Any = request.ctx.adviser
    await in_database(request, audit, adviser, door.event("logout"))
    await in_database(request, end_session, request.cookies.get(door.cookie))
    reply = response.redirect(door.log_in_page, status=303)
    clear_cookie(door, request, reply, door.cookie)
    return reply
