"""The intent classifier predicts without copying its weights (see fast_to_predict)."""
from __future__ import annotations

import numpy as np

from bot.components.intent_classifier import (NavigatorIntentClassifier, build_pipeline,
                                              fast_to_predict)

TEXTS = ["how do i apply for a council house", "apply for housing register",
         "how does bidding work", "when can i bid on a house",
         "free loft insulation grant", "grant for cavity wall insulation"]
LABELS = ["apply", "apply", "bid", "bid", "grant", "grant"]


def _trained():
    return build_pipeline(NavigatorIntentClassifier.get_default_config()).fit(TEXTS, LABELS)


def test_weights_are_ready_for_one_message_at_a_time():
    model = fast_to_predict(_trained())
    # scipy multiplies sparse x dense without a copy only when the dense side is
    # C-contiguous; sklearn multiplies by coef_.T.
    assert model.steps[-1][1].coef_.T.flags["C_CONTIGUOUS"]


def test_predictions_do_not_change():
    before = _trained().predict_proba(TEXTS + ["bidding for a flat"])
    after = fast_to_predict(_trained()).predict_proba(TEXTS + ["bidding for a flat"])
    assert np.array_equal(before, after)
