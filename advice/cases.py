"""The handoff queue: opening a request, claiming it, talking, closing it.

Every change is one short transaction on the shared database, so a request
opened by one action-server replica is seen by every web-server replica, and
two advisers pressing "claim" at once cannot both get the case.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, true, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from advice.models import (
    ADVISER_HOLDS,
    CLAIMED,
    IN_CONVERSATION,
    OPEN_STATUSES,
    RESOLVED,
    RETURNED,
    SUPERVISOR,
    URGENCY_RANK,
    WAITING,
    Adviser,
    CaseMessage,
    HandoffRequest,
    now,
)
from core.clock import aware  # noqa: F401 - also read as cases.aware by web/console

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
MAX_ADVISER_MESSAGE = 4000
PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{22}")


class CaseError(Exception):
    """A change the case's current state does not allow (told to the adviser as is)."""


def new_reference() -> str:
    return "HN-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


@dataclass
class NewRequest:
    conversation_id: str
    channel: str
    language: str
    urgency: str
    summary: str
    council: str | None = None
    topic: str | None = None
    contact_method: str | None = None
    contact_value: str | None = None
    best_time: str | None = None
    interpreter_needed: bool | None = None
    adviser_gender: str | None = None
    worker_organisation: str | None = None


def open_request(engine: Engine, request: NewRequest) -> HandoffRequest:
    """Record a new request, or return the one this conversation already has open
    (pressing the button twice must not put a resident in the queue twice)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        existing = session.scalars(
            select(HandoffRequest).where(
                HandoffRequest.conversation_id == request.conversation_id,
                HandoffRequest.status.in_(OPEN_STATUSES))).first()
        if existing is not None:
            if URGENCY_RANK[request.urgency] < existing.urgency_rank:
                existing.urgency, existing.urgency_rank = request.urgency, URGENCY_RANK[request.urgency]
            return existing
        row = HandoffRequest(reference=new_reference(), status=WAITING,
                             urgency_rank=URGENCY_RANK[request.urgency], **request.__dict__)
        session.add(row)
    return row


def open_request_for(engine: Engine, conversation_id: str) -> HandoffRequest | None:
    with Session(engine, expire_on_commit=False) as session:
        return session.scalars(
            select(HandoffRequest).where(
                HandoffRequest.conversation_id == conversation_id,
                HandoffRequest.status.in_(OPEN_STATUSES))
            .order_by(HandoffRequest.id.desc())).first()


def adviser_holds(engine: Engine, conversation_id: str) -> bool:
    """True while an adviser has claimed this conversation: the assistant stays quiet."""
    with Session(engine) as session:
        return session.scalar(
            select(HandoffRequest.id).where(
                HandoffRequest.conversation_id == conversation_id,
                HandoffRequest.status.in_(ADVISER_HOLDS)).limit(1)) is not None


def get(engine: Engine, handoff_id: int) -> HandoffRequest | None:
    with Session(engine, expire_on_commit=False) as session:
        return session.get(HandoffRequest, handoff_id)


def by_public_id(engine: Engine, public_id: str) -> HandoffRequest | None:
    """The case a console URL names; anything that is not a public id names no case."""
    if not PUBLIC_ID.fullmatch(public_id or ""):
        return None
    with Session(engine, expire_on_commit=False) as session:
        return session.scalars(
            select(HandoffRequest).where(HandoffRequest.public_id == public_id)).first()


# Who may read a case (its summary, contact details and conversation), open or closed:
# supervisors; the adviser who claimed it; advisers of the case's council. A case whose
# council is not known is for every adviser, so that somebody picks it up; an adviser
# with no councils sees only those (and the cases they claimed).
def readable_by(adviser: Adviser):
    """The rule as a query condition, for the queue."""
    if adviser.role == SUPERVISOR:
        return true()
    return or_(HandoffRequest.claimed_by == adviser.id, HandoffRequest.council.is_(None),
               HandoffRequest.council == "", HandoffRequest.council.in_(adviser.council_ids))


def may_read(adviser: Adviser, case: HandoffRequest) -> bool:
    """The same rule for one case already loaded (keep the two together)."""
    return (adviser.role == SUPERVISOR or case.claimed_by == adviser.id
            or not case.council or case.council in adviser.council_ids)


def queue(engine: Engine, adviser: Adviser, language: str | None = None,
          council: str | None = None, include_closed: bool = False) -> list[HandoffRequest]:
    """Open requests this adviser may read, most urgent first, then longest waiting. Within
    the same urgency, requests in one of the adviser's languages come first; the others
    need an interpreter."""
    statuses = OPEN_STATUSES if not include_closed else OPEN_STATUSES + (RESOLVED, RETURNED)
    query = select(HandoffRequest).where(HandoffRequest.status.in_(statuses),
                                         readable_by(adviser))
    if language:
        query = query.where(HandoffRequest.language == language)
    if council:
        query = query.where(HandoffRequest.council == council)
    with Session(engine, expire_on_commit=False) as session:
        rows = list(session.scalars(query))
    speaks = set(adviser.language_codes)
    rows.sort(key=lambda r: (r.status not in OPEN_STATUSES, r.urgency_rank,
                             r.language not in speaks, aware(r.created_at)))
    return rows


def claim(engine: Engine, handoff_id: int, adviser: Adviser) -> HandoffRequest:
    """Give the case to this adviser, if nobody else has it (atomic compare-and-set)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        changed = session.execute(
            update(HandoffRequest)
            .where(and_(HandoffRequest.id == handoff_id, HandoffRequest.status == WAITING))
            .values(status=CLAIMED, claimed_by=adviser.id, claimed_at=now(), updated_at=now())
        ).rowcount
        row = session.get(HandoffRequest, handoff_id)
        if row is None:
            raise CaseError("There is no such case.")
        if not changed and row.claimed_by != adviser.id:
            raise CaseError("Another adviser has already claimed this case." if row.status
                            in ADVISER_HOLDS else f"This case is {row.status.replace('_', ' ')}.")
    return row


def _held_by(session: Session, handoff_id: int, adviser: Adviser) -> HandoffRequest:
    row = session.get(HandoffRequest, handoff_id, with_for_update=True)
    if row is None:
        raise CaseError("There is no such case.")
    if row.status not in ADVISER_HOLDS or row.claimed_by != adviser.id:
        raise CaseError("Claim the case before replying or closing it.")
    return row


def reply(engine: Engine, handoff_id: int, adviser: Adviser, text: str) -> CaseMessage:
    """An adviser's message to the resident; the resident's page picks it up."""
    text = (text or "").strip()
    if not text:
        raise CaseError("The reply is empty.")
    if len(text) > MAX_ADVISER_MESSAGE:
        raise CaseError(f"Please keep a reply under {MAX_ADVISER_MESSAGE} characters.")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = _held_by(session, handoff_id, adviser)
        row.status, row.updated_at = IN_CONVERSATION, now()
        message = CaseMessage(handoff_id=row.id, conversation_id=row.conversation_id,
                              adviser_id=adviser.id, kind="adviser", text=text)
        session.add(message)
    return message


def close(engine: Engine, handoff_id: int, adviser: Adviser, outcome: str) -> HandoffRequest:
    """Resolve the case, or return the conversation to the assistant."""
    if outcome not in (RESOLVED, RETURNED):
        raise CaseError("Unknown outcome.")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = _held_by(session, handoff_id, adviser)
        row.status, row.updated_at, row.closed_at = outcome, now(), now()
        session.add(CaseMessage(handoff_id=row.id, conversation_id=row.conversation_id,
                                adviser_id=adviser.id, kind="status", text=outcome))
    return row


def messages(engine: Engine, handoff_id: int, after: int = 0) -> list[CaseMessage]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(
            select(CaseMessage).where(CaseMessage.handoff_id == handoff_id,
                                      CaseMessage.id > after).order_by(CaseMessage.id)))


@dataclass
class ResidentUpdate:
    """What the resident's page polls for: new adviser messages and the case status."""

    messages: list[CaseMessage]
    cursor: int
    status: str


def updates_for_resident(engine: Engine, conversation_id: str, after: int = 0) -> ResidentUpdate:
    with Session(engine, expire_on_commit=False) as session:
        latest = session.scalars(
            select(HandoffRequest).where(HandoffRequest.conversation_id == conversation_id)
            .order_by(HandoffRequest.id.desc())).first()
        if latest is None:
            return ResidentUpdate([], after, "none")
        new = list(session.scalars(
            select(CaseMessage).where(CaseMessage.conversation_id == conversation_id,
                                      CaseMessage.kind == "adviser", CaseMessage.id > after)
            .order_by(CaseMessage.id)))
        newest = session.scalar(
            select(CaseMessage.id).where(CaseMessage.conversation_id == conversation_id)
            .order_by(CaseMessage.id.desc()).limit(1)) or 0
        return ResidentUpdate(new, max(after, newest), latest.status)


def raise_to_crisis(engine: Engine, conversation_id: str, categories: tuple[str, ...] = ()) -> bool:
    """A crisis message in a conversation with an open request: the request becomes
    urgency "crisis" (the top of every adviser's queue, marked red) and its transcript
    gets a status line saying why, so the adviser sees it at once. False when the
    conversation has no open request. Used by the crisis check (actions/safety.py)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = session.scalars(
            select(HandoffRequest).where(HandoffRequest.conversation_id == conversation_id,
                                         HandoffRequest.status.in_(OPEN_STATUSES))
            .order_by(HandoffRequest.id.desc())).first()
        if row is None:
            return False
        row.urgency, row.urgency_rank, row.updated_at = "crisis", URGENCY_RANK["crisis"], now()
        signs = ", ".join(c.replace("_", " ") for c in categories) or "danger"
        session.add(CaseMessage(handoff_id=row.id, conversation_id=conversation_id,
                                kind="status", text=f"Crisis alert ({signs}): the resident "
                                "was given the emergency numbers. Reply first."))
    return True
