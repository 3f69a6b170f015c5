"""Adviser accounts: Argon2 hashes, lock-out, server-side sessions, CSRF, audit."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from advice import accounts
from advice.models import Adviser, ConsoleSession, now
from tests.advice.conftest import PASSWORD


def test_passwords_are_stored_as_argon2id_hashes(advice_db, amina):
    with Session(advice_db) as session:
        stored = session.scalar(select(Adviser.password_hash).where(Adviser.username == "amina"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_bad_accounts_are_refused(advice_db, amina):
    with pytest.raises(accounts.AccountError, match="12 characters"):
        accounts.create_adviser(advice_db, "sam", "short")
    with pytest.raises(accounts.AccountError, match="already"):
        accounts.create_adviser(advice_db, "Amina", PASSWORD)
    with pytest.raises(accounts.AccountError, match="role"):
        accounts.create_adviser(advice_db, "sam", PASSWORD, role="admin")
    with pytest.raises(accounts.AccountError, match="Usernames"):
        accounts.create_adviser(advice_db, "sam smith", PASSWORD)


def test_login_and_lock_out_after_five_wrong_passwords(advice_db, amina):
    assert accounts.authenticate(advice_db, "AMINA ", PASSWORD).id == amina.id
    assert accounts.authenticate(advice_db, "nobody", PASSWORD) is None
    for _ in range(accounts.MAX_FAILED_LOGINS):
        assert accounts.authenticate(advice_db, "amina", "wrong password!!") is None
    assert accounts.is_locked(advice_db, "amina")
    assert accounts.authenticate(advice_db, "amina", PASSWORD) is None  # even the right one
    with Session(advice_db) as session, session.begin():
        session.execute(update(Adviser).values(locked_until=now() - timedelta(seconds=1)))
    assert accounts.authenticate(advice_db, "amina", PASSWORD).id == amina.id


def test_sessions_live_in_the_database_and_end(advice_db, amina):
    token, row = accounts.start_session(advice_db, amina)
    found = accounts.session_for(advice_db, token)
    assert found is not None and found[1].id == amina.id
    assert accounts.csrf_ok(found[0], row.csrf_token)
    assert not accounts.csrf_ok(found[0], "forged") and not accounts.csrf_ok(found[0], None)
    assert accounts.session_for(advice_db, token + "x") is None
    with Session(advice_db) as session:
        assert token not in [s.token_hash for s in session.scalars(select(ConsoleSession))]
    assert accounts.advisers_available(advice_db) == 1
    accounts.end_session(advice_db, token)
    assert accounts.session_for(advice_db, token) is None


def test_idle_sessions_expire(advice_db, amina):
    token, _ = accounts.start_session(advice_db, amina)
    with Session(advice_db) as session, session.begin():
        session.execute(update(ConsoleSession).values(
            last_seen=now() - accounts.SESSION_IDLE - timedelta(minutes=1)))
    assert accounts.session_for(advice_db, token) is None
    assert accounts.advisers_available(advice_db) == 0


def test_audit_records_who_did_what(advice_db, amina):
    accounts.audit(advice_db, amina, "view_case", 7)
    accounts.audit(advice_db, None, "login_failed", detail="username=x")
    entries = accounts.audit_log(advice_db)
    assert [(e.username, e.action, e.handoff_id) for e in entries] == [
        (None, "login_failed", None), ("amina", "view_case", 7)]
