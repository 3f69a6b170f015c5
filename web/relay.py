"""The resident's side of a live chat with an adviser.

The chat page polls here every few seconds while a handoff is open, for the
adviser's new messages and the case's status. Only for the conversation in the
page's token (web/conversation_token.py): an id alone opens nothing. Everything comes
from the database, so any web replica can answer any resident.
"""
from __future__ import annotations

from dataclasses import dataclass

from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from advice.accounts import first_names
from advice.cases import ResidentUpdate, updates_for_resident
from knowledge.languages import direction_of
from web.blocking import in_database
from web.conversation_token import require_conversation

MAX_CURSOR = 2 ** 63 - 1  # the largest message id a 64-bit database integer holds

relay = Blueprint("adviser_relay")


@relay.get("/api/chat/updates")
async def updates(request: Request) -> HTTPResponse:
    sender = require_conversation(request)
    after = cursor(request.args.get("after") or "0")
    if after is None:
        raise InvalidUsage(f"'after' must be a whole number from 0 to {MAX_CURSOR}.")
    found = await in_database(request, updates_with_names, sender, after)
    return response.json({
        "messages": [{"id": m.id, "text": m.text, "from": "adviser", "dir": direction_of(m.text),
                      **({"name": found.names[m.adviser_id]}
                         if m.adviser_id in found.names else {})}
                     for m in found.update.messages],
        "cursor": found.update.cursor,
        "status": found.update.status,
    }, headers={"Cache-Control": "no-store"})


@dataclass(frozen=True)
class NamedUpdate:
    update: ResidentUpdate
    names: dict[int, str]  # adviser id -> the first name they chose to show


def updates_with_names(engine: Engine, sender: str, after: int) -> NamedUpdate:
    """What is new for the resident, and the adviser's chosen first name if they set one
    (advice.accounts.set_first_name)."""
    update = updates_for_resident(engine, sender, after)
    return NamedUpdate(update, first_names(
        engine, {m.adviser_id for m in update.messages if m.adviser_id}))


def cursor(raw: str) -> int | None:
    """The id of the last message the page has, or None when `raw` is not one. Checked
    here because a number past the database's integers raises there (a 500), not a 400."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_CURSOR)):
        return None
    value = int(raw)
    return value if value <= MAX_CURSOR else None
