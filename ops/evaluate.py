"""Measure how well the navigator understands and answers residents, per language.

    python -m ops.evaluate            everything below, then results/<date>/report.md
    python -m ops.evaluate nlu        intent accuracy, macro-F1 and worst confusions (5-fold CV)
    python -m ops.evaluate language   language identification on short messages
    python -m ops.evaluate crisis [--set dev|tuning|fourth|...|fourteenth|fifteenth]
                                  [--cv N [--calibrate]] [--show-misses]
                                      crisis messages reached by outcome 1 (numbers) or 2
                                      (the safety check), false alarms by outcome, per
                                      language, on the newest blind set (fifteenth) unless
                                      told;
                                      --cv: out of N folds on the tuning sets, --calibrate
                                      prints classifier thresholds calibrated out of fold
    python -m ops.evaluate stories    conversation test stories (rasa test core)
    python -m ops.evaluate answers [ur pl ...]
                                      held-out resident questions asked through the REST
                                      channel (of the assistant at RASA_URL, or of a stack
                                      started for the run), scored on required facts
    python -m ops.evaluate replies [ur pl ...]
                                      issue 15 through the REST channel, one assistant for
                                      all three: paraphrase (answer quality on the
                                      paraphrase sets, first-reply length), scope
                                      (out-of-scope messages), first (first messages
                                      answered in their language); each can run alone
    python -m ops.evaluate report     rebuild report.md from the day's JSON files

Every measure writes results/<date>/<measure>.json; the report (Markdown and PNG plots)
is rebuilt from those after each run, so one measure can be re-run on its own. The
code lives in ops/evaluation/; this module keeps the command and the names other
scripts import from it.
"""
from __future__ import annotations

import sys

from ops.evaluation.cli import main
from ops.evaluation.crisis import CRISIS_DIR, crisis_sets, evaluate_crisis
from ops.evaluation.language_id import LANGUAGE_ID_DIR, evaluate_language_id
from ops.evaluation.nlu import NLU_DIR, classifier_config, evaluate_intents, labelled_examples

__all__ = ["CRISIS_DIR", "LANGUAGE_ID_DIR", "NLU_DIR", "classifier_config", "crisis_sets",
           "evaluate_crisis", "evaluate_intents", "evaluate_language_id", "labelled_examples",
           "main"]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
