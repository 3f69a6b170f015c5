"""Household entities for Rasa: size, adults, children, their ages, bedrooms and place.

A thin wrapper: the reading is done by understanding.household (Rasa-free, spaCy blank
pipelines and word lists in eight languages, docs/adr/0017). This component adds what it
finds to the message's entities, so the slots in bot/domain/household.yml fill, and the
whole picture (children's sexes, a couple, bedrooms wanted) as the message property
"household", which actions read from tracker.latest_message.

It learns nothing, so adding a spelling to understanding/numbers/ or
understanding/vocabulary/ needs no retraining, only a restart.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from understanding.household import HouseholdReader

log = logging.getLogger(__name__)
HOUSEHOLD = "household"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
                          is_trainable=False)
class HouseholdEntityExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def __init__(self, config: Dict[Text, Any], reader: Optional[HouseholdReader] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._reader = reader

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "HouseholdEntityExtractor":
        # Training never asks for household entities: the word lists are read on first use.
        return cls(config)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "HouseholdEntityExtractor":
        # The server builds the patterns (a few seconds) at start, not on a resident's message.
        return cls(config, HouseholdReader())

    @property
    def reader(self) -> HouseholdReader:
        if self._reader is None:
            self._reader = HouseholdReader()
        return self._reader

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            household = self.reader.read(text)
            existing = message.get(ENTITIES, [])
            found = [e for e in household.entities(self.name)
                     if e["entity"] != "place" or not _overlaps(e, existing)]
            if found:
                message.set(ENTITIES, existing + found, add_to_output=True)
                message.set(HOUSEHOLD, household.as_dict(), add_to_output=True)
        return messages


def _overlaps(entity: Dict[Text, Any], others: List[Dict[Text, Any]]) -> bool:
    """A place another extractor already found (a council name, a postcode) is not added twice."""
    return any(o.get("start", -1) < entity["end"] and entity["start"] < o.get("end", -1)
               for o in others)
