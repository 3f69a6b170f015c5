"""Adviser accounts, passwords, console sessions and the audit log.

Passwords are hashed with Argon2id (argon2-cffi, the maintained reference
binding). Sessions live in the database, not in a signed cookie, so logging
out or disabling an account takes effect at once on every web replica.

Failed log-ins slow down the address they come from and the username tried
(growing waits, kept in the database so every replica agrees) instead of
locking the account, which let anyone lock a real adviser out on demand. Every
failure, for whatever reason, gets the same answer after the same work (one
Argon2 verification), so the answer does not tell whether a username exists.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from advice.models import (
    ADVISER,
    SUPERVISOR,
    Adviser,
    AuditEntry,
    ConsoleSession,
    HandoffRequest,
    LoginFailure,
    now,
)
from core.clock import aware
from knowledge.content_files import DEFAULT_CONTENT_DIR

# Free failures in the last FAILURE_MEMORY before waits start: per client address (lower,
# so someone hammering one username is slowed long before the username is) and per
# username (catches guesses spread over many addresses). After that the wait doubles with
# each further failure, from 2 seconds up to MAX_WAIT.
FREE_FAILURES_PER_ADDRESS = 10
FREE_FAILURES_PER_USERNAME = 30
MAX_WAIT = timedelta(minutes=15)
FAILURE_MEMORY = timedelta(hours=1)
SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=10)
# An adviser whose console has checked in this recently is "available" for live chat.
AVAILABLE_WITHIN = timedelta(minutes=2)
MIN_PASSWORD_LENGTH = 12
# Reads /insights (counts only, issue 19); never the console's queue or cases, nor the studio.
ANALYST = "analyst"
ROLES = (ADVISER, SUPERVISOR, ANALYST)

_hasher = PasswordHasher()
# Compared against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(Exception):
    """Why an account could not be created or changed (shown to the supervisor)."""


@lru_cache(maxsize=1)
def known_councils() -> dict[str, str]:
    """Council id -> name, from the councils the navigator serves (councils.yml)."""
    data = yaml.safe_load((DEFAULT_CONTENT_DIR / "councils.yml").read_text(encoding="utf-8"))
    return {c["id"]: c["name"] for c in data["councils"]}


def create_adviser(engine: Engine, username: str, password: str, *, display_name: str = "",
                   role: str = ADVISER, languages: list[str] | None = None,
                   councils: list[str] | None = None) -> Adviser:
    username = (username or "").strip().lower()
    if not username or len(username) > 80 or not username.replace(".", "").replace("-", "") \
            .replace("_", "").isalnum():
        raise AccountError("Usernames are letters, digits, dots, dashes or underscores.")
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    joined = _checked_councils(councils)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if session.scalar(select(Adviser.id).where(Adviser.username == username)):
            raise AccountError(f"There is already an account called {username}.")
        adviser = Adviser(username=username, display_name=display_name.strip() or username,
                          password_hash=_hasher.hash(password), role=role,
                          languages=",".join(languages or ["en"]),
                          councils=joined)
        session.add(adviser)
    return adviser


# One word of letters (a hyphen or apostrophe inside is fine: "Anne-Marie", "Dáithí").
FIRST_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
MAX_FIRST_NAME = 30


def set_first_name(engine: Engine, adviser_id: int, first_name: str) -> Adviser:
    """The first name residents see beside this adviser's messages, as the adviser chose it
    (empty: residents see the word "Adviser"). One word only, and never the username, so a
    surname or a login name is not shown to residents by mistake."""
    name = (first_name or "").strip()
    if name and (len(name) > MAX_FIRST_NAME or not FIRST_NAME.fullmatch(name)):
        raise AccountError(f"Your first name is one word of letters, up to {MAX_FIRST_NAME}.")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        adviser = session.get(Adviser, adviser_id)
        if adviser is None:
            raise AccountError("There is no such account.")
        if name and name.lower() == adviser.username.lower():
            raise AccountError("Please use your first name, not your username.")
        adviser.first_name = name
    return adviser


def first_names(engine: Engine, adviser_ids: set[int]) -> dict[int, str]:
    """The first names residents may see, by adviser id (advisers who chose none: absent)."""
    if not adviser_ids:
        return {}
    with Session(engine) as session:
        rows = session.execute(select(Adviser.id, Adviser.first_name)
                               .where(Adviser.id.in_(adviser_ids))).all()
    return {row.id: row.first_name for row in rows if row.first_name}


def _checked_councils(councils: list[str] | None) -> str:
    unknown = [c for c in councils or [] if c not in known_councils()]
    if unknown:
        raise AccountError(f"Unknown councils: {', '.join(unknown)}. "
                           f"Use: {', '.join(known_councils())}.")
    return ",".join(dict.fromkeys(councils or []))


def set_councils(engine: Engine, username: str, councils: list[str]) -> Adviser:
    """Change whose cases an adviser works on (takes effect on their next request)."""
    joined = _checked_councils(councils)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        adviser = session.scalar(select(Adviser).where(Adviser.username == _username(username)))
        if adviser is None:
            raise AccountError("There is no such account.")
        adviser.councils = joined
    return adviser


def _username(typed: str | None) -> str:
    return (typed or "").strip().lower()[:80]


def authenticate(engine: Engine, username: str, password: str) -> Adviser | None:
    """The adviser if the password is right and the account is usable; None otherwise.
    Exactly one Argon2 verification on every path (a dummy hash for unknown or disabled
    accounts), so the time taken does not tell whether the username exists."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        adviser = session.scalar(select(Adviser).where(Adviser.username == _username(username)))
        if adviser is None or not adviser.active:
            _verify(_DUMMY_HASH, password)
            return None
        if not _verify(adviser.password_hash, password):
            return None
        if _hasher.check_needs_rehash(adviser.password_hash):
            adviser.password_hash = _hasher.hash(password)
        return adviser


@dataclass
class LogIn:
    """What became of a log-in: the adviser, or nobody; wait_seconds > 0 when the address
    or username is being slowed down (the console answers 429 with Retry-After)."""

    adviser: Adviser | None
    wait_seconds: int = 0


def log_in(engine: Engine, username: str, password: str, address: str) -> LogIn:
    """A console log-in attempt from a client address. Blocking (Argon2 and the database):
    the console runs it off the event loop."""
    username, address = _username(username), (address or "unknown")[:64]
    wait = seconds_to_wait(engine, username, address)
    if wait > 0:
        _verify(_DUMMY_HASH, password)  # the same work as any other attempt
        return LogIn(None, wait)
    adviser = authenticate(engine, username, password)
    if adviser is None:
        record_failure(engine, username, address)
    else:
        forget_username_failures(engine, username)
    return LogIn(adviser)


def _wait_after(failures: int, latest, free: int) -> float:
    if failures < free or latest is None:
        return 0.0
    delay = min(2.0 ** min(failures - free + 1, 30), MAX_WAIT.total_seconds())
    return (aware(latest) + timedelta(seconds=delay) - now()).total_seconds()


def seconds_to_wait(engine: Engine, username: str, address: str) -> int:
    """How long this username, or this address, must wait before its next try (0: now)."""
    since = now() - FAILURE_MEMORY
    waits = [0.0]
    with Session(engine) as session:
        for column, value, free in ((LoginFailure.address, address, FREE_FAILURES_PER_ADDRESS),
                                    (LoginFailure.username, username,
                                     FREE_FAILURES_PER_USERNAME)):
            failures, latest = session.execute(
                select(func.count(LoginFailure.id), func.max(LoginFailure.at))
                .where(column == value, LoginFailure.at > since)).one()
            waits.append(_wait_after(failures, latest, free))
    return math.ceil(max(waits))


def record_failure(engine: Engine, username: str, address: str) -> None:
    """Count a failed log-in (and forget the ones older than FAILURE_MEMORY)."""
    with Session(engine) as session, session.begin():
        session.execute(delete(LoginFailure).where(LoginFailure.at < now() - FAILURE_MEMORY))
        session.add(LoginFailure(username=_username(username), address=(address or "unknown")[:64]))


def forget_username_failures(engine: Engine, username: str) -> None:
    """After the right password the username starts afresh; the failures still count
    against the addresses they came from."""
    with Session(engine) as session, session.begin():
        session.execute(update(LoginFailure).where(LoginFailure.username == _username(username))
                        .values(username=None))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, adviser: Adviser) -> tuple[str, ConsoleSession]:
    """A new session; the returned token goes in the cookie, only its hash is stored."""
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(token_hash=_token_hash(token), adviser_id=adviser.id,
                         csrf_token=secrets.token_urlsafe(32),
                         expires_at=now() + SESSION_MAX)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.add(row)
    return token, row


def session_for(engine: Engine, token: str | None) -> tuple[ConsoleSession, Adviser] | None:
    """The live session and its adviser for a cookie token; expired sessions end here."""
    if not token:
        return None
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = session.get(ConsoleSession, _token_hash(token))
        if row is None:
            return None
        moment = now()
        if aware(row.expires_at) < moment or aware(row.last_seen) + SESSION_IDLE < moment:
            session.delete(row)
            return None
        adviser = session.get(Adviser, row.adviser_id)
        if adviser is None or not adviser.active:
            session.delete(row)
            return None
        row.last_seen = moment
        return row, adviser


def end_session(engine: Engine, token: str | None) -> None:
    if token:
        with Session(engine) as session, session.begin():
            session.execute(delete(ConsoleSession).where(
                ConsoleSession.token_hash == _token_hash(token)))


def csrf_ok(console_session: ConsoleSession, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(console_session.csrf_token, submitted)


def advisers_available(engine: Engine) -> int:
    """How many advisers have the console open right now (live chat is offered if any)."""
    with Session(engine) as session:
        return session.scalar(
            select(func.count(func.distinct(ConsoleSession.adviser_id)))
            .where(ConsoleSession.last_seen > now() - AVAILABLE_WITHIN)) or 0


def list_advisers(engine: Engine) -> list[Adviser]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(Adviser).order_by(Adviser.username)))


def audit(engine: Engine, adviser: Adviser | None, action: str, handoff_id: int | None = None,
          detail: str = "") -> None:
    """Record who viewed or did what. Never the content of a message."""
    with Session(engine) as session, session.begin():
        session.add(AuditEntry(adviser_id=adviser.id if adviser else None,
                               username=adviser.username if adviser else None,
                               action=action, handoff_id=handoff_id, detail=detail[:500]))


def audit_log(engine: Engine, limit: int = 200) -> list[AuditEntry]:
    """The latest entries, each with `case_reference` (what advisers call the case; the
    row number is for the database only)."""
    with Session(engine, expire_on_commit=False) as session:
        rows = session.execute(
            select(AuditEntry, HandoffRequest.reference)
            .outerjoin(HandoffRequest, HandoffRequest.id == AuditEntry.handoff_id)
            .order_by(AuditEntry.id.desc()).limit(limit)).all()
    for entry, reference in rows:
        entry.case_reference = reference
    return [entry for entry, _ in rows]
