"""The scheme a resident names in their question, when it is not the one their question's
family is answered with.

"How much could our group get from the Community Environment Fund, is it still open?" is
recognised as a green-grants question, whose answer is where groups can look for funding
now; but the resident named a scheme, and its own article (closed, what it offered, what
replaced it) is the answer to what they asked. A scheme is named by the `name` an article
carries (ADR 0024, round 10), as whole words, in any script the resident writes it in
(scheme names stay in English in every translation). Only one named scheme counts: a
question naming two ("ECO4 or the Great British Insulation Scheme?") is a comparison the
family's own answer makes.

A leaf: imports no action module.
"""
from __future__ import annotations

import re

from knowledge.entities import Article
from knowledge.text import fold_accents


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold_accents(text).casefold()))


def named_scheme(text: str, articles: list[Article], family: str) -> Article | None:
    """The one article whose scheme `text` names, when it is of the topic of the family's
    own articles and does not answer the family itself; else None."""
    said = f" {_folded(text)} "
    named = [a for a in articles if a.name and f" {_folded(a.name)} " in said]
    topics = {a.topic for a in articles if a.intent == family}
    if len(named) != 1 or named[0].intent == family or named[0].topic not in topics:
        return None
    return named[0]
