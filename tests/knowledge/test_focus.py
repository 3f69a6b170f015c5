"""The sentence that answers the detail asked (knowledge/focus.py), on the shipped content
and the dev detail questions (tests/data/answers/dev/detail/, tuned on)."""
from __future__ import annotations

import pytest

from actions.focused_answer import questions_in
from knowledge.focus import SentenceIndex, best_in_either, sentences, stems
from ops.evaluation.answer_sets import ANSWERS_DIR, contains_fact, load_answer_sets

LANGUAGES = ("en", "ur", "pa", "bn", "pl", "ar", "so", "ro")


@pytest.fixture
def indexes(kb):
    articles = kb.articles()
    places = [name for name, _ in kb.place_names()]
    return {lang: SentenceIndex.of([kb.localise(a, lang).article for a in articles], places,
                                   questions_in(kb, articles, lang)) for lang in LANGUAGES}


def focus(kb, indexes, language: str, question: str, article_id: str) -> str | None:
    article = kb.localise(kb.article(article_id), language).article
    number = indexes[language].best(question, article)
    return None if number is None else sentences(article)[number]


def test_a_detail_question_gets_its_sentence(kb, indexes):
    said = focus(kb, indexes, "en", "is the section 21 notice i got in march still valid",
                 "homeless-threatened")
    assert "section 21" in said and "1 May 2026" in said


@pytest.mark.parametrize("message", ["I live in Coventry", "Dudley", "hello", "yes please",
                                     "/choose_article"])
def test_a_place_a_greeting_or_a_short_reply_gets_no_sentence(kb, indexes, message):
    assert all(focus(kb, indexes, "en", message, a) is None
               for a in ("overcrowding", "homeless-threatened", "apply-coventry"))


def test_a_general_article_never_answers_with_one_councils_rule(kb, indexes):
    """"In Dudley, households short of 2 or more bedrooms get higher priority" is Dudley's
    rule: the council route gives it to Dudley's residents (actions/council_route.py)."""
    said = focus(kb, indexes, "en", "how many bedrooms short do we need to be for "
                 "higher priority", "overcrowding")
    assert said is None or "Dudley" not in said


def test_words_of_asking_weigh_less_than_what_is_asked(indexes):
    weight = indexes["en"].weight
    assert weight("bids") > weight("how") and weight("secti") > weight("can")
    assert stems("Wolverhampton bids", indexes["en"].places_named("Wolverhampton bids")) == {"bids"}


def test_the_dev_detail_questions_get_their_fact(kb, indexes):
    """On the dev set (16 detail questions a language, facts in the body, none in the
    summary), the chosen sentence carries the fact for at least 38 of 128 (40 when the
    threshold was set); a wrong sentence is chosen for at most 20 (24 before sentences
    that say the summary again were left out, 17 after)."""
    right = wrong = 0
    for language, questions in load_answer_sets(ANSWERS_DIR / "dev" / "detail").items():
        for q in questions:
            said = focus(kb, indexes, language, q.text, q.articles[0])
            if said is None:
                continue
            if all(any(contains_fact(said, alt) for alt in fact) for fact in q.facts):
                right += 1
            else:
                wrong += 1
    assert right >= 38 and wrong <= 20, (right, wrong)


def test_a_sentence_that_says_the_summary_again_is_not_shown_above_it(kb, indexes):
    """The Romanian body says the caravan rule in other words than its summary: shown
    first, the resident read the same rule (and section 175(2)) twice in one screen."""
    said = focus(kb, indexes, "ro", "Suntem o familie de romi, stăm în rulotă dar n-avem "
                 "unde s-o punem legal, ne tot alungă din parcări. Ne poate ajuta consiliul?",
                 "traveller-accommodation")
    assert said is None or "175(2)" not in said


def test_english_words_in_another_language_find_the_translated_sentence(kb, indexes):
    """Round 10 (ADR 0024): "landlord", "permission" typed in English inside a Roman Urdu
    question match no stem of the Urdu translation; read in the English article they
    point to the sentence about the landlord's permission, shown in Urdu (the
    translation keeps the English sentences in the same order)."""
    question = ("main private tenant hoon, kya landlord ki permission chahiye warm homes "
                "grant ke liye")
    original = kb.article("warm-homes-local-grant")
    urdu = kb.localise(original, "ur").article
    assert indexes["ur"].best(question, urdu) is None
    number = best_in_either(question, urdu, indexes["ur"], original, indexes["en"])
    assert number is not None
    assert "permission" in sentences(original)[number]
    assert "اجازت" in sentences(urdu)[number]


def test_a_list_item_answers_with_its_lead_in(kb, indexes):
    """The amount asked for is a list item under a lead-in the summary already says (round
    11): shown as the sentence it reads as on its own; an item that is no sentence alone
    ("you need a valid ...") is shown after its lead-in (next test)."""
    said = focus(kb, indexes, "en", "how much is the boiler upgrade grant for a biomass boiler",
                 "boiler-upgrade-scheme")
    assert said == "£5,000 for a biomass boiler."


def test_a_list_item_is_matched_on_its_own_words(kb, indexes):
    """The lead-in's words belong to every item under it: matching on them would pick the
    first item whatever was asked."""
    said = focus(kb, indexes, "en", "do i need an energy performance certificate for it",
                 "boiler-upgrade-scheme")
    assert said == ("To qualify: you need a valid Energy Performance Certificate (EPC, a "
                    "rating from A, the best, to G).")


@pytest.mark.parametrize("language, question", [
    ("ur", "council ghar ke liye apply kaise karein aur kitne band hote hain?"),
    ("bn", "কাউন্সিলের বাসার জন্য কিভাবে apply করবো? band কয়টা?"),
    ("en", "how many bands does dudley have"),
])
def test_a_question_about_a_number_gets_the_sentence_giving_it(kb, indexes, language,
                                                               question):
    """"How many bands": the sentence with the number the summary lacks beside the word
    asked ("Dudley uses a banding scheme with 5 bands"), matched on one rare word and the
    number (round 12); in Roman Urdu and Bengali through the English article (the
    Bengali "5টি ব্যান্ডের" shares no stem with "band", and the translation's own pick,
    "applying for a council home", gives no number)."""
    article = kb.localise(kb.article("apply-dudley"), language).article
    english = kb.article("apply-dudley")
    number = best_in_either(question, article, indexes[language], english, indexes["en"])
    assert number is not None and "5" in sentences(article)[number]


def test_a_number_alone_is_not_enough(kb, indexes):
    """"How many" with nothing else the sentence shares: no sentence is picked for it."""
    assert focus(kb, indexes, "en", "how many do i need", "apply-dudley") is None


def test_a_place_names_words_are_set_aside_only_when_the_place_is_named(indexes):
    """"Small Heath" says where the resident lives; "small" in "a small flat" is asked."""
    index = indexes["en"]
    assert stems("we live in small heath, is there help", index.places_named(
        "we live in small heath, is there help")) == {"live", "there", "help"}
    assert "small" in stems("our flat is too small", index.places_named("our flat is too small"))


def test_gurmukhi_and_bengali_words_keep_their_vowel_signs():
    """`\\w` is no letter for a vowel sign: "ਬਿਡਾਂ" was read as "ਬ ਡ", and every short piece
    was dropped, so a Gurmukhi or Bengali question found no sentence (round 13)."""
    assert {"ਕਿੰਨੀ", "ਬਿਡਾਂ"} <= stems("ਹਫ਼ਤੇ ਵਿੱਚ ਕਿੰਨੀਆਂ ਬਿਡਾਂ")
    assert "কতগুল" in stems("আমি কতগুলো বিড করতে পারি")


def test_a_list_item_ending_in_its_own_full_stop_gets_no_second_one(kb):
    """"2 ਬਿਡਾਂ ਕਰ ਸਕਦੇ ਹੋ।" was shown as "... ਹੋ।." (round 13)."""
    for language in ("pa", "bn", "ur"):
        for article in kb.articles():
            shown = sentences(kb.localise(article, language).article)
            assert not any(s.endswith(("।.", "۔.", "?.", "؟.")) for s in shown), article.id


def test_the_number_asked_for_goes_before_a_sentence_sharing_more_words(kb, indexes):
    """"How much does the Boiler Upgrade Scheme pay for a biomass boiler", in Somali: the
    next step "check the rules and amounts on GOV.UK" shares more words ("amounts"), but
    "£5,000 biomass boiler" gives the number asked for (round 13)."""
    said = focus(kb, indexes, "so", "oil boiler ayaan haystaa, biomass boiler haddii aan "
                 "rakibo Boiler Upgrade Scheme immisa lacag ah ayay bixisaa",
                 "boiler-upgrade-scheme")
    assert said is not None and "5,000" in said


def test_a_three_letter_word_is_no_start_of_a_longer_one(kb, indexes):
    """"Homes are let" shared "let" with the "letter" a resident got, and "we could not
    confirm how homes are let" answered "got a letter, why did everyone's band change".
    A three-letter word now meets only a word one letter longer ("bid", "bids")."""
    said = focus(kb, indexes, "en", "got a letter saying ive been put in a new band, why "
                 "they changed everyones band", "bidding-walsall")
    assert said is not None and "2025" in said


def test_an_abbreviation_ends_no_sentence():
    """Split at "ds." (do spraw), the Polish nowhere-to-sleep summary lost its first half
    under a crisis reply and began "bezdomności Birmingham City Council." (round 13)."""
    from knowledge.focus import sentences_of

    assert sentences_of("Dzwońcie pod 999. Skontaktujcie się z działem ds. bezdomności "
                        "Birmingham City Council. Numery są stare.") == [
        "Dzwońcie pod 999.", "Skontaktujcie się z działem ds. bezdomności Birmingham City "
        "Council.", "Numery są stare."]
    assert sentences_of("Ask someone (e.g. a friend). Then go.") == [
        "Ask someone (e.g. a friend).", "Then go."]


@pytest.mark.parametrize("language, question, amount", [
    ("pa", "air to air heat pump lagvauna, apna ghar aa. government kinni grant dindi aa?",
     "£2,500"),
    ("so", "guriga waan leeyahay, air-to-air heat pump ayaan rabaa. grant intee le'eg ayaa jira?",
     "£2,500"),
    ("bn", "nijer bari te biomass boiler lagabo, koto taka grant pabo?", "£5,000"),
])
def test_a_number_with_a_thousands_mark_is_one_number(kb, indexes, language, question, amount):
    """"£2,500" is 2500, not "2" and a "500" the summary's "£7,500" already gave, so the
    amount asked for is news (round 15); "intee le'eg" asks how much in Somali."""
    original = kb.article("boiler-upgrade-scheme")
    localised = kb.localise(original, language).article
    number = best_in_either(question, localised, indexes[language], original, indexes["en"])
    assert number is not None and amount in sentences(localised)[number]


def test_an_urdu_list_item_ending_in_an_arabic_semicolon_is_no_sentence(kb):
    """"...ہوئی ہو؛" goes on to the next item: shown alone it read "؛." (round 14)."""
    urdu = kb.localise(kb.article("armed-forces-housing"), "ur").article
    assert not any(s.endswith(("؛.", "،.")) for s in sentences(urdu))
