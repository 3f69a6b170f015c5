"""/studio/inbox: what residents asked that the assistant could not answer (issue 18 item 7),
grouped by wording, for editors and supervisors; and the residents' side, POST
/api/feedback ("Did this help?" under an answer on the chat page).

Counts of 1 to 4 conversations are shown as "fewer than 5", and what was typed only for
groups of 5 or more (inbox/grouping.py, docs/adr/0026-unanswered-questions.md). From a
group an editor starts a draft article prefilled with the question, or queues its messages
as training examples of an intent for the next `make train`.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date, timedelta

from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage as BadRequest
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice.accounts import audit
from core.storage import conversations_engine
from inbox import feedback, grouping, inbox_engine, store as inbox_store
from inbox.models import NOT_HELPFUL, REASONS
from knowledge.entities import TOPICS
from knowledge.languages import LANGUAGES
from knowledge.library import KnowledgeBase
from studio import store, today
from studio.documents import article_path, dump
from studio.roles import EDITOR, StudioUser
from web.blocking import off_loop
from web.context import settings_of
from web.conversation_token import require_conversation
from web.studio.auth import signed_in
from web.studio.pages import SECURITY_HEADERS, render

inbox_pages = Blueprint("studio_inbox", url_prefix="/studio/inbox")
resident_feedback = Blueprint("resident_feedback", url_prefix="/api")
blueprints = Blueprint.group(inbox_pages, resident_feedback)
DAYS_SHOWN = 90
FILTERS = ("language", "topic", "council", "reason")
ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REASON_WORDS = {"not_understood": "Not understood", "low_confidence": "Search unsure",
                "no_article": "No article for it", "not_helpful": "Did not help"}
FOR_EDITORS = "The inbox is for editors and supervisors."


def may_use_inbox(user: StudioUser, _args) -> bool:
    """Editors act on the inbox (drafts, training examples); supervisors see everything."""
    return user.can(EDITOR)


@inbox_pages.middleware("response")
async def no_caching(_request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


def _engine(request: Request) -> Engine:
    return inbox_engine(settings=settings_of(request.app))


def _groups(engine: Engine, day: date) -> list[grouping.Group]:
    return grouping.group(inbox_store.waiting(engine, since=day - timedelta(days=DAYS_SHOWN)))


def _matches(group: grouping.Group, filters: dict[str, str]) -> bool:
    if filters["language"] and group.language != filters["language"]:
        return False
    return all(not filters[name] or any(getattr(q, name) == filters[name]
                                        for q in group.questions)
               for name in ("topic", "council", "reason"))


def _intents(engine: Engine) -> list[str]:
    return sorted({a.intent for a in KnowledgeBase(engine).articles() if a.intent})


def suggested_id(group: grouping.Group) -> str:
    """An article id from the group's shared words, for the editor to change."""
    words = [w for w in sorted(group.words) if ARTICLE_ID.fullmatch(w)][:4]
    return "-".join(words) or "new-article"


@inbox_pages.get("")
@signed_in(may_use_inbox, FOR_EDITORS)
async def inbox_page(request: Request) -> HTTPResponse:
    return await _page(request)


async def _page(request: Request, message: str | None = None,
                status: int = 200) -> HTTPResponse:
    """The groups, filtered as the page's query asks, with `message` at the top."""
    filters = {name: (request.args.get(name) or "")[:40] for name in FILTERS}
    engine = _engine(request)
    groups = await off_loop(_groups, engine, today(settings_of(request.app)))
    intents = await off_loop(_intents, engine)
    queued = await off_loop(inbox_store.queued_training, engine)
    await off_loop(audit, engine, request.ctx.adviser, "studio_inbox_viewed")
    return render(request, "inbox.html", status=status, filters=filters, message=message,
                  groups=[g for g in groups if _matches(g, filters)], intents=intents,
                  queued=len(queued), reasons=REASONS, reason_words=REASON_WORDS,
                  suggested_id=suggested_id, days=DAYS_SHOWN)


async def _chosen_group(request: Request) -> grouping.Group | None:
    """The group a form names, if it still exists and its texts may be shown."""
    key = (request.form or {}).get("group") or ""
    groups = await off_loop(_groups, _engine(request), today(settings_of(request.app)))
    found = next((g for g in groups if g.key == key), None)
    return found if found is not None and found.texts_shown else None


def _draft(engine: Engine, group: grouping.Group, path: str, article_id: str, topic: str,
           username: str, day: date) -> None:
    """A new article's first draft, with the group's questions in it: as the article's
    questions when they are English, otherwise in the note (translations hold their own)."""
    examples = group.examples()
    skeleton = dump({"id": article_id, "topic": topic, "intent": None, "councils": [],
                     "title": "", "summary": "", "body": "", "sources": [],
                     "valid_from": day, "valid_until": None, "successor": None,
                     "review_due": None, "owner": "", "needs_adviser": False,
                     "questions": examples if group.language == "en" else []})
    asked = "; ".join(examples)[:400]
    store.start(engine, path, skeleton, username,
                f"From the inbox ({LANGUAGES[group.language].english_name}): {asked}")
    inbox_store.mark_handled(engine, [q.id for q in group.questions], "draft")


@inbox_pages.post("/draft")
@signed_in(may_use_inbox, FOR_EDITORS)
async def start_draft(request: Request) -> HTTPResponse:
    form = request.form or {}
    article_id, topic = (form.get("id") or "").strip().lower(), form.get("topic") or ""
    if not ARTICLE_ID.fullmatch(article_id) or topic not in TOPICS:
        return await _page(request, "An article id is lowercase letters, digits and "
                                         "hyphens (apply-walsall), with one of the topics.", 400)
    group = await _chosen_group(request)
    if group is None:
        return await _page(request, "That group has changed or gone: look again.", 409)
    path = article_path(topic, article_id)
    try:
        await off_loop(_draft, _engine(request), group, path, article_id, topic,
                       request.ctx.user.username, today(settings_of(request.app)))
    except (store.StudioError, store.Conflict):
        return await _page(request, f"{path} exists already: choose another id.", 409)
    await off_loop(audit, _engine(request), request.ctx.adviser, "studio_inbox_draft",
                   detail=path)
    return response.redirect(f"/studio/edit/{path}", status=303)


@inbox_pages.post("/training")
@signed_in(may_use_inbox, FOR_EDITORS)
async def add_training(request: Request) -> HTTPResponse:
    intent = (request.form or {}).get("intent") or ""
    if intent not in await off_loop(_intents, _engine(request)):
        return await _page(request, "Choose the intent these messages mean.", 400)
    group = await _chosen_group(request)
    if group is None:
        return await _page(request, "That group has changed or gone: look again.", 409)
    engine = _engine(request)
    added = await off_loop(inbox_store.queue_training, engine,
                           [q.text for q in group.questions], group.language, intent,
                           request.ctx.user.username)
    await off_loop(inbox_store.mark_handled, engine, [q.id for q in group.questions],
                   "training")
    await off_loop(audit, engine, request.ctx.adviser, "studio_inbox_training",
                   detail=f"{group.language} {intent} {added}")
    return await _page(request, f"{added} example(s) queued as “{intent}”. They are used "
                                     "from the next `make train`.")


# -- the residents' "Did this help?" ---------------------------------------------------------
# Answers already rated, as keyed hashes kept in this process only: one rating per answer.
_rated: set[str] = set()
MAX_REMEMBERED = 100_000


def _record_not_helpful(request: Request, conversation_id: str, article_id: str) -> bool:
    settings = settings_of(request.app)
    asked = feedback.question_behind(
        feedback.conversation_events(conversations_engine(settings), conversation_id),
        article_id)
    if asked is None:
        return False
    engine = inbox_engine(settings=settings)
    article = KnowledgeBase(engine).article(article_id)
    return inbox_store.record(
        engine, text=asked.text, language=asked.language, council=asked.council,
        topic=article.topic if article else None, reason=NOT_HELPFUL,
        conversation=inbox_store.fingerprint(request.app.ctx.conversation_secret,
                                             conversation_id),
        day=today(settings))


@resident_feedback.post("/feedback")
async def did_this_help(request: Request) -> HTTPResponse:
    """{"article": "<id>", "helped": true|false}: a "No" puts the question behind that
    answer (read from the conversation, never from the request) into the inbox."""
    conversation_id = require_conversation(request)
    body = request.json if isinstance(request.json, dict) else {}
    article_id, helped = str(body.get("article") or ""), body.get("helped")
    if not ARTICLE_ID.fullmatch(article_id) or len(article_id) > 80 or \
            not isinstance(helped, bool):
        raise BadRequest('Send {"article": "<id>", "helped": true or false}.')
    key = hmac.new(request.app.ctx.conversation_secret,
                   f"feedback:{conversation_id}:{article_id}".encode(),
                   hashlib.sha256).hexdigest()
    if key in _rated:
        return response.json({"recorded": False})
    if len(_rated) > MAX_REMEMBERED:
        _rated.clear()
    _rated.add(key)
    recorded = False if helped else await off_loop(_record_not_helpful, request,
                                                   conversation_id, article_id)
    return response.json({"recorded": recorded})


__all__ = ["blueprints"]
