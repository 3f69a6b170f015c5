"""A housing team's content change reaches residents at once: no retraining, no restart."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from knowledge.database import make_engine
from knowledge.loading import load
from tests.e2e.conftest import Resident

pytestmark = pytest.mark.e2e


def test_reloaded_content_is_answered_immediately(stack, shipped_content):
    engine = make_engine(stack.env["DATABASE_URL"])
    resident = Resident(stack, f"e2e-{uuid.uuid4().hex}")
    resident.say('/inform_council{"council":"solihull"}')
    before = resident.reply("how do i apply for a council house")
    assert "Updated by the Solihull team today." not in before

    edited = tuple(
        replace(a, summary=a.summary + " Updated by the Solihull team today.")
        if a.id == "apply-solihull" else a for a in shipped_content.articles)
    try:
        assert load(replace(shipped_content, articles=edited), engine).changed
        after = resident.reply("how do i apply for a council house")
        assert "Updated by the Solihull team today." in after
    finally:
        load(shipped_content, engine)  # put the shipped edition back for other tests
