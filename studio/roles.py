"""Who may do what in the studio. Accounts are the advice console's (same log-in, same
sessions, same audit); the studio's roles are granted on top, and one account can hold
several: an officer can be an editor for everything and a translator for Urdu.

- editor: writes drafts, sends them for review, restores earlier versions, records checks
- reviewer: approves (publishes) or sends back other people's changes
- translator (per language): the queue for that language; marks translations reviewed
- supervisor: everything, and gives roles. The console's supervisors are studio
  supervisors too, so `python -m advice create-supervisor` still makes the first account.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from advice.accounts import AccountError
from advice.models import SUPERVISOR as CONSOLE_SUPERVISOR, Adviser
from knowledge.languages import LANGUAGES
from studio.models import RoleGrant

EDITOR, REVIEWER, TRANSLATOR, SUPERVISOR = "editor", "reviewer", "translator", "supervisor"
ROLES = (EDITOR, REVIEWER, TRANSLATOR, SUPERVISOR)


@dataclass(frozen=True)
class StudioUser:
    """An account as the studio sees it: its roles, and its translation languages."""

    adviser_id: int
    username: str
    name: str
    roles: frozenset[str]
    languages: frozenset[str]

    @property
    def supervisor(self) -> bool:
        return SUPERVISOR in self.roles

    def can(self, role: str, language: str | None = None) -> bool:
        if self.supervisor:
            return True
        if role == TRANSLATOR:
            return TRANSLATOR in self.roles and (language is None or language in self.languages)
        return role in self.roles

    @property
    def any_role(self) -> bool:
        return bool(self.roles)


def studio_user(engine: Engine, adviser: Adviser) -> StudioUser:
    with Session(engine) as session:
        grants = session.execute(select(RoleGrant.role, RoleGrant.language)
                                 .where(RoleGrant.adviser_id == adviser.id)).all()
    roles = {role for role, _ in grants}
    if adviser.role == CONSOLE_SUPERVISOR:
        roles.add(SUPERVISOR)
    languages = {language for role, language in grants if role == TRANSLATOR and language}
    return StudioUser(adviser.id, adviser.username, adviser.display_name, frozenset(roles),
                      frozenset(languages))


def _account(session: Session, username: str) -> Adviser:
    found = session.scalar(select(Adviser).where(Adviser.username == username.strip().lower()))
    if found is None:
        raise AccountError("There is no such account.")
    return found


def grant(engine: Engine, username: str, role: str, language: str = "") -> None:
    """Give a role (a translator's for one language). Giving it twice changes nothing."""
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    if role == TRANSLATOR and language not in LANGUAGES:
        raise AccountError(f"A translator's role is for one language: {', '.join(LANGUAGES)}.")
    language = language if role == TRANSLATOR else ""
    with Session(engine) as session, session.begin():
        adviser = _account(session, username)
        if session.get(RoleGrant, (adviser.id, role, language)) is None:
            session.add(RoleGrant(adviser_id=adviser.id, role=role, language=language))


def revoke(engine: Engine, username: str, role: str, language: str = "") -> None:
    with Session(engine) as session, session.begin():
        adviser = _account(session, username)
        session.execute(delete(RoleGrant).where(
            RoleGrant.adviser_id == adviser.id, RoleGrant.role == role,
            RoleGrant.language == (language if role == TRANSLATOR else "")))


def everyone(engine: Engine) -> list[tuple[Adviser, list[str]]]:
    """Every account with its studio roles, as the roles page lists them."""
    with Session(engine, expire_on_commit=False) as session:
        advisers = list(session.scalars(select(Adviser).order_by(Adviser.username)))
        grants = session.execute(select(RoleGrant)).scalars().all()
    held: dict[int, list[str]] = {}
    for g in grants:
        held.setdefault(g.adviser_id, []).append(f"{g.role}:{g.language}" if g.language
                                                 else g.role)
    return [(a, sorted(held.get(a.id, []))) for a in advisers]
