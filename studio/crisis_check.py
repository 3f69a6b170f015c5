"""Checking a crisis phrase file saved in the studio, beside its fields.

Two checks, both the crisis detector's own (safety/, ADR 9):
- the file must still build the detector: known categories and context kinds, lists of
  phrases, thresholds between 0 and 1 (the detector refuses anything else at start-up, and
  an action server that cannot build it cannot check anyone's safety);
- a phrase added to a danger or concern list must not make an ordinary question a crisis.
  The ordinary questions are those of the crisis tuning sets (the sets behind ADR 9's
  false-alarm targets; never the held-out set) and the file's own `calm` messages. Only
  messages the new phrase matches are assessed, with and without the change, so a save
  costs a second, not a full evaluation; what the change newly raises is named beside
  the phrase's list. Danger (999 instead of an answer) is an error; concern a warning.
"""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.validation import Problem

# Lists whose phrases raise an outcome; the rest (context, calm, examples) only qualify.
RAISING = {"categories": "danger", "patterns": "danger", "concern": "concern",
           "indicators.danger": "danger", "indicators.concern": "concern"}


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Every list and value of a crisis file by its dotted field name (`categories.suicidal`,
    `thresholds.danger`): the names the form's fields carry."""
    if not isinstance(data, dict):
        return {prefix: data} if prefix else {}
    found: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        found |= flatten(value, name) if isinstance(value, dict) else {name: value}
    return found


def raising(name: str) -> str | None:
    """'danger' or 'concern' for a list whose phrases raise that outcome, else None."""
    section = name.rpartition(".")[0]
    return RAISING.get(section)


def check_crisis(path: str, data: dict, live: dict) -> list[Problem]:
    problems = _shape(path, data) + _names(path, data)
    if any(p.severity == "error" for p in problems):
        return problems
    language = str(data.get("language") or Path(path).stem)
    return problems + _false_alarms(path, language, data, live)


def _shape(path: str, data: dict) -> list[Problem]:
    found = []
    for name, value in flatten(data).items():
        if name.startswith("thresholds."):
            if not isinstance(value, (int, float)) or not 0 < value < 1:
                found.append(Problem(path, name, "A threshold is a number between 0 and 1",
                                     "put back the calibrated value (ADR 9)"))
        elif name != "language" and (not isinstance(value, list)
                                     or not all(isinstance(v, str) for v in value)):
            found.append(Problem(path, name, "This must be a list of phrases, one per line",
                                 "write one phrase per line"))
    return found


def _names(path: str, data: dict) -> list[Problem]:
    """Categories and context kinds the detector knows (it refuses others at start-up),
    and phrases that have words in them (one without matches nothing)."""
    # safety loads spaCy: only when a crisis file is checked (see the docstring)
    from safety.assessment import CATEGORIES
    from safety.content import CONTEXT_KINDS  # (as above)
    from safety.matching import token_patterns  # (as above)

    found = []
    for name, phrases in flatten(data).items():
        section, _, key = name.rpartition(".")
        known = CATEGORIES if raising(name) or section == "examples" else \
            CONTEXT_KINDS if section in ("context", "indicators") else None
        if known is not None and key not in known:
            found.append(Problem(path, name, f"'{key}' is not one the crisis check knows "
                                 f"({', '.join(known)})", "move these phrases under a known name"))
        if raising(name) or section in ("context", "indicators"):
            found += [Problem(path, name, f"'{phrase}' has no words to match", "remove it",
                              "warning") for phrase in phrases if not token_patterns(phrase)]
    return found


@lru_cache(maxsize=8)
def _detector(language: str, text: str) -> Any:
    """The detector for one language's file (cached: a save and its approval, or the live
    file checked again, build it once)."""
    # safety loads spaCy: only when a crisis file is checked (see the docstring)
    from safety.assessment import Detector
    from safety.content import load_content, place_names  # (as above)

    with tempfile.TemporaryDirectory(prefix="studio-crisis-") as folder:
        (Path(folder) / f"{language}.yml").write_text(text, encoding="utf-8")
        return Detector(load_content(Path(folder)), place_names())


def ordinary_messages(language: str, data: dict) -> list[str]:
    """The tuning sets' ordinary questions in this language, and the file's calm ones."""
    # safety loads spaCy: only when a crisis file is checked
    from safety.classifier import CRISIS_SETS, TUNING_SETS

    found = [str(t) for t in data.get("calm") or []]
    for name in TUNING_SETS:
        file = CRISIS_SETS / name / f"{language}.yml"
        if file.exists():
            read = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            found += [str(i["text"]) for i in read.get("ordinary") or [] if i.get("text")]
    return found


def _added(data: dict, live: dict) -> list[tuple[str, str]]:
    """(field, phrase) for each phrase in a raising list that the live file lacks."""
    before = flatten(live)
    return [(name, phrase) for name, phrases in flatten(data).items() if raising(name)
            for phrase in phrases if phrase not in (before.get(name) or [])]


def _candidates(language: str, data: dict, added: list[tuple[str, str]]) -> dict[str, set[int]]:
    """The ordinary messages an added phrase matches, with the phrases' indexes: a small
    matcher of the added phrases alone, so a save does not assess hundreds of messages."""
    # safety loads spaCy: only when a crisis file is checked (see the docstring)
    from safety.matching import Patterns
    from safety.words import words_of  # (as above)

    only_added = Patterns({(f"added:{i}", language): [phrase]
                           for i, (_, phrase) in enumerate(added)})
    found: dict[str, set[int]] = {}
    for message in ordinary_messages(language, data):
        words = words_of(message)
        hits = {int(f.label.split(":")[1]) for f in only_added.find(words)
                if f.label.startswith("added:") and f.counts_in(language, words)}
        if hits:
            found[message] = hits
    return found


def _false_alarms(path: str, language: str, data: dict, live: dict) -> list[Problem]:
    # safety loads spaCy: only when a crisis file is checked
    from safety.assessment import CONCERN, DANGER

    added = _added(data, live)
    candidates = _candidates(language, data, added) if added else {}
    if not candidates:
        return []
    raised = (DANGER, CONCERN)
    new = _detector(language, yaml.safe_dump(data, allow_unicode=True))
    old = _detector(language, yaml.safe_dump(live, allow_unicode=True)) if live else None
    problems: list[Problem] = []
    for message, hits in candidates.items():
        if new.assess(message, language).outcome not in raised or \
                (old is not None and old.assess(message, language).outcome in raised):
            continue  # not raised now, or raised before this change: not this phrase's doing
        for index in sorted(hits):
            name, phrase = added[index]
            problems.append(Problem(
                path, name, f"'{phrase}' fires on an ordinary question: \"{message}\"",
                "make the phrase longer or more specific, or add the context that explains it",
                "error" if raising(name) == "danger" else "warning"))
    return problems
