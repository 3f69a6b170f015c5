"""The handoff queue on a real database: ordering, claiming, replying, closing."""
from __future__ import annotations

import time

import pytest

from advice import cases
from advice.models import CLAIMED, IN_CONVERSATION, RESOLVED, RETURNED, WAITING
from tests.advice.conftest import request


def test_a_conversation_has_one_open_request_and_urgency_only_rises(advice_db):
    first = cases.open_request(advice_db, request("conv-aaaa1111"))
    again = cases.open_request(advice_db, request("conv-aaaa1111", urgency="crisis"))
    assert again.id == first.id and again.reference == first.reference
    assert cases.get(advice_db, first.id).urgency == "crisis"
    cases.open_request(advice_db, request("conv-aaaa1111", urgency="normal"))
    assert cases.get(advice_db, first.id).urgency == "crisis"
    assert first.reference.startswith("HN-") and len(first.reference) == 9


def test_queue_is_urgency_then_own_languages_then_waiting_time(advice_db, amina):
    polish_normal = cases.open_request(advice_db, request("conv-pl-0001", language="pl"))
    time.sleep(0.01)
    urdu_normal = cases.open_request(advice_db, request("conv-ur-0001", language="ur"))
    time.sleep(0.01)
    somali_crisis = cases.open_request(advice_db, request("conv-so-0001", language="so",
                                                          urgency="crisis"))
    time.sleep(0.01)
    english_normal = cases.open_request(advice_db, request("conv-en-0001"))
    order = [r.id for r in cases.queue(advice_db, amina)]
    assert order == [somali_crisis.id, urdu_normal.id, english_normal.id, polish_normal.id]
    assert [r.id for r in cases.queue(advice_db, amina, language="pl")] == [polish_normal.id]
    assert cases.queue(advice_db, amina, council="coventry") == []


def test_only_one_adviser_can_claim_a_case(advice_db, amina, piotr):
    row = cases.open_request(advice_db, request("conv-bbbb2222"))
    assert not cases.adviser_holds(advice_db, "conv-bbbb2222")
    claimed = cases.claim(advice_db, row.id, amina)
    assert claimed.status == CLAIMED and claimed.claimed_by == amina.id
    assert cases.adviser_holds(advice_db, "conv-bbbb2222")
    with pytest.raises(cases.CaseError, match="Another adviser"):
        cases.claim(advice_db, row.id, piotr)
    assert cases.claim(advice_db, row.id, amina).claimed_by == amina.id  # claiming twice is fine


def test_replies_reach_the_resident_and_closing_hands_back(advice_db, amina, piotr):
    row = cases.open_request(advice_db, request("conv-cccc3333", language="ur"))
    with pytest.raises(cases.CaseError, match="Claim the case"):
        cases.reply(advice_db, row.id, amina, "Hello")
    cases.claim(advice_db, row.id, amina)
    with pytest.raises(cases.CaseError, match="Claim the case"):
        cases.reply(advice_db, row.id, piotr, "Not my case")
    with pytest.raises(cases.CaseError, match="empty"):
        cases.reply(advice_db, row.id, amina, "   ")
    first = cases.reply(advice_db, row.id, amina, "السلام علیکم، میں امینہ ہوں۔")
    update = cases.updates_for_resident(advice_db, "conv-cccc3333")
    assert [m.text for m in update.messages] == ["السلام علیکم، میں امینہ ہوں۔"]
    assert update.status == IN_CONVERSATION and update.cursor == first.id
    assert cases.updates_for_resident(advice_db, "conv-cccc3333", update.cursor).messages == []

    cases.close(advice_db, row.id, amina, RETURNED)
    after = cases.updates_for_resident(advice_db, "conv-cccc3333", update.cursor)
    assert after.status == RETURNED and after.messages == [] and after.cursor > update.cursor
    assert not cases.adviser_holds(advice_db, "conv-cccc3333")
    with pytest.raises(cases.CaseError):
        cases.close(advice_db, row.id, amina, RESOLVED)
    # A new request after the case is closed is a new case.
    assert cases.open_request(advice_db, request("conv-cccc3333")).id != row.id


def test_unknown_conversation_has_no_updates(advice_db):
    update = cases.updates_for_resident(advice_db, "conv-nobody00", 5)
    assert (update.messages, update.cursor, update.status) == ([], 5, "none")


def test_status_values_are_the_documented_ones(advice_db, amina):
    row = cases.open_request(advice_db, request("conv-dddd4444"))
    assert row.status == WAITING
    cases.claim(advice_db, row.id, amina)
    cases.reply(advice_db, row.id, amina, "hello")
    assert cases.get(advice_db, row.id).status == IN_CONVERSATION
    cases.close(advice_db, row.id, amina, RESOLVED)
    assert cases.get(advice_db, row.id).status == RESOLVED


def test_old_handoffs_and_their_contact_details_are_deleted(advice_db, amina):
    from datetime import timedelta

    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from advice.models import HandoffRequest, now
    from advice.retention import purge_handoffs

    old = cases.open_request(advice_db, request("conv-old-0001", contact_value="07700900111"))
    cases.claim(advice_db, old.id, amina)
    cases.reply(advice_db, old.id, amina, "hello")
    recent = cases.open_request(advice_db, request("conv-new-0001"))
    with Session(advice_db) as session, session.begin():
        session.execute(update(HandoffRequest).where(HandoffRequest.id == old.id)
                        .values(created_at=now() - timedelta(days=91)))
    assert purge_handoffs(advice_db, days=90) == 1
    assert cases.get(advice_db, old.id) is None and cases.messages(advice_db, old.id) == []
    assert cases.get(advice_db, recent.id) is not None


def test_cases_have_random_public_ids(advice_db):
    first = cases.open_request(advice_db, request("conv-pub-0001"))
    second = cases.open_request(advice_db, request("conv-pub-0002"))
    assert cases.PUBLIC_ID.fullmatch(first.public_id) and first.public_id != second.public_id
    assert cases.by_public_id(advice_db, first.public_id).id == first.id
    for not_an_id in (str(first.id), "9" * 40, "", first.public_id + "x"):
        assert cases.by_public_id(advice_db, not_an_id) is None


def test_who_may_read_a_case(advice_db, amina, piotr):
    """Supervisors read all; an adviser reads their councils' cases, cases with no council
    and cases they claimed. The queue and the one-case check apply the same rule."""
    from advice.accounts import create_adviser
    from tests.advice.conftest import PASSWORD

    cal = create_adviser(advice_db, "cal", PASSWORD, councils=["coventry"])
    nia = create_adviser(advice_db, "nia", PASSWORD)  # no councils
    bham = cases.open_request(advice_db, request("conv-acc-bham"))
    cov = cases.open_request(advice_db, request("conv-acc-cov", council="coventry"))
    nowhere = cases.open_request(advice_db, request("conv-acc-none", council=None))
    sol = cases.open_request(advice_db, request("conv-acc-sol", council="solihull"))
    cases.claim(advice_db, sol.id, nia)  # not her council's case, but she claimed it
    sol = cases.get(advice_db, sol.id)
    expected = {"amina": {bham.id, nowhere.id}, "piotr": {bham.id, cov.id, nowhere.id, sol.id},
                "cal": {cov.id, nowhere.id}, "nia": {nowhere.id, sol.id}}
    for adviser in (amina, piotr, cal, nia):
        listed = {r.id for r in cases.queue(advice_db, adviser)}
        checked = {r.id for r in (bham, cov, nowhere, sol) if cases.may_read(adviser, r)}
        assert listed == checked == expected[adviser.username], adviser.username
