"""The Rasa component in a tiny pipeline: whitespace tokens, then household entities, as
config.yml runs them; the slots in bot/domain/household.yml fill from what it adds."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.household_extractor import HouseholdEntityExtractor
from understanding.household import ENTITY_NAMES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, reader):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    context = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
    tokenizer = WhitespaceTokenizer.create(WhitespaceTokenizer.get_default_config(), storage,
                                           Resource("tokenizer"), context)
    extractor = HouseholdEntityExtractor({}, reader)

    def run(text: str, entities: list | None = None) -> Message:
        message = Message(data={TEXT: text, **({ENTITIES: entities} if entities else {})})
        tokenizer.process([message])
        return extractor.process([message])[0]
    return run


def test_entities_for_the_slots(pipeline):
    message = pipeline("We are 7, 2 adults and 5 kids aged 3, 6, 9, 12 and 15 in a 2 bed flat")
    found = {(e["entity"], e["value"]) for e in message.get(ENTITIES)}
    assert found == {("household_size", 7), ("adults", 2), ("children", 5), ("bedrooms", 2),
                     ("child_ages", 3), ("child_ages", 6), ("child_ages", 9),
                     ("child_ages", 12), ("child_ages", 15)}
    assert all(e["extractor"] == "HouseholdEntityExtractor" for e in message.get(ENTITIES))
    assert message.as_dict(only_output_properties=True)["household"]["couple"] is False


def test_urdu_message_in_urdu_digits(pipeline):
    message = pipeline("ہم ۷ افراد ہیں، دو کمروں کا گھر")
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [
        ("household_size", 7), ("bedrooms", 2)]


def test_other_extractors_entities_are_kept_and_places_not_doubled(pipeline):
    council = {"entity": "council", "start": 11, "end": 19, "value": "coventry",
               "extractor": "RegexEntityExtractor"}
    message = pipeline("we live in Coventry, family of 5", [council])
    assert message.get(ENTITIES)[0] == council
    assert [e["entity"] for e in message.get(ENTITIES)] == ["council", "household_size"]


def test_a_message_with_no_household_is_left_alone(pipeline):
    message = pipeline("how do I apply for a council house")
    assert message.get(ENTITIES, []) == []
    assert "household" not in message.as_dict(only_output_properties=True)


def test_registered_after_the_tokenizer_and_every_entity_in_the_domain():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    names = [c["name"] for c in config["pipeline"]]
    assert names.index("bot.components.household_extractor.HouseholdEntityExtractor") == \
        names.index("WhitespaceTokenizer") + 1
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    assert set(ENTITY_NAMES) <= set(domain.entities)
    slots = {s.name: s for s in domain.slots}
    assert slots["child_ages"].type_name == "list"
    assert not any(slots[name].influence_conversation
                   for name in ("household_size", "adults", "children", "child_ages", "bedrooms"))


def test_rasa_fills_the_household_slots_from_the_entities(pipeline):
    """Rasa's own slot filling (action_extract_slots) on what the component found."""
    import asyncio

    from rasa.core.actions.action import ActionExtractSlots
    from rasa.core.channels import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(ROOT / "bot" / "domain"))
    message = pipeline("family of 7, 5 children aged 3, 6 and 9, in a 2 bed flat")
    tracker = DialogueStateTracker.from_events("resident", [UserUttered(
        message.get(TEXT), {"name": "overcrowding", "confidence": 1.0},
        message.get(ENTITIES))], domain.slots)
    events = asyncio.run(ActionExtractSlots(None).run(
        CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses),
        tracker, domain))
    filled = {e.key: e.value for e in events if e.key in
              ("household_size", "adults", "children", "child_ages", "bedrooms")}
    assert filled == {"household_size": 7, "children": 5, "child_ages": [3, 6, 9],
                      "bedrooms": 2}
