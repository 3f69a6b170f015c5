"""Keeping people safe: how worried to be about a resident's message.

`assess(text, language)` reads a message the way a housing caseworker would and
answers with one of three outcomes (an `Assessment`):

- danger: risk to life now, domestic abuse, suicidal thoughts, a child at risk,
  nowhere safe to sleep tonight, an illegal lock-out happening now. The assistant
  gives the numbers first.
- concern: something that may be one of those, but is not clear. The assistant
  asks one short, kind question ("Are you safe right now?") and answers.
- ordinary: a housing question. Answered without interruption.

This package knows nothing about Rasa: the dialogue (slots, replies) is in
actions/safety.py, the evaluation in ops/evaluation/crisis.py. What it reads is
content that housing teams and speakers maintain, in
knowledge/content/crisis/<language>.yml.
"""
from safety.assessment import (CATEGORIES, CONCERN, DANGER, ORDINARY, Assessment, Detector,
                               assess, detector)

__all__ = ["CATEGORIES", "CONCERN", "DANGER", "ORDINARY", "Assessment", "Detector",
           "assess", "detector"]
