"""The adviser console: log in, see the queue, claim a case, read, reply, close.

Served by the web server under /console. Pages are rendered on the server
(Jinja2, autoescaped); a small script refreshes the queue and the transcript
every few seconds, which is also how the console tells the assistant that an
adviser is online for live chat.

A case is reached by its random public id, never its row number; only the
advisers allowed to read it get it (advice.cases.may_read), and every read, and
every refused read, is in the audit log.
"""
from __future__ import annotations

import hmac
import re
from urllib.parse import urlencode
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice import advice_engine
from advice import cases as case_queue
from advice.accounts import (
    AccountError,
    audit,
    audit_log,
    create_adviser,
    end_session,
    known_councils,
    list_advisers,
    log_in,
    set_councils,
    set_first_name,
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
    clear_cookie,
    new_login_csrf,
    off_loop,
    refuse,
    set_cookie,
    signed_in,
    wants_json,
)
from web.console.client import client_address

HERE = Path(__file__).resolve().parent
templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
# The assistant's formatting, shown safely: each piece escaped, and only **bold** and web
# addresses become elements (line breaks are kept by the page's CSS). console.js does the same.
_FORMATTING = re.compile(r"(https?://[^\s<>\"')]*[^\s<>\"').,;:!?])|\*\*([^*\n]+)\*\*")


def assistant_text(text: str | None) -> Markup:
    """What the assistant wrote, as safe HTML with its bold and links (issue 16)."""
    text = text or ""
    pieces, last = [], 0
    for match in _FORMATTING.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        if match.group(1):
            pieces.append(Markup('<a href="{0}" rel="noopener noreferrer" target="_blank">{0}</a>')
                          .format(match.group(1)))
        else:
            pieces.append(Markup("<strong>{0}</strong>").format(match.group(2)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


templates.filters["assistant_text"] = assistant_text
templates.globals["LANGUAGES"] = LANGUAGES
templates.globals["COUNCILS"] = known_councils()

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

console = Blueprint("adviser_console", url_prefix="/console")

# The console's own files, by name: nothing else under static/ is served (no folders,
# no paths), so odd URLs get 404 rather than an error.
STATIC_FILES = {"console.css": "text/css; charset=utf-8",
                "console.js": "text/javascript; charset=utf-8"}


def page(name: str, status: int = 200, **values) -> HTTPResponse:
    html = templates.get_template(name).render(**values)
    return response.html(html, status=status, headers=SECURITY_HEADERS)


@console.middleware("response")
async def no_caching(request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


@console.get("/static/<name:str>")
async def static_file(request: Request, name: str) -> HTTPResponse:
    if name not in STATIC_FILES:
        return response.text("Not found.", status=404)
    return await response.file(HERE / "static" / name, mime_type=STATIC_FILES[name])


def case_json(row: HandoffRequest, adviser: Adviser) -> dict:
    """A case as the queue shows it. `id` is the public id: the row number stays inside."""
    return {
        "id": row.public_id, "reference": row.reference, "status": row.status,
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


# Every failed log-in gets these words, whether the username exists or not, the password
# was wrong, or the address or username is being slowed down (then with Retry-After).
LOGIN_FAILED = ("Those details did not work. Check your username and password. After "
                "several tries you will need to wait a little before trying again.")


@console.post("/login")
async def login(request: Request) -> HTTPResponse:
    form = request.form or {}
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not hmac.compare_digest(expected, form.get("csrf") or ""):
        return refuse(request, 403, "The form was out of date. Please reload the page.")
    engine, address = advice_engine(), client_address(request)
    username = (form.get("username") or "").strip()
    attempt = await off_loop(log_in, engine, username, form.get("password") or "", address)
    if attempt.adviser is None:
        if not attempt.wait_seconds:
            await off_loop(audit, engine, None, "login_failed",
                           detail=f"username={username[:80]} address={address}")
        token = new_login_csrf()
        reply = page("login.html", status=429 if attempt.wait_seconds else 401, csrf=token,
                     error=LOGIN_FAILED)
        if attempt.wait_seconds:
            reply.headers["Retry-After"] = str(attempt.wait_seconds)
        set_cookie(request, reply, LOGIN_CSRF_COOKIE, token, 3600)
        return reply
    token, _ = await off_loop(start_session, engine, attempt.adviser)
    await off_loop(audit, engine, attempt.adviser, "login", detail=f"address={address}")
    reply = response.redirect("/console", status=303)
    set_cookie(request, reply, COOKIE, token, SESSION_COOKIE_SECONDS)
    clear_cookie(request, reply, LOGIN_CSRF_COOKIE)
    return reply


@console.post("/logout")
@signed_in()
async def logout(request: Request) -> HTTPResponse:
    engine = advice_engine()
    await off_loop(audit, engine, request.ctx.adviser, "logout")
    await off_loop(end_session, engine, request.cookies.get(COOKIE))
    reply = response.redirect("/console/login", status=303)
    clear_cookie(request, reply, COOKIE)
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
    rows = await off_loop(case_queue.queue, advice_engine(), adviser, language, council)
    return page("queue.html", adviser=adviser, csrf=request.ctx.console_session.csrf_token,
                cases=[case_json(r, adviser) for r in rows], language=language,
                council=council, error=request.args.get("name_problem"))


@console.post("/me/first-name")
@signed_in()
async def change_first_name(request: Request) -> HTTPResponse:
    """The first name residents see beside this adviser's messages (issue 16)."""
    try:
        await off_loop(set_first_name, advice_engine(), request.ctx.adviser.id,
                       (request.form or {}).get("first_name") or "")
    except AccountError as problem:
        where = "/console?" + urlencode({"name_problem": str(problem)})
        return response.redirect(where, status=303)
    return response.redirect("/console", status=303)


@console.get("/api/queue")
@signed_in()
async def queue_api(request: Request) -> HTTPResponse:
    language, council = _filters(request)
    adviser = request.ctx.adviser
    rows = await off_loop(case_queue.queue, advice_engine(), adviser, language, council)
    return response.json({"cases": [case_json(r, adviser) for r in rows]})


# --- one case -----------------------------------------------------------------------

async def _readable_case(request: Request, public_id: str,
                         read: str | None) -> HandoffRequest | HTTPResponse:
    """The case this adviser may see, or the refusal to send: 404 for no such case,
    403 (audited) for a case that is not theirs to read. `read` names the audit entry
    for a read (None when the handler records what it does instead)."""
    engine, adviser = advice_engine(), request.ctx.adviser
    row = await off_loop(case_queue.by_public_id, engine, public_id)
    if row is None:
        return refuse(request, 404, "There is no such case.")
    if not case_queue.may_read(adviser, row):
        await off_loop(audit, engine, adviser, "read_refused", row.id)
        return refuse(request, 403, "This case is for another council's advisers.")
    if read:
        await off_loop(audit, engine, adviser, read, row.id)
    return row


def _transcript_json(row: HandoffRequest) -> list[dict]:
    return [{"at": line.at.isoformat(), "speaker": line.speaker, "text": line.text,
             "english": line.english, "dir": direction_of(line.text)}
            for line in case_transcript(row.id, row.conversation_id, advice_engine())]


@console.get("/cases/<case_id:str>")
@signed_in()
async def case_page(request: Request, case_id: str) -> HTTPResponse:
    row = await _readable_case(request, case_id, "view_case")
    if isinstance(row, HTTPResponse):
        return row
    adviser = request.ctx.adviser
    transcript = await off_loop(_transcript_json, row)
    return page("case.html", adviser=adviser, csrf=request.ctx.console_session.csrf_token,
                case=row, info=case_json(row, adviser), transcript=transcript,
                holds=row.status in ADVISER_HOLDS and row.claimed_by == adviser.id,
                open=row.status in OPEN_STATUSES)


@console.get("/api/cases/<case_id:str>/transcript")
@signed_in()
async def transcript_api(request: Request, case_id: str) -> HTTPResponse:
    row = await _readable_case(request, case_id, "view_transcript")
    if isinstance(row, HTTPResponse):
        return row
    return response.json({"status": row.status, "lines": await off_loop(_transcript_json, row)})


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


def _do_step(action: str, handoff_id: int, adviser: Adviser, text: str) -> None:
    engine = advice_engine()
    if action == "claim":
        case_queue.claim(engine, handoff_id, adviser)
    elif action == "reply":
        case_queue.reply(engine, handoff_id, adviser, text)
    else:
        case_queue.close(engine, handoff_id, adviser, action)
    audit(engine, adviser, action, handoff_id)  # never the text of a reply


@console.post("/cases/<case_id:str>/<step:str>")
@signed_in()
async def act_on_case(request: Request, case_id: str, step: str) -> HTTPResponse:
    """Claim, reply, resolve, or return the conversation to the assistant."""
    action = CASE_STEPS.get(step)
    if action is None:
        return refuse(request, 404, "There is no such action.")
    row = await _readable_case(request, case_id, None)
    if isinstance(row, HTTPResponse):
        return row
    text = (_submitted_text(request) or "") if action == "reply" else ""
    try:
        await off_loop(_do_step, action, row.id, request.ctx.adviser, text)
    except case_queue.CaseError as problem:
        return refuse(request, 409, str(problem))
    if wants_json(request):
        return response.json({"ok": True})
    return response.redirect(f"/console/cases/{row.public_id}", status=303)


# --- supervisors: accounts and the audit log ---------------------------------------------

@console.get("/advisers")
@signed_in(role=SUPERVISOR)
async def advisers_page(request: Request) -> HTTPResponse:
    return page("advisers.html", adviser=request.ctx.adviser,
                csrf=request.ctx.console_session.csrf_token,
                advisers=await off_loop(list_advisers, advice_engine()), error=None)


@console.post("/advisers")
@signed_in(role=SUPERVISOR)
async def add_adviser(request: Request) -> HTTPResponse:
    form, engine = request.form or {}, advice_engine()
    languages = [c for c in form.getlist("languages") or [] if c in LANGUAGES]
    try:
        created = await off_loop(
            create_adviser, engine, form.get("username") or "", form.get("password") or "",
            display_name=form.get("display_name") or "", role=form.get("role") or "adviser",
            languages=languages, councils=form.getlist("councils") or [])
    except AccountError as problem:
        return await advisers_page_again(request, engine, problem)
    await off_loop(audit, engine, request.ctx.adviser, "create_adviser",
                   detail=f"username={created.username} councils={created.councils}")
    return response.redirect("/console/advisers", status=303)


async def advisers_page_again(request: Request, engine: Engine,
                              problem: AccountError) -> HTTPResponse:
    """The advisers page once more, saying what was wrong with the supervisor's change."""
    return page("advisers.html", status=400, adviser=request.ctx.adviser,
                csrf=request.ctx.console_session.csrf_token,
                advisers=await off_loop(list_advisers, engine), error=str(problem))


@console.post("/advisers/<username:str>/councils")
@signed_in(role=SUPERVISOR)
async def change_councils(request: Request, username: str) -> HTTPResponse:
    """Give an adviser the councils whose cases they work on (accounts made before
    advisers had councils start with none)."""
    engine, councils = advice_engine(), (request.form or {}).getlist("councils") or []
    try:
        changed = await off_loop(set_councils, engine, username, councils)
    except AccountError as problem:
        return await advisers_page_again(request, engine, problem)
    await off_loop(audit, engine, request.ctx.adviser, "set_councils",
                   detail=f"username={changed.username} councils={changed.councils}")
    return response.redirect("/console/advisers", status=303)


@console.get("/audit")
@signed_in(role=SUPERVISOR)
async def audit_page(request: Request) -> HTTPResponse:
    await off_loop(audit, advice_engine(), request.ctx.adviser, "view_audit")
    return page("audit.html", adviser=request.ctx.adviser,
                csrf=request.ctx.console_session.csrf_token,
                entries=await off_loop(audit_log, advice_engine()))
