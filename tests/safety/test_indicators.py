"""Risk indicators from safeguarding practice (knowledge/content/crisis/<lang>.yml,
`indicators`): the signs caseworkers hear when nobody says "suicide" or "abuse", in
several languages and scripts. Written here in words of our own, not the evaluation
sets'; patterns only (no classifier), so each test shows what the indicators decide."""
from __future__ import annotations

import pytest

from safety.assessment import CONCERN, DANGER, ORDINARY
from safety.matching import token_patterns


def test_a_wide_gap_allows_more_words_in_between():
    assert token_patterns("pregnant ...6 pushed") == [
        [{"ORTH": "pregnant"}, *[{"OP": "?"}] * 6, {"ORTH": "pushed"}]]


@pytest.mark.parametrize("language, text, category", [
    # suicide warning signs
    ("en", "i put a note for my daughter on her pillow", "suicidal"),
    ("en", "my family would be happier without me honestly", "suicidal"),
    ("en", "gave my cat away to next door yesterday", "suicidal"),
    ("pl", "zebralam wszystkie tabletki w jednym miejscu", "suicidal"),
    ("ro", "am lasat scrisori pentru copii pe masa", "suicidal"),
    ("ur", "sab ko khuda hafiz keh diya hai", "suicidal"),
    # coercive control
    ("en", "my brother in law has my passport and keeps it from me", "domestic_abuse"),
    ("en", "he had his hands round my neck again", "domestic_abuse"),
    ("ar", "زوجي خبى جوازي وما بقدر اسافر", "domestic_abuse"),
    ("so", "ninkayga ayaa baasaboorkayga qaatay", "domestic_abuse"),
    ("bn", "স্বামী আমার পাসপোর্ট কেড়ে নিয়েছে", "domestic_abuse"),
    # child at risk
    ("en", "the baby is really floppy and sleepy", "child_at_risk"),
    ("pl", "ojczym dotyka mojego brata", "child_at_risk"),
    ("ur", "sotela baap choti behan ko ghalat tareeke se haath lagata hai", "child_at_risk"),
    # immediate danger
    ("en", "there's smoke coming up the stairwell from the flat below", "immediate_danger"),
    ("ro", "e fum pe toata scara blocului", "immediate_danger"),
    # homeless tonight
    ("en", "been riding the night buses until morning with my son", "homeless_tonight"),
    ("pa", "ਅਸੀਂ ਰਾਤ_ਵਾਲੀ_ਬੱਸ ਵਿੱਚ ਸਵੇਰ ਤੱਕ ਬੈਠੇ ਰਹੇ", "homeless_tonight"),
    ("pl", "wypisali mnie ze szpitala bez adresu", "homeless_tonight"),
    # illegal eviction now
    ("en", "the landlord and two big blokes gave us an hour to leave", "illegal_eviction"),
    ("ro", "proprietarul a schimbat yala cat am fost la munca", "illegal_eviction"),
    ("so", "qufulladii guriga waa la beddelay", "illegal_eviction"),
])
def test_indicators_give_the_numbers(patterns_only, language, text, category):
    found = patterns_only.assess(text, language)
    assert found.outcome == DANGER and category in found.categories, found


@pytest.mark.parametrize("language, text", [
    ("en", "what's the point of any of it"),
    ("en", "i'm typing this while he's asleep"),
    ("en", "landlord is at the door right now with someone"),
    ("pl", "mam 16 lat i nie wiem co robic"),
    ("ro", "am 15 ani si nu stiu unde sa merg"),
])
def test_uncertain_signs_get_the_safety_check(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome in (CONCERN, DANGER)


@pytest.mark.parametrize("language, text", [
    ("en", "my doctor wrote a letter about my depression, does it help my banding"),
    ("en", "can my landlord change the locks"),
    ("en", "i will not be around on monday for the inspection"),
    ("en", "we are not allowed to have pets in the flat"),
    ("en", "left my violent ex five years ago and I'm safe now, does it count"),
    ("en", "my friend is sofa surfing, what can she do"),
    ("en", "I walk with a limp so need a ground floor flat"),
    ("pl", "na dzis mamy gdzie spac, ale co potem"),
    ("ro", "deocamdata avem unde sta, dar contractul se termina"),
    ("ar", "الليلة عندنا مكان ننام فيه بس بعدين"),
    ("en", "can the landlord change the locks without telling me"),
    ("ar", "أخذت الإقامة وبدي سكن من البلدية"),
])
def test_ordinary_questions_near_the_indicators_are_not_flagged(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == ORDINARY


@pytest.mark.parametrize("language, text", [
    ("pl", "nie mam gdzie spac dzisiaj"), ("ro", "nu avem unde dormi in seara asta"),
    ("ar", "ما عندي وين انام الليلة")])
def test_saying_there_is_nowhere_is_not_read_as_having_somewhere(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == DANGER


def test_a_fire_is_urgent_even_beside_medical_housing_words(patterns_only):
    """Stairs are a medical-housing word in Punjabi (adaptations); smoke on them is not."""
    assert patterns_only.assess("ਥੱਲੇ ਅੱਗ ਲੱਗੀ ਹੈ ਪੌੜੀਆਂ ਧੂੰਏਂ ਨਾਲ ਭਰ ਗਈਆਂ", "pa").outcome == DANGER


# Round 3 (ADR 0009): the families the second held-out set showed weak, in words of our own
# (neither the evaluation sets' nor the development set's).
@pytest.mark.parametrize("language, text, category", [
    ("en", "nobody is going to miss me when im gone, sorry", "suicidal"),
    ("en", "im thinking of walking in front of a lorry on the ring road", "suicidal"),
    ("ur", "meri beti ko batana main us se bohat pyar karti thi", "suicidal"),
    ("pl", "powiedzcie synowi ze bardzo go kocham", "suicidal"),
    ("en", "he makes me send him a selfie from wherever i am", "domestic_abuse"),
    ("ro", "soacra imi tine pasaportul si banii", "domestic_abuse"),
    ("en", "we are hiding in the bedroom wardrobe, he is downstairs", "immediate_danger"),
    ("pa", "ਉਹ ਬਾਹਰ ਡੰਡਾ ਲੈ ਕੇ ਖੜ੍ਹਾ ਹੈ", "immediate_danger"),
    ("en", "the toddler has been alone in the flat since this morning", "child_at_risk"),
    ("so", "carruurta wax ma cunin laba maalmood", "child_at_risk"),
    ("en", "we will be sleeping in the van at the retail park tonight", "homeless_tonight"),
    ("bn", "কাল রাতে পার্কের বেঞ্চে ঘুমাইসি বাচ্চা নিয়ে", "homeless_tonight"),
    ("en", "my key doesnt turn anymore, the landlord must have changed it", "illegal_eviction"),
    ("pl", "klucz nie pasuje do zamka od dzisiaj", "illegal_eviction"),
])
def test_round_three_indicators_give_the_numbers(patterns_only, language, text, category):
    found = patterns_only.assess(text, language)
    assert found.outcome == DANGER and category in found.categories, found


@pytest.mark.parametrize("language, text", [
    # someone else sleeping rough, or someone else's housing: StreetLink or advice, not 999
    ("en", "a family sleeps in their car behind the mosque, who could help them"),
    ("en", "my nephew has nowhere to live, can he join our bidding"),
    ("ur", "masjid ke bahar ek aadmi raat ko footpath par sota hai, kis ko batayein"),
    ("ar", "في عيلة نايمين بسيارة قدام باب الجامع، مين بيقدر يساعدهم"),
    ("pl", "kolega stracil mieszkanie, jak ma zlozyc wniosek"),
    # insults from a neighbour, a lock to be changed: questions, not a partner's abuse
    ("ur", "padosi nasli gaaliyan deta hai, shikayat kahan karun"),
    ("pa", "ਗੁਆਂਢੀ ਗਾਲ੍ਹਾਂ ਕੱਢਦਾ, ਕਿੱਥੇ ਸ਼ਿਕਾਇਤ ਕਰਾਂ"),
    ("ur", "kya main apne flat ka tala badal sakti hun"),
    ("so", "ma isku qori karaa liiska guryaha"),
    # a question about the law, for later
    ("en", "hypothetically, is it legal to evict without a court order"),
    # negation and laughter
    ("bn", "নিজের ক্ষতি করার কোন চিন্তা নাই, শুধু ভাড়ার টেনশন"),
    ("ur", "is waiting list se to main mar hi jaungi haha"),
])
def test_round_three_near_misses_are_ordinary(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == ORDINARY


def test_the_context_explains_a_concern_phrase_too(patterns_only):
    """'nowhere to live' alone deserves the check; about a cousin, it is a housing question."""
    assert patterns_only.assess("i have nowhere to live", "en").outcome != ORDINARY
    assert patterns_only.assess("my cousin has nowhere to live, can she go on my tenancy",
                                "en").outcome == ORDINARY


def test_now_inside_a_negation_is_not_urgency(patterns_only):
    """'fine for now' is calm; 'now' on its own still makes a third party's night urgent."""
    calm = "my brother got kicked out but its fine for now, can he make a homeless application"
    assert patterns_only.assess(calm, "en").outcome == ORDINARY
