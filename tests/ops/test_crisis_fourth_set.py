"""The fourth held-out crisis set (tests/data/crisis/fourth/): its shape, and that it is
kept apart from everything the detector learns from.

It is the only crisis set nobody has tuned on, so its figures are honest only while the
classifier, its cache and the content never read it. These tests read the set's shape
(counts per category and kind), never the detector's results on it: the lead evaluates.
"""
from __future__ import annotations

from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from ops.evaluation.crisis import CRISIS_DIR, SETS, TUNING, crisis_sets

ROOT = Path(__file__).resolve().parents[2]
FOLDER = CRISIS_DIR / "fourth"
LANGUAGES = ("en", "ur", "pa", "bn", "pl", "ar", "so", "ro")
CATEGORIES = {"immediate_danger", "suicidal", "domestic_abuse", "child_at_risk",
              "homeless_tonight", "illegal_eviction"}
KINDS = {"housing_question", "grant_question", "legal_term", "third_party", "hyperbole",
         "negation", "medical_housing", "place_name", "postcode", "greeting", "single_word",
         "short_reply", "other"}
SCRIPTS = {"native", "roman", "shahmukhi", "no-diacritics"}


def _load(language: str) -> dict:
    return yaml.safe_load((FOLDER / f"{language}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_messages_cover_every_category_mostly_said_indirectly(language):
    """Issue 14: at least 60 per language, at least half indirect, categories roughly even."""
    data = _load(language)
    assert data["language"] == language
    crisis = data["crisis"]
    assert len(crisis) >= 60
    assert sum(bool(item["indirect"]) for item in crisis) * 2 >= len(crisis)
    counts = Counter(item["category"] for item in crisis)
    assert set(counts) == CATEGORIES
    assert min(counts.values()) * 6 >= len(crisis) * 0.8, counts


@pytest.mark.parametrize("language", LANGUAGES)
def test_ordinary_messages_cover_every_kind(language):
    """At least 120 per language, every kind in the README present."""
    ordinary = _load(language)["ordinary"]
    assert len(ordinary) >= 120
    assert set(Counter(item["kind"] for item in ordinary)) == KINDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_items_are_well_formed_and_unique(language):
    """Only the README's fields, known scripts, non-empty texts, no text twice."""
    data = _load(language)
    items = data["crisis"] + data["ordinary"]
    for item in data["crisis"]:
        assert set(item) <= {"text", "category", "indirect", "script"}, item
    for item in data["ordinary"]:
        assert set(item) <= {"text", "kind", "script"}, item
    assert all(item.get("script", "native") in SCRIPTS for item in items)
    texts = [item["text"].strip().casefold() for item in items]
    assert all(texts)
    assert [t for t, n in Counter(texts).items() if n > 1] == []


def test_the_evaluation_accepts_the_set_and_does_not_tune_on_it():
    """`python -m ops.evaluate crisis --set fourth` reads all eight languages; --set
    tuning does not include it."""
    assert "fourth" in SETS and "fourth" not in TUNING
    assert sorted(crisis_sets("fourth")) == sorted(LANGUAGES)


def test_nothing_in_safety_reads_the_fourth_set():
    """The classifier, its cache key and the content never name or match the set."""
    from safety.cache import INPUTS
    from safety.classifier import TUNING_SETS

    assert "fourth" not in TUNING_SETS
    sample = "tests/data/crisis/fourth/en.yml"
    assert [p for p in INPUTS if fnmatch(sample, p)] == []
    naming = [str(p.relative_to(ROOT)) for p in (ROOT / "safety").rglob("*.py")
              if "fourth" in p.read_text(encoding="utf-8")]
    assert naming == []
