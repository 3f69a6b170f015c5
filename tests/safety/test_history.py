"""Round 6 of the crisis detector (ADR 0009, issue 14): danger told as history ("years
ago he hit me, now we are divorced") gets at most the safety check, never 999, in every
language; the same history with danger now ("he found me again", "tonight") stays 999.
Examples written for these tests, not copied from any set. Built without the classifier,
so each shows what the rules and the content decide."""
from __future__ import annotations

from dataclasses import replace

import pytest

from safety.assessment import CONCERN, DANGER, ORDINARY, Detector, decide


# (language, danger told as history, the same history with danger now)
HISTORY = [
    ("en", "eight years ago my husband beat me, we are divorced, can I get a bigger flat",
     "eight years ago my husband beat me and tonight he found me again"),
    ("en", "I used to self harm as a teenager, do I put it on the medical form",
     "I used to self harm and today I cut myself again"),
    ("ur", "das saal pehle shohar maarta tha, ab alag rehti hoon, transfer chahiye",
     "das saal pehle shohar maarta tha, aaj phir aa gaya aur maara"),
    ("pa", "panj saal pehlan ghar wala kutda si, hun alag rehndi aan",
     "panj saal pehlan ghar wala kutda si, ajj fer aa ke kuttya"),
    ("bn", "panch bochor age swami marto, ekhon alada thaki, transfer chai",
     "panch bochor age swami marto, aj abar eshe marse"),
    ("pl", "piec lat temu maz mnie bil, teraz mieszkam sama i chce zamiany",
     "piec lat temu maz mnie bil, dzisiaj znowu mnie pobil"),
    ("ro", "acum sase ani sotul ma batea, acum stau singura si vreau transfer",
     "acum sase ani sotul ma batea, azi m-a gasit si m-a batut din nou"),
    ("so", "shan sano ka hor ninkaygu wuu i garaaci jiray, hadda keligay ayaan degganahay",
     "shan sano ka hor ninkaygu wuu i garaaci jiray, maanta mar kale ayuu i garaacay"),
    ("ar", "قبل خمس سنين جوزي كان يضربني، هلأ ساكنة لحالي وبدي نقل",
     "قبل خمس سنين جوزي كان يضربني، واليوم رجع وضربني مرة ثانية"),
]


@pytest.mark.parametrize("language,history,now", HISTORY)
def test_danger_told_as_history_gets_the_check_at_most(patterns_only: Detector,
                                                       language: str, history: str,
                                                       now: str) -> None:
    assert patterns_only.assess(history, language).outcome in (CONCERN, ORDINARY)


@pytest.mark.parametrize("language,history,now", HISTORY)
def test_history_with_danger_now_is_999(patterns_only: Detector, language: str,
                                        history: str, now: str) -> None:
    assert patterns_only.assess(now, language).outcome == DANGER


def test_the_classifier_cannot_raise_history_to_999(patterns_only: Detector) -> None:
    """A message told as history is capped at the check, whatever the classifier says."""
    reading = patterns_only.read("years ago I had a very bad time with my partner, "
                                 "can that help my housing application", "en")
    assert reading.denied
    scored = replace(reading, score=0.99, category="domestic_abuse")
    assert decide(scored, {"danger": 0.5, "concern": 0.3}).outcome == CONCERN
