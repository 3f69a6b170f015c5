"""The inbox over real HTTP (the real web app, served from a thread): editors and
supervisors see it, every other role gets 403; small groups read "fewer than 5" without
their texts; a group becomes a studio draft or queued training examples; and the
residents' "Did this help?" endpoint keeps a "No" once per answer, with the question read
from the conversation, never from the request."""
from __future__ import annotations

import json
import re
import time

import pytest
import requests
from sqlalchemy import select

from inbox import inbox_engine, store
from inbox.models import TrainingExample, UnansweredQuestion
from insights.rollup import EVENTS
from studio import store as studio_store
from tests.conftest import CONTENT_DATE
from tests.e2e.console_client import web_app_in_thread
from tests.studio.studio_client import ROLE_ACCOUNTS, StudioUser, signed_in, studio_database

BIG = "how do I pay my council tax"
SMALL = "my neighbour plays drums at night"


@pytest.fixture(scope="module")
def site(tmp_path_factory, shipped_content):
    with studio_database(tmp_path_factory.mktemp("inbox-web"), shipped_content,
                         ROLE_ACCOUNTS, supervisor="boss") as url:
        engine = inbox_engine(url)
        for i in range(5):
            store.record(engine, text=f"{BIG} 0770090012{i}", language="en", topic=None,
                         council="walsall", reason="not_understood", conversation=f"big{i}",
                         day=CONTENT_DATE)
        store.record(engine, text=SMALL, language="en", topic=None, council="dudley",
                     reason="not_understood", conversation="small", day=CONTENT_DATE)
        with web_app_in_thread() as base:
            yield base, engine


@pytest.mark.parametrize("username, status", [("ed", 200), ("boss", 200), ("rev", 403),
                                              ("tr", 403), ("nobody", 403)])
def test_the_inbox_is_for_editors_and_supervisors(site, username, status):
    base, _ = site
    user = signed_in(base, username)
    assert user.get("/studio/inbox").status_code == status
    assert user.post("/studio/inbox/training", {"intent": "x"}).status_code in (
        (status, 400) if status == 200 else (status,))


def test_without_a_session_or_a_token_nothing_is_done(site):
    base, _ = site
    answer = StudioUser(base).get("/studio/inbox", allow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/studio/login")
    editor = signed_in(base, "ed")
    assert editor.post("/studio/inbox/training", {"intent": "bidding"},
                       csrf=False).status_code == 403


def test_small_groups_read_fewer_than_five_and_hide_their_words(site):
    base, _ = site
    page = signed_in(base, "ed").get("/studio/inbox").text
    assert "fewer than 5" in page and SMALL not in page and "drum" not in page
    assert f"{BIG} [phone]" in page and "07700" not in page  # redacted as stored
    assert "Walsall Council: 5" in page
    assert "make train" in page


def group_key(page: str, text: str) -> str:
    section = next(s for s in page.split("<section")[1:] if text in s)
    return re.search(r'name="group" value="([0-9a-f]+)"', section).group(1)


def test_a_group_becomes_training_examples_queued_for_the_next_training(site):
    base, engine = site
    editor = signed_in(base, "ed")
    key = group_key(editor.get("/studio/inbox").text, BIG)
    answer = editor.post("/studio/inbox/training", {"group": key,
                                                    "intent": "out_of_scope_redirect"})
    assert answer.status_code == 200 and "queued" in answer.text and "make train" in answer.text
    with engine.connect() as connection:
        queued = connection.execute(select(TrainingExample.intent, TrainingExample.text)).all()
    assert ("out_of_scope_redirect", f"{BIG} [phone]") in queued
    assert BIG not in editor.get("/studio/inbox").text  # the group is done
    assert editor.post("/studio/inbox/training", {"group": key, "intent": "out_of_scope_redirect"}
                       ).status_code == 409


def test_a_group_becomes_a_draft_article_with_the_question_in_it(site):
    base, engine = site
    for i in range(5):
        store.record(engine, text="can I keep a dog in my council flat", language="en",
                     topic="rights", council=None, reason="low_confidence",
                     conversation=f"dog{i}", day=CONTENT_DATE)
    editor = signed_in(base, "ed")
    key = group_key(editor.get("/studio/inbox").text, "keep a dog")
    answer = editor.post("/studio/inbox/draft", {"group": key, "id": "pets-in-council-homes",
                                                 "topic": "rights"}, allow_redirects=False)
    path = "articles/rights/pets-in-council-homes.yml"
    assert (answer.status_code, answer.headers["location"]) == (303, f"/studio/edit/{path}")
    text = studio_store.text_of(engine, path, 1)
    assert "can I keep a dog in my council flat" in text


def conversation(base: str) -> tuple[str, dict]:
    made = requests.post(f"{base}/api/chat/session", timeout=30).json()
    return made["conversation_id"], {"Authorization": f"Bearer {made['token']}"}


def rasa_stored(engine, sender: str, text: str, article: str) -> None:
    """What Rasa's tracker store keeps for a question and its answer (bot/stores.py)."""
    EVENTS.create(engine, checkfirst=True)
    at = time.time()
    rows = [("user", {"event": "user", "text": text}),
            ("slot", {"event": "slot", "name": "language", "value": "pl"}),
            ("slot", {"event": "slot", "name": "last_answer", "value": f"{article}|"})]
    with engine.begin() as connection:
        connection.execute(EVENTS.insert(), [
            {"sender_id": sender, "type_name": kind, "timestamp": at + i,
             "data": json.dumps(data)} for i, (kind, data) in enumerate(rows)])


def test_did_this_help_no_keeps_the_question_once_and_yes_keeps_nothing(site):
    base, engine = site
    sender, token = conversation(base)
    rasa_stored(engine, sender, "jak dostać mieszkanie komunalne, tel [phone]", "apply-walsall")
    url = f"{base}/api/feedback"
    assert requests.post(url, json={"article": "apply-walsall", "helped": False},
                         timeout=30).status_code == 403  # no conversation token
    assert requests.post(url, json={"article": "apply-walsall", "helped": "no"}, headers=token,
                         timeout=30).status_code == 400
    no = requests.post(url, json={"article": "apply-walsall", "helped": False}, headers=token,
                       timeout=30)
    assert no.json() == {"recorded": True}
    again = requests.post(url, json={"article": "apply-walsall", "helped": False},
                          headers=token, timeout=30)
    assert again.json() == {"recorded": False}  # once per answer
    with engine.connect() as connection:
        kept = connection.execute(select(
            UnansweredQuestion.text, UnansweredQuestion.language, UnansweredQuestion.topic,
            UnansweredQuestion.conversation).where(
            UnansweredQuestion.reason == "not_helpful")).all()
    assert [tuple(k[:3]) for k in kept] == [
        ("jak dostać mieszkanie komunalne, tel [phone]", "pl", "allocations")]
    assert kept[0][3] not in sender
    other, other_token = conversation(base)
    rasa_stored(engine, other, "bidding", "bidding")
    assert requests.post(url, json={"article": "bidding", "helped": True}, headers=other_token,
                         timeout=30).json() == {"recorded": False}
    assert requests.post(url, json={"article": "overcrowding", "helped": False},
                         headers=other_token, timeout=30).json() == {"recorded": False}
