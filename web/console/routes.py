"""The adviser console: log in, see the queue, claim a case, read, reply, close.

Served by the web server under /console. Pages are rendered on the server
(Jinja2, autoescaped); a small script refreshes the queue and the transcript
every few seconds, which is also how the console tells the assistant that an
adviser is online for live chat.
"""
from __future__ import annotations

import hmac
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from advice import advice_engine
from advice import cases as case_queue
from advice.accounts import (
    AccountError,
    audit,
    audit_log,
    authenticate,
    create_adviser,
    end_session,
    is_locked,
    list_advisers,
    start_session,
)
from advice.models import (
    ADVISER_HOLDS,
    OPEN_STATUSES,
    RESOLVED,
    RETURNED,
    SUPERVISOR,
    Adviser,
    HandoffRequest,
)
from advice.transcript import case_transcript
from knowledge.languages import LANGUAGES, direction_of
from web.console.auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE_SECONDS,
    new_login_csrf,
    refuse,
    set_cookie,
    signed_in,
    wants_json,
)

HERE = Path(__file__).resolve().parent
templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
templates.globals["LANGUAGES"] = LANGUAGES

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

console = Blueprint("adviser_console", url_prefix="/console")
console.static("/static", str(HERE / "static"), name="static")


def page(name: str, status: int = 200, **values) -> HTTPResponse:
    html = templates.get_template(name).render(**values)
    return response.html(html, status=status, headers=SECURITY_HEADERS)


@console.middleware("response")
async def no_caching(request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


def case_json(row: HandoffRequest, adviser: Adviser) -> dict:
    return {
        "id": row.id, "reference": row.reference, "status": row.status,
        "urgency": row.urgency, "language": row.language,
        "language_name": LANGUAGES[row.language].english_name if row.language in LANGUAGES
        else row.language,
        "interpreter_needed": row.language not in adviser.language_codes
        or bool(row.interpreter_needed),
        "council": row.council, "topic": row.topic, "channel": row.channel,
        "created_at": case_queue.aware(row.created_at).isoformat(),
        "mine": row.claimed_by == adviser.id,
    }


# --- logging in and out -------------------------------------------------------------

@console.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    token = new_login_csrf()
    reply = page("login.html", csrf=token, error=None)
    set_cookie(request, reply, LOGIN_CSRF_COOKIE, token, 3600)
    return reply


@console.post("/login")
async def login(request: Request) -> HTTPResponse:
    form = request.form or {}
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not hmac.compare_digest(expected, form.get("csrf") or ""):
        return refuse(request, 403, "The form was out of date. Please reload the page.")
    engine = advice_engine()
    username = (form.get("username") or "").strip()
    adviser = authenticate(engine, username, form.get("password") or "")
    if adviser is None:
        locked = is_locked(engine, username)
        audit(engine, None, "login_failed", detail=f"username={username[:80]}")
        token = new_login_csrf()
        error = ("Too many wrong passwords: this account is locked for 15 minutes."
                 if locked else "Wrong username or password.")
        reply = page("login.html", status=401, csrf=token, error=error)
        set_cookie(request, reply, LOGIN_CSRF_COOKIE, token, 3600)
        return reply
    token, _ = start_session(engine, adviser)
    audit(engine, adviser, "login")
    reply = response.redirect("/console", status=303)
    set_cookie(request, reply, COOKIE, token, SESSION_COOKIE_SECONDS)
    del reply.cookies[LOGIN_CSRF_COOKIE]
    return reply


@console.post("/logout")
@signed_in()
async def logout(request: Request) -> HTTPResponse:
    engine = advice_engine()
    audit(engine, request.ctx.adviser, "logout")
    end_session(engine, request.cookies.get(COOKIE))
    reply = response.redirect("/console/login", status=303)
    del reply.cookies[COOKIE]
    return reply


# --- the queue ----------------------------------------------------------------------

def _filters(request: Request) -> tuple[str | None, str | None]:
    language = request.args.get("language") or None
    council = request.args.get("council") or None
    return (language if language in LANGUAGES else None,
            council[:40] if council else None)


@console.get("")
@signed_in()
async def queue_page(request: Request) -> HTTPResponse:
    language, council = _filters(request)
    adviser = request.ctx.adviser
    rows = case_queue.queue(advice_engine(), adviser, language, council)
    return page("queue.html", adviser=adviser, csrf=request.ctx.console_session.csrf_token,
                cases=[case_json(r, adviser) for r in rows], language=language,
                council=council)


@console.get("/api/queue")
@signed_in()
async def queue_api(request: Request) -> HTTPResponse:
    language, council = _filters(request)
    adviser = request.ctx.adviser
    rows = case_queue.queue(advice_engine(), adviser, language, council)
    return response.json({"cases": [case_json(r, adviser) for r in rows]})


# --- one case -----------------------------------------------------------------------

def _case_or_404(request: Request, case_id: int) -> HandoffRequest | HTTPResponse:
    row = case_queue.get(advice_engine(), case_id)
    if row is None:
        return refuse(request, 404, "There is no such case.")
    return row


def _transcript_json(row: HandoffRequest) -> list[dict]:
    return [{"at": line.at.isoformat(), "speaker": line.speaker, "text": line.text,
             "english": line.english, "dir": direction_of(line.text)}
            for line in case_transcript(row.id, row.conversation_id, advice_engine())]


@console.get("/cases/<case_id:int>")
@signed_in()
async def case_page(request: Request, case_id: int) -> HTTPResponse:
    row = _case_or_404(request, case_id)
    if isinstance(row, HTTPResponse):
        return row
    adviser = request.ctx.adviser
    audit(advice_engine(), adviser, "view_case", row.id)
    return page("case.html", adviser=adviser, csrf=request.ctx.console_session.csrf_token,
                case=row, info=case_json(row, adviser), transcript=_transcript_json(row),
                holds=row.status in ADVISER_HOLDS and row.claimed_by == adviser.id,
                open=row.status in OPEN_STATUSES)


@console.get("/api/cases/<case_id:int>/transcript")
@signed_in()
async def transcript_api(request: Request, case_id: int) -> HTTPResponse:
    row = _case_or_404(request, case_id)
    if isinstance(row, HTTPResponse):
        return row
    return response.json({"status": row.status, "lines": _transcript_json(row)})


def _submitted_text(request: Request) -> str | None:
    """The reply's text from a form post or a JSON body."""
    if request.form:
        return request.form.get("text")
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own error for unparsable JSON
        return None
    return body.get("text") if isinstance(body, dict) else None


# What an adviser can do to a case, by the last part of its URL (the audit names the
# outcome: "claim", "reply", "resolved", "returned").
CASE_STEPS = {"claim": "claim", "reply": "reply", "resolve": RESOLVED, "return": RETURNED}


@console.post("/cases/<case_id:int>/<step:str>")
@signed_in()
async def act_on_case(request: Request, case_id: int, step: str) -> HTTPResponse:
    """Claim, reply, resolve, or return the conversation to the assistant."""
    action = CASE_STEPS.get(step)
    if action is None:
        return refuse(request, 404, "There is no such action.")
    engine, adviser = advice_engine(), request.ctx.adviser
    try:
        if action == "claim":
            case_queue.claim(engine, case_id, adviser)
        elif action == "reply":
            case_queue.reply(engine, case_id, adviser, _submitted_text(request) or "")
        else:
            case_queue.close(engine, case_id, adviser, action)
    except case_queue.CaseError as problem:
        return refuse(request, 409, str(problem))
    audit(engine, adviser, action, case_id)  # never the text of a reply
    if wants_json(request):
        return response.json({"ok": True})
    return response.redirect(f"/console/cases/{case_id}", status=303)


# --- supervisors: accounts and the audit log ---------------------------------------------

@console.get("/advisers")
@signed_in(role=SUPERVISOR)
async def advisers_page(request: Request) -> HTTPResponse:
    return page("advisers.html", adviser=request.ctx.adviser,
                csrf=request.ctx.console_session.csrf_token,
                advisers=list_advisers(advice_engine()), error=None)


@console.post("/advisers")
@signed_in(role=SUPERVISOR)
async def add_adviser(request: Request) -> HTTPResponse:
    form, engine = request.form or {}, advice_engine()
    languages = [c for c in form.getlist("languages") or [] if c in LANGUAGES]
    try:
        created = create_adviser(engine, form.get("username") or "", form.get("password") or "",
                                 display_name=form.get("display_name") or "",
                                 role=form.get("role") or "adviser", languages=languages)
    except AccountError as problem:
        return page("advisers.html", status=400, adviser=request.ctx.adviser,
                    csrf=request.ctx.console_session.csrf_token,
                    advisers=list_advisers(engine), error=str(problem))
    audit(engine, request.ctx.adviser, "create_adviser", detail=f"username={created.username}")
    return response.redirect("/console/advisers", status=303)


@console.get("/audit")
@signed_in(role=SUPERVISOR)
async def audit_page(request: Request) -> HTTPResponse:
    audit(advice_engine(), request.ctx.adviser, "view_audit")
    return page("audit.html", adviser=request.ctx.adviser,
                csrf=request.ctx.console_session.csrf_token, entries=audit_log(advice_engine()))
