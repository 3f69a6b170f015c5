"""Adviser accounts, passwords, console sessions and the audit log.

Passwords are hashed with Argon2id (argon2-cffi, the maintained reference
binding). Sessions live in the database, not in a signed cookie, so logging
out or locking an account takes effect at once on every web replica. After
five wrong passwords in a row an account is locked for fifteen minutes.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from advice.cases import aware
from advice.models import ADVISER, SUPERVISOR, Adviser, AuditEntry, ConsoleSession, now

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_IDLE = timedelta(minutes=30)
SESSION_MAX = timedelta(hours=10)
# An adviser whose console has checked in this recently is "available" for live chat.
AVAILABLE_WITHIN = timedelta(minutes=2)
MIN_PASSWORD_LENGTH = 12
ROLES = (ADVISER, SUPERVISOR)

_hasher = PasswordHasher()
# Compared against when the username is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(Exception):
    """Why an account could not be created or changed (shown to the supervisor)."""


def create_adviser(engine: Engine, username: str, password: str, *, display_name: str = "",
                   role: str = ADVISER, languages: list[str] | None = None) -> Adviser:
    username = (username or "").strip().lower()
    if not username or len(username) > 80 or not username.replace(".", "").replace("-", "") \
            .replace("_", "").isalnum():
        raise AccountError("Usernames are letters, digits, dots, dashes or underscores.")
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if session.scalar(select(Adviser.id).where(Adviser.username == username)):
            raise AccountError(f"There is already an account called {username}.")
        adviser = Adviser(username=username, display_name=display_name.strip() or username,
                          password_hash=_hasher.hash(password), role=role,
                          languages=",".join(languages or ["en"]))
        session.add(adviser)
    return adviser


def authenticate(engine: Engine, username: str, password: str) -> Adviser | None:
    """The adviser if the password is right and the account is usable; None otherwise.
    Failures count towards a lock-out; a success resets the count."""
    username = (username or "").strip().lower()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        adviser = session.scalar(select(Adviser).where(Adviser.username == username))
        if adviser is None or not adviser.active:
            _verify(_DUMMY_HASH, password)
            return None
        if adviser.locked_until and aware(adviser.locked_until) > now():
            return None
        if not _verify(adviser.password_hash, password):
            adviser.failed_logins += 1
            if adviser.failed_logins >= MAX_FAILED_LOGINS:
                adviser.locked_until, adviser.failed_logins = now() + LOCKOUT, 0
            return None
        adviser.failed_logins, adviser.locked_until = 0, None
        if _hasher.check_needs_rehash(adviser.password_hash):
            adviser.password_hash = _hasher.hash(password)
        return adviser


def is_locked(engine: Engine, username: str) -> bool:
    with Session(engine) as session:
        until = session.scalar(select(Adviser.locked_until)
                               .where(Adviser.username == (username or "").strip().lower()))
        return bool(until and aware(until) > now())


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
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
