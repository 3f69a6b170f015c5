"""How issue 15's measures judge a REST reply (ops/evaluation/replies.py): its length, its
language and, for an out-of-scope message, its outcome. Each judgement is pinned down on
replies built the way the REST channel returns them, so a change in the rules shows here."""
from __future__ import annotations

import pytest

from ops.evaluation.answers import DOMAIN_DIR, ReplyReader, phrase_openings
from ops.evaluation.first_messages import (FirstMessage, LinguaReader, judge,
                                           load_first_messages, summarise_first_messages)
from ops.evaluation.out_of_scope import load_out_of_scope, summarise_out_of_scope
from ops.evaluation.replies import (out_of_scope_outcome, percentile, phrase_languages,
                                    reply_language, reply_length, scope_openings, words_of)
from ops.evaluation.answer_sets import load_answer_sets
from ops.evaluation.resident_replies import PARAPHRASE_DIR

GREET_SO = "Salaan, waxaan ahay Home Navigator. Waxaan kaa caawin karaa guryaha council-ka."
FALLBACK_EN = ("Sorry, I don't have an answer to that yet. I can help with applying for "
               "council housing, bidding for homes, homelessness and eviction, and grants.")


@pytest.fixture(scope="module")
def reader() -> ReplyReader:
    return ReplyReader(phrase_openings(), {"**Noise and anti-social behaviour**":
                                           "where-else-noise-asb",
                                           "**Apply in Birmingham**": "apply-birmingham"})


@pytest.fixture(scope="module")
def phrases() -> dict[str, str]:
    return phrase_languages(DOMAIN_DIR)


@pytest.fixture(scope="module")
def lingua() -> LinguaReader:
    return LinguaReader()


# -- length ----------------------------------------------------------------------------------
def test_length_counts_text_and_button_titles_not_payloads():
    reply = [{"text": "abcde", "buttons": [{"title": "Yes", "payload": "/affirm_long"}]},
             {"text": "12"}, {"image": "x.png"}]
    assert reply_length(reply) == 5 + 3 + 2


@pytest.mark.parametrize("values, share, expected", [
    (list(range(1, 40)), 0.9, 36), ([700], 0.9, 700), ([1, 2, 3, 4], 0.5, 2),
    ([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 0.9, 9),
])
def test_percentile_is_nearest_rank(values, share, expected):
    assert percentile(values, share) == expected


def test_percentile_of_nothing_is_none():
    assert percentile([], 0.9) is None


# -- language --------------------------------------------------------------------------------
def test_a_fixed_phrase_is_known_by_its_opening(reader, phrases, lingua):
    assert phrases[GREET_SO[:40]] == "so"
    assert reply_language([{"text": GREET_SO + " Maxaad jeclaan lahayd?"}], reader.kinds,
                          phrases, lingua) == "so"


def test_the_english_greeting_is_english(reader, phrases, lingua):
    english = [{"text": "Hello, I'm Home Navigator. I can help you with council housing.",
                "buttons": [{"title": "Apply for council housing", "payload": "/apply"}]}]
    assert reply_language(english, reader.kinds, phrases, lingua) == "en"


def test_a_language_offer_is_set_aside_for_the_answer(reader, phrases, lingua):
    # Answered in Somali, with the switch to English offered after it: Somali.
    reply = [{"text": GREET_SO}, {"text": "Would you like me to answer in English?"}]
    assert reply_language(reply, reader.kinds, phrases, lingua) == "so"
    # An English answer after an offer in Somali is still an English answer.
    offer_so = next(o for o, lang in phrases.items() if lang == "so"
                    and o in reader.openings["language check"])
    reply = [{"text": offer_so}, {"text": FALLBACK_EN}]
    assert reply_language(reply, reader.kinds, phrases, lingua) == "en"


def test_a_reply_that_is_only_an_offer_is_judged_by_it(reader, phrases, lingua):
    assert reply_language([{"text": "Would you like me to answer in English?"}],
                          reader.kinds, phrases, lingua) == "en"


def test_an_article_is_identified_from_its_words_not_its_addresses(reader, phrases, lingua):
    polish = [{"text": "**Jak złożyć wniosek**\n\nMożesz złożyć wniosek przez internet na "
                       "stronie https://www.birminghamchoice.co.uk albo zadzwonić pod numer "
                       "0121 303 7410 od poniedziałku do piątku."}]
    assert reply_language(polish, reader.kinds, phrases, lingua) == "pl"
    assert "http" not in words_of(polish[0]["text"])
    assert "0121" not in words_of(polish[0]["text"])


def test_no_words_no_language(reader, phrases, lingua):
    assert reply_language([], reader.kinds, phrases, lingua) is None
    assert reply_language([{"text": "0121 303 7410"}], reader.kinds, phrases, lingua) is None


def test_ambiguous_first_messages_accept_any_of_their_languages():
    item = FirstMessage("so", "salaam", "latin", ("so", "ar", "ur"), True)
    assert judge(item, "ar") and judge(item, "so") and not judge(item, "en")
    assert not judge(FirstMessage("so", "nabad", "latin", ("so",), False), "en")


def test_first_message_summary_scores_ambiguous_apart():
    rows = [{"language": "so", "text": t, "script": "latin", "ambiguous": amb,
             "right": right, "reply_language": lang}
            for t, amb, right, lang in (("nabad", False, True, "so"),
                                        ("mahadsanid", False, False, "en"),
                                        ("ok", True, False, "pl"))]
    summary = summarise_first_messages(rows, "test")["languages"]["so"]
    assert (summary["messages"], summary["right"], summary["share"]) == (2, 1, 0.5)
    assert (summary["ambiguous"], summary["ambiguous_right"]) == (1, 0)
    assert summary["misses"] == ["'mahadsanid' -> en", "'ok' -> pl (ambiguous)"]


# -- out of scope ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scope() -> list[str]:
    return scope_openings(DOMAIN_DIR)


def outcome(reader, scope, texts, redirect_to=()):
    messages = [{"text": t} for t in texts]
    return out_of_scope_outcome(messages, reader.kinds(messages), scope, list(redirect_to))


def test_the_fallback_is_a_scope_reply_in_every_language(scope):
    assert FALLBACK_EN[:40] in scope
    assert len(scope) >= 16  # utter_fallback and utter_no_article in eight languages


def test_scope_reply_naming_who_can_help_is_a_redirect(reader, scope):
    text = FALLBACK_EN + " Your council's council tax team can help."
    assert outcome(reader, scope, [text], ["council tax"]) == "redirect"
    assert outcome(reader, scope, [FALLBACK_EN], ["citizensadvice.org.uk"]) == "scope"
    assert outcome(reader, scope, [FALLBACK_EN], []) == "scope"


def test_a_where_else_article_is_a_scope_or_redirect_reply(reader, scope):
    article = "**Noise and anti-social behaviour**\n\nIn danger, call 999."
    assert outcome(reader, scope, [article], ["999"]) == "redirect"
    assert outcome(reader, scope, [article], ["council tax"]) == "scope"


def test_any_other_article_is_unrelated_even_beside_a_scope_reply(reader, scope):
    assert outcome(reader, scope, ["**Apply in Birmingham**\n\nBirmingham Choice"],
                   ["council"]) == "unrelated article"
    assert outcome(reader, scope, [FALLBACK_EN, "**Apply in Birmingham**"],
                   []) == "unrelated article"


def test_suggestions_crisis_and_other_are_not_handled(reader, scope):
    suggestions = "I'm not completely sure what you mean. Is it one of these?"
    assert outcome(reader, scope, [suggestions]) == "suggestions"
    assert outcome(reader, scope, ["I want to check you are OK. Are you safe right now?"]
                   ) == "crisis"
    assert outcome(reader, scope, ["Hello, I'm Home Navigator."]) == "other"


def test_out_of_scope_summary():
    rows = [{"language": "pl", "id": str(i), "outcome": o, "shown": [], "redirect_to": r}
            for i, (o, r) in enumerate((("redirect", ["999"]), ("scope", ["999"]),
                                        ("scope", []), ("unrelated article", [])))]
    summary = summarise_out_of_scope(rows, "test")["languages"]["pl"]
    assert summary["handled"] == 0.75
    assert summary["unrelated_article"] == 0.25
    assert summary["redirect_where_named"] == 0.5
    assert summary["failures"] == ["3: unrelated article (-)"]


# -- the held-out sets load as they are --------------------------------------------------------
def test_the_held_out_sets_load():
    paraphrase = load_answer_sets(PARAPHRASE_DIR)
    assert sorted(paraphrase) == ["ar", "bn", "en", "pa", "pl", "ro", "so", "ur"]
    assert all(len(q) >= 30 for q in paraphrase.values())
    assert any(q.article_topic == "rights" for q in paraphrase["pl"])
    assert all(len(m) >= 20 for m in load_out_of_scope().values())
    first = load_first_messages()
    assert len(first) == 8 and all(any(m.ambiguous for m in v) for v in first.values())
    # The eighth blind first messages are reported; the sets spent before it still load.
    from ops.evaluation.first_messages import FIRST_MESSAGE_SETS, FIRST_MESSAGES_DIR
    assert FIRST_MESSAGES_DIR == FIRST_MESSAGE_SETS["eighth_blind"]
    assert all(len(v) >= 40 for v in first.values())
    assert len(load_first_messages(FIRST_MESSAGE_SETS["spent"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["second_blind"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["third_blind"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["fourth_blind"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["fifth_blind"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["sixth_blind"])) == 8
    assert len(load_first_messages(FIRST_MESSAGE_SETS["seventh_blind"])) == 8


def test_the_report_summary_carries_the_issue_15_figures_per_language():
    from ops.evaluation.report import summary_rows

    rows = summary_rows({
        "paraphrase": {"languages": {"so": {"share": 0.795}},
                       "reply_characters": {"so": {"median": 2571, "p90": 4807}}},
        "out_of_scope": {"languages": {"so": {"handled": 0.182, "unrelated_article": 0.0}}},
        "first_messages": {"languages": {"so": {"share": 1.0}}},
    })
    header, (row,) = rows[0], rows[1:]
    assert row[0] == "so"
    assert row[-4:] == ["0.795", "2571 / 4807", "0.182 / 0.000", "1.000"]
    assert header[-1] == "first message in language"


# -- a council the resident can reach ----------------------------------------------------------
def test_the_council_is_known_from_what_the_resident_said(shipped_content):
    from ops.evaluation.replies import named_council

    councils = shipped_content.councils
    assert named_council(["", "got kicked out tonight, im in birmingham"], councils).id \
        == "birmingham"
    assert named_council(["Walsall", "who do i call"], councils).id == "walsall"
    assert named_council(["", "میں برمنگھم میں رہتا ہوں"], councils).id == "birmingham"
    assert named_council(["", "how do i apply for a council house"], councils) is None
    assert named_council(["", "my walsallish friend"], councils) is None  # a whole word


def test_a_reply_reaches_the_council_by_its_number_or_its_own_pages(shipped_content):
    from ops.evaluation.replies import reaches_council

    walsall = next(c for c in shipped_content.councils if c.id == "walsall")
    contacts = shipped_content.contacts
    assert reaches_council("فون کریں: \u206801922 653405\u2069", walsall, contacts)
    assert reaches_council("See https://go.walsall.gov.uk/homelessness", walsall, contacts)
    assert not reaches_council("Shelter: https://england.shelter.org.uk/", walsall, contacts)
    assert not reaches_council("Call 0121 303 2296", walsall, contacts)  # Birmingham's


def test_make_eval_reports_the_eighth_blind_answer_sets_and_the_spent_ones_still_load():
    """The eighth blind sets (written 8 December 2026, never tuned on) are the measure;
    the sets spent before them stay readable for `--set spent`, `--set blind`,
    `--set second_blind` ... `--set seventh_blind`."""
    from ops.evaluation.answer_sets import (
        ANSWERS_DIR, REPORTED, SPENT, paraphrase_folder, scope_folder)

    assert REPORTED == "eighth_blind" and REPORTED not in SPENT
    assert PARAPHRASE_DIR == ANSWERS_DIR / "eighth_blind" / "paraphrase"
    for folder, header in ((paraphrase_folder(), "# Eighth blind answer set ("),
                           (scope_folder(), "# Eighth blind out-of-scope set (")):
        for path in sorted(folder.glob("*.yml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first.startswith(header) and "written blind on 8 December 2026" in first
    assert len(load_out_of_scope(scope_folder())) == 8
    for spent_set in SPENT:
        spent = load_answer_sets(paraphrase_folder(spent_set))
        assert sorted(spent) == sorted(load_out_of_scope(scope_folder(spent_set)))
        assert len(spent) == 8
