"""Reading the crisis content: knowledge/content/crisis/<language>.yml.

Each language file has
- `categories`: phrases that show clear danger, by category (outcome 1);
- `patterns`: the same, as token patterns with words in between (see below);
- `concern`: phrases that may show danger and deserve a check (outcome 2);
- `context`: what changes the meaning of a danger phrase, by kind: `negation`
  ("not in danger": before the phrase, or around it), `negation_after` (a denial that
  follows what it denies, as Urdu, Punjabi, Bengali and Somali word order puts it:
  "khudkushi wali koi baat nahi", "is dilid ma aha"), `denial` and `denial_after`
  (single denial words, "nobody", "nie", "nahi", "ma", right before or right after a
  danger phrase: such a phrase gets at most the safety check, see safety.assessment),
  `clause_break` ("but", "lekin", "ale": a denial never reaches across it), `hyperbole` ("this flat is killing me"), `legal` ("intentionally
  homeless", "section 21"), `third_party` ("a man sleeping rough near our shop"),
  `medical_housing` ("mould", "asthma"), `urgency` ("tonight", "right now") and
  `person` (someone who could hurt: "he", "my husband") and `greeting` ("hello", "salam":
  words that say nothing about safety, not counted when the classifier is asked);
  `past` and `present` (danger told as history, or now), and `moved_on` ("now I want to
  apply", "teraz mam prace": history followed by a settled life, see safety.assessment),
  and `fixture` (a thing in the home named after a danger: "fire door", "smoke alarm",
  "knife drawer", "gas safety check": its words are set aside before danger is looked for);
- `indicators`: risk indicators from safeguarding practice (saying goodbye, documents
  taken, a baby that will not wake, night buses till morning, the landlord's men at the
  door), as patterns under `danger` or `concern` by category: a concern when the sign is
  real but not certain, as a kind check costs far less than a miss;
  Context kinds there (`urgency`, `negation`...) join the context's (a fire is urgent
  whatever else is said; "safe now, left him years ago" is the past);
- `examples`: whole messages showing those indicators, by category, written for the
  classifier (never copied from an evaluation set);
- `calm`: whole messages that are never a crisis (a callback time, "ok thanks");
- `thresholds`: the classifier's danger and concern thresholds for this language,
  calibrated out of fold on the tuning sets
  (python -m ops.evaluate crisis --set tuning --cv 5 --calibrate).

A pattern is words separated by spaces; `word*` matches any ending, `a|b` either
word, and `...` up to three words in between ("landlord ... changed ... locks"), `...6`
up to six (at most eight).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CRISIS_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "content" / "crisis"
COUNCILS_FILE = CRISIS_DIR.parent / "councils.yml"
CONTEXT_KINDS = ("negation", "negation_after", "denial", "denial_after", "clause_break",
                 "hyperbole", "legal", "third_party", "medical_housing",
                 "urgency", "person", "greeting", "past", "present", "moved_on", "fixture")
DEFAULT_THRESHOLDS = {"danger": 0.6, "concern": 0.35}


@dataclass
class LanguageContent:
    """One language file, as read."""

    language: str
    categories: dict[str, list[str]]
    concern: dict[str, list[str]] = field(default_factory=dict)
    context: dict[str, list[str]] = field(default_factory=dict)
    calm: list[str] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    # The plain phrase lists alone (without `patterns`): the classifier's crisis examples,
    # so that adding a pattern never changes what the classifier learnt.
    phrases: dict[str, list[str]] = field(default_factory=dict)
    # Whole messages showing a risk indicator, by category, written for the classifier
    # (`examples`): it learns the ways of saying it that no pattern foresees.
    examples: dict[str, list[str]] = field(default_factory=dict)


def _lists(block: dict | None) -> dict[str, list[str]]:
    return {name: [str(p) for p in phrases or []] for name, phrases in (block or {}).items()}


def load_content(folder: Path = CRISIS_DIR) -> dict[str, LanguageContent]:
    """language -> its crisis content."""
    found = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        language = data.get("language", path.stem)
        indicators = data.get("indicators") or {}
        context = _lists(data.get("context"))
        # Context beside the indicators it qualifies: a fire is urgent whatever else the
        # message mentions (stairs, asthma); "safe now, years ago" explains a past abuser.
        for kind in CONTEXT_KINDS:
            context[kind] = context.get(kind, []) + [str(p) for p in indicators.get(kind) or []]
        unknown = set(context) - set(CONTEXT_KINDS)
        if unknown:
            raise ValueError(f"{path.name}: unknown context kinds {sorted(unknown)}")
        phrases = _lists(data.get("categories"))
        danger = dict(phrases)
        concern = _lists(data.get("concern"))
        for block, into in ((data.get("patterns"), danger), (indicators.get("danger"), danger),
                            (indicators.get("concern"), concern)):
            for category, patterns in _lists(block).items():
                into[category] = into.get(category, []) + patterns
        found[language] = LanguageContent(
            language, danger, concern, context,
            [str(t) for t in data.get("calm") or []],
            {**DEFAULT_THRESHOLDS, **(data.get("thresholds") or {})}, phrases,
            _lists(data.get("examples")))
    return found


def place_names(path: Path = COUNCILS_FILE) -> list[str]:
    """Council names, ids and the places residents name instead (knowledge/content/councils.yml):
    a message that only names a place is telling us where they live, nothing more."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: list[str] = list((data.get("ambiguous_places") or {}).keys())
    for council in data.get("councils") or []:
        names += [council["id"], council["name"], *(council.get("places") or [])]
        names.append((council.get("scheme") or {}).get("name") or "")
    return [n for n in names if n]
