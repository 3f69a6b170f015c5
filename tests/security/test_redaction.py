"""Finding 3: redaction missed formats the callback form accepts ((07700) 900456,
0044 7700 900789, 07700.900.321, AB-12-34-56-C, o'brien@example.org).

Every format contact_method() accepts must be masked by redact(), wherever it stands
in a message in any of the eight languages. The phone strategy below builds exactly
the strings contact_method() accepts as a phone: its prefix and digits with any of
its separators between and around them.
"""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from actions.handoff import contact_method
from bot.redaction import redact

# Words around a detail, as residents write in each language. Scripts other than the
# Latin one are often typed straight against a number or an email, with no space.
WORDS = {
    "en": ("my number is", "please call me"),
    "pl": ("mój numer to", "proszę zadzwonić"),
    "ro": ("numărul meu este", "vă rog sunați-mă"),
    "so": ("lambarkaygu waa", "fadlan i soo wac"),
    "ur": ("میرا نمبر ہے", "براہ کرم مجھے کال کریں"),
    "ar": ("رقمي هو", "من فضلك اتصل بي"),
    "pa": ("ਮੇਰਾ ਨੰਬਰ ਹੈ", "ਕਿਰਪਾ ਕਰਕੇ ਮੈਨੂੰ ਫ਼ੋਨ ਕਰੋ"),
    "bn": ("আমার নম্বর", "দয়া করে আমাকে ফোন করুন"),
}
LATIN = {"en", "pl", "ro", "so"}
BEFORE = [" ", ": ", " (", "\n", ", ", " - "]
AFTER = [" ", ". ", ") ", "\n", "! ", ", "]
FOUR_DIGITS = re.compile(r"\d(?:[\s().-]*\d){3}")
HELPLINES = ("0808 2000 247", "0300 500 0914", "116 123")  # given by the assistant
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True, database=None)

digit = st.sampled_from("0123456789") | st.characters(categories=["Nd"])
separators = st.text(alphabet=" ().-\u00a0\t", max_size=2)


@st.composite
def in_a_message(draw, detail: str) -> str:
    """The detail inside a sentence in one of the eight languages."""
    language = draw(st.sampled_from(sorted(WORDS)))
    before, after = WORDS[language]
    joined = [""] if language not in LATIN else []
    return (before + draw(st.sampled_from(BEFORE + joined)) + detail
            + draw(st.sampled_from(AFTER + joined)) + after)


@st.composite
def phones(draw) -> str:
    prefix = draw(st.sampled_from(["0", "+44", "0044"]))
    digits = draw(st.lists(digit, min_size=9, max_size=10))
    return "".join(draw(separators) + c for c in [*prefix, *digits]) + draw(separators)


email_char = st.characters(blacklist_categories=["Cs"], blacklist_characters="@").filter(
    lambda c: not c.isspace())
emails = st.builds(lambda local, domain, tld: f"{local}@{domain}.{tld}",
                   st.text(email_char, min_size=1, max_size=30),
                   st.text(email_char, min_size=1, max_size=20),
                   st.text(email_char, min_size=2, max_size=6))


@st.composite
def ni_numbers(draw) -> str:
    letters = draw(st.text(alphabet="ABCEGHJKLMNOPRSTWXYZ", min_size=2, max_size=2))
    gap = draw(st.sampled_from(["", " ", "-", ".", " - "]))
    pairs = [draw(st.text(alphabet="0123456789", min_size=2, max_size=2)) for _ in range(3)]
    suffix = draw(st.sampled_from(["", "A", "B", "C", "D"]))
    number = gap.join([letters, *pairs, *([suffix] if suffix else [])])
    return draw(st.sampled_from([number, number.lower()]))


@st.composite
def postcodes(draw) -> tuple[str, str]:
    area = draw(st.text(alphabet="ABCDEFGHIJKLMNOPRSTUWYZ", min_size=1, max_size=2))
    district = draw(st.text(alphabet="0123456789", min_size=1, max_size=2))
    inward = draw(st.sampled_from("0123456789")) + draw(
        st.text(alphabet="ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2))
    gap = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    postcode = area + district + gap + inward
    return draw(st.sampled_from([postcode, postcode.lower()])), inward


@pytest.mark.parametrize("typed", ["(07700) 900456", "0044 7700 900789", "07700.900.321"])
def test_finding_3_callback_formats_from_the_issue_are_masked(typed):
    """Finding 3: phone formats the callback form accepts were stored unmasked."""
    assert contact_method(typed)[0] == "phone"
    assert redact(f"call me on {typed} please") == "call me on [phone] please"


def test_finding_3_ni_with_dashes_and_apostrophe_emails_are_masked():
    """Finding 3: AB-12-34-56-C was kept and o'brien@example.org became o'[email]."""
    assert redact("NI AB-12-34-56-C ok") == "NI [national insurance number] ok"
    assert contact_method("o'brien@example.org") == ("email", "o'brien@example.org")
    assert redact("write to o'brien@example.org today") == "write to [email] today"


@PROPERTY
@given(st.data(), phones())
def test_finding_3_every_phone_the_form_accepts_is_masked(data, phone):
    """Finding 3: contact_method accepts => redact masks, in any language around it."""
    assert contact_method(phone)[0] == "phone"
    assume(contact_method(phone)[1] not in {h.replace(" ", "") for h in HELPLINES})
    message = data.draw(in_a_message(phone))
    assert not FOUR_DIGITS.search(redact(message)), (message, redact(message))


@PROPERTY
@given(st.data(), emails)
def test_finding_3_every_email_the_form_accepts_is_masked(data, email):
    """Finding 3: no part of an email the form accepts is kept."""
    assume(contact_method(email) == ("email", email))
    message = data.draw(in_a_message(email))
    clean = redact(message)
    assert "@" not in clean and email not in clean, (message, clean)


@PROPERTY
@given(st.data(), ni_numbers())
def test_finding_3_ni_numbers_in_any_format_are_masked(data, number):
    """Finding 3: national insurance numbers with spaces, dashes, dots or none."""
    clean = redact(data.draw(in_a_message(number)))
    assert not FOUR_DIGITS.search(clean) and "[national insurance number]" in clean, clean


@PROPERTY
@given(st.data(), postcodes())
def test_finding_3_full_postcodes_keep_only_their_district(data, postcode_and_inward):
    """Finding 3: a full postcode in any spacing or case keeps only its district."""
    postcode, inward = postcode_and_inward
    clean = redact(data.draw(in_a_message(postcode)))
    assert inward.upper() not in clean.upper() and "[postcode]" in clean, clean


@pytest.mark.parametrize("language", sorted(WORDS))
@pytest.mark.parametrize("helpline", HELPLINES)
def test_finding_3_helplines_we_give_stay_readable(language, helpline):
    """Finding 3: the helplines the assistant gives are not a resident's details."""
    before, after = WORDS[language]
    message = f"{before} {helpline} {after}"
    assert redact(message) == message


@pytest.mark.parametrize("long_text", ["1" * 20000, "x" + ")" * 20000 + "1", "a@" * 10000])
def test_finding_3_wider_masks_take_linear_time(long_text):
    """Finding 3: masking every accepted format must not let one long message (no
    spaces) cost seconds of CPU in the store and the logs."""
    started = time.perf_counter()
    redact(long_text)
    assert time.perf_counter() - started < 2
