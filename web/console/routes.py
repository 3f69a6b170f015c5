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

from urllib.parse import urlencode

from sanic import Blueprint, response
from sanic.exceptions import Forbidden, NotFound
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice import cases as case_queue
from advice.accounts import (
    AccountError,
    audit,
    audit_log,
    create_adviser,
    list_advisers,
    set_councils,
    set_first_name,
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
from core.clock import aware
from knowledge.languages import LANGUAGES, direction_of
from web import signin
from web.blocking import in_database
from web.console.auth import DOOR, signed_in
from web.console.pages import HERE, SECURITY_HEADERS, render
from web.errors import Refused, wants_json

console = Blueprint("adviser_console", url_prefix="/console")

# The console's own files, by name: nothing else under static/ is served (no folders,
# no paths), so odd URLs get 404 rather than an error.
STATIC_FILES = {name: "text/javascript; charset=utf-8"
                for name in ("console.js", "dom.js", "queue.js", "transcript.js")}
STATIC_FILES["console.css"] = "text/css; charset=utf-8"


@console.middleware("response")
async def no_caching(request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


@console.get("/static/<name:str>")
async def static_file(request: Request, name: str) -> HTTPResponse:
    if name not in STATIC_FILES:
        raise NotFound("Not found.")
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
        "created_at": aware(row.created_at).isoformat(),
        "mine": row.claimed_by == adviser.id,
    }


# --- logging in and out (web/signin/: shared with the studio and insights) -----------

@console.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    return signin.login_page(DOOR, request, render)


@console.post("/login")
async def login(request: Request) -> HTTPResponse:
    return await signin.log_in_from_form(DOOR, request, render)


@console.post("/logout")
@signed_in()
async def logout(request: Request) -> HTTPResponse:
    return await signin.log_out(DOOR, request)


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
    rows = await in_database(request, case_queue.queue, adviser, language, council)
    return render(request, "queue.html", cases=[case_json(r, adviser) for r in rows],
                  language=language, council=council, error=request.args.get("name_problem"))


@console.post("/me/first-name")
@signed_in()
async def change_first_name(request: Request) -> HTTPResponse:
    """The first name residents see beside this adviser's messages (issue 16)."""
    try:
        await in_database(request, set_first_name, request.ctx.adviser.id,
                          (request.form or RequestParameters()).get("first_name") or "")
    except AccountError as problem:
        where = "/console?" + urlencode({"name_problem": str(problem)})
        return response.redirect(where, status=303)
    return response.redirect("/console", status=303)


@console.get("/api/queue")
@signed_in()
async def queue_api(request: Request) -> HTTPResponse:
    language, council = _filters(request)
    adviser = request.ctx.adviser
    rows = await in_database(request, case_queue.queue, adviser, language, council)
    return response.json({"cases": [case_json(r, adviser) for r in rows]})


# --- one case -----------------------------------------------------------------------

async def readable_case(request: Request, public_id: str, read: str | None) -> HandoffRequest:
    """The case this adviser may see. NotFound for no such case, Forbidden (audited) for
    a case that is not theirs to read. `read` names the audit entry for a read (None when
    the handler records what it does instead)."""
    adviser = request.ctx.adviser
    row = await in_database(request, case_queue.by_public_id, public_id)
    if row is None:
        raise NotFound("There is no such case.")
    if not case_queue.may_read(adviser, row):
        await in_database(request, audit, adviser, "read_refused", row.id)
        raise Forbidden("This case is for another council's advisers.")
    if read:
        await in_database(request, audit, adviser, read, row.id)
    return row


def transcript_json(engine: Engine, row: HandoffRequest) -> list[dict]:
    return [{"at": line.at.isoformat(), "speaker": line.speaker, "text": line.text,
             "english": line.english, "dir": direction_of(line.text)}
            for line in case_transcript(row.id, row.conversation_id, engine)]


@console.get("/cases/<case_id:str>")
@signed_in()
async def case_page(request: Request, case_id: str) -> HTTPResponse:
    row = await readable_case(request, case_id, "view_case")
    adviser = request.ctx.adviser
    return render(request, "case.html", case=row, info=case_json(row, adviser),
                  transcript=await in_database(request, transcript_json, row),
                  holds=row.status in ADVISER_HOLDS and row.claimed_by == adviser.id,
                  open=row.status in OPEN_STATUSES)


@console.get("/api/cases/<case_id:str>/transcript")
@signed_in()
async def transcript_api(request: Request, case_id: str) -> HTTPResponse:
    row = await readable_case(request, case_id, "view_transcript")
    return response.json({"status": row.status,
                          "lines": await in_database(request, transcript_json, row)})


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


def _do_step(engine: Engine, action: str, handoff_id: int, adviser: Adviser, text: str) -> None:
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
        raise NotFound("There is no such action.")
    row = await readable_case(request, case_id, None)
    text = (_submitted_text(request) or "") if action == "reply" else ""
    try:
        await in_database(request, _do_step, action, row.id, request.ctx.adviser, text)
    except case_queue.CaseError as problem:
        raise Refused(409, str(problem)) from None
    if wants_json(request):
        return response.json({"ok": True})
    return response.redirect(f"/console/cases/{row.public_id}", status=303)


# --- supervisors: accounts and the audit log ---------------------------------------------

@console.get("/advisers")
@signed_in(role=SUPERVISOR)
async def advisers_page(request: Request) -> HTTPResponse:
    return await advisers_page_again(request, None)


@console.post("/advisers")
@signed_in(role=SUPERVISOR)
async def add_adviser(request: Request) -> HTTPResponse:
    form = request.form or RequestParameters()
    languages = [c for c in form.getlist("languages") or [] if c in LANGUAGES]
    try:
        created = await in_database(request, 
            create_adviser, form.get("username") or "", form.get("password") or "",
            display_name=form.get("display_name") or "", role=form.get("role") or "adviser",
            languages=languages, councils=form.getlist("councils") or [])
    except AccountError as problem:
        return await advisers_page_again(request, problem)
    await in_database(request, audit, request.ctx.adviser, "create_adviser",
                      detail=f"username={created.username} councils={created.councils}")
    return response.redirect("/console/advisers", status=303)


async def advisers_page_again(request: Request, problem: AccountError | None) -> HTTPResponse:
    """The advisers page, saying what was wrong with the supervisor's change if anything."""
    return render(request, "advisers.html", status=400 if problem else 200,
                  advisers=await in_database(request, list_advisers),
                  error=str(problem) if problem else None)


@console.post("/advisers/<username:str>/councils")
@signed_in(role=SUPERVISOR)
async def change_councils(request: Request, username: str) -> HTTPResponse:
    """Give an adviser the councils whose cases they work on (accounts made before
    advisers had councils start with none)."""
    councils = (request.form or RequestParameters()).getlist("councils") or []
    try:
        changed = await in_database(request, set_councils, username, councils)
    except AccountError as problem:
        return await advisers_page_again(request, problem)
    await in_database(request, audit, request.ctx.adviser, "set_councils",
                      detail=f"username={changed.username} councils={changed.councils}")
    return response.redirect("/console/advisers", status=303)


@console.get("/audit")
@signed_in(role=SUPERVISOR)
async def audit_page(request: Request) -> HTTPResponse:
    await in_database(request, audit, request.ctx.adviser, "view_audit")
    return render(request, "audit.html", entries=await in_database(request, audit_log))
