"""Right-to-left answers with English, numbers and phone numbers inside them.

An Urdu or Arabic line that quotes "Walsall Council (01922 653405)" is laid out by the
Unicode bidirectional algorithm, which moves brackets and punctuation next to the
numbers: the resident reads ")01922 653405(" or a scheme name split in two. Each run of
left-to-right text (Latin words, digits, a phone number, an address) is wrapped in
FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so it is laid out on its own and the
sentence around it keeps its direction. Isolates are invisible, and the answer scorer
and the chat page's phone links ignore them (ops/evaluation/answer_sets.py, ADR 0010).

A leaf: no project imports.
"""
from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"
RIGHT_TO_LEFT = ("ar", "ur")
# A run that starts and ends with a Latin letter or digit (any script's digits), and may
# hold spaces, punctuation and brackets in between: "Walsall Council", "01922 653405",
# "https://go.walsall.gov.uk/homelessness", "0121 368 1166 option 2". "**" stays outside.
_LTR_RUN = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9+]"
    r"(?:[A-Za-z0-9\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9 .,:/&'’()\-–+@?=_%#]*"
    r"[A-Za-z0-9\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9)/])?")


def isolate_embedded(text: str, language: str | None) -> str:
    """`text` with each left-to-right run isolated, in right-to-left languages only;
    text already isolated is left as it is (so applying it twice changes nothing)."""
    if language not in RIGHT_TO_LEFT or not text or FSI in text:
        return text
    return _LTR_RUN.sub(lambda m: _balanced(m.group(0)), text)


def _balanced(run: str) -> str:
    """Isolate a run, leaving outside it a bracket that closes nothing inside it."""
    tail = ""
    while run.endswith(")") and run.count(")") > run.count("("):
        run, tail = run[:-1], ")" + tail
    return f"{FSI}{run}{PDI}{tail}" if run else tail
