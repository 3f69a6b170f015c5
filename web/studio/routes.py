"""The housing team studio at /studio: find, edit in forms, preview, review, publish,
restore, record live checks, and the translators' queues.

Pages are rendered on the server; every database step runs off the event loop. Content
files are named by their path in knowledge/content (articles/allocations/apply-walsall.yml),
the same words `make content-check` uses.
"""
from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice.accounts import AccountError, audit
from core.storage import navigator_engine
from knowledge.entities import TOPICS
from knowledge.languages import LANGUAGES
from studio import find, forms, store, today
from studio.documents import article_path, comparable, dump, kind_of, parse
from studio.edition import NotPublishable
from studio.models import ARTICLE, CONTACTS, CRISIS, IN_REVIEW, LAW, TRANSLATION, WORD_KINDS
from studio.preview import preview
from studio.roles import EDITOR, REVIEWER, ROLES, SUPERVISOR, TRANSLATOR, everyone, grant, revoke
from web import signin
from web.blocking import off_loop
from web.context import settings_of
from web.studio.auth import DOOR, answered_by_the_studio, refused, signed_in
from web.studio.body import whole_document
from web.studio import words as word_forms
from web.studio.pages import HERE, SECURITY_HEADERS, render

studio = Blueprint("housing_studio", url_prefix="/studio")
STATIC_FILES = {"studio.css": "text/css; charset=utf-8"}
ARTICLE_INPUTS = {"id", "topic", "intent", "councils", "title", "summary", "body", "next_steps",
                  "contacts", "related", "law", "name", "valid_from", "valid_until",
                  "successor", "review_due", "owner", "needs_adviser", "unverified_note",
                  "questions", "sources"}
TRANSLATION_INPUTS = {"title", "summary", "body", "next_steps", "questions"}


def _language_of(path: str) -> str | None:
    """The language a translator works in: a translation's, or that of a translation of
    the bot phrases or page words (crisis phrases are reviewed by reviewers only)."""
    if kind_of(path) == TRANSLATION:
        return path.split("/")[1]
    if kind_of(path) in WORD_KINDS and kind_of(path) != CRISIS:
        language = Path(path).stem
        return language if language != "en" else None
    return None


def may_edit(user, args: dict[str, Any]) -> bool:
    path = args.get("path") or ""
    if _language_of(path):
        return user.can(TRANSLATOR, _language_of(path)) or user.can(EDITOR)
    return user.can(EDITOR)


def may_review(user, args: dict[str, Any]) -> bool:
    path = args.get("path") or ""
    if _language_of(path):
        return user.can(TRANSLATOR, _language_of(path)) or user.can(REVIEWER)
    return user.can(REVIEWER)


def may_translate(user, args: dict[str, Any]) -> bool:
    return user.can(TRANSLATOR, args.get("language"))


def is_supervisor(user, _args) -> bool:
    return user.supervisor


@studio.middleware("response")
async def no_caching(request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


@studio.get("/static/<name:str>")
async def static_file(request: Request, name: str) -> HTTPResponse:
    if name not in STATIC_FILES:
        return response.text("Not found.", status=404)
    return await response.file(HERE / "static" / name, mime_type=STATIC_FILES[name])


def _engine(request: Request) -> Engine:
    """The app's database (its settings'), with the studio's tables."""
    return navigator_engine(settings_of(request.app))


def _today(request: Request) -> date:
    return today(settings_of(request.app))


# --- logging in and out -------------------------------------------------------------------

@studio.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    return signin.login_page(DOOR, request, render)


@studio.post("/login")
@answered_by_the_studio
async def login(request: Request) -> HTTPResponse:
    return await signin.log_in_from_form(DOOR, request, render)


@studio.post("/logout")
@signed_in()
async def logout(request: Request) -> HTTPResponse:
    return await signin.log_out(DOOR, request)


# --- finding ---------------------------------------------------------------------------------

def _find(engine: Engine, day: date, filters: dict[str, str]) -> tuple[list, date]:
    store.seed_if_empty(engine)
    return find.find(engine, day, **filters), day


@studio.get("")
@signed_in()
async def find_page(request: Request) -> HTTPResponse:
    filters = {name: (request.args.get(name) or "")[:100]
               for name in ("words", "topic", "council", "language", "status", "kind")}
    found, day = await off_loop(_find, _engine(request), _today(request), filters)
    return render(request, "find.html", items=found, filters=filters, day=day,
                  statuses=find.STATUS_FILTERS)


@studio.get("/reviews")
@signed_in()
async def reviews_page(request: Request) -> HTTPResponse:
    found, day = await off_loop(_find, _engine(request), _today(request), {"status": IN_REVIEW})
    published = await off_loop(store.publications, _engine(request), None, 30)
    return render(request, "reviews.html", items=found, published=published, day=day)


ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@studio.post("/new")
@signed_in(lambda user, _args: user.can(EDITOR), "Starting an article is for editors.")
async def new_article(request: Request) -> HTTPResponse:
    """A new article: a draft with its fields in place and empty, so the first save lists
    everything the content tool still needs, beside each field."""
    form = request.form or {}
    article_id, topic = (form.get("id") or "").strip().lower(), form.get("topic") or ""
    if not ARTICLE_ID.fullmatch(article_id) or topic not in TOPICS:
        return refused(request, 400, "An article id is lowercase letters, digits and hyphens "
                                     "(apply-walsall), with one of the topics.")
    path = article_path(topic, article_id)
    skeleton = dump({"id": article_id, "topic": topic, "intent": None, "councils": [],
                     "title": "", "summary": "", "body": "", "sources": [],
                     "valid_from": _today(request), "valid_until": None, "successor": None,
                     "review_due": None, "owner": "", "needs_adviser": False, "questions": []})
    try:
        await off_loop(store.start, _engine(request), path, skeleton,
                       request.ctx.user.username, "New article")
    except (store.StudioError, store.Conflict):
        return response.redirect(f"/studio/edit/{path}", status=303)  # it exists: open it
    await off_loop(audit, _engine(request), request.ctx.adviser, "studio_new", detail=path)
    return response.redirect(f"/studio/edit/{path}", status=303)


# --- one file: the form, saving, review ----------------------------------------------------

def _file_state(engine: Engine, day: date, path: str) -> dict[str, Any]:
    """Everything the edit page shows about a file, from the database."""
    store.seed_if_empty(engine)
    versions = store.history(engine, path)
    by_number = {v.number: v for v in versions}
    head, live = store.pointers(engine, path)
    state: dict[str, Any] = {"path": path, "kind": kind_of(path), "head": by_number[head],
                             "live": by_number.get(live), "versions": versions, "day": day,
                             "checks": store.live_checks(engine, path)}
    if state["kind"] == TRANSLATION:
        data = parse(by_number[head].text) or {}
        article_id = str(data.get("article") or "")
        english_path = next((i.path for i in find.items(engine, day)
                             if i.kind == ARTICLE and i.article_id == article_id), None)
        english = parse(store.live_files(engine).get(english_path, "")) if english_path else {}
        state |= {"english": english or {}, "english_path": english_path,
                  "english_version": find.english_versions(engine, day).get(article_id),
                  "article_id": article_id}
    if state["kind"] in WORD_KINDS:
        state |= word_forms.state(state["kind"], path, store.live_files(engine))
    if live is not None and head != live:
        state["diff"] = "".join(difflib.unified_diff(
            comparable(by_number[live].text).splitlines(keepends=True),
            comparable(by_number[head].text).splitlines(keepends=True),
            fromfile=f"live (version {live})", tofile=f"version {head}"))
    return state


def _edit_page(request: Request, state: dict[str, Any], *, text: str | None = None,
               check=None, message: str | None = None, status: int = 200) -> HTTPResponse:
    """The form for a file with `text` in it (the head's unless given) and, after a save,
    the validator's messages beside their fields."""
    text = state["head"].text if text is None else text
    data = parse(text)
    request.ctx.can_save = may_edit(request.ctx.user, {"path": state["path"]})
    kind = state["kind"]
    problems = check.problems if check is not None else []
    if kind == ARTICLE and isinstance(data, dict):
        beside, general = forms.problems_by_field(
            problems, state["path"], ARTICLE_INPUTS | _source_inputs(data))
        return render(request, "edit_article.html", status=status, state=state,
                      values=forms.article_values(data), beside=beside, general=general,
                      message=message, problems=problems)
    if kind in WORD_KINDS and isinstance(data, dict):
        return word_forms.page(request, state, data, check, message, status)
    if kind == TRANSLATION and isinstance(data, dict):
        beside, general = forms.problems_by_field(problems, state["path"], TRANSLATION_INPUTS)
        return render(request, "edit_translation.html", status=status, state=state,
                      values=forms.translation_values(data), beside=beside, general=general,
                      message=message, problems=problems)
    return render(request, "edit_file.html", status=status, state=state, text=text,
                  data=data if isinstance(data, dict) else {}, message=message,
                  problems=[p for p in problems if p.file == state["path"]],
                  elsewhere=[p for p in problems if p.file != state["path"]
                             and p.severity == "error"])


def _source_inputs(data: dict) -> set[str]:
    rows = len(data.get("sources") or []) + forms.EMPTY_SOURCE_ROWS
    return {f"source-{i}-{name}" for i in range(rows) for name in forms.SOURCE_INPUTS}


async def _state_or_404(request: Request, path: str):
    if kind_of(path) is None:
        return None
    try:
        return await off_loop(_file_state, _engine(request), _today(request), path)
    except store.StudioError:
        return None


def may_open(user, args: dict[str, Any]) -> bool:
    """Reading a file's page: whoever may edit it, and whoever may review it."""
    return may_edit(user, args) or may_review(user, args)


@studio.get("/edit/<path:path>")
@signed_in(may_open, "This file is for its editors and reviewers (and, for a translation, "
                     "its language's translators).")
async def edit_page(request: Request, path: str) -> HTTPResponse:
    state = await _state_or_404(request, path)
    if state is None:
        return refused(request, 404, "There is no such content file.")
    return _edit_page(request, state)


def _submitted_text(engine: Engine, state: dict[str, Any], form, *,
                    reviewed: bool = False) -> str:
    """The file's new text from the form: article and translation forms become YAML; the
    other files are edited as YAML text."""
    previous = parse(state["head"].text) or {}
    if form.get("from_version"):
        return store.text_of(engine, state["path"], _number(form.get("from_version")))
    if state["kind"] == ARTICLE and isinstance(previous, dict):
        return dump(forms.article_from_form(form, previous))
    if state["kind"] in WORD_KINDS and isinstance(previous, dict) and not form.get("text"):
        return dump(word_forms.submitted(state["kind"], form, previous, state))
    if state["kind"] == TRANSLATION and isinstance(previous, dict):
        return dump(forms.translation_from_form(
            form, previous, reviewed_for=state.get("english_version") if reviewed else None))
    return (form.get("text") or "").replace("\r\n", "\n")


def _number(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1


@studio.post("/save/<path:path>", stream=True)
@whole_document
@signed_in(may_edit, "Editing this file is for editors (and, for a translation, its "
                     "language's translators).")
async def save(request: Request, path: str) -> HTTPResponse:
    """Save a draft; on a clash with someone else's save, show both (nothing is lost);
    a translator's "Save and mark as reviewed" also publishes the translation."""
    state = await _state_or_404(request, path)
    if state is None:
        return refused(request, 404, "There is no such content file.")
    form, user, engine = request.form or {}, request.ctx.user, _engine(request)
    reviewed = form.get("mark_reviewed") == "yes" and state["kind"] == TRANSLATION
    if reviewed and not user.can(TRANSLATOR, _language_of(path)):
        return refused(request, 403, "Marking a translation reviewed is for a speaker of "
                                     "the language (its translators).")
    text = await off_loop(_submitted_text, engine, state, form, reviewed=reviewed)
    base, note = _number(form.get("base")), (form.get("note") or "").strip()
    try:
        saved = await off_loop(store.save, engine, path, text, base, user.username, note,
                               _today(request))
    except store.Conflict as clash:
        await off_loop(audit, engine, request.ctx.adviser, "studio_conflict", detail=path)
        return await _conflict_page(request, path, clash)
    await off_loop(audit, engine, request.ctx.adviser, "studio_save",
                   detail=f"{path} version {saved.number}")
    if reviewed and saved.check.ok:
        try:
            await off_loop(store.submit, engine, path, saved.number, user.username)
            await off_loop(store.approve, engine, path, saved.number, user.username,
                           note or "Reviewed by a speaker of the language", _today(request),
                           own_work=True)
        except (store.StudioError, NotPublishable) as problem:
            state = await off_loop(_file_state, _engine(request), _today(request), path)
            return _edit_page(request, state, check=saved.check, status=409,
                              message=f"Saved as version {saved.number}, but not published: "
                                      f"{problem}")
        await off_loop(audit, engine, request.ctx.adviser, "studio_publish",
                       detail=f"{path} version {saved.number} (translation reviewed)")
        state = await off_loop(_file_state, _engine(request), _today(request), path)
        return _edit_page(request, state, message=f"Marked as reviewed and published "
                                                  f"(version {saved.number}).")
    state = await off_loop(_file_state, _engine(request), _today(request), path)
    words = "no problems" if not [p for p in saved.check.problems if p.file == path] else \
        "see the messages beside the fields"
    return _edit_page(request, state, check=saved.check,
                      message=f"Saved as version {saved.number} (draft): {words}.")


async def _conflict_page(request: Request, path: str, clash: store.Conflict) -> HTTPResponse:
    engine = _engine(request)
    theirs = await off_loop(store.text_of, engine, path, clash.theirs)
    yours = await off_loop(store.text_of, engine, path, clash.yours)
    versions = {v.number: v for v in await off_loop(store.history, engine, path)}
    diff = "".join(difflib.unified_diff(comparable(theirs).splitlines(keepends=True),
                                        comparable(yours).splitlines(keepends=True),
                                        fromfile=f"version {clash.theirs} (saved first)",
                                        tofile=f"version {clash.yours} (yours)"))
    return render(request, "conflict.html", status=409, path=path, clash=clash, theirs=theirs,
                  yours=yours, diff=diff, their_author=versions[clash.theirs].author)


@studio.post("/submit/<path:path>")
@signed_in(may_edit, "Sending for review is for editors.")
async def submit(request: Request, path: str) -> HTTPResponse:
    return await _step(request, path, "studio_submit", store.submit,
                       _number((request.form or {}).get("number")), request.ctx.user.username)


@studio.post("/approve/<path:path>")
@signed_in(may_review, "Approving is for reviewers.")
async def approve(request: Request, path: str) -> HTTPResponse:
    form = request.form or {}
    number = _number(form.get("number"))
    try:
        record = await off_loop(store.approve, _engine(request), path, number,
                                request.ctx.user.username, (form.get("why") or "").strip(),
                                _today(request))
    except store.StudioError as problem:
        return await _again(request, path, str(problem), 409)
    except NotPublishable as problem:
        state = await off_loop(_file_state, _engine(request), _today(request), path)
        return render(request, "not_published.html", status=409, state=state,
                      problems=problem.problems)
    await off_loop(audit, _engine(request), request.ctx.adviser, "studio_publish",
                   detail=f"{path} version {number} edition {record.edition}")
    return response.redirect(f"/studio/edit/{path}?published={number}", status=303)


@studio.post("/send-back/<path:path>")
@signed_in(may_review, "Sending back is for reviewers.")
async def send_back(request: Request, path: str) -> HTTPResponse:
    form = request.form or {}
    return await _step(request, path, "studio_send_back", store.send_back,
                       _number(form.get("number")), request.ctx.user.username,
                       (form.get("why") or "").strip())


@studio.post("/restore/<path:path>")
@signed_in(may_edit, "Restoring is for editors.")
async def restore(request: Request, path: str) -> HTTPResponse:
    form = request.form or {}
    return await _step(request, path, "studio_restore", store.restore,
                       _number(form.get("number")), request.ctx.user.username,
                       (form.get("why") or "").strip())


async def _step(request: Request, path: str, action: str, work, *args) -> HTTPResponse:
    if kind_of(path) is None:
        return refused(request, 404, "There is no such content file.")
    try:
        await off_loop(work, _engine(request), path, *args)
    except store.StudioError as problem:
        return await _again(request, path, str(problem), 409)
    await off_loop(audit, _engine(request), request.ctx.adviser, action, detail=path)
    return response.redirect(f"/studio/edit/{path}", status=303)


async def _again(request: Request, path: str, message: str, status: int) -> HTTPResponse:
    state = await _state_or_404(request, path)
    if state is None:
        return refused(request, 404, "There is no such content file.")
    return _edit_page(request, state, message=message, status=status)


@studio.post("/check/<path:path>")
@signed_in(may_edit, "Recording a live check is for editors.")
async def live_check(request: Request, path: str) -> HTTPResponse:
    """"I checked this on the live site today", for one source or contact."""
    form, user = request.form or {}, request.ctx.user
    what = (form.get("what") or "").strip()
    kind = kind_of(path)
    if kind is None or not what:
        return refused(request, 404, "There is no such source or contact.")
    day = _today(request)
    change = forms.with_live_check(kind, what, user.name, day)
    try:
        record = await off_loop(store.record_live_check, _engine(request), path, what, user.name,
                                user.username, day, change)
    except (LookupError, store.StudioError, store.Conflict) as problem:
        return await _again(request, path, f"The check was not recorded: {problem}", 409)
    except NotPublishable as problem:
        state = await off_loop(_file_state, _engine(request), _today(request), path)
        return render(request, "not_published.html", status=409, state=state,
                      problems=problem.problems)
    await off_loop(audit, _engine(request), request.ctx.adviser, "studio_live_check",
                   detail=f"{path} {what}"[:400])
    done = "live" if record else "draft"
    return response.redirect(f"/studio/edit/{path}?checked={done}", status=303)


@studio.get("/history/<path:path>")
@signed_in()
async def history_page(request: Request, path: str) -> HTTPResponse:
    state = await _state_or_404(request, path)
    if state is None:
        return refused(request, 404, "There is no such content file.")
    number = _number(request.args.get("version"))
    shown = next((v for v in state["versions"] if v.number == number), None)
    published = await off_loop(store.publications, _engine(request), path)
    return render(request, "history.html", state=state, shown=shown, published=published)


# --- preview ---------------------------------------------------------------------------

def _preview(engine: Engine, path: str, number: int | None, language: str,
             council: str | None, day: date):
    store.seed_if_empty(engine)
    files = store.live_files(engine)
    with_draft = files | {path: store.text_of(engine, path, number)} if number else files
    data = parse(with_draft.get(path, "")) or {}
    article_id = str(data.get("article") or data.get("id") or "")
    return preview(with_draft, article_id, language=language, council=council, day=day)


def _preview_request(request: Request, path: str):
    language = request.args.get("language") or _language_of(path) or "en"
    language = language if language in LANGUAGES else "en"
    council = request.args.get("council") or None
    try:
        day = date.fromisoformat(request.args.get("date") or "") if request.args.get("date") \
            else _today(request)
    except ValueError:
        day = _today(request)
    number = _number(request.args.get("version")) or None
    return language, council, day, number


@studio.get("/preview/<path:path>")
@signed_in()
async def preview_page(request: Request, path: str) -> HTTPResponse:
    if kind_of(path) not in (ARTICLE, TRANSLATION):
        return refused(request, 404, "Only articles and translations have a preview.")
    language, council, day, number = _preview_request(request, path)
    state = await _state_or_404(request, path)
    if state is None:
        return refused(request, 404, "There is no such content file.")
    number = number if number and number > 0 else state["head"].number
    shown = await off_loop(_preview, _engine(request), path, number, language, council, day)
    return render(request, "preview.html", state=state, shown=shown, language=language,
                  council=council or "", day=day, number=number)


@studio.get("/api/preview/<path:path>")
@signed_in()
async def preview_api(request: Request, path: str) -> HTTPResponse:
    """The preview as the REST channel's messages (what an integrator's client receives)."""
    if kind_of(path) not in (ARTICLE, TRANSLATION):
        return response.json({"error": "Only articles and translations have a preview."},
                             status=404)
    language, council, day, number = _preview_request(request, path)
    try:
        shown = await off_loop(_preview, _engine(request), path, number, language, council, day)
    except store.StudioError as problem:
        return response.json({"error": str(problem)}, status=404)
    return response.json({"messages": shown.messages, "text": shown.rest_text,
                          "article": shown.article_id,
                          "problems": [str(p) for p in shown.problems]})


# --- translators --------------------------------------------------------------------------

@studio.get("/translate/<language:str>")
@signed_in(may_translate, "This queue is for the language's translators.")
async def translator_queue(request: Request, language: str) -> HTTPResponse:
    if language not in LANGUAGES or language == "en":
        return refused(request, 404, "There is no such language.")
    queue = await off_loop(find.translator_queue, _engine(request), language, _today(request))
    return render(request, "translate.html", language=language, queue=queue)


# --- supervisors: roles and the record --------------------------------------------------

@studio.get("/roles")
@signed_in(is_supervisor, "Giving roles is for supervisors.")
async def roles_page(request: Request, error: str | None = None, status: int = 200):
    people = await off_loop(everyone, _engine(request))
    return render(request, "roles.html", status=status, people=people, roles=ROLES,
                  error=error)


@studio.post("/roles")
@signed_in(is_supervisor, "Giving roles is for supervisors.")
async def change_role(request: Request) -> HTTPResponse:
    form = request.form or {}
    username, role = form.get("username") or "", form.get("role") or ""
    language = form.get("language") or ""
    work = revoke if form.get("change") == "remove" else grant
    try:
        await off_loop(work, _engine(request), username, role, language)
    except AccountError as problem:
        people = await off_loop(everyone, _engine(request))
        return render(request, "roles.html", status=400, people=people, roles=ROLES,
                      error=str(problem))
    await off_loop(audit, _engine(request), request.ctx.adviser, f"studio_{work.__name__}",
                   detail=f"username={username[:80]} role={role} {language}".strip())
    return response.redirect("/studio/roles", status=303)


__all__ = ["studio", "SUPERVISOR", "CONTACTS", "LAW"]
