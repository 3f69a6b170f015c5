"""A multilingual intent classifier that trains in seconds on two cores.

Character n-grams (2-5, within words) and word n-grams (1-2), TF-IDF weighted,
feed a multinomial logistic regression. Character n-grams carry every script
residents type in and tolerate misspellings and missing diacritics; the model
gives calibrated probabilities, so the FallbackClassifier's threshold means
what it says. On the eight-language training set it matches DIET's held-out
accuracy at a small fraction of the training time (docs/adr/0007).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from understanding.linear_scoring import LinearTextScorer

log = logging.getLogger(__name__)
MODEL_FILE = "intent_classifier.joblib"
# A message that is nothing but a place name ("برمنگھم", "Tipton") tells us where the
# resident lives, whatever the letters look like to the n-grams: a council name in Urdu
# script alone was read as off-topic (ADR 0024, round 9), and got "I can't help with
# that". The place entities come from the household extractor, which runs first.
TELLS_THE_COUNCIL = "inform_council"


def build_pipeline(config: Dict[Text, Any]) -> Pipeline:
    return make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                            token_pattern=r"(?u)[^\s]+"),
        ),
        # class_weight "balanced": an intent with 15 examples a language (the renting
        # rights) is not outweighed by one with 100 (applying) just for its size, which
        # left right answers below the fallback threshold (docs/adr/0024).
        # tol: saga stops when no weight moves by more than this share of the largest
        # one in a pass; config.yml's 0.015 stops where the predictions stop changing
        # (docs/adr/0007, addendum).
        LogisticRegression(C=config["C"], solver="saga", max_iter=config["max_iter"],
                           tol=config.get("tol", 1e-4), random_state=config["random_seed"],
                           class_weight=config.get("class_weight")),
    )


def fast_to_predict(model: Pipeline) -> Pipeline:
    """Store the regression's weights column-major, so predicting one message does not
    copy them all.

    scikit-learn scores a message as X @ coef_.T; scipy multiplies a sparse row by a
    dense matrix only if the matrix is C-contiguous, and otherwise copies it first.
    coef_ (intents x ~100,000 n-grams, ~40 MB) is row-major, so coef_.T is not: every
    message paid a 40 MB copy, ~30 ms of the Rasa server's time per message (profiled
    with py-spy under `make bench`). Fortran order makes coef_.T C-contiguous; the
    numbers, and so the predictions, are identical. The scorer that now answers each
    message (understanding/linear_scoring.py) reads coef_.T as it is, so with this order it
    shares the weights instead of keeping a second 40 MB copy.
    """
    final = model.steps[-1][1]
    if hasattr(final, "coef_"):
        final.coef_ = np.asfortranarray(final.coef_)
    return model


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
                          is_trainable=True)
class NavigatorIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 30.0, "max_iter": 200, "tol": 1e-4, "random_seed": 42,
                "ranking_length": 10, "class_weight": None}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[Pipeline] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = fast_to_predict(model) if model is not None else None
        # One message scored without scikit-learn's per-call machinery, same numbers
        # (understanding/linear_scoring.py): 2.3 -> 0.3 ms a message.
        self.scorer = LinearTextScorer(self.model) if self.model is not None else None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "NavigatorIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = [], []
        for example in training_data.intent_examples:
            if example.get(TEXT) and example.get(INTENT):
                texts.append(example.get(TEXT))
                labels.append(example.get(INTENT))
        if len(set(labels)) < 2:
            log.warning("fewer than two intents to learn: the intent classifier is not trained")
            return self._resource
        self.model = fast_to_predict(build_pipeline(self.config).fit(texts, labels))
        self.scorer = LinearTextScorer(self.model)
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "NavigatorIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            log.warning("no trained intent classifier in the model: every message will fall back")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if self.scorer is None or not text.strip():
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
                continue
            probabilities = self.scorer.predict_proba(text)
            ranked = sorted(zip(self.scorer.classes_, probabilities), key=lambda kv: -kv[1])
            ranking = [{"name": str(name), "confidence": float(p)}
                       for name, p in ranked[: self.config["ranking_length"]]]
            if only_names_a_place(text, message.get(ENTITIES) or []):
                ranking = [{"name": TELLS_THE_COUNCIL, "confidence": 1.0}] + [
                    r for r in ranking if r["name"] != TELLS_THE_COUNCIL]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages


def only_names_a_place(text: str, entities: List[Dict[Text, Any]]) -> bool:
    """Whether the message is a place name and nothing else (punctuation aside)."""
    places = [e for e in entities if e.get("entity") == "place"
              and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
    if not places:
        return False
    kept = list(text)
    for place in places:
        kept[place["start"]:place["end"]] = [" "] * (place["end"] - place["start"])
    return not any(ch.isalpha() for ch in kept)
