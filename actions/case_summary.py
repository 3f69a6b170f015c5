"""The case summary an adviser reads first: written by the assistant, in English,
from what the conversation already holds, so the resident never has to repeat
their story. It states facts the assistant saw (council, language, topics,
signs of crisis, what it already answered), never guesses about the person.

What the resident (or a community worker) typed is quoted on lines that say whose
words they are, folded onto one line, so a message such as "hi\nCouncil: Sandwell
Council." can never read as a line the assistant wrote.
"""
from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from rasa_sdk import Tracker

from actions.services import knowledge_base
from bot.message_text import clean
from bot.redaction import redact
from knowledge.entities import Article
from knowledge.languages import LANGUAGES

# Question families an adviser should treat as more urgent than a general question.
HIGH_URGENCY_TOPICS = {"threatened_homelessness", "homeless_tonight", "emergency_accommodation",
                       "review_decision", "homeless_review", "immigration_eligibility",
                       "racial_harassment", "domestic_abuse_housing", "intentional_homelessness"}
RECENT_MESSAGES = 5
MESSAGE_LIMIT = 300
ORGANISATION_LIMIT = 120
# Line breaks of every kind (\r, \x0b, \x1c-\x1e, \x85, U+2028, U+2029) and other spaces.
_SPACES = re.compile(r"\s+")


@dataclass
class CaseFacts:
    urgency: str
    topic: str | None
    summary: str
    worker_organisation: str | None


def _resident_messages(tracker: Tracker) -> list[dict]:
    return [e for e in tracker.events if e.get("event") == "user"]


def crisis_signs(tracker: Tracker) -> list[str]:
    signs = []
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") in ("crisis", "crisis_also") \
                and event.get("value") and event["value"] not in signs:
            signs.append(event["value"])
    return signs


def topics(tracker: Tracker, families: Container[str]) -> list[str]:
    """Question families (intents the content answers) the resident asked about, oldest
    first, each once; greetings, buttons and the like are not topics."""
    seen: list[str] = []
    for event in _resident_messages(tracker):
        name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if name is not None and name in families and name not in seen:
            seen.append(name)
    pending = tracker.get_slot("pending_question")
    if pending in families and pending not in seen:
        seen.append(pending)
    return seen


def one_line(text: str, limit: int) -> str:
    """Someone else's words made safe to quote: control and invisible characters
    removed, every line break and run of spaces folded to one space, at most `limit`
    characters."""
    text = _SPACES.sub(" ", clean(text)).strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def worker_organisation(tracker: Tracker) -> str | None:
    """Set by the web page's community-worker mode on each message it sends: typed by
    the worker, so one short line."""
    for event in reversed(_resident_messages(tracker)):
        organisation = (event.get("metadata") or {}).get("worker_organisation")
        if isinstance(organisation, str) and one_line(organisation, ORGANISATION_LIMIT):
            return one_line(organisation, ORGANISATION_LIMIT)
    return None


def case_facts(tracker: Tracker, channel: str) -> CaseFacts:
    kb = knowledge_base()
    signs = crisis_signs(tracker)
    article_for: dict[str, Article] = {}
    for article in kb.articles():
        if article.intent:
            article_for.setdefault(article.intent, article)
    asked = topics(tracker, article_for)
    titles = [article_for[family].title for family in asked]
    needs_adviser = any(article_for[family].needs_adviser for family in asked)
    urgency = "crisis" if signs else (
        "high" if needs_adviser or HIGH_URGENCY_TOPICS.intersection(asked) else "normal")

    language = tracker.get_slot("language") or "en"
    council = kb.council(tracker.get_slot("council"))
    organisation = worker_organisation(tracker)
    lines = [
        f"Requested: {'live chat' if channel == 'live_chat' else 'a callback'}.",
        f"Language: {LANGUAGES[language].english_name if language in LANGUAGES else language}"
        + ("." if language == "en" else " (the assistant answered in this language)."),
        f"Council: {council.name if council else 'not given yet'}.",
    ]
    if signs:
        lines.append("Signs of crisis in the conversation: "
                     + ", ".join(s.replace("_", " ") for s in signs)
                     + ". The assistant gave the emergency and helpline numbers.")
    if titles:
        lines.append("Asked about: " + "; ".join(titles) + ".")
    else:
        lines.append("No question asked yet before asking for a person.")
    if organisation:
        lines.append("A community worker is with the resident; the organisation they "
                     f'typed: "{organisation}"')
    recent = [e.get("text", "") for e in _resident_messages(tracker)
              if e.get("text") and not e["text"].startswith("/")][-RECENT_MESSAGES:]
    if recent:
        lines.append("Their latest messages, in their words (personal details masked):")
        lines += [f'Resident wrote: "{one_line(redact(t), MESSAGE_LIMIT)}"' for t in recent]
    return CaseFacts(urgency=urgency, topic=asked[-1] if asked else None,
                     summary="\n".join(lines), worker_organisation=organisation)
