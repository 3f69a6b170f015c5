"""The reply a resident gets when the assistant cannot answer: never empty, never
without the emergency numbers.

Sent by the REST channel itself (bot/channels.py) when the action server fails,
errors or is too slow, so it needs nothing from the action server: the phrase is
`utter_assistant_unavailable` (bot/phrases/<language>.yml, as generated into
bot/domain/responses.yml) and the numbers come from the shipped national
contacts (knowledge/content/contacts/national.yml), both read when Rasa starts,
so a missing phrase or number stops Rasa starting rather than failing a resident
in crisis later. The language is the conversation's, when one was recognised or
chosen, else a guess from the message's script and letters, else English.

When the conversation already knows the resident's council, the reply adds how to
reach that council about housing (`utter_council_contacts_intro`, then its
verified phone numbers from the shipped contacts, else its website): the council
can help where the assistant could not. Unconfirmed numbers are left out here,
since this short reply has no room for the caveat they need.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

import yaml

from bot.translations import GENERATED
from knowledge.languages import LANGUAGES, SOURCE_LANGUAGE, script_of

PHRASE = "utter_assistant_unavailable"
CONTENT = Path(__file__).resolve().parent.parent / "knowledge" / "content"
NATIONAL_CONTACTS = CONTENT / "contacts" / "national.yml"
COUNCIL_PHRASE = "utter_council_contacts_intro"
# The council services worth a call when the assistant cannot answer (actions/replies.py).
COUNCIL_SERVICES = ("housing_register", "bidding", "housing_options",
                    "homelessness_out_of_hours", "rough_sleeping", "advice", "general")
# The placeholders of the phrase, and the national contact each one names.
NUMBERS = {"emergency": "national-emergency-999", "samaritans": "national-samaritans",
           "helpline": "national-domestic-abuse-helpline"}
# Letters Urdu (and Shahmukhi Punjabi) writes and Arabic does not.
URDU_LETTERS = frozenset("ٹڈڑںےہھکگپچ")
POLISH_LETTERS = frozenset("ąćęłńśźż")
ROMANIAN_LETTERS = frozenset("ăâîșțşţ")

log = logging.getLogger(__name__)


def national_numbers(path: Path = NATIONAL_CONTACTS) -> dict[str, str]:
    phones = {c.get("id"): c.get("phone")
              for c in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("contacts", [])}
    missing = [contact for contact in NUMBERS.values() if not phones.get(contact)]
    if missing:
        raise RuntimeError(f"{path} has no phone number for {', '.join(missing)}, which the "
                           f"assistant-unavailable reply names")
    return {name: str(phones[contact]) for name, contact in NUMBERS.items()}


def phrase_texts(path: Path = GENERATED, phrase: str = PHRASE) -> dict[str, str]:
    """The phrase's text per language code."""
    variants = (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).get(phrase)
    texts = {}
    for variant in variants or []:
        languages = [c.get("value") for c in variant.get("condition") or []
                     if c.get("name") == "language"]
        texts[languages[0] if languages else SOURCE_LANGUAGE] = variant["text"]
    if SOURCE_LANGUAGE not in texts:
        raise RuntimeError(f"{path} has no English '{phrase}': run `make generated`")
    return texts


def council_contacts(content: Path = CONTENT) -> dict[str, tuple[str, list[str]]]:
    """Per council: its name, and the lines to reach it ("- name: phone" for each verified
    number of a housing service, else "- name: website")."""
    councils = (yaml.safe_load((content / "councils.yml").read_text(encoding="utf-8"))
                or {}).get("councils", [])
    found = {}
    for council in councils:
        path = content / "contacts" / f"{council['id']}.yml"
        contacts = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("contacts", []) \
            if path.exists() else []
        lines = [f"- {c['name']}: {c['phone']}" for c in contacts
                 if c.get("verified") and c.get("phone") and c.get("service") in COUNCIL_SERVICES]
        if not lines and council.get("website"):
            lines = [f"- {council['name']}: {council['website']}"]
        found[council["id"]] = (council["name"], lines)
    return found


NUMBERS_NOW = national_numbers()
TEXTS = phrase_texts()
COUNCIL_TEXTS = phrase_texts(phrase=COUNCIL_PHRASE)
COUNCILS = council_contacts()


def text_in(language: str) -> str:
    """The phrase in a language (English when it has no translation), numbers filled in."""
    try:
        return TEXTS.get(language, TEXTS[SOURCE_LANGUAGE]).format_map(NUMBERS_NOW)
    except (KeyError, ValueError, IndexError):  # a translation with a broken placeholder
        log.error("'%s' in %s has a broken placeholder; sending English", PHRASE, language)
        return TEXTS[SOURCE_LANGUAGE].format_map(NUMBERS_NOW)


def council_text_in(language: str, council: str | None) -> str:
    """How to reach the council about housing, in a language; empty for no known council."""
    if council not in COUNCILS or not COUNCILS[council][1]:
        return ""
    name, lines = COUNCILS[council]
    try:
        intro = COUNCIL_TEXTS.get(language, COUNCIL_TEXTS[SOURCE_LANGUAGE]).format(
            council_name=name)
    except (KeyError, ValueError, IndexError):  # a translation with a broken placeholder
        intro = COUNCIL_TEXTS[SOURCE_LANGUAGE].format(council_name=name)
    return "\n".join([intro, *lines])


def reply_in(language: str, council: str | None) -> str:
    """The whole reply: the apology with the numbers, then the council's contacts if known."""
    return "\n\n".join(part for part in (text_in(language), council_text_in(language, council))
                       if part)


def guess_language(text: str) -> str:
    """A cheap guess from the writing alone: the script, and letters only one language uses."""
    script = script_of(text)
    letters = set((text or "").lower())
    if script == "gurmukhi":
        return "pa"
    if script == "bengali":
        return "bn"
    if script == "arabic":
        return "ur" if letters & URDU_LETTERS else "ar"
    if letters & POLISH_LETTERS:
        return "pl"
    if letters & ROMANIAN_LETTERS:
        return "ro"
    return SOURCE_LANGUAGE


async def conversation_facts(agent: Any, sender_id: Optional[str]
                             ) -> tuple[Optional[str], Optional[str]]:
    """The language the conversation is in, if it was recognised or chosen (not merely
    the initial English), and the resident's council, if known; (None, None) when the
    conversation store cannot say."""
    try:
        tracker = await agent.tracker_store.retrieve(sender_id)
    except Exception:  # noqa: BLE001 - the store may be what failed; guess instead
        log.warning("could not read the conversation's language", exc_info=True)
        return None, None
    if tracker is None:
        return None, None
    language = tracker.get_slot("language")
    council = tracker.get_slot("council") if "council" in tracker.slots else None
    if language in LANGUAGES and (language != SOURCE_LANGUAGE
                                  or tracker.get_slot("language_locked")):
        return language, council
    return None, council


async def conversation_language(agent: Any, sender_id: Optional[str]) -> Optional[str]:
    return (await conversation_facts(agent, sender_id))[0]


async def unavailable_message(agent: Any, sender_id: Optional[str], text: str) -> dict[str, Any]:
    """The reply, as the REST channel sends a message: text, its English beside it, and a
    mark a program can read (ops/stack.py waits for an answer without it)."""
    language, council = await conversation_facts(agent, sender_id) if agent and sender_id \
        else (None, None)
    language = language or guess_language(text)
    return {"text": reply_in(language, council), "english": reply_in(SOURCE_LANGUAGE, council),
            "custom": {"assistant_unavailable": True}}
