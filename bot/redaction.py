"""Remove personal details from text before it is stored or logged.

Residents sometimes type their phone number, email or full postcode. The
assistant uses them within the turn (a postcode finds the council) but the
stored conversation and the logs keep only what is needed: the postcode
district ("B21"), never the full postcode, and no phone numbers or emails.

One definition serves both sides: what the callback form accepts as a contact
detail (`contact_method`, used by actions/handoff.py) is built from the same
separators, digits and email shape as what `redact` masks, and every format the
form accepts is masked wherever it appears in a message (tests/security/
test_redaction.py checks this property over generated formats in all eight
languages). The masks err on the side of masking: any run of ten or more digits
is treated as a phone number, any word with an @ inside as an email.
"""
from __future__ import annotations

import re
import unicodedata

# Characters people put between the digits of a phone number: 07700 900123,
# (0121) 303-7410, 07700.900.321. The callback form ignores them; so does the mask.
PHONE_SEPARATORS = r"[\s().-]"
# A UK number once the separators are gone: 0, +44 or 0044, then 9 or 10 digits.
UK_PHONE = re.compile(r"^(?:\+44|0044|0)[0-9]{9,10}$")
# An email as the callback form accepts it: deliberately loose (o'brien@example.org).
EMAIL_ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_EMAIL_LENGTH = 200

# In free text. The shortest number the form accepts has ten digits (0 and nine), so
# any run of ten or more digits (in any script), with separators between, is masked.
PHONE = re.compile(rf"(?<!\d)\(?(?:\+{PHONE_SEPARATORS}*)?\d(?:{PHONE_SEPARATORS}*\d){{9,}}")
# Any word with an @ inside: everything the form accepts as an email, and more. Tried
# only where a word starts, so a long run of text without spaces costs linear time.
EMAIL = re.compile(r"(?<![^@\s])[^@\s]+@[^@\s]+")
# Letters and digits around a postcode or NI number end the match only when they are
# Latin ones: Urdu, Arabic or Bengali words are often typed straight against them.
_NOT_LATIN_BEFORE = r"(?<![A-Za-z0-9])"
_NOT_LATIN_AFTER = r"(?![A-Za-z0-9])"
POSTCODE = re.compile(
    rf"{_NOT_LATIN_BEFORE}([A-Z]{{1,2}}[0-9][0-9A-Z]?)[\s-]*[0-9][A-Z]{{2}}{_NOT_LATIN_AFTER}",
    re.IGNORECASE)
# AB123456C, AB 12 34 56 C, AB-12-34-56-C, ab.12.34.56.c; the final letter is often left off.
_NI_GAP = r"[\s.-]*"
NATIONAL_INSURANCE = re.compile(
    rf"{_NOT_LATIN_BEFORE}[A-CEGHJ-PR-TW-Z]{{2}}(?:{_NI_GAP}\d{{2}}){{3}}(?:{_NI_GAP}[A-D])?"
    rf"{_NOT_LATIN_AFTER}", re.IGNORECASE)

# Numbers residents are given by us (helplines) are not personal data.
PUBLIC_NUMBERS = frozenset({"08082000247", "03005000914", "116123"})


def phone_digits(value: str) -> str:
    """The number with separators removed and digits of any script written 0-9, as an
    adviser would dial it (a resident may type ٠٧٧٠٠ ٩٠٠١٢٣)."""
    stripped = re.sub(PHONE_SEPARATORS, "", value)
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in stripped)


def contact_method(value: str) -> tuple[str, str] | None:
    """('phone', '07700900123') or ('email', 'a@b.uk') for something a resident typed
    as their contact detail for a callback; None when it is neither."""
    text = (value or "").strip()
    digits = phone_digits(text)
    if UK_PHONE.match(digits):
        return "phone", digits
    if EMAIL_ADDRESS.match(text) and len(text) <= MAX_EMAIL_LENGTH:
        return "email", text
    return None


def _phone_mask(match: re.Match) -> str:
    return match.group(0) if phone_digits(match.group(0)) in PUBLIC_NUMBERS else "[phone]"


def redact(text: str) -> str:
    """The same text with emails, phone numbers, full postcodes and NI numbers masked."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = NATIONAL_INSURANCE.sub("[national insurance number]", text)
    text = PHONE.sub(_phone_mask, text)
    return POSTCODE.sub(lambda m: f"{m.group(1).upper()} [postcode]", text)


def redact_all(value):
    """Every string inside `value` (nested dicts, lists and tuples, as events and metadata
    are) redacted; keys, numbers and other values as they are. A tuple stays a tuple (the
    tokens' offsets in a message's parse data), so an event with nothing to mask compares
    equal to its redacted copy and is kept as it is (bot/stores.py, bot/recent_trackers.py)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_all(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(redact_all(item) for item in value)
    if isinstance(value, list):
        return [redact_all(item) for item in value]
    return value


# The masks redact() writes, so code that wants the words alone can drop them.
MASKS = re.compile(r"\[(?:email|phone|national insurance number|postcode)\]")


def without_personal_details(text: str) -> str:
    """The text with personal details left out altogether (a postcode keeps its district)."""
    return MASKS.sub(" ", redact(text))
