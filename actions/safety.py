"""Keeping people safe: every message is checked for signs of crisis before anything else.

`check_safety` runs on every message (from `action_validate_slot_mappings`),
before Rasa chooses a reply, in any state of the conversation. When a message shows immediate danger, domestic abuse, nowhere
to sleep tonight, suicidal thoughts, an illegal eviction or lock-out, or a
child at risk, the resident gets, in the same turn and in their language, the
right numbers (999 first where there is danger), then the offer of a person.

Two detectors, either of which escalates, because recall matters more than
precision (a false alarm shows helpline numbers; a miss can cost a life):
- phrases per language that housing teams and speakers maintain in
  knowledge/content/crisis/<language>.yml, matched on lower-cased,
  accent-folded words: transparent, and a new phrase works at once;
- a character n-gram classifier trained at start-up from those phrases (as
  crisis examples, by category) and the ordinary training data (as calm
  examples), which catches indirect and misspelt phrasings the lists miss.
Numbers always come from the knowledge base's contacts.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from actions.phrasebook import Phrasebook, say
from actions.services import built_once, knowledge_base
from bot.redaction import without_personal_details
from knowledge.text import fold_accents

CRISIS_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "content" / "crisis"

# Most urgent first: the reply leads with the most urgent need.
CRISIS_REPLIES = {
    "immediate_danger": "utter_crisis_immediate_danger",
    "suicidal": "utter_crisis_suicidal",
    "domestic_abuse": "utter_crisis_domestic_abuse",
    "child_at_risk": "utter_crisis_child_at_risk",
    "homeless_tonight": "utter_crisis_homeless_tonight",
    "illegal_eviction": "utter_crisis_illegal_eviction",
}
CATEGORIES = tuple(CRISIS_REPLIES)
# The numbers each reply may name, from knowledge/content/contacts/national.yml.
NUMBERS = {
    "emergency": "national-emergency-999",
    "helpline": "national-domestic-abuse-helpline",
    "streetlink": "national-streetlink",
    "samaritans": "national-samaritans",
}
# Categories where the council's own housing team is part of the answer.
COUNCIL_CATEGORIES = {"homeless_tonight", "illegal_eviction", "domestic_abuse"}
MAX_REPLIES = 2

_SEPARATORS = re.compile(r"[\s.,!?;:()\[\]{}\"'’‘“”«»،؟۔।/\\\-_*+=<>|~`^]+")


def words_of(text: str) -> list[str]:
    """Lower-cased, accent-folded words: 'Nie mogę' and 'nie moge' read the same."""
    return [w for w in _SEPARATORS.split(fold_accents(text or "").lower()) if w]


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    open_ended: bool  # the last word may continue ("kill*" matches "killing")

    def found_in(self, words: list[str]) -> bool:
        n = len(self.words)
        for start in range(len(words) - n + 1):
            window = words[start:start + n]
            if window[:-1] != list(self.words[:-1]):
                continue
            last, wanted = window[-1], self.words[-1]
            if last == wanted or (self.open_ended and last.startswith(wanted)):
                return True
        return False


class PhraseIndex:
    """Every category's phrases, looked up by the words of a message.

    The same matches as trying each Phrase.found_in in turn, without trying thousands
    of phrases against every message: phrases are filed under their first word, and
    open-ended one-word phrases ("beat*") under that word, which a message word must
    start with. Trying every phrase took ~13 ms of every message (profiled under
    `make bench`); this takes well under one.
    """

    def __init__(self, phrases: dict[str, list[Phrase]]):
        self.by_first_word: dict[str, list[tuple[str, Phrase]]] = {}
        self.by_prefix: dict[str, set[str]] = {}
        for category, listed in phrases.items():
            for phrase in listed:
                if len(phrase.words) == 1 and phrase.open_ended:
                    self.by_prefix.setdefault(phrase.words[0], set()).add(category)
                else:
                    self.by_first_word.setdefault(phrase.words[0], []).append((category, phrase))

    def categories_in(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        for start, word in enumerate(words):
            for category, phrase in self.by_first_word.get(word, ()):
                window = words[start:start + len(phrase.words)]
                if category not in found and phrase.found_in(window):
                    found.add(category)
            for end in range(1, len(word) + 1):
                found.update(self.by_prefix.get(word[:end], ()))
        return found


def parse_phrase(raw: str) -> Phrase | None:
    text = str(raw).strip()
    open_ended = text.endswith("*")
    words = tuple(words_of(text.rstrip("*")))
    return Phrase(words, open_ended) if words else None


CALM = "none"
# Training intents whose examples are crises themselves, and which category they are.
CRISIS_INTENTS = {"homeless_tonight": "homeless_tonight",
                  "domestic_abuse_housing": "domestic_abuse"}
MODEL_THRESHOLD = 0.4  # chosen for recall on the held-out sets (ops.evaluate crisis)
# The classifier judges only messages of three words or more: on a postcode, a name or a
# time ("B21 9ZZ", "Dudley", "tomorrow") it has nothing to go on and guessed "danger".
# Short crises ("help", "he hit me") are the phrase lists' job. Held-out recall and false
# alarms were the same with and without this rule.
MODEL_MIN_WORDS = 3


class CrisisDetector:
    """Phrases of every language at once (residents mix languages and scripts), and a
    classifier trained from them."""

    def __init__(self, lexicons: dict[str, dict[str, list[str]]],
                 calm_examples: list[str] | None = None,
                 crisis_examples: list[tuple[str, str]] | None = None):
        self.phrases: dict[str, list[Phrase]] = {c: [] for c in CATEGORIES}
        for categories in lexicons.values():
            for category, phrases in categories.items():
                if category not in self.phrases:
                    raise ValueError(f"unknown crisis category '{category}'")
                self.phrases[category] += [p for p in map(parse_phrase, phrases) if p]
        self.index = PhraseIndex(self.phrases)
        self.model = None
        if calm_examples:
            texts = [" ".join(p.words) for c in CATEGORIES for p in self.phrases[c]]
            labels = [c for c in CATEGORIES for _ in self.phrases[c]]
            for text, category in crisis_examples or []:
                texts.append(text)
                labels.append(category)
            texts += calm_examples
            labels += [CALM] * len(calm_examples)
            self.model = make_pipeline(
                make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                           sublinear_tf=True),
                           TfidfVectorizer(analyzer="word", sublinear_tf=True)),
                LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"),
            ).fit([" ".join(words_of(t)) for t in texts], labels)

    def categories(self, text: str) -> list[str]:
        """The crisis categories a message shows, most urgent first."""
        words = words_of(text)
        if not words:
            return []
        matched = self.index.categories_in(words)
        found = [c for c in CATEGORIES if c in matched]
        if not found and self.model is not None and len(words) >= MODEL_MIN_WORDS:
            scores = dict(zip(self.model.classes_,
                              self.model.predict_proba([" ".join(words)])[0]))
            if 1.0 - scores.get(CALM, 0.0) >= MODEL_THRESHOLD:
                found = [max(CATEGORIES, key=lambda c: scores.get(c, 0.0))]
        return found


def load_lexicons(folder: Path = CRISIS_DIR) -> dict[str, dict[str, list[str]]]:
    lexicons = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lexicons[data.get("language", path.stem)] = {
            category: [str(p) for p in phrases or []]
            for category, phrases in (data.get("categories") or {}).items()}
    return lexicons


def load_calm(folder: Path = CRISIS_DIR) -> list[str]:
    """Everyday answers that are not a crisis (a time for a callback, "ok"), which the
    classifier must learn as calm: each language file's `calm` list."""
    calm: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        calm += [str(text) for text in data.get("calm") or []]
    return calm


@built_once
def detector() -> CrisisDetector:
    """One detector per process, trained on first use (warmed at start-up)."""
    from actions.language_id import NLU_DIR, training_examples_by_intent

    calm, crisis = load_calm(), []
    for text, intent in training_examples_by_intent(NLU_DIR):
        if intent in CRISIS_INTENTS:
            crisis.append((text, CRISIS_INTENTS[intent]))
        else:
            calm.append(text)
    return CrisisDetector(load_lexicons(), calm, crisis)


threading.Thread(target=detector, name="crisis-detector", daemon=True).start()


def crisis_messages(phrases: Phrasebook, categories: list[str]) -> list[str]:
    """The replies for these categories, with numbers from the knowledge base."""
    contacts = {c.id: c for c in knowledge_base().contacts(list(NUMBERS.values()))}
    numbers = {name: (contacts[cid].phone if cid in contacts and contacts[cid].phone else "")
               for name, cid in NUMBERS.items()}
    return [phrases.text(CRISIS_REPLIES[c], **numbers) for c in categories[:MAX_REPLIES]]


def check_safety(tracker: Tracker) -> list[EventType]:
    """What this message shows, recorded in the `crisis` slots. Run on every message by
    `action_validate_slot_mappings` (actions/every_message.py), which then replies."""
    text = (tracker.latest_message or {}).get("text") or ""
    # Contact details (a callback number, an email) say nothing about safety.
    words = without_personal_details(text)
    categories = [] if text.startswith("/") else detector().categories(words)
    return [SlotSet("crisis", categories[0] if categories else None),
            SlotSet("crisis_also", categories[1] if len(categories) > 1 else None)]


def send_crisis_reply(dispatcher: CollectingDispatcher, tracker: Tracker,
                      phrases: Phrasebook) -> list[EventType]:
    """The numbers first, then the offer of a person."""
    from actions.contacts import send_council_contacts

    categories = [c for c in (tracker.get_slot("crisis"), tracker.get_slot("crisis_also")) if c]
    for message in crisis_messages(phrases, categories):
        say(dispatcher, message)
    council_id = tracker.get_slot("council")
    if council_id:
        if COUNCIL_CATEGORIES.intersection(categories):
            say(dispatcher, phrases.text("utter_crisis_offer_person"))
            send_council_contacts(dispatcher, phrases, council_id)
        if not tracker.get_slot("with_adviser"):
            # A person, in this chat or by callback, is one button away.
            say(dispatcher, phrases.text("utter_talk_to_person_button"),
                                     buttons=phrases.buttons("utter_talk_to_person_button"))
        return []
    # Choosing a council from these buttons shows its contacts.
    say(dispatcher, phrases.text("utter_crisis_offer_person"),
                             buttons=phrases.buttons("utter_ask_council"))
    return [SlotSet("pending_question", "contact_council")]
