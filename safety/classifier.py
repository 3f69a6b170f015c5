"""A character n-gram classifier for the ways of saying it that no list foresees.

Trained once and kept under var/cache (safety.cache: retrained only when what it reads
changes), from the danger phrases of every language
(as crisis examples, by category), the training data's crisis intents, and the
rest of the training data and the `calm` lists (as ordinary examples). It reads
misspellings and indirect phrasings; its score is one input of safety.assessment,
with thresholds per language (content `thresholds`).

It also learns from the crisis sets retired into tuning data (TUNING_SETS: dev, seen,
heldout, fresh) and from the blind sets spent by a round of tuning (SPENT_SETS: fourth
to fourteenth): whole messages in residents' own words, danger said indirectly and the
ordinary near-misses beside it (hyperbole, third parties, legal terms), in every script.
Phrase fragments alone taught it words, not sense; the spent sets added 4,536 messages to
the tuning sets' 6,213, which lifted recall on the next blind set more than any round of patterns
(ADR 0009, round 7). Because it has read those sets, its figures on them are only honest
out of fold (python -m ops.evaluate crisis --set tuning --cv 5); the blind set being
reported (README) is never read here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import yaml

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from knowledge.training_data import read_examples
from safety.words import words_of
from understanding.linear_scoring import LinearTextScorer

CALM = "none"
CRISIS_SETS = Path(__file__).resolve().parent.parent / "tests" / "data" / "crisis"
# The evaluation sets retired into tuning data (ADR 0009). Never the current held-out set.
TUNING_SETS = ("dev", "seen", "heldout", "fresh")
# Blind sets whose misses were read for a round of tuning: spent as measures, so they teach.
SPENT_SETS = ("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth")
LEARNT_SETS = TUNING_SETS + SPENT_SETS
# A resident's whole message counts for this many phrase fragments: there are far fewer
# of them, and they are what the classifier meets.
MESSAGE_WEIGHT = 2
# Training intents whose examples are crises themselves, and which category they are.
CRISIS_INTENTS = {"homeless_tonight": "homeless_tonight",
                  "domestic_abuse_housing": "domestic_abuse"}


class CrisisClassifier:
    """How likely a message is a crisis, and which category is most likely."""

    def __getstate__(self) -> dict:
        """The fitted pipeline only: the scorer is rebuilt from it after loading."""
        return {k: v for k, v in self.__dict__.items() if k != "_scorer"}

    def __init__(self, crisis: list[tuple[str, str]], calm: list[str]):
        texts = [" ".join(words_of(t)) for t, _ in crisis] + [" ".join(words_of(t)) for t in calm]
        labels = [c for _, c in crisis] + [CALM] * len(calm)
        self.model: Pipeline = make_pipeline(
            make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                       TfidfVectorizer(analyzer="word", sublinear_tf=True)),
            LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"),
        ).fit(texts, labels)

    def score(self, words: list[str]) -> tuple[float, str | None]:
        """(probability that this is a crisis, the most likely category)."""
        scorer = self.__dict__.get("_scorer")
        if scorer is None:
            # Built on first use, also for a classifier read from the cache (safety/cache.py):
            # the same probabilities without scikit-learn's per-call machinery.
            scorer = self._scorer = LinearTextScorer(self.model)
        probabilities = dict(zip(scorer.classes_, scorer.predict_proba(" ".join(words))))
        crisis = 1.0 - probabilities.get(CALM, 0.0)
        categories = {c: p for c, p in probabilities.items() if c != CALM}
        return crisis, max(categories, key=lambda c: categories[c]) if categories else None


def training_examples() -> tuple[list[tuple[str, str]], list[str]]:
    """(crisis examples by category, ordinary examples) from data/nlu, every language."""
    crisis, calm = [], []
    for example in read_examples():
        if example.intent in CRISIS_INTENTS:
            crisis.append((example.text, CRISIS_INTENTS[example.intent]))
        else:
            calm.append(example.text)
    return crisis, calm


def tuning_messages(keep: Callable[[str], bool] = lambda text: True,
                    folder: Path = CRISIS_SETS) -> tuple[list[tuple[str, str]], list[str]]:
    """(crisis messages by category, ordinary messages) of the retired and spent evaluation
    sets, those whose text `keep` accepts (cross-validation leaves a fold out)."""
    crisis, calm = [], []
    for name in LEARNT_SETS:
        for path in sorted((folder / name).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            crisis += [(i["text"], i["category"]) for i in data.get("crisis") or []
                       if keep(i["text"])]
            calm += [i["text"] for i in data.get("ordinary") or [] if keep(i["text"])]
    return crisis, calm


def train_classifier(content: Iterable,
                     messages: tuple[list[tuple[str, str]], list[str]] | None = None
                     ) -> CrisisClassifier:
    """The classifier from the training data and, from each language's crisis content
    (safety.content.LanguageContent), its danger phrases, its examples and its calm
    messages, and the residents' messages of the tuning sets (`messages`, by default all
    of them: see tuning_messages)."""
    crisis, calm = training_examples()
    set_crisis, set_calm = messages if messages is not None else tuning_messages()
    crisis += set_crisis * MESSAGE_WEIGHT
    calm += set_calm * MESSAGE_WEIGHT
    for language in content:
        calm += language.calm
        crisis += [(p.replace("*", ""), c)
                   for c, phrases in language.phrases.items() for p in phrases]
        crisis += [(e, c) for c, examples in language.examples.items() for e in examples]
    return CrisisClassifier(crisis, calm)
