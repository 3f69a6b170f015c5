"""The dev sets (tests/data/answers/dev/) are tuned on, so they must stay apart from both
the training data (or tuning would measure memory) and the held-out sets (or the held-out
figures would no longer be held out). A failure names counts and files, never the text."""
from __future__ import annotations

from collections import Counter

import yaml

from knowledge.training_data import read_examples
from ops.evaluation import held_out_intents
from ops.evaluation.answer_sets import load_answer_sets
from ops.evaluation.out_of_scope import load_out_of_scope
from ops.evaluation.resident_replies import PARAPHRASE_DIR


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _dev_texts() -> set[str]:
    dev = yaml.safe_load(held_out_intents.DEV_PARAPHRASE.read_text(encoding="utf-8"))
    texts = {_key(item["text"]) for items in dev.values() for item in items}
    scope = yaml.safe_load(held_out_intents.DEV_SCOPE[1].read_text(encoding="utf-8"))
    return texts | {_key(t) for items in scope.values() for t in items}


def test_dev_sets_name_known_intents_in_every_language():
    dev = yaml.safe_load(held_out_intents.DEV_PARAPHRASE.read_text(encoding="utf-8"))
    intents = {e.intent for e in read_examples()}
    assert set(dev) == {"ar", "bn", "en", "pa", "pl", "ro", "so", "ur"}
    assert all(item["intent"] in intents for items in dev.values() for item in items)


def test_dev_messages_are_not_training_examples():
    dev = _dev_texts()
    clashes = Counter(f"{e.language}/{e.file}.yml" for e in read_examples() if _key(e.text) in dev)
    assert not clashes, f"training examples equal to dev messages: {dict(clashes)}"


def test_dev_messages_are_not_held_out_messages():
    held_out = {_key(q.text) for questions in load_answer_sets(PARAPHRASE_DIR).values()
                for q in questions}
    held_out |= {_key(m["text"]) for messages in load_out_of_scope().values() for m in messages}
    assert not (_dev_texts() & held_out), "a dev message equals a held-out message"


def test_no_training_example_is_taught_as_two_intents():
    intents: dict[str, set[str]] = {}
    for e in read_examples():
        intents.setdefault(_key(e.text), set()).add(e.intent)
    assert not [t for t, i in intents.items() if len(i) > 1], \
        "a training example is labelled with two intents"
