"""Speaking the resident's language.

`understand_language` runs on every message, before the assistant decides what
to say (from `action_validate_slot_mappings`, actions/every_message.py), so the
reply to the very message that switched language is already in it.

The rules, in order:
1. An explicit choice always wins, and holds for the rest of the conversation:
   the web page's language menu, a button, or "speak Urdu" / "اردو میں بات کریں".
2. Short messages ("ok", "yes", "1", an emoji) never switch the language, except the
   conversation's first message, which sets it (actions/language_id.py,
   first_message_choice: the best guess, with the switch offered when unsure).
3. Otherwise the message's language is identified (actions/language_id.py); a
   confident identification switches; an unsure one is asked about, with buttons
   labelled in both candidate languages. Punjabi in Shahmukhi script is
   recognised and the resident is asked whether they want Punjabi or Urdu.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language_id import (Identification, first_message_choice, identifier,
                                 is_first_message)
from actions.phrasebook import Phrase, Phrasebook, say
from knowledge.languages import LANGUAGES, SOURCE_LANGUAGE

# Train the identifier while the action server starts, not on the first resident's message.
threading.Thread(target=identifier, name="language-identifier", daemon=True).start()

SHAHMUKHI_QUESTION = "pa-shahmukhi"
SWITCH_CONFIDENCE = 0.8
ASK_CONFIDENCE = 0.5
SHORT_MESSAGE_WORDS = 2
SHORT_MESSAGE_CHARS = 12

# How residents name a language when asking for it (lower case, any script).
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "angrezi", "angreji", "angielski", "engleza", "engleză", "ingiriisi",
           "af ingiriisi", "ingiriis", "انگریزی", "انگلش", "انجليزي", "إنجليزي", "الانجليزية",
           "الإنجليزية", "بالانجليزي", "بالإنجليزي", "انكليزي", "بالانكليزي", "ਅੰਗਰੇਜ਼ੀ",
           "ਇੰਗਲਿਸ਼", "ইংরেজি", "ইংরেজিতে", "ইংলিশ"),
    "ur": ("urdu", "اردو", "ਉਰਦੂ", "উর্দু", "উর্দুতে", "الأردية"),
    "pa": ("punjabi", "panjabi", "gurmukhi", "ਪੰਜਾਬੀ", "ਗੁਰਮੁਖੀ", "پنجابی", "পাঞ্জাবি"),
    "bn": ("bengali", "bangla", "bangali", "banglay", "বাংলা", "বাংলায়", "বাংলাতে", "بنگالی",
           "ਬੰਗਾਲੀ"),
    "pl": ("polish", "polski", "polsku", "po polsku", "polskim"),
    "ar": ("arabic", "arabi", "af carabi", "carabi", "عربي", "عربی", "العربية", "عربية",
           "بالعربي", "بالعربية", "عربى", "ਅਰਬੀ", "আরবি"),
    "so": ("somali", "soomaali", "af soomaali", "af-soomaali", "الصومالية"),
    "ro": ("romanian", "romana", "română", "romaneste", "românește", "limba romana",
           "limba română"),
}
_NAME_TO_CODE = {name: code for code, names in LANGUAGE_NAMES.items() for name in names}
# Words are whatever lies between spaces and punctuation: \w would split Bengali and
# Gurmukhi words at their vowel signs.
_WORD = re.compile(r"[^\s\d.,!?;:()\[\]{}\"'“”«»،؟۔।/\\-]+")


def explicit_choice(tracker: Tracker) -> str | None:
    """A language the resident chose in this message, if any."""
    message = tracker.latest_message or {}
    if (message.get("intent") or {}).get("name") != "choose_language":
        return None
    for entity in message.get("entities") or []:
        if entity.get("entity") == "language":
            value = str(entity.get("value", "")).strip().lower()
            if value in LANGUAGES:
                return value
            if value in _NAME_TO_CODE:
                return _NAME_TO_CODE[value]
    return named_language(message.get("text") or "")


def named_language(text: str) -> str | None:
    """The language named in a message ("speak urdu please" -> "ur")."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    for i in range(len(words)):
        for span in (2, 1):
            phrase = " ".join(words[i:i + span])
            if phrase in _NAME_TO_CODE:
                return _NAME_TO_CODE[phrase]
    return None


def is_short(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) <= SHORT_MESSAGE_WORDS and len(text.strip()) <= SHORT_MESSAGE_CHARS \
        or not words


@dataclass(frozen=True)
class Decision:
    language: str
    locked: bool
    ask: str | None = None  # a candidate language to ask about
    shahmukhi: bool = False


def decide(current: str, locked: bool, text: str, chosen: str | None,
           found: Identification | None, first: bool = False) -> Decision:
    """Apply the rules in this module's docstring. Pure, so it is easy to test."""
    if chosen:
        return Decision(chosen, True)
    if first and not locked and found is not None and found.language:
        language, offer, shahmukhi = first_message_choice(found)  # issue 15, item 6
        return Decision(language, False, ask=offer, shahmukhi=shahmukhi)
    if locked or is_short(text) or found is None or found.language is None:
        return Decision(current, locked)
    if found.shahmukhi:
        return Decision(current, locked, shahmukhi=current not in ("pa", "ur"))
    if found.language == current:
        return Decision(current, locked)
    if found.confidence >= SWITCH_CONFIDENCE:
        return Decision(found.language, False)
    if found.confidence >= ASK_CONFIDENCE:
        return Decision(current, False, ask=found.language)
    return Decision(current, locked)


def _choice_button(code: str) -> dict[str, str]:
    return {"title": LANGUAGES[code].own_name,
            "payload": "/choose_language" + json.dumps({"language": code})}


def _decision(tracker: Tracker) -> Decision:
    current = tracker.get_slot("language") or SOURCE_LANGUAGE
    locked = bool(tracker.get_slot("language_locked"))
    text = (tracker.latest_message or {}).get("text") or ""
    chosen = explicit_choice(tracker)
    first = is_first_message(tracker.events)
    found = None if chosen or locked or (is_short(text) and not first) \
        or text.startswith("/") else identifier().identify(text)
    return decide(current, locked, text, chosen, found, first)


def understand_language(tracker: Tracker) -> list[EventType]:
    """The language for this message, in the `language` slots. Run on every message by
    `action_validate_slot_mappings`, which also asks the question when unsure."""
    current = tracker.get_slot("language") or SOURCE_LANGUAGE
    locked = bool(tracker.get_slot("language_locked"))
    offered = tracker.get_slot("language_offered")
    decision = _decision(tracker)
    question = None
    if decision.shahmukhi:
        question = SHAHMUKHI_QUESTION
    elif decision.ask and decision.ask != offered:
        question = decision.ask
    events: list[EventType] = [SlotSet("language_question", question)]
    if decision.language != current:
        events.append(SlotSet("language", decision.language))
    if decision.locked != locked:
        events.append(SlotSet("language_locked", decision.locked))
    if question and question != SHAHMUKHI_QUESTION:
        events.append(SlotSet("language_offered", question))
    return events


def send_language_question(dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: dict[str, Any]) -> None:
    """Ask, in both candidate languages, which one the resident wants."""
    question = tracker.get_slot("language_question")
    current = tracker.get_slot("language") or SOURCE_LANGUAGE
    if question == SHAHMUKHI_QUESTION:
        # Shahmukhi readers read Urdu script: ask in Urdu, offer Punjabi or Urdu.
        say(dispatcher, Phrasebook(domain, "ur").text("utter_shahmukhi_check"),
            buttons=[_choice_button("pa"), _choice_button("ur")])
    elif question in LANGUAGES:
        say(dispatcher, Phrasebook(domain, question).text("utter_language_check"),
            buttons=[_choice_button(question), _choice_button(current)])


def language_named(code: str) -> Phrase:
    """A language's name as the reply in that language says it, with its English name
    for the English beside the reply (worker mode, the adviser console)."""
    language = LANGUAGES[code]
    return Phrase(language.own_name, language.english_name)


class ActionChooseLanguage(Action):
    """The resident asked for a language: confirm it, or offer the choices."""

    def name(self) -> str:
        return "action_choose_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        chosen = explicit_choice(tracker)
        if chosen:
            # understand_language has already switched the slot this turn.
            phrases = Phrasebook(domain, chosen)
            say(dispatcher, phrases.text("utter_language_chosen", language=language_named(chosen)))
        else:
            phrases = Phrasebook(domain, tracker.get_slot("language"))
            say(dispatcher, phrases.text("utter_ask_language"),
                buttons=phrases.buttons("utter_ask_language"))
        return []
