"""One way of writing each word, so residents' spellings match the word lists.

Latin letters lose their accents ("pięć" = "piec", "șapte" = "sapte"), and in Arabic
script the letters typed differently on Arabic and Urdu keyboards are read alike
(ي/ی, ك/ک, ه/ہ, ة), as are alef with or without hamza and madda. Both the word lists
and the message go through the same function, so nothing else needs to know.
"""
from __future__ import annotations

from knowledge.text import fold_accents

_ARABIC_SCRIPT = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ة": "ہ", "ۀ": "ہ", "ۃ": "ہ", "ـ": None,
    "\u200c": None, "\u200d": None,
})


def fold(text: str) -> str:
    """Lower case, accents folded, Arabic-script variants unified, spaces collapsed."""
    return " ".join(fold_accents(text).lower().translate(_ARABIC_SCRIPT).split())
