"""Round 14 (ADR 0009): words that name a danger in one sentence and a chore in another.

The thirteenth blind set's false "call 999" replies were mostly one word read without its
sentence: Banglish "churi" (theft as often as a knife), Urdu "چھوڑوں" (should I leave),
Polish "zabić deskami" (to board up a window), "na ulicy" (the street lamps on the
street), a knife used to open a letterbox, "if a fire breaks out, how do we get out"
about a high-rise offer, and "I don't want to kill myself, I'm just tired of the mould".
Each now needs its sentence: no danger pattern reads it alone, and the danger said
plainly still gets the numbers. (Whether the message is then ordinary is the
classifier's call, measured on the blind sets, not here.) These sentences are written
for the tests, not taken from any blind set.
"""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, detector


def danger_phrase_in(text: str, language: str) -> bool:
    """Whether a danger pattern reads the message as danger (before the classifier)."""
    reading = detector().read(text, language)
    return bool(reading.phrase_danger) or (
        reading.settled is not None and reading.settled.outcome == DANGER)


@pytest.mark.parametrize("language, text", [
    ("bn", "amar cycle churi hoye geche station theke, police report korechi, eta ki housing ke bolbo"),
    ("ur", "agar main ye flat chhorun to kya council mujhe doosra ghar degi"),
    ("pl", "kiedy ktos przyjdzie zabic deskami wybite okno na klatce"),
    ("pl", "na ulicy pod blokiem od tygodnia nie ma swiatla, kto to naprawia"),
    ("pl", "otworzylem skrzynke nozem bo klucz sie zlamal, kto placi za nowa"),
    ("ur", "agar building mein aag lage to 15vi manzil se kaise niklen, offer mila hai"),
    ("ro", "nu vreau sa ma omor, doar sunt satula de mucegaiul din baie"),
    ("so", "ma rabo inaan is dilo, waxaan kaliya ka daalay sugitaanka guriga"),
    ("so", "ur gaas ma jiro, kaliya cooker-ku ma shidmayo"),
    ("ar", "بعد العملية ما بقدر ادخل البانيو، بدي دوش بدل البانيو"),
    ("ro", "arde lumina pe hol toata noaptea, cine plateste curentul"),
])
def test_a_chore_or_a_denial_is_no_danger_phrase(language, text):
    assert not danger_phrase_in(text, language)


@pytest.mark.parametrize("language, text", [
    ("bn", "o amake chhuri dekhiye bolche mere felbe, ami bathroom e lukiye achi"),
    ("pl", "spie na ulicy dzis w nocy z dzieckiem, nie mam gdzie isc"),
    ("ro", "vreau sa ma omor in seara asta"),
    ("so", "waxaan rabaa inaan is dilo caawa"),
    ("ar", "المالك غير القفل وما بقدر ادخل البيت واغراضي جوا"),
    # a fire said in two or three words, too short for the classifier to be asked
    ("ro", "ajutor arde camera"),
    ("so", "qiiq guriga carruurta"),
])
def test_the_danger_said_plainly_still_gets_the_numbers(language, text):
    assert detector().assess(text, language).outcome == DANGER


@pytest.mark.parametrize("language, text", [
    ("pa", "main 20 saal da haan te 15 saal di umar ton foster care ch si, ki main band lai sakda"),
    ("ur", "beta 16 saal ka hai aur beti 12 ki, kya hamein teen bedroom mil sakta hai"),
])
def test_a_childs_age_in_a_housing_question_is_no_concern_phrase(language, text):
    """An age of 14-17 alone asked "Are you safe right now?" of every parent listing their
    children; the resident's own age ("main 16 saal ki hun") still does."""
    assert "child_at_risk" not in detector().read(text, language).concern


def test_the_residents_own_age_is_still_a_concern_phrase():
    text = "main 16 saal ki hun, ghar pe roz jhagre hote hain, kya main apne liye apply karun"
    assert "child_at_risk" in detector().read(text, "ur").concern


# Round 15 (ADR 0009): a medical word in the message made it a housing question
# (`medical_housing`), even when the child is not waking or the fit will not stop.
@pytest.mark.parametrize("text", [
    "ابني وقع عن السرير وما عم يصحى",
    "بنتي عندها تشنجات من ربع ساعة وما عم توقف، شو نعمل",
])
def test_a_child_not_waking_or_a_fit_that_will_not_stop_gets_the_numbers(text):
    assert detector().assess(text, "ar").outcome == DANGER


def test_a_fit_that_stopped_last_year_is_a_medical_priority_question():
    text = "كان عند ابني نوبة صرع السنة الماضية وما توقفت إلا بالمستشفى، هل نأخذ أولوية طبية؟"
    assert not danger_phrase_in(text, "ar")


# Round 15 (ADR 0009): a denial the lists lacked, and "under the bridge" read as suicidal.
@pytest.mark.parametrize("language, text", [
    ("ur", "main sadak pe nahi so rahi, khala ke ghar hoon, register kaise karun"),
    ("so", "rabshad ama wax kale ma jiraan, waan kala guuraynaa, yaa guriga ku haraya"),
    ("ur", "station ke pul ke neeche ek budha aadmi roz sota hai, kisko bataun"),
    ("en", "a lad has been kipping in the stairwell of our block, who can help him"),
])
def test_a_denial_or_a_third_party_is_not_danger(language, text):
    assert not danger_phrase_in(text, language) or \
        detector().assess(text, language).outcome != DANGER
