"""Calibrate the fallback and "Is it one of these?" thresholds (docs/adr/0024).

    python -m ops.calibrate_suggestions [model.tar.gz]

In scope: the first answer sets (tests/data/answers/<lang>.yml). Out of scope:
tests/bot/data/scope_calibration.yml, kept out of the training data by a test. Never the
held-out paraphrase or out-of-scope sets: those only measure. Prints two tables: for each
fallback threshold, how many in-scope questions the classifier answers (and rightly) and
how many out-of-scope messages get a housing intent; for each suggestion threshold, among
messages below the fallback threshold, the suggestion lists shown (bot/suggestions.py
applied to the knowledge-base search) and how many out-of-scope ones list a housing article.
"""
from __future__ import annotations

import io
import sys
import tarfile
import tempfile
from pathlib import Path

import joblib
import yaml

from bot.suggestions import close_suggestions
from knowledge.cli import load_shipped_content
from knowledge.database import make_engine
from knowledge.library import KnowledgeBase
from ops.evaluation.answer_sets import load_answer_sets
from ops.evaluation.common import MODEL, ROOT

CALIBRATION = ROOT / "tests" / "bot" / "data" / "scope_calibration.yml"
FALLBACKS = (0.2, 0.25, 0.3, 0.35, 0.4)
SUGGESTIONS = (0.0, 0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2)
FALLBACK_IN_USE = 0.3


def classifier(model: Path):
    with tarfile.open(model) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("intent_classifier.joblib"))
        return joblib.load(io.BytesIO(tar.extractfile(member).read()))  # type: ignore[union-attr]


def ranking(classes, probabilities) -> list[dict]:
    return [{"name": str(c), "confidence": float(p)}
            for c, p in sorted(zip(classes, probabilities), key=lambda kv: -kv[1])]


def main(argv: list[str]) -> int:
    # tests/ holds the one content date; importing it loads pytest, so only when asked
    from tests.conftest import CONTENT_DATE

    model = classifier(Path(argv[0]) if argv else MODEL)
    classes = list(model.classes_)
    intent_of = {}
    for path in (ROOT / "knowledge" / "content" / "articles").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        intent_of[data["id"]] = data.get("intent")
    in_scope = [(q.text, lang, set(q.articles), {intent_of.get(a) for a in q.articles})
                for lang, qs in load_answer_sets().items() for q in qs]
    out_of_scope = [(t, lang) for lang, texts in
                    yaml.safe_load(CALIBRATION.read_text(encoding="utf-8")).items() for t in texts]
    p_in = model.predict_proba([t for t, *_ in in_scope])
    p_out = model.predict_proba([t for t, _ in out_of_scope])
    print(f"Fallback threshold: {len(in_scope)} in-scope questions, {len(out_of_scope)} "
          "out-of-scope messages")
    for th in FALLBACKS:
        answered = [classes[p.argmax()] in exp for p, (*_, exp) in zip(p_in, in_scope)
                    if p.max() >= th]
        housing = sum(1 for p in p_out if p.max() >= th
                      and classes[p.argmax()] != "out_of_scope_redirect")
        print(f"  {th:.2f}: in scope answered {len(answered)}, right {sum(answered)} "
              f"(precision {sum(answered) / max(len(answered), 1):.3f}); "
              f"out of scope given a housing intent {housing}")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/kb.db"
        load_shipped_content(url, CONTENT_DATE)
        engine = make_engine(url)
        kb = KnowledgeBase(engine)
        low_in = [(kb.search(t, None, language=lang), ranking(classes, p), articles)
                  for p, (t, lang, articles, _) in zip(p_in, in_scope) if p.max() < FALLBACK_IN_USE]
        low_out = [(kb.search(t, None, language=lang), ranking(classes, p))
                   for p, (t, lang) in zip(p_out, out_of_scope) if p.max() < FALLBACK_IN_USE]
        engine.dispose()
    print(f"Suggestions below the fallback threshold {FALLBACK_IN_USE}: {len(low_in)} in scope, "
          f"{len(low_out)} out of scope")
    for s in SUGGESTIONS:
        shown = [close_suggestions(r.matches, rk, s) if s else r.matches for r, rk, _ in low_in]
        right = sum(1 for x, (*_, a) in zip(shown, low_in) if {m.id for m in x} & a)
        bad = sum(1 for r, rk in low_out
                  if any(not m.id.startswith("where-else")
                         for m in (close_suggestions(r.matches, rk, s) if s else r.matches)))
        print(f"  {s:.2f}: in-scope lists {sum(1 for x in shown if x)}, with the right article "
              f"{right}; out-of-scope lists with a housing article {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
