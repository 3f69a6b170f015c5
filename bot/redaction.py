"""Remove personal details from text before it is stored or logged.

Residents sometimes type their phone number, email or full postcode. The
assistant uses them within the turn (a postcode finds the council) but the
stored conversation and the logs keep only what is needed: the postcode
district ("B21"), never the full postcode, and no phone numbers or emails.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK phone numbers as people type them: 07700 900123, +44 7700 900123, 0121-303-2296.
PHONE = re.compile(r"(?<!\w)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)")
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
NATIONAL_INSURANCE = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
                                re.IGNORECASE)

# Numbers residents are given by us (helplines) are not personal data.
PUBLIC_NUMBERS = re.compile(r"^(?:0808\s?2000\s?247|0300\s?500\s?0914|116\s?123)$")


def redact(text: str) -> str:
    """The same text with emails, phone numbers, full postcodes and NI numbers masked."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = NATIONAL_INSURANCE.sub("[national insurance number]", text)
    text = PHONE.sub(lambda m: m.group(0) if PUBLIC_NUMBERS.match(m.group(0).strip())
                     else "[phone]", text)
    return POSTCODE.sub(lambda m: f"{m.group(1).upper()} [postcode]", text)


# The masks redact() writes, so code that wants the words alone can drop them.
MASKS = re.compile(r"\[(?:email|phone|national insurance number|postcode)\]")


def without_personal_details(text: str) -> str:
    """The text with personal details left out altogether (a postcode keeps its district)."""
    return MASKS.sub(" ", redact(text))
