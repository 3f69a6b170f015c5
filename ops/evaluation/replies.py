"""What a REST reply is, judged the same way by every measure of issue 15.

Three judgements, each a pure function so it is unit-tested on its own:

- **length**: the characters a resident has to get through on a phone: every message's
  text plus every button title, exactly as the REST channel returns them (markup and
  addresses included, because the REST client shows them).
- **language**: the language of the reply's own words. A language offer ("Shall we
  continue in Soomaali?" with buttons in two languages) is set aside, because it is
  there to offer the switch, not to answer; what remains is matched against the fixed
  phrases of every language (the domain's variations), and, when no phrase matches (an
  article), identified by lingua over the whole text with its addresses, numbers and
  `**` removed. Only a reply that is nothing but an offer is judged by the offer.
- **out-of-scope outcome**, the first that applies, in this order (an unrelated article
  spoils any reply; a crisis check beside a scope reply still told the resident the scope):
    unrelated article  an article is shown that is not one of the "where else" articles
                       (`where-else-*`, written to send residents elsewhere)
    redirect           a scope phrase or a "where else" article, and the reply names
                       one of the message's `redirect_to` words (who can help)
    scope              a scope phrase (a response whose name says scope or cannot_help,
                       or the fallback that says what the assistant can help with, or
                       "no checked information: your council can help"), or a "where
                       else" article that does not name who was expected
    crisis             the crisis reply or the "Are you safe right now?" check, nothing else
    suggestions        only an "Is it one of these?" list
    other              anything else (a greeting, a question about the council...)
  "scope" and "redirect" are what the issue asks for; "unrelated article" must never happen.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from ops.evaluation.answer_sets import contains_fact

LANGUAGE_OFFER = "language check"  # the ReplyReader kind of "which language?" messages
# Responses that say what the assistant cannot help with, by name: the fallback names
# what it can help with, utter_no_article sends the resident to the council, and any
# response added for issue 15 whose name says "scope" or "cannot_help".
SCOPE_RESPONSES = ("utter_fallback", "utter_no_article")
SCOPE_NAME = re.compile(r"scope|cannot_help|cant_help|elsewhere")
REDIRECT_ARTICLE_PREFIX = "where-else-"
OUTCOMES = ("redirect", "scope", "unrelated article", "crisis", "suggestions", "other")
HANDLED = ("redirect", "scope")
# Applying, homelessness and eviction (the rights articles): a resident who named their
# council must get its number or page in the first reply (issue 15 item 1).
ROUTE_TOPICS = ("allocations", "homelessness", "rights")

_URL = re.compile(r"(https?://|www\.)\S+|\S+@\S+|\S+\.(?:org|gov|co|com|uk)\S*")
_NUMBERS = re.compile(r"[\d\s+()\-–]{3,}")


# -- length ----------------------------------------------------------------------------------
def reply_length(messages: list[dict]) -> int:
    """Characters of text plus button titles, as the REST channel returned them."""
    return sum(len(m.get("text") or "") + sum(len(b.get("title") or "")
                                               for b in m.get("buttons") or [])
               for m in messages)


def percentile(values: Iterable[float], share: float) -> float | None:
    """Nearest-rank percentile (the 90th of 39 replies is the 36th shortest): a value
    that was really measured, never an interpolation between two replies."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without floats drifting
    return ordered[int(rank) - 1]


# -- a council the resident can reach ----------------------------------------------------------
def named_council(texts: Iterable[str], councils: Iterable[Any]) -> Any | None:
    """The council the resident named (its name, id, scheme or one of its places, in any
    script) in what they said, or None: so the measure knows the council independently
    of whether the assistant recognised it."""
    said = " ".join(texts).casefold()
    for council in councils:
        names = {council.id, council.name, *(council.places or ())}
        if council.scheme is not None:
            names.add(council.scheme.name)
        if any(_names(said, name) for name in names if name):
            return council
    return None


def _names(said: str, name: str) -> bool:
    """Whether `said` (case-folded) names the place: a whole word in Latin script; in other
    scripts, where a suffix may be written on, anywhere."""
    name = name.casefold()
    if not name.isascii():
        return name in said
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", said) is not None


def reaches_council(text: str, council: Any, contacts: Iterable[Any]) -> bool:
    """Whether a reply gives a way to reach this council: one of its phone numbers, or an
    address on its own site, its scheme's or one of its services' (issue 15: every answer
    about applying, homelessness or eviction, when the council is known)."""
    own = [c for c in contacts if c.council == council.id]
    phones = [c.phone for c in own if c.phone]
    sites = [council.website, council.scheme.website if council.scheme else None,
             *(c.website for c in own)]
    domains = {_domain(s) for s in sites if s}
    return any(contains_fact(text, p) for p in phones) or \
        any(contains_fact(text, d) for d in domains if d)


def _domain(url: str) -> str:
    """"https://www.walsall.gov.uk/housing" -> "walsall.gov.uk"."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return host.removeprefix("www.")


# -- language --------------------------------------------------------------------------------
def phrase_languages(domain_dir: Path) -> dict[str, str]:
    """Each fixed phrase's opening (up to its first placeholder or line end, at least 12
    characters) -> its language; openings shared by two languages (an untranslated
    phrase) are left out, since they say nothing about the language."""
    found: dict[str, set[str]] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for variations in (data.get("responses") or {}).values():
            for variation in variations:
                opening = _opening(variation.get("text") or "")
                if len(opening) >= 12:
                    found.setdefault(opening, set()).add(_condition_language(variation))
    return {o: next(iter(langs)) for o, langs in found.items() if len(langs) == 1}


def _opening(text: str) -> str:
    return text.split("{")[0].split("\n")[0].strip()[:40]


def _condition_language(variation: dict) -> str:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return "en"


def words_of(text: str) -> str:
    """The reply's words without what is the same in every language: addresses, e-mail,
    phone numbers, bold markers."""
    text = _URL.sub(" ", text.replace("**", " "))
    return " ".join(_NUMBERS.sub(" ", text).split())


def reply_language(messages: list[dict], kinds_of: Callable[[list[dict]], list[str]],
                   phrases: dict[str, str], identify: Callable[[str], str | None]
                   ) -> str | None:
    """The language the reply answers in (see the module docstring); None if no words."""
    answer = [m for m in messages if (m.get("text") or "").strip()
              and LANGUAGE_OFFER not in kinds_of([m])]
    judged = answer or [m for m in messages if (m.get("text") or "").strip()]
    for message in judged:
        language = phrases.get(_opening(message["text"]))
        if language:
            return language
    words = words_of("\n".join(m["text"] for m in judged))
    return identify(words) if words else None


# -- out of scope ----------------------------------------------------------------------------
def scope_openings(domain_dir: Path) -> list[str]:
    """The openings, in every language, of the responses that are scope replies."""
    openings = []
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            if name in SCOPE_RESPONSES or SCOPE_NAME.search(name.removeprefix("utter_")):
                openings += [o for v in variations
                             if len(o := _opening(v.get("text") or "")) >= 12]
    return sorted(set(openings), key=len, reverse=True)


def out_of_scope_outcome(messages: list[dict], kinds: list[str], scope: list[str],
                         redirect_to: list[str]) -> str:
    """One of OUTCOMES for the reply to an out-of-scope message (module docstring)."""
    articles = [k.removeprefix("article:") for k in kinds if k.startswith("article:")]
    if any(not a.startswith(REDIRECT_ARTICLE_PREFIX) for a in articles):
        return "unrelated article"
    texts = [(m.get("text") or "").strip() for m in messages]
    scoped = bool(articles) or any(t.startswith(o) for t in texts for o in scope)
    if scoped:
        text = "\n".join(texts)
        named = any(contains_fact(text, word) for word in redirect_to)
        return "redirect" if named else "scope"
    if "crisis" in kinds or any(k == "safety check" for k in kinds):
        return "crisis"
    if "search results" in kinds:
        return "suggestions"
    return "other"
