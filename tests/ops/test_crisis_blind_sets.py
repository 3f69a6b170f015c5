"""The blind crisis sets (tests/data/crisis/fourth/ to fifteenth/): their shape, and
that each is kept apart from everything the detector learns from.

A blind set is an honest measure only while the classifier, its cache and the content
never read it (README beside the sets). The fourth was spent once the lead read its misses
for round 4, the fifth after its first report, the sixth for round 7, the seventh for
round 8, the eighth for round 9, the ninth for round 10, the tenth for round 11 and the
eleventh for round 12, the twelfth for round 13, the thirteenth for round 14 and the fourteenth for round 15
(ADR 0009); the fifteenth is the one
`make eval` reports. It stays out
of what the detector learns from; the spent ones teach the classifier (ADR 0009, round 7). These tests read each set's shape (counts per category and kind),
never the detector's results on it: the lead evaluates.
"""
from __future__ import annotations

import re
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from ops.evaluation.crisis import CRISIS_DIR, REPORTED, SETS, TUNING, crisis_sets
from safety.cache import INPUTS
from safety.classifier import SPENT_SETS, TUNING_SETS

ROOT = Path(__file__).resolve().parents[2]
BLIND = ("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth", "thirteenth", "fourteenth", "fifteenth")
LANGUAGES = ("en", "ur", "pa", "bn", "pl", "ar", "so", "ro")
CATEGORIES = {"immediate_danger", "suicidal", "domestic_abuse", "child_at_risk",
              "homeless_tonight", "illegal_eviction"}
KINDS = {"housing_question", "grant_question", "legal_term", "third_party", "hyperbole",
         "negation", "medical_housing", "place_name", "postcode", "greeting", "single_word",
         "short_reply", "other"}
SCRIPTS = {"native", "roman", "shahmukhi", "no-diacritics"}
HEADER = "# {Name} held-out crisis set ({language}), written blind on {day} December 2026"
WRITTEN_ON = {"fourth": 6, "fifth": 6, "sixth": 6, "seventh": 7, "eighth": 7, "ninth": 7,
              "tenth": 7, "eleventh": 7, "twelfth": 7, "thirteenth": 7,
              "fourteenth": 7, "fifteenth": 8}
EACH = [(name, language) for name in BLIND for language in LANGUAGES]


def _load(name: str, language: str) -> dict:
    return yaml.safe_load((CRISIS_DIR / name / f"{language}.yml").read_text(encoding="utf-8"))


def _skeleton(text: str) -> str:
    """Letters and digits only, so 'ok thanks' and 'Ok, thanks!' count as the same text."""
    return re.sub(r"[\W_]+", "", text.casefold())


@pytest.mark.parametrize("name, language", EACH)
def test_the_header_says_it_was_written_blind(name: str, language: str) -> None:
    """Whoever reads the file later learns at once that it is held out, and from when."""
    first = (CRISIS_DIR / name / f"{language}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(HEADER.format(Name=name.capitalize(), language=language,
                                          day=WRITTEN_ON[name])), first


@pytest.mark.parametrize("name, language", EACH)
def test_crisis_messages_cover_every_category_mostly_said_indirectly(name: str,
                                                                     language: str) -> None:
    """Issue 14: at least 60 per language, at least half indirect, categories roughly even."""
    data = _load(name, language)
    assert data["language"] == language
    crisis = data["crisis"]
    assert len(crisis) >= 60
    assert sum(bool(item["indirect"]) for item in crisis) * 2 >= len(crisis)
    counts = Counter(item["category"] for item in crisis)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) * 6 >= len(crisis) * 0.8, counts


@pytest.mark.parametrize("name, language", EACH)
def test_ordinary_messages_cover_every_kind(name: str, language: str) -> None:
    """At least 120 per language, every kind in the README present."""
    ordinary = _load(name, language)["ordinary"]
    assert len(ordinary) >= 120
    assert set(Counter(item["kind"] for item in ordinary)) == KINDS


@pytest.mark.parametrize("name, language", EACH)
def test_items_are_well_formed_and_unique(name: str, language: str) -> None:
    """Only the README's fields, known scripts, non-empty texts, no text twice (not even
    with different punctuation or spacing)."""
    data = _load(name, language)
    items = data["crisis"] + data["ordinary"]
    for item in data["crisis"]:
        assert set(item) <= {"text", "category", "indirect", "script"}, item
        assert isinstance(item["indirect"], bool), item
    for item in data["ordinary"]:
        assert set(item) <= {"text", "kind", "script"}, item
    assert all(item.get("script", "native") in SCRIPTS for item in items)
    texts = [_skeleton(item["text"]) for item in items]
    assert all(texts)
    assert [t for t, n in Counter(texts).items() if n > 1] == []


@pytest.mark.parametrize("name", BLIND)
def test_the_evaluation_reads_it_and_does_not_tune_on_it(name: str) -> None:
    """`python -m ops.evaluate crisis --set <name>` reads all eight languages; `--set
    tuning` (what the classifier's figures are a regression test on) leaves it out."""
    assert name in SETS and name not in TUNING
    assert sorted(crisis_sets(name)) == sorted(LANGUAGES)


def test_make_eval_reports_the_newest_blind_set() -> None:
    assert REPORTED == BLIND[-1]


def test_only_spent_sets_teach_the_classifier() -> None:
    """A blind set whose misses were read (spent, README) may teach the classifier; the
    one `make eval` reports may not."""
    assert set(SPENT_SETS) == set(BLIND) - {REPORTED}


@pytest.mark.parametrize("name", [REPORTED])
def test_nothing_in_safety_or_knowledge_reads_it(name: str) -> None:
    """The classifier, its cache key and the content never name or match the set."""
    assert name not in TUNING_SETS
    sample = f"tests/data/crisis/{name}/en.yml"
    assert [p for p in INPUTS if fnmatch(sample, p)] == []
    naming = [str(p.relative_to(ROOT)) for folder in ("safety", "knowledge")
              for p in (ROOT / folder).rglob("*")
              if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".md", ".json", ".txt"}
              and name in p.read_text(encoding="utf-8", errors="replace").casefold()]
    assert naming == []
