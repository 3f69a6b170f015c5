"""No training example is a held-out paraphrase or out-of-scope message: those sets
measure generalisation only while the classifier has never seen them. A failure names
the training file and how many, never the held-out text."""
from __future__ import annotations

from collections import Counter

from knowledge.training_data import read_examples
from ops.evaluation.answer_sets import load_answer_sets
from ops.evaluation.out_of_scope import load_out_of_scope
from ops.evaluation.resident_replies import PARAPHRASE_DIR


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def test_held_out_messages_are_not_training_examples():
    held_out = {_key(q.text) for questions in load_answer_sets(PARAPHRASE_DIR).values()
                for q in questions}
    held_out |= {_key(m["text"]) for messages in load_out_of_scope().values() for m in messages}
    clashes = Counter(f"{e.language}/{e.file}.yml" for e in read_examples()
                      if _key(e.text) in held_out)
    assert not clashes, f"training examples equal to held-out messages: {dict(clashes)}"
