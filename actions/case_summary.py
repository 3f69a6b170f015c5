"""The case summary an adviser reads first: written by the assistant, in English,
from what the conversation already holds, so the resident never has to repeat
their story. It states facts the assistant saw (council, language, topics,
signs of crisis, what it already answered), never guesses about the person.
"""
from __future__ import annotations

from dataclasses import dataclass

from rasa_sdk import Tracker

from actions.services import knowledge_base
from bot.redaction import redact
from knowledge.languages import LANGUAGES

# Question families an adviser should treat as more urgent than a general question.
HIGH_URGENCY_TOPICS = {"threatened_homelessness", "homeless_tonight", "emergency_accommodation",
                       "review_decision", "homeless_review", "immigration_eligibility",
                       "racial_harassment", "domestic_abuse_housing", "intentional_homelessness"}
NOT_TOPICS = {"greet", "goodbye", "affirm", "deny", "thanks", "capabilities", "inform_council",
              "change_council", "contact_council", "request_human", "choose_article",
              "choose_language", "handoff_live_chat", "handoff_callback", "inform_callback",
              "nlu_fallback"}
RECENT_MESSAGES = 5


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


def topics(tracker: Tracker) -> list[str]:
    """Question families the resident asked about, oldest first, each once."""
    seen: list[str] = []
    for event in _resident_messages(tracker):
        name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if name and name not in NOT_TOPICS and name not in seen:
            seen.append(name)
    pending = tracker.get_slot("pending_question")
    if pending and pending not in NOT_TOPICS and pending not in seen:
        seen.append(pending)
    return seen


def worker_organisation(tracker: Tracker) -> str | None:
    """Set by the web page's community-worker mode on each message it sends."""
    for event in reversed(_resident_messages(tracker)):
        organisation = (event.get("metadata") or {}).get("worker_organisation")
        if isinstance(organisation, str) and organisation.strip():
            return organisation.strip()[:200]
    return None


def case_facts(tracker: Tracker, channel: str) -> CaseFacts:
    kb = knowledge_base()
    signs = crisis_signs(tracker)
    asked = topics(tracker)
    needs_adviser = False
    titles = []
    for family in asked:
        article = next((a for a in kb.articles() if a.intent == family), None)
        if article is not None:
            titles.append(article.title)
            needs_adviser = needs_adviser or article.needs_adviser
        else:
            titles.append(family.replace("_", " "))
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
        lines.append(f"A community worker from {organisation} is with the resident.")
    recent = [e.get("text", "") for e in _resident_messages(tracker)
              if e.get("text") and not e["text"].startswith("/")][-RECENT_MESSAGES:]
    if recent:
        lines.append("Their latest messages (personal details masked): "
                     + " | ".join(f'"{redact(t)[:300]}"' for t in recent))
    return CaseFacts(urgency=urgency, topic=asked[-1] if asked else None,
                     summary="\n".join(lines), worker_organisation=organisation)
