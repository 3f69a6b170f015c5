"""A scheme the resident names is answered with its own article (actions/named_scheme.py,
ADR 0024 round 10). Questions written for this test, not taken from any evaluation set."""
from __future__ import annotations

import pytest

from actions.named_scheme import named_scheme


@pytest.fixture(scope="module")
def articles(shipped_content):
    return {a.id: a for a in shipped_content.articles}


def test_a_named_closed_fund_is_answered_with_its_own_article(articles):
    listed = list(articles.values())
    for text in ("how much did the community environment fund give and is it open",
                 "کیا Community Environment Fund ابھی بھی کھلا ہے؟",
                 "czy Community Environment Fund jeszcze dziala"):
        assert named_scheme(text, listed, "green_grants").id == "community-environment-fund"


def test_no_change_when_the_family_already_answers_with_it_or_two_are_named(articles):
    listed = list(articles.values())
    assert named_scheme("can i get ECO4 on universal credit", listed, "eco4") is None
    assert named_scheme("ECO4 or the Great British Insulation Scheme, which one?", listed,
                        "insulation_grants") is None
    # not a whole-word match: "eco4s" is no scheme name, nor a name inside a longer word
    assert named_scheme("do eco4s exist", listed, "insulation_grants") is None
    assert named_scheme("is ECO4 still running", listed, "insulation_grants").id == "eco4"


def test_another_topics_scheme_does_not_take_over(articles):
    """A scheme named in passing in an allocations question leaves the answer alone."""
    assert named_scheme("we got ECO4 insulation, does it change our housing band",
                        list(articles.values()), "priority_banding") is None
