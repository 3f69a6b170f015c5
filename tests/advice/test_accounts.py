"""Adviser accounts: Argon2 hashes, slowing down failed log-ins, councils, server-side
sessions, CSRF, audit."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from advice import accounts
from advice.models import Adviser, ConsoleSession, LoginFailure, now
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


def test_login_is_never_locked_and_failures_slow_down_address_then_username(advice_db, amina):
    assert accounts.log_in(advice_db, "AMINA ", PASSWORD, "192.0.2.1").adviser.id == amina.id
    assert accounts.log_in(advice_db, "nobody", PASSWORD, "192.0.2.1").adviser is None
    for _ in range(accounts.FREE_FAILURES_PER_ADDRESS - 1):
        assert accounts.log_in(advice_db, "amina", "wrong password!!", "192.0.2.1") \
            == accounts.LogIn(None, 0)
    for _ in range(3):  # a 16 s wait, so that a slow machine cannot outlast it mid-test
        accounts.record_failure(advice_db, "amina", "192.0.2.1")
    slowed = accounts.log_in(advice_db, "amina", PASSWORD, "192.0.2.1")
    assert slowed.adviser is None and 1 <= slowed.wait_seconds <= 16  # even the right password
    # The same username from another address is not held up (no lock-out on demand).
    assert accounts.log_in(advice_db, "amina", PASSWORD, "198.51.100.9").adviser.id == amina.id
    # The right password starts the username afresh but the failures still count for the
    # address they came from.
    assert accounts.seconds_to_wait(advice_db, "amina", "192.0.2.1") >= 1
    assert accounts.seconds_to_wait(advice_db, "amina", "198.51.100.9") == 0


def test_guesses_spread_over_addresses_slow_down_the_username(advice_db, amina):
    for i in range(accounts.FREE_FAILURES_PER_USERNAME):
        accounts.record_failure(advice_db, "amina", f"203.0.113.{i}")
    assert 1 <= accounts.seconds_to_wait(advice_db, "amina", "198.51.100.1") <= 2
    assert accounts.seconds_to_wait(advice_db, "someone.else", "198.51.100.1") == 0


def test_waits_double_up_to_a_cap_and_old_failures_are_forgotten(advice_db):
    free = accounts.FREE_FAILURES_PER_ADDRESS
    moment = now()
    assert accounts._wait_after(free - 1, moment, free) == 0
    assert [round(accounts._wait_after(free + k, moment, free)) for k in range(4)] == \
        [2, 4, 8, 16]
    assert accounts._wait_after(free + 500, moment, free) <= accounts.MAX_WAIT.total_seconds()
    for _ in range(free):
        accounts.record_failure(advice_db, "x", "192.0.2.50")
    with Session(advice_db) as session, session.begin():
        session.execute(update(LoginFailure).values(
            at=now() - accounts.FAILURE_MEMORY - timedelta(seconds=1)))
    assert accounts.seconds_to_wait(advice_db, "x", "192.0.2.50") == 0
    accounts.record_failure(advice_db, "x", "192.0.2.50")  # also clears the forgotten rows
    with Session(advice_db) as session:
        assert len(session.scalars(select(LoginFailure)).all()) == 1


def test_advisers_belong_to_known_councils(advice_db):
    bea = accounts.create_adviser(advice_db, "bea", PASSWORD, councils=["birmingham", "dudley"])
    assert bea.council_ids == ["birmingham", "dudley"]
    assert accounts.create_adviser(advice_db, "nia", PASSWORD).council_ids == []
    with pytest.raises(accounts.AccountError, match="Unknown councils: atlantis"):
        accounts.create_adviser(advice_db, "sam", PASSWORD, councils=["atlantis"])
    assert accounts.set_councils(advice_db, "NIA", ["walsall"]).council_ids == ["walsall"]
    with pytest.raises(accounts.AccountError, match="Unknown councils"):
        accounts.set_councils(advice_db, "nia", ["walsall", "atlantis"])
    with pytest.raises(accounts.AccountError, match="no such account"):
        accounts.set_councils(advice_db, "nobody", [])


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
