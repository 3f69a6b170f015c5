"""Round 5 of the crisis detector (ADR 0009, issue 14): danger that the message denies
("nobody hits me", "is dilid kama fikirayo") gets at most the safety check, never 999,
in every language and either word order, unless another clause shows danger now.
Examples written for these tests, not copied from any set. Built without the classifier,
so each shows what the rules and the content decide."""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, ORDINARY, Detector, decide, Reading
from safety.content import LanguageContent


# (language, the denial word before the danger, the denial word after it)
DENIED = [
    ("en", "nobody hits me, I just want a transfer to a bigger place",
     "thoughts of suicide? none at all, it is just the arrears"),
    ("ur", "koi nahi maarta mujhe, sirf ghar chhota hai",
     "shohar maarta nahi hai, bas kiraya zyada hai"),
    ("pa", "koi nahi kutda mainu, bas ghar chhota hai",
     "ghar wala kutda nahi, bas kiraya zyada"),
    ("bn", "swami mare na, shudhu bhara beshi",
     "আমার স্বামী মারে না, শুধু ভাড়া বেশি"),
    ("pl", "nikt mnie nie bije, chce tylko wieksze mieszkanie",
     "mysli samobojczych nie mam, tylko dlugi"),
    ("ro", "nu ma bate nimeni, vreau doar o locuinta mai mare",
     "ganduri de sinucidere nu am, doar datorii la chirie"),
    ("so", "qofna ima garaaco, waxaan rabaa guri weyn",
     "is dilid kama fikirayo, kaliya kirada"),
    ("ar", "ما حدا عم يضربني، بدي بيت أكبر",
     "أفكار انتحار؟ لا أبداً، بس الإيجار"),
]

# "I'm not suicidal but he is hitting me right now": the second clause is danger now.
DANGER_IN_ANOTHER_CLAUSE = [
    ("en", "I'm not suicidal but he is hitting me right now"),
    ("ur", "khudkushi ka koi irada nahi lekin woh abhi mujhe maar raha hai"),
    ("pa", "khudkushi di koi gal nahi par oh hune mainu maar reha hai"),
    ("bn", "suicide er kono chinta nai kintu o ekhon amake marche"),
    ("pl", "nie mam mysli samobojczych ale on mnie bije teraz"),
    ("ro", "nu sunt suicidar dar ma bate chiar acum"),
    ("so", "is dilid kama fikirayo laakiin hadda wuu i garaacayaa"),
    ("ar", "ما عندي أفكار انتحار بس هو عم يضربني هلق"),
]


@pytest.mark.parametrize("language, before, after", DENIED)
def test_denied_danger_never_gets_999_in_either_word_order(patterns_only, language, before,
                                                           after):
    assert patterns_only.assess(before, language).outcome != DANGER
    assert patterns_only.assess(after, language).outcome != DANGER


@pytest.mark.parametrize("language, text", DANGER_IN_ANOTHER_CLAUSE)
def test_danger_in_another_clause_still_gets_999(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == DANGER


def made_up(**context: list[str]) -> Detector:
    """A tiny made-up language, to show one rule at a time."""
    return Detector({"xx": LanguageContent(
        "xx", {"suicidal": ["selfharm"], "domestic_abuse": ["hitsme"],
               "homeless_tonight": ["nowhere"]}, context=context)})


def test_a_denial_word_gives_the_check_and_the_undenied_danger_stands():
    detector = made_up(denial=["nobody"], denial_after=["nahi"], clause_break=["but"])
    assert detector.assess("nobody hitsme at home", "xx").outcome == "concern"
    assert detector.assess("hitsme nahi at home", "xx").outcome == "concern"
    # a denial reaches one word at most, and never across "but"
    assert detector.assess("nobody knows he really hitsme", "xx").outcome == DANGER
    assert detector.assess("nobody but hitsme", "xx").outcome == DANGER
    # one phrase denied, another not: danger
    assert detector.assess("nobody hitsme, selfharm tonight", "xx").outcome == DANGER


def test_a_denial_word_does_not_deny_what_is_said_with_a_negation():
    """"no place to sleep", "kono jaiga nai": the negation is the danger sign itself."""
    detector = made_up(denial=["no"], denial_after=["nahi"])
    assert detector.assess("no nowhere to go", "xx").outcome == DANGER
    assert detector.assess("nowhere nahi", "xx").outcome == DANGER


def test_the_classifier_cannot_turn_a_denied_danger_into_999():
    denied = Reading(None, ("domestic_abuse",), score=0.99, category="domestic_abuse",
                     denied=True)
    limits = {"danger": 0.9, "concern": 0.4}
    assert decide(denied, limits).outcome == "concern"
    assert decide(Reading(None, (), score=0.99, category="suicidal"), limits).outcome == DANGER
    assert decide(Reading(None, (), score=0.1), limits).outcome == ORDINARY


def test_polish_hyperbole_about_us_is_ordinary_unless_someone_does_it(patterns_only):
    """"te rachunki nas wykanczaja" (these bills are finishing us) is a money question;
    "maz nas zabija" (my husband is killing us) is danger."""
    assert patterns_only.assess("te rachunki nas wykanczaja, czy jest jakas pomoc",
                                "pl").outcome == ORDINARY
    assert patterns_only.assess("maz nas zabija", "pl").outcome == DANGER


class _SureOfDanger:
    """A classifier that reads letters, not sense: sure of danger whatever it reads."""

    def score(self, words: list[str]) -> tuple[float, str]:
        return 0.99, "immediate_danger"


def test_a_message_that_says_it_is_no_emergency_never_gets_999_from_the_classifier():
    """Round 11 (ADR 0009): "no danger, the smoke alarm beeps because its battery is low".
    The urgent word ("smoke") sends the message to the classifier, which is sure of
    danger; the resident's own `negation` caps it at the safety check. Without the
    negation, the classifier's danger stands."""
    detector = Detector({"xx": LanguageContent(
        "xx", {"immediate_danger": ["fire"]},
        context={"negation": ["no danger"], "urgency": ["smoke"]},
        thresholds={"danger": 0.6, "concern": 0.4})}, classifier=_SureOfDanger())
    assert detector.assess("no danger the smoke alarm beeps battery low", "xx").outcome \
        == "concern"
    assert detector.assess("the smoke alarm beeps and the kitchen is black", "xx").outcome \
        == DANGER


def test_romanian_nobody_after_a_danger_phrase_begins_the_next_clause(patterns_only):
    """"vreau sa ma sinucid, nimeni nu ma ajuta" (I want to kill myself, nobody helps me):
    "nimeni" does not deny the words before it (round 11)."""
    assert patterns_only.assess("Vreau să mă sinucid, nimeni nu mă ajută cu casa",
                                "ro").outcome == DANGER
    assert patterns_only.assess("nu ma bate nimeni, vreau doar o locuinta mai mare",
                                "ro").outcome != DANGER
