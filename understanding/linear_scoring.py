"""One message through a fitted TF-IDF + logistic-regression pipeline, without scikit-learn's
per-call machinery.

The three text classifiers (the intent classifier in bot/components/, the crisis classifier
in safety/, language identification in actions/) are scikit-learn pipelines: one
TfidfVectorizer, or several in a FeatureUnion, then a LogisticRegression. Scoring ONE
message with `Pipeline.predict_proba` took about 2.3 ms for the intent classifier, of which
the arithmetic is under 0.1 ms: the rest is input validation, joblib's `Parallel` inside the
FeatureUnion and building sparse matrices, on every message, in the Rasa process and twice
in the action server (py-spy and timings, docs/adr/0023 addendum 3).

`LinearTextScorer` reads the fitted vocabularies, idf weights and coefficients once and
computes the same numbers directly: the same analyzer (scikit-learn's own, so lowercasing,
accents and n-grams are unchanged), raw counts, 1 + log for sublinear tf, idf, the l2 norm
per vectorizer, the weights and the softmax or one-vs-rest probabilities scikit-learn would
use. Tests hold its probabilities equal to `predict_proba`'s (within 1e-9) on the models we
train; a pipeline of any other shape is scored by scikit-learn, as before.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


@dataclass(frozen=True)
class _Vectorizer:
    analyze: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    sublinear: bool
    normalise: bool
    offset: int  # where its columns start in the union


class LinearTextScorer:
    """`predict_proba` for one text, with the numbers of the fitted pipeline it was made from."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.classes_ = pipeline.classes_
        self._parts = _vectorizers(pipeline)
        regression = pipeline.steps[-1][1] if self._parts else None
        self._fast = bool(self._parts) and _plain_regression(regression)
        if self._fast:
            assert isinstance(regression, LogisticRegression)
            self._weights = np.ascontiguousarray(regression.coef_.T, dtype=np.float64)
            self._intercept = np.asarray(regression.intercept_, dtype=np.float64)
            self._softmax = _uses_softmax(regression)

    @property
    def fast(self) -> bool:
        """False when the pipeline has a shape this module does not know (scikit-learn scores)."""
        return self._fast

    def predict_proba(self, text: str) -> np.ndarray:
        """The probability of each class (in `classes_` order) for one text."""
        if not self._fast:
            found: np.ndarray = self.pipeline.predict_proba([text])[0]
            return found
        columns: list[int] = []
        values: list[float] = []
        for part in self._parts:
            _add_features(part, text, columns, values)
        scores = self._intercept.copy()
        if columns:
            scores += np.asarray(values) @ self._weights[columns]
        return _probabilities(scores, self._softmax)


def _vectorizers(pipeline: Pipeline) -> list[_Vectorizer]:
    """The pipeline's TF-IDF vectorizers in column order, or [] when its shape is another."""
    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        return []
    first = pipeline.steps[0][1]
    if isinstance(first, TfidfVectorizer):
        members = [first]
    elif isinstance(first, FeatureUnion) and first.transformer_weights is None:
        members = [t for _, t in first.transformer_list]
    else:
        return []
    parts, offset = [], 0
    for member in members:
        if not _plain_tfidf(member):
            return []
        parts.append(_Vectorizer(member.build_analyzer(), member.vocabulary_,
                                 np.asarray(member.idf_, dtype=np.float64),
                                 member.sublinear_tf, member.norm == "l2", offset))
        offset += len(member.vocabulary_)
    return parts


def _plain_tfidf(vectorizer: Any) -> bool:
    """A TfidfVectorizer whose numbers this module reproduces exactly."""
    return (isinstance(vectorizer, TfidfVectorizer) and not vectorizer.binary
            and vectorizer.use_idf and vectorizer.norm in ("l2", None)
            and vectorizer.dtype in (np.float64, float) and hasattr(vectorizer, "idf_"))


def _plain_regression(regression: Any) -> bool:
    return isinstance(regression, LogisticRegression) and hasattr(regression, "coef_")


def _uses_softmax(regression: LogisticRegression) -> bool:
    """scikit-learn's own choice in LogisticRegression.predict_proba (1.x)."""
    one_vs_rest = regression.multi_class in ("ovr", "warn") or (
        regression.multi_class == "auto"
        and (regression.classes_.size <= 2 or regression.solver == "liblinear"))
    return not one_vs_rest


def _add_features(part: _Vectorizer, text: str, columns: list[int],
                  values: list[float]) -> None:
    """This vectorizer's non-zero TF-IDF values for the text, as columns of the union."""
    counts = Counter(index for term in part.analyze(text)
                     if (index := part.vocabulary.get(term)) is not None)
    if not counts:
        return
    indices = list(counts)
    tf = [float(counts[i]) for i in indices]
    if part.sublinear:
        tf = [1.0 + math.log(x) for x in tf]
    weighted = np.asarray(tf) * part.idf[indices]
    if part.normalise:
        length = math.sqrt(float(weighted @ weighted))
        if length > 0:
            weighted = weighted / length
    columns.extend(part.offset + i for i in indices)
    values.extend(weighted.tolist())


def _probabilities(scores: np.ndarray, softmax: bool) -> np.ndarray:
    if softmax:
        if scores.size == 1:  # two classes: scikit-learn's [-d, d] before the softmax
            scores = np.array([-scores[0], scores[0]])
        exp: np.ndarray = np.exp(scores - scores.max())
        shares: np.ndarray = exp / exp.sum()
        return shares
    positive: np.ndarray = 1.0 / (1.0 + np.exp(-scores))
    if positive.size == 1:
        return np.array([1.0 - positive[0], positive[0]])
    normalised: np.ndarray = positive / positive.sum()
    return normalised
