"""A character n-gram classifier for the ways of saying it that no list foresees.

Trained once and kept under var/cache (safety.cache: retrained only when what it reads
changes), from the danger phrases of every language
(as crisis examples, by category), the training data's crisis intents, and the
rest of the training data and the `calm` lists (as ordinary examples). It reads
misspellings and indirect phrasings; its score is one input of safety.assessment,
with thresholds per language (content `thresholds`).
"""
from __future__ import annotations

from typing import Iterable

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from safety.words import words_of

CALM = "none"
# Training intents whose examples are crises themselves, and which category they are.
CRISIS_INTENTS = {"homeless_tonight": "homeless_tonight",
                  "domestic_abuse_housing": "domestic_abuse"}


class CrisisClassifier:
    """How likely a message is a crisis, and which category is most likely."""

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
        probabilities = dict(zip(self.model.classes_,
                                 self.model.predict_proba([" ".join(words)])[0]))
        crisis = 1.0 - probabilities.get(CALM, 0.0)
        categories = {c: p for c, p in probabilities.items() if c != CALM}
        return crisis, max(categories, key=categories.get) if categories else None


def training_examples() -> tuple[list[tuple[str, str]], list[str]]:
    """(crisis examples by category, ordinary examples) from data/nlu, every language."""
    from knowledge.training_data import read_examples

    crisis, calm = [], []
    for example in read_examples():
        if example.intent in CRISIS_INTENTS:
            crisis.append((example.text, CRISIS_INTENTS[example.intent]))
        else:
            calm.append(example.text)
    return crisis, calm


def train_classifier(content: Iterable) -> CrisisClassifier:
    """The classifier from the training data and, from each language's crisis content
    (safety.content.LanguageContent), its danger phrases, its examples and its calm
    messages."""
    crisis, calm = training_examples()
    for language in content:
        calm += language.calm
        crisis += [(p.replace("*", ""), c)
                   for c, phrases in language.phrases.items() for p in phrases]
        crisis += [(e, c) for c, examples in language.examples.items() for e in examples]
    return CrisisClassifier(crisis, calm)
