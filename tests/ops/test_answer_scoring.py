"""Scoring answers and explaining misses (ops.evaluation.answer_sets, ops.evaluation.answers).

The score decides whether a resident got a number they can ring, so these tests pin
down exactly what is forgiven (spacing in numbers, case, direction marks, other
scripts' digits) and what is not (a number inside a longer number, a missing fact).
"""
from __future__ import annotations

import pytest
import yaml

from ops.evaluation.answer_sets import (
    AnswerSetError,
    Question,
    contains_fact,
    load_answer_sets,
    normalise,
    parse_answer_set,
    score,
)
from ops.evaluation.answers import (
    DOMAIN_DIR,
    ReplyReader,
    article_titles,
    ask,
    cause_of_miss,
    phrase_openings,
    first_reply_text,
    reply_text,
    summarise,
    with_detail_text,
)


def question(**overrides) -> Question:
    values = dict(id="q", language="en", topic="allocations", text="how do i apply",
                  articles=("apply-birmingham",), facts=(("Birmingham Choice",),))
    values.update(overrides)
    return Question(**values)


# -- matching facts -------------------------------------------------------------------------
@pytest.mark.parametrize("reply, fact", [
    ("Coventry Cyrenians: 0800 018 0579", "0800 0180579"),  # spacing inside a number
    ("call 0800 0180579", "0800 018 0579"),
    ("Helpline: 0808\u00a02000\u00a0247", "0808 2000 247"),  # no-break spaces
    ("ফোন করুন ০৮০৮ ২০০০ ২৪৭", "0808 2000 247"),  # Bengali digits
    ("اتصل على ٩٩٩ الآن", "999"),  # Arabic-Indic digits
    ("\u2067Birmingham Choice\u2069 سے", "Birmingham Choice"),  # direction isolates
    ("see BIRMINGHAMCHOICE.CO.UK", "birminghamchoice.co.uk"),  # case
    ("Warm Homes:  Local\nGrant", "Warm Homes: Local Grant"),  # line breaks and spaces
    ("ask within 21 days.", "21"),
])
def test_facts_found(reply, fact):
    assert contains_fact(reply, fact)


@pytest.mark.parametrize("reply, fact", [
    ("in place since 2021", "21"),  # part of a longer number
    ("call 0999 123", "999"),
    ("0121 303 2297", "0121 303 2296"),  # one digit wrong is a wrong number
    ("Warm Homes Local Grant", "Warm Homes: Local Grant"),  # punctuation is not forgiven
    ("Birmingham", "Birmingham Choice"),
    ("anything", "   "),  # an empty fact never matches
])
def test_facts_not_found(reply, fact):
    assert not contains_fact(reply, fact)


def test_normalise_removes_only_space_between_digits():
    assert normalise("Call 0300 500 0914 now") == "call 03005000914 now"
    assert normalise("17 November 2025") == "17 november 2025"


def test_score_lists_each_missing_fact_and_accepts_any_alternative():
    q = question(facts=(("0800 027 0463",), ("17 listopada 2025", "17 November 2025"),
                        ("bedroom standard",)))
    result = score(q, "Bid by phone: 0800 027 0463. Paused from 17 November 2025.")
    assert not result.correct
    assert result.missing == [("bedroom standard",)]
    assert score(q, "0800 027 0463, 17 listopada 2025, bedroom standard").correct


# -- reading question files -------------------------------------------------------------------
def valid_file() -> dict:
    return {"language": "en", "questions": [
        {"id": "a", "topic": "allocations", "text": "how do i apply",
         "articles": ["apply-general"], "facts": ["21", ["x", "y"]], "council": "Dudley"}]}


def test_a_valid_file_is_read():
    [q] = parse_answer_set(valid_file(), "en.yml")
    assert q.facts == (("21",), ("x", "y"))
    assert q.council == "Dudley" and q.label == "en/a"


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d.pop("language"), "expected 'language"),
    (lambda d: d.update(questions=[]), "non-empty list"),
    (lambda d: d["questions"][0].update(topic="parking"), "unknown topic 'parking'"),
    (lambda d: d["questions"][0].update(facts=[]), "'facts' must be a non-empty list"),
    (lambda d: d["questions"][0].update(facts=[["x", ""]]), "a fact must be text"),
    (lambda d: d["questions"][0].pop("articles"), "'articles' must list"),
    (lambda d: d["questions"][0].update(text=" "), "'text' is missing"),
    (lambda d: d["questions"].append(dict(d["questions"][0])), "the id is used twice"),
    (lambda d: d["questions"][0].update(council=""), "'council' must be"),
])
def test_a_broken_file_is_refused_with_where_and_what(breakage, message):
    data = valid_file()
    breakage(data)
    with pytest.raises(AnswerSetError, match=message):
        parse_answer_set(data, "en.yml")


def test_a_file_named_for_another_language_is_refused(tmp_path):
    (tmp_path / "ur.yml").write_text(yaml.safe_dump(valid_file()), encoding="utf-8")
    with pytest.raises(AnswerSetError, match="says language 'en' but is named ur.yml"):
        load_answer_sets(tmp_path)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(AnswerSetError, match="no answer sets"):
        load_answer_sets(tmp_path)


# -- what a reply shows, and why a miss happened ------------------------------------------------
@pytest.fixture(scope="module")
def reader(request) -> ReplyReader:
    content = request.getfixturevalue("shipped_content")
    return ReplyReader(phrase_openings(), article_titles(content))


def test_replies_are_read_in_any_language(reader, shipped_content):
    urdu_title = next(t.title for t in shipped_content.translations
                      if t.article_id == "apply-birmingham" and t.language == "ur")
    responses = yaml.safe_load((DOMAIN_DIR / "responses.yml").read_text(encoding="utf-8"))
    ask_council_ur = next(v["text"] for v in responses["responses"]["utter_ask_council"]
                          if (v.get("condition") or [{}])[0].get("value") == "ur")
    assert reader.kinds([{"text": f"**{urdu_title}**\n\nBirmingham Choice ..."}]) == \
        ["article:apply-birmingham"]
    assert reader.kinds([{"text": ask_council_ur, "buttons": []}]) == ["asked for council"]
    assert reader.kinds([{"text": "I'm not completely sure what you mean. Is it one of these?"}]) \
        == ["search results"]
    assert reader.kinds([{"text": "If you have nowhere safe to sleep tonight, contact ..."},
                         {"text": "**Emergency housing tonight in Birmingham**"}])[0] == "crisis"
    person = responses["responses"]["utter_connect_to_person"][0]["text"]
    assert reader.kinds([{"text": person}]) == ["offer of a person"]
    assert reader.kinds([{"text": "hello"}]) == []


@pytest.mark.parametrize("kinds, intent, cause", [
    (["error"], None, "error"),
    (["article:apply-birmingham"], "how_bidding_works", "content gap"),
    (["language check"], "apply_for_housing", "language check"),
    (["search results"], "nlu_fallback", "search miss"),
    (["article:bidding-general"], "how_bidding_works", "NLU miss"),
    (["asked for council"], "apply_for_housing", "no council"),
    (["article:apply-general"], "apply_for_housing", "dialogue"),
])
def test_cause_of_a_miss(kinds, intent, cause):
    assert cause_of_miss(question(), kinds, intent, {"apply_for_housing"}) == cause


class FakeAssistant:
    """Answers like the REST channel, or fails like a stopped one."""

    how = "a fake"

    def __init__(self, fail: bool = False):
        self.fail = fail
        self.said: list[tuple[str, str]] = []

    def say(self, sender: str, text: str) -> list[dict]:
        import requests

        self.said.append((sender, text))
        if self.fail:
            raise requests.ConnectionError("refused")
        return [{"recipient_id": sender, "text": f"you said {text}"}]


def test_each_question_is_asked_in_its_own_conversation_after_the_council():
    assistant = FakeAssistant()
    first = question(council="Dudley")
    reply, _, error = ask(assistant, first)
    ask(assistant, question())
    assert error is None and reply_text(reply) == "you said how do i apply"
    (s1, council), (s2, text), (s3, _) = assistant.said
    assert (council, text) == ("Dudley", "how do i apply")
    assert s1 == s2 != s3


def test_an_assistant_that_does_not_answer_is_an_error_not_a_crash():
    reply, _, error = ask(FakeAssistant(fail=True), question())
    assert reply == [] and error.startswith("ConnectionError")


def test_summary_counts_by_language_topic_and_cause():
    rows = [
        {"language": "en", "id": "a", "topic": "allocations", "correct": True, "seconds": 0.2,
         "shown": ["article:apply-general"], "right_article": True,
         "correct_with_detail": True, "council_named": "walsall", "reaches_council": True},
        {"language": "en", "id": "b", "topic": "retrofit", "correct": False, "seconds": 0.4,
         "shown": [], "right_article": False, "cause": "NLU miss",
         "correct_with_detail": True, "council_named": "dudley", "reaches_council": False},
        {"language": "ur", "id": "c", "topic": "retrofit", "correct": False, "seconds": 0.6,
         "shown": ["error"], "right_article": False, "cause": "error"},
    ]
    summary = summarise(rows, "a fake")
    assert summary["share_correct"] == 0.333
    assert summary["languages"]["en"] == {"questions": 2, "correct": 1, "share": 0.5,
                                          "right_article": 0.5, "share_with_detail": 1.0}
    assert summary["share_with_detail"] == 0.667
    assert summary["reaches_council"]["en"] == {"questions": 2, "reached": 1, "share": 0.5,
                                                "not_reached": ["en/b"]}
    assert "ur" not in summary["reaches_council"]
    assert summary["correct_without_article"] == []
    rows[0].update(shown=["crisis", "search results"], right_article=False)
    assert summarise(rows, "a fake")["correct_without_article"] == [
        "en/a (crisis, search results)"]
    assert summary["topics"]["retrofit"] == {"questions": 2, "correct": 0, "share": 0.0}
    assert summary["by_language_and_topic"]["ur"] == {"retrofit": 0.0}
    assert summary["causes"] == {"NLU miss": 1, "error": 1}
    assert summary["median_seconds"] == 0.3  # errors are not timed
    assert len(summary["misses"]) == 2


# -- what is scored: the first reply, and the first reply with its detail ----------------------
REPLY = [{"text": "**Apply**\n\nJoin the register.", "buttons": [{"title": "Birmingham Choice",
                                                                 "payload": "/x"}],
          "custom": {"detail": {"body": "Bring proof of income over £50,000.",
                                "english_body": "ENGLISH ONLY",
                                "sources": [{"title": "Coventry Homefinder",
                                             "url": "https://www.coventryhomefinder.com/"}]}}},
         {"text": "This answer is for Coventry City Council."}]


def test_the_first_reply_is_its_text_and_button_titles_not_its_detail():
    first = first_reply_text(REPLY)
    assert score(question(), first).correct  # a button's title is on the screen
    assert not contains_fact(first, "£50,000") and not contains_fact(first, "Coventry Homefinder")
    assert "This answer is for Coventry" in first


def test_with_detail_adds_the_body_and_sources_but_not_the_english_copy():
    detailed = with_detail_text(REPLY)
    assert contains_fact(detailed, "£50,000") and contains_fact(detailed, "coventryhomefinder.com")
    assert "ENGLISH ONLY" not in detailed
    assert with_detail_text([{"text": "hello"}]) == "hello"
