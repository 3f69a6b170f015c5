"""Which language a resident is writing in.

Four signals, combined:
- the script: Gurmukhi means Punjabi and Bengali script means Bengali;
- lingua-language-detector, restricted to the languages we support (it ships its
  models in the wheel, so nothing is downloaded);
- small character n-gram classifiers of our own, trained at start-up from the
  training data in data/nlu/<language>/: one for Latin script (which lingua
  cannot do for Roman Urdu, Roman Punjabi, Banglish or Arabic in Latin letters)
  and one for Perso-Arabic script (Urdu, Arabic, and Punjabi written in Shahmukhi);
- for short messages (four words or fewer: greetings, thanks, yes/no), lists of
  everyday short words per language (actions/language_words.yml). Two or three
  words give the statistical signals too little to go on ("thx" looked Somali,
  "marhaba" Somali, "shukran" Urdu), and the first message is usually one of these.
Letters typed three times or more ("hellooo") count once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lingua import Language as LinguaLanguage
from lingua import LanguageDetectorBuilder
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from bot.message_text import clean
from core.once import built_once
from knowledge.languages import script_of
from knowledge.training_data import NLU_DIR, read_examples
from understanding.linear_scoring import LinearTextScorer

SHAHMUKHI = "pa-shahmukhi"  # Punjabi in Perso-Arabic script: recognised, then confirmed

LINGUA = {
    "en": LinguaLanguage.ENGLISH, "ur": LinguaLanguage.URDU, "pa": LinguaLanguage.PUNJABI,
    "bn": LinguaLanguage.BENGALI, "pl": LinguaLanguage.POLISH, "ar": LinguaLanguage.ARABIC,
    "so": LinguaLanguage.SOMALI, "ro": LinguaLanguage.ROMANIAN,
}
LINGUA_LATIN = ("en", "pl", "ro", "so")
WORDS_FILE = Path(__file__).with_name("language_words.yml")
FIRST_SURE = 0.8  # below this, a first message's language is answered in and also asked
FIRST_OFFER = 0.25  # ...about the runner-up, if it scored at least this
SHORT_WORDS = 4  # up to this many words, the word lists have a say
WORD_WEIGHT = 0.6  # their share of the say, when at least one word is known
_REPEATED = re.compile(r"(\w)\1{2,}")
# A word is what lies between spaces and punctuation (\w would split Bengali and
# Gurmukhi words at their vowel signs); an apostrophe stays inside ("la'aan"), and so
# do digits, which Arabic typed in Latin letters uses for letters ("na3am", "mi7taj").
_WORD = re.compile(r"[^\s.,!?;:()\[\]{}\"“”«»،؟۔।/\\-]+")
ARABIZI = "ar"
_ARABIZI_WORD = re.compile(r"^[a-z]*[a-z][23579][a-z]+$")  # not "wv3": a postcode


@dataclass(frozen=True)
class Identification:
    language: str | None  # a supported language code, or None when there is nothing to go on
    confidence: float
    script: str | None
    shahmukhi: bool = False
    alternatives: tuple[tuple[str, float], ...] = field(default=())

    @property
    def runner_up(self) -> str | None:
        return self.alternatives[0][0] if self.alternatives else None


def _examples(nlu_dir: Path) -> list[tuple[str, str, str]]:
    """(text, intent, language label) for every training example a resident could type.

    Punjabi in Perso-Arabic letters is labelled Shahmukhi Punjabi, whichever file of
    data/nlu/pa/ it is in (shahmukhi.yml, or a topic's file written in every script):
    labelled "pa", it taught the Arabic-script model a class it never scores, and
    Shahmukhi messages went to Urdu.
    """
    return [(e.text, e.intent, SHAHMUKHI if e.file == "shahmukhi" or (
                e.language == "pa" and script_of(e.text) == "arabic") else e.language)
            for e in read_examples(nlu_dir)
            if e.intent != "choose_article" and not e.text.startswith("/")]


def training_examples(nlu_dir: Path = NLU_DIR) -> dict[str, list[str]]:
    """Example messages per language label, from the NLU training data."""
    examples: dict[str, list[str]] = {}
    for text, _, label in _examples(nlu_dir):
        examples.setdefault(label, []).append(text)
    return examples


def training_examples_by_intent(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """(text, intent) for every training example, in every language."""
    return [(text, intent) for text, intent, _ in _examples(nlu_dir)]


def short_words(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """Language label -> its everyday short words (see the file's header)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {label: frozenset(str(w).casefold() for w in words) for label, words in data.items()}


def folded(text: str) -> str:
    """Lower case, letters typed three times or more counted once ("hellooo" -> "hello")."""
    return _REPEATED.sub(r"\1", text.casefold())


def words_in(text: str) -> list[str]:
    """The message's words, folded; numbers on their own are not words."""
    return [w for w in (w.strip("'’") for w in _WORD.findall(folded(text)))
            if w and not w.isdigit()]


def _classifier() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                        lowercase=True),
        LogisticRegression(max_iter=2000, C=10.0),
    )


class LanguageIdentifier:
    def __init__(self, examples: dict[str, list[str]],
                 words: dict[str, frozenset[str]] | None = None):
        self.words = short_words() if words is None else words
        self.lingua = (LanguageDetectorBuilder.from_languages(*LINGUA.values())
                       .with_preloaded_language_models().build())
        self.latin = self._train(examples, "latin")
        self.arabic = self._train(examples, "arabic")
        # The last message read and what it was found to be: the crisis check and the
        # language check both ask about each message, one right after the other
        # (actions/every_message.py), so the second is answered from here. One message
        # only, replaced as a whole (no lock needed), so no conversation is kept.
        self._last: tuple[str, Identification] | None = None

    @staticmethod
    def _train(examples: dict[str, list[str]], script: str) -> LinearTextScorer | None:
        """A classifier of this script's examples, scored without scikit-learn's per-call
        machinery, same numbers (understanding/linear_scoring.py)."""
        texts, labels = [], []
        for label, items in examples.items():
            for text in items:
                if script_of(text) == script:
                    texts.append(text)
                    labels.append(label)
        if len(set(labels)) < 2:
            return None
        return LinearTextScorer(_classifier().fit(texts, labels))

    def _lingua(self, text: str, codes: tuple[str, ...]) -> dict[str, float]:
        values = {v.language: v.value for v in self.lingua.compute_language_confidence_values(text)}
        scores = {c: values.get(LINGUA[c], 0.0) for c in codes}
        total = sum(scores.values())
        return {c: v / total for c, v in scores.items()} if total else scores

    @staticmethod
    def _model(model: LinearTextScorer | None, text: str) -> dict[str, float]:
        if model is None:
            return {}
        return dict(zip(model.classes_, model.predict_proba(text)))

    def _with_words(self, text: str, scores: dict[str, float]) -> dict[str, float]:
        """Scores (summing to 1) with the word lists' say added, for a short message
        with at least one known word: each language's share of the known words."""
        words = words_in(text)
        if not words or len(words) > SHORT_WORDS:
            return scores
        hits = {c: sum(w in self.words.get(c, ()) or (c == ARABIZI and bool(
            _ARABIZI_WORD.match(w))) for w in words) for c in scores}
        known = sum(hits.values())
        if not known:
            return scores
        return {c: (1 - WORD_WEIGHT) * v + WORD_WEIGHT * hits[c] / known
                for c, v in scores.items()}

    def identify(self, text: str) -> Identification:
        """The message's language; the last message's answer again when asked twice."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        found = self._identified(text)
        self._last = (text, found)
        return found

    def _identified(self, text: str) -> Identification:
        """Never raises on odd text: a message that reaches the action server without
        passing the channel's cleaning (a lone surrogate, a NUL) is cleaned here, since
        lingua cannot encode a lone surrogate and would fail the whole message."""
        text = folded(clean(text or ""))
        script = script_of(text)
        if script is None:
            return Identification(None, 0.0, None)
        if script == "gurmukhi":
            return Identification("pa", 1.0, script)
        if script == "bengali":
            return Identification("bn", 1.0, script)
        if script == "arabic":
            lingua = self._lingua(text, ("ur", "ar"))
            model = self._model(self.arabic, text)
            scores = {c: 0.5 * lingua.get(c, 0.0) + 0.5 * model.get(c, lingua.get(c, 0.0))
                      for c in ("ur", "ar")}
            scores[SHAHMUKHI] = model.get(SHAHMUKHI, 0.0)
            # Lingua knows Urdu from Arabic, not Urdu from Punjabi in the same letters: its
            # "Urdu" is shared between the two as our model shares them (round 9, ADR
            # 0020). Given all to Urdu, "میں کتھے رہواں" was answered in Urdu.
            urdu, shahmukhi = model.get("ur", 0.0), model.get(SHAHMUKHI, 0.0)
            if urdu + shahmukhi > 0:
                share = shahmukhi / (urdu + shahmukhi)
                scores["ur"] -= 0.5 * lingua.get("ur", 0.0) * share
                scores[SHAHMUKHI] += 0.5 * lingua.get("ur", 0.0) * share
        else:
            lingua = self._lingua(text, LINGUA_LATIN)
            model = self._model(self.latin, text) or {c: lingua[c] for c in LINGUA_LATIN}
            # Our model decides how likely the message is Roman Urdu, Punjabi, Bengali or
            # Arabic, which lingua cannot know; within the rest, lingua and our model
            # share the say.
            scores = {roman: p for roman, p in model.items() if roman not in LINGUA_LATIN}
            rest = sum(model.get(c, 0.0) for c in LINGUA_LATIN)
            for c in LINGUA_LATIN:
                own = model.get(c, 0.0) / rest if rest else 0.0
                scores[c] = rest * (0.5 * lingua[c] + 0.5 * own)
        total = sum(scores.values()) or 1.0
        scores = self._with_words(text, {c: v / total for c, v in scores.items()})
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best, confidence = ranked[0]
        alternatives = tuple((c, round(v, 3)) for c, v in ranked[1:3])
        if best == SHAHMUKHI:
            return Identification("pa", confidence, script, shahmukhi=True,
                                  alternatives=alternatives)
        return Identification(best, confidence, script, alternatives=alternatives)


def is_first_message(events: list[dict]) -> bool:
    """Whether the latest message is the first the resident sent in this conversation
    (the tracker's events hold it, and no earlier one)."""
    return sum(1 for e in events if e.get("event") == "user") == 1


def first_message_choice(found: Identification) -> tuple[str, str | None, bool]:
    """(language to answer in, language to offer, ask Punjabi-or-Urdu) for the first
    message of a conversation, which has no language yet to keep (issue 15, item 6).

    The answer is always in the best guess, even for "salaan" or "thx", so a resident who
    greets in Somali is greeted in Somali and never defaults to English. When the guess
    is unsure, the runner-up is offered as well (one question, with buttons in both
    languages), and Shahmukhi, or a close call between Urdu and Shahmukhi, gets the
    Punjabi-or-Urdu question, because the same letters serve both."""
    language = found.language or "en"
    runner_up, its_score = found.alternatives[0] if found.alternatives else (None, 0.0)
    # Offering a language the message hardly resembles (Romanian to "marhaba") only
    # gets in the way: the runner-up is offered only when it is a real contender.
    close = found.confidence < FIRST_SURE and its_score >= FIRST_OFFER
    if found.shahmukhi or (close and runner_up == SHAHMUKHI and language in ("ur", "pa")):
        return language, None, True
    if close and runner_up in LINGUA and runner_up != language:
        return language, runner_up, False
    return language, None, False


@built_once
def identifier() -> LanguageIdentifier:
    """One identifier per process, trained on first use (a few seconds)."""
    return LanguageIdentifier(training_examples())
