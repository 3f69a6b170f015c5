"""understanding/linear_scoring.py gives the probabilities scikit-learn's predict_proba gives,
for every pipeline shape the project trains (the intent classifier's, the crisis
classifier's, language identification's), and leaves other shapes to scikit-learn."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from bot.components.intent_classifier import build_pipeline, fast_to_predict
from understanding.linear_scoring import LinearTextScorer

TRAIN = [
    ("how do I apply for a council house", "apply"), ("jak złożyć wniosek o mieszkanie", "apply"),
    ("council ghar ke liye apply kaise karein", "apply"), ("كيف أقدم على سكن", "apply"),
    ("how does bidding work", "bidding"), ("jak działa licytowanie", "bidding"),
    ("bidding kaise hoti hai", "bidding"), ("কিভাবে বিড করব", "bidding"),
    ("black mould in the bedroom", "damp"), ("wilgoć i grzyb w pokoju", "damp"),
    ("ghar mein seelan hai", "damp"), ("رطوبة وعفن في البيت", "damp"),
]
ASKED = ["how do i apply", "Jak działa BIDDING?", "seelan aur mould", "عفن", "", "   ",
         "zzzz qqqq", "👍", "B21 9ZZ", "apply apply apply bidding", "মোল্ড আছে ঘরে"]


def _check(pipeline, texts=ASKED) -> LinearTextScorer:
    scorer = LinearTextScorer(pipeline)
    assert list(scorer.classes_) == list(pipeline.classes_)
    for text in texts:
        np.testing.assert_allclose(scorer.predict_proba(text),
                                   pipeline.predict_proba([text])[0], rtol=1e-9, atol=1e-12)
    return scorer


def _fit(pipeline, pairs=TRAIN):
    return pipeline.fit([t for t, _ in pairs], [label for _, label in pairs])


def test_the_intent_classifier_shape():
    config = {"C": 30.0, "max_iter": 200, "tol": 1e-4, "random_seed": 42,
              "class_weight": "balanced"}
    assert _check(fast_to_predict(_fit(build_pipeline(config)))).fast


def test_the_crisis_classifier_shape():
    pipeline = make_pipeline(
        make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                   TfidfVectorizer(analyzer="word", sublinear_tf=True)),
        LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"))
    assert _check(_fit(pipeline)).fast


@pytest.mark.parametrize("labels", [("apply", "bidding", "damp"), ("apply", "damp")])
def test_the_language_identification_shape_with_two_or_more_classes(labels):
    """Two classes: scikit-learn's one-vs-rest branch; more: the softmax."""
    pairs = [(t, label) for t, label in TRAIN if label in labels]
    pipeline = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4),
                                             sublinear_tf=True, lowercase=True),
                             LogisticRegression(max_iter=2000, C=10.0))
    assert _check(_fit(pipeline, pairs)).fast


def test_one_vs_rest_and_plain_counts():
    pipeline = make_pipeline(TfidfVectorizer(sublinear_tf=False, norm=None),
                             LogisticRegression(solver="liblinear"))
    assert _check(_fit(pipeline)).fast


def test_another_shape_is_scored_by_scikit_learn():
    pipeline = make_pipeline(CountVectorizer(), LogisticRegression(max_iter=500))
    scorer = _check(_fit(pipeline))
    assert not scorer.fast
