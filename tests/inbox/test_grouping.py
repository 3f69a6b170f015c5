"""The inbox's grouping and suppression (pure functions over stored questions): similar
wording in one language groups, different wording or language does not; counts are of
conversations; 1 to 4 read "fewer than 5" and a group's texts appear only from 5."""
from __future__ import annotations

from datetime import date

import pytest

from inbox.grouping import SMALLEST_SHOWN, group, overlap, shown, signature
from inbox.store import Question

DAY = date(2026, 12, 6)


def asked(texts: list[str], language: str = "en", people: list[str] | None = None,
          start: int = 1, topic: str = "unknown", council: str = "unknown",
          reason: str = "not_understood") -> list[Question]:
    people = people or [f"c{start + i}" for i in range(len(texts))]
    return [Question(start + i, DAY, language, topic, council, reason, text, person)
            for i, (text, person) in enumerate(zip(texts, people))]


def test_similar_wording_groups_and_the_shared_words_say_why():
    questions = asked(["how do I pay my council tax", "pay council tax online",
                       "council tax payment help", "who won the football"])
    groups = group(questions)
    tax = next(g for g in groups if "tax" in g.words)
    assert {q.id for q in tax.questions} == {1, 2, 3}
    assert tax.words == signature("council tax", "en")  # what every one of them says
    assert any(g.questions == [questions[3]] for g in groups)


def test_stemmed_english_words_and_masks_do_not_split_a_group():
    assert signature("bidding on homes [phone]", "en") == signature("bid homes", "en")
    assert overlap(signature("rats in flat", "en"), signature("rats flat mould", "en")) == 2 / 3


def test_the_same_words_in_another_language_make_another_group():
    groups = group(asked(["council tax"], "en") + asked(["council tax"], "pl", start=2))
    assert sorted(g.language for g in groups) == ["en", "pl"]


@pytest.mark.parametrize("count, text", [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"),
                                         (5, "5"), (12, "12")])
def test_counts_under_five_are_shown_as_fewer_than_five(count, text):
    assert shown(count) == text


def test_texts_only_for_groups_of_five_or_more_conversations():
    four = group(asked(["rats in my flat"] * 4, people=["a", "b", "c", "d"]))[0]
    assert (four.count, four.texts_shown, four.examples()) == ("fewer than 5", False, [])
    five = group(asked(["rats in my flat"] * SMALLEST_SHOWN))[0]
    assert (five.count, five.texts_shown, five.examples()) == ("5", True, ["rats in my flat"])


def test_one_person_asking_five_times_is_one_conversation():
    same = group(asked(["rats in my flat"] * 6, people=["x"] * 6))[0]
    assert (same.conversations, same.count, same.examples()) == (1, "fewer than 5", [])


def test_tallies_count_conversations_and_suppress_small_ones():
    questions = (asked(["mould in bedroom"] * 5, council="walsall", topic="rights")
                 + asked(["mould in the bedroom"], council="dudley", start=6, people=["z"]))
    only = group(questions)
    assert len(only) == 1
    assert only[0].tally("council") == [("walsall", "5"), ("dudley", "fewer than 5")]
    assert only[0].tally("topic") == [("rights", "5"), ("unknown", "fewer than 5")]
