"""Household facts in every language and script: number words and digits, sizes, adults,
children, ages, bedrooms. Each case says exactly what must be read, and nothing else."""
from __future__ import annotations

import pytest

# (language, message, expected): expected lists only what must be read; every other
# count must be absent (None), and the ages must be exactly these, in order.
CASES = [
    # English
    ("en", "We are a family of 7, 2 adults and 5 children aged 3, 6, 9, 12 and 15, "
           "in a 2-bedroom flat", dict(size=7, adults=2, children=5, ages=[3, 6, 9, 12, 15],
                                       bedrooms=2)),
    ("en", "family of seven in a two-bedroom flat", dict(size=7, bedrooms=2)),
    ("en", "there are eight of us in a 3 bed house", dict(size=8, bedrooms=3)),
    ("en", "7 of us live in a 2bed", dict(size=7, bedrooms=2)),
    ("en", "my son is 12 and my daughters are 8 and 5", dict(children=3, ages=[12, 8, 5])),
    ("en", "we have three kids and a 6 month old baby", dict(children=3, ages=[0])),
    ("en", "I am 25 years old with 2 kids aged 4 and 6", dict(children=2, ages=[4, 6])),
    ("en", "my 3 sons are 12, 14 and 17", dict(children=3, ages=[12, 14, 17])),
    ("en", "children aged 3, 10 and 22", dict(children=3, ages=[3, 10, 22])),
    # Urdu script, Extended Arabic-Indic digits, Roman Urdu
    ("ur", "ہم سات افراد ہیں، دو بالغ اور پانچ بچے، دو کمروں کا گھر",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("ur", "ہم ۷ افراد ہیں، بچوں کی عمریں ۳، ۶ اور ۹ سال ہیں", dict(size=7, children=3,
                                                               ages=[3, 6, 9])),
    ("ur", "hum saat log hain, 2 bare aur 5 bachay, do kamre ka flat hai",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("ur", "mera beta barah saal ka hai aur beti chaar saal ki", dict(children=2, ages=[12, 4])),
    # Punjabi: Gurmukhi words and digits, Shahmukhi words and digits, Roman Punjabi
    ("pa", "ਅਸੀਂ ਸੱਤ ਜੀਅ ਹਾਂ, ਪੰਜ ਬੱਚੇ, ਦੋ ਕਮਰੇ", dict(size=7, children=5, bedrooms=2)),
    ("pa", "ਸਾਡੇ ਪਰਿਵਾਰ ਵਿੱਚ ੭ ਜੀਅ ਹਨ, ਬੱਚਿਆਂ ਦੀ ਉਮਰ ੩, ੬ ਅਤੇ ੯ ਸਾਲ ਹੈ",
     dict(size=7, children=3, ages=[3, 6, 9])),
    ("pa", "اسیں ست جی آں، پنج بچے تے دو کمرے", dict(size=7, children=5, bedrooms=2)),
    ("pa", "گھر وچ ۸ بندے نیں، ۳ کمرے", dict(size=8, bedrooms=3)),
    ("pa", "asi satt jee haan, panj bache te do kamre", dict(size=7, children=5, bedrooms=2)),
    # Bengali: words (with the counting word glued on) and digits, Banglish
    ("bn", "আমরা সাতজন, দুইজন প্রাপ্তবয়স্ক আর পাঁচজন বাচ্চা, দুই রুমের বাসা",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("bn", "আমরা ৭ জন, বাচ্চাদের বয়স ৩, ৬ ও ৯ বছর, ২টা রুম",
     dict(size=7, children=3, ages=[3, 6, 9], bedrooms=2)),
    ("bn", "amra 7 jon, 5 ta bachcha, 2 ta rum", dict(size=7, children=5, bedrooms=2)),
    ("bn", "amra sat jon, tin ta bachcha", dict(size=7, children=3)),
    # Polish, with and without diacritics
    ("pl", "Jest nas siedmioro: dwoje dorosłych i pięcioro dzieci w wieku 3, 6, 9, 12 i 15 lat. "
           "Mieszkamy w mieszkaniu z dwoma pokojami",
     dict(size=7, adults=2, children=5, ages=[3, 6, 9, 12, 15], bedrooms=2)),
    ("pl", "jest nas siedmioro, dwoje doroslych i piecioro dzieci, mieszkanie dwupokojowe",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("pl", "rodzina pięcioosobowa, córka ma 15 lat", dict(size=5, children=1, ages=[15])),
    ("pl", "mamy trzy sypialnie i czworo dzieci", dict(children=4, bedrooms=3)),
    # Romanian, with and without diacritics
    ("ro", "Suntem o familie de șapte persoane: doi adulți și cinci copii în vârstă de 3, 6, 9, "
           "12 și 15 ani, într-un apartament cu două camere",
     dict(size=7, adults=2, children=5, ages=[3, 6, 9, 12, 15], bedrooms=2)),
    ("ro", "suntem 7, doi adulti si cinci copii, apartament cu doua camere",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("ro", "fiul meu are doisprezece ani", dict(children=1, ages=[12])),
    # Somali: words (one to twenty, eleven and up in several words) and digits
    ("so", "Waxaan nahay toddoba qof: laba qof oo waaweyn iyo shan carruur ah, guri laba qol ah",
     dict(size=7, adults=2, children=5, bedrooms=2)),
    ("so", "waxaan nahay 7 qof, carruurta da'doodu waa 3, 6 iyo 9 sano",
     dict(size=7, children=3, ages=[3, 6, 9])),
    ("so", "wiilkaygu waa laba iyo toban jir", dict(children=1, ages=[12])),
    # Arabic: words (duals, "و" joined to the next word) and Arabic-Indic digits
    ("ar", "نحن عائلة من سبعة أفراد: شخصان بالغان وخمسة أطفال أعمارهم ٣ و٦ و٩ و١٢ و١٥ سنة، "
           "نسكن في شقة بغرفتين",
     dict(size=7, adults=2, children=5, ages=[3, 6, 9, 12, 15], bedrooms=2)),
    ("ar", "نحن ٧ أشخاص في شقة من ٣ غرف", dict(size=7, bedrooms=3)),
    ("ar", "ابني عمره ١٢ سنة", dict(children=1, ages=[12])),
    # each child with "and" joined on, and a dual ("وولدين 12 و 9": and two boys, 12 and 9);
    # "17 وولدين" is "17, and two boys", not 17 boys
    ("ar", "حنا 7 أشخاص: أنا وزوجتي وابني 22 سنة وبنتي 17 وولدين 12 و 9 وبنت 5، ساكنين في "
           "شقة غرفتين في وولفرهامبتون",
     dict(size=7, children=5, ages=[22, 17, 12, 9, 5], bedrooms=2)),
]


@pytest.mark.parametrize("language,message,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_household_in_every_language(reader, language, message, expected):
    household = reader.read(message)
    facts = household.as_dict()
    read = {"size": facts["household_size"], "adults": facts["adults"],
            "children": facts["children"], "bedrooms": facts["bedrooms"],
            "ages": facts["child_ages"]}
    assert read == {"size": None, "adults": None, "children": None, "bedrooms": None,
                    "ages": [], **expected}


def test_every_language_has_cases():
    assert {c[0] for c in CASES} == {"en", "ar", "bn", "pa", "pl", "ro", "so", "ur"}


@pytest.mark.parametrize("message", [
    "do you help with rent arrears",  # "do" is two in Roman Urdu and Punjabi
    "no I do not have a tenancy",  # "no" is nine in Roman Urdu
    "I am at home at 8",  # "at" is eight in Banglish
    "o cerere de locuință",  # "o" is one in Romanian
    "my rent is 750 a month",
    "call 0121 303 7410",
    "I live at B21 9SE",
])
def test_numbers_that_are_not_a_household(reader, message):
    facts = reader.read(message).as_dict()
    assert (facts["household_size"], facts["adults"], facts["children"], facts["bedrooms"],
            facts["child_ages"]) == (None, None, None, None, [])


@pytest.mark.parametrize("message,now,wanted", [
    ("we live in a 2 bed flat and need a 4 bedroom house", 2, 4),
    ("we need a 4 bedroom house", None, 4),
    ("do kamre ka ghar hai, hamen chaar kamre chahiye", 2, 4),
    ("mieszkamy w dwupokojowym, potrzebujemy czterech pokoi", 2, 4),
    ("আমাদের দুই রুমের বাসা, চারটা রুম দরকার", 2, 4),
    ("نسكن في شقة بغرفتين ونحتاج أربع غرف", 2, 4),
])
def test_bedrooms_they_have_are_not_bedrooms_they_need(reader, message, now, wanted):
    facts = reader.read(message).as_dict()
    assert (facts["bedrooms"], facts["bedrooms_wanted"]) == (now, wanted)


def test_sons_and_daughters_give_sexes_and_a_partner_a_couple(reader):
    facts = reader.read("me and my wife, 2 girls aged 12 and 15 and my son is 9").as_dict()
    assert facts["couple"] is True
    assert facts["children_described"] == [{"age": 12, "sex": "female"},
                                           {"age": 15, "sex": "female"},
                                           {"age": 9, "sex": "male"}]
    assert facts["girls"] == 2


@pytest.mark.parametrize("message,text,councils", [
    ("we live in Handsworth", "Handsworth", ["birmingham"]),
    ("flat in castle bromwich", "castle bromwich", ["birmingham", "solihull"]),
    ("ہم برمنگھم میں رہتے ہیں", "برمنگھم", ["birmingham"]),
    ("Mieszkam w Coventry", "Coventry", ["coventry"]),
    ("we're in Smith's Wood", "Smith's Wood", ["solihull"]),
])
def test_places_come_from_the_knowledge_base(reader, message, text, councils):
    places = reader.read(message).as_dict()["places"]
    assert places == [{"text": text, "councils": councils}]


def test_entities_carry_where_each_fact_was_written(reader):
    message = "family of 7 with 5 kids aged 3 and 6 in a 2 bed flat in Walsall"
    entities = reader.read(message).entities()
    assert [(e["entity"], message[e["start"]:e["end"]], e["value"]) for e in entities] == [
        ("household_size", "family of 7", 7), ("children", "5 kids", 5),
        ("child_ages", "3", 3), ("child_ages", "6", 6), ("bedrooms", "2 bed", 2),
        ("place", "Walsall", "Walsall")]
    assert entities[-1]["councils"] == ["walsall"]
