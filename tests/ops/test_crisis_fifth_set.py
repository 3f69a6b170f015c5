"""The fifth held-out crisis set (tests/data/crisis/fifth/): its shape, and that it is kept
apart from everything the detector learns from.

The fourth set was spent once the lead read its misses, so the fifth is the only honest
measure left; it stays honest only while the classifier, its cache and the content never
read it. Two helpers write it (en ur pa bn, and pl ar so ro), so a language whose file is
not there yet is skipped with a reason rather than failed. These tests read the set's
shape (counts per category and kind), never the detector's results on it: the lead
evaluates.
"""
from __future__ import annotations

import re
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from ops.evaluation.crisis import REPORTED, SETS, TUNING, crisis_sets

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "data" / "crisis" / "fifth"
LANGUAGES = ("en", "ur", "pa", "bn", "pl", "ar", "so", "ro")
CATEGORIES = {"immediate_danger", "suicidal", "domestic_abuse", "child_at_risk",
              "homeless_tonight", "illegal_eviction"}
KINDS = {"housing_question", "grant_question", "legal_term", "third_party", "hyperbole",
         "negation", "medical_housing", "place_name", "postcode", "greeting", "single_word",
         "short_reply", "other"}
SCRIPTS = {"native", "roman", "shahmukhi", "no-diacritics"}
HEADER = "# Fifth held-out crisis set ({language}), written blind on 6 December 2026"


def _load(language: str) -> dict:
    """The language's set, or a visible skip while its helper has not written it yet."""
    path = FOLDER / f"{language}.yml"
    if not path.exists():
        pytest.skip(f"fifth/{language}.yml not written yet (the other fifth-set helper's)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _skeleton(text: str) -> str:
    """Letters and digits only, so 'ok thanks' and 'Ok, thanks!' count as the same text."""
    return re.sub(r"[\W_]+", "", text.casefold())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_says_it_was_written_blind(language: str) -> None:
    """Whoever reads the file later learns at once that it is held out, and from when."""
    _load(language)
    first = (FOLDER / f"{language}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(HEADER.format(language=language)), first


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_messages_cover_every_category_mostly_said_indirectly(language: str) -> None:
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
def test_ordinary_messages_cover_every_kind(language: str) -> None:
    """At least 120 per language, every kind in the README present."""
    ordinary = _load(language)["ordinary"]
    assert len(ordinary) >= 120
    assert set(Counter(item["kind"] for item in ordinary)) == KINDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_items_are_well_formed_and_unique(language: str) -> None:
    """Only the README's fields, known scripts, non-empty texts, no text twice (not even
    with different punctuation or spacing)."""
    data = _load(language)
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


def test_the_evaluation_reports_it_and_does_not_tune_on_it() -> None:
    """`make eval` reports the fifth set; `--set tuning` (what the classifier's figures are a
    regression test on) leaves it out."""
    assert "fifth" not in TUNING
    assert "fifth" in SETS and REPORTED == "fifth"
    assert sorted(crisis_sets("fifth")) == sorted(LANGUAGES)


def test_nothing_in_safety_or_knowledge_reads_the_fifth_set() -> None:
    """The classifier, its cache key and the content never name or match the set."""
    # Imported here, not at the top: only this test needs the detector's package.
    from safety.cache import INPUTS
    from safety.classifier import TUNING_SETS

    assert "fifth" not in TUNING_SETS
    sample = "tests/data/crisis/fifth/en.yml"
    assert [p for p in INPUTS if fnmatch(sample, p)] == []
    naming = [str(p.relative_to(ROOT)) for folder in ("safety", "knowledge")
              for p in (ROOT / folder).rglob("*")
              if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".md", ".json", ".txt"}
              and "fifth" in p.read_text(encoding="utf-8", errors="replace").casefold()]
    assert naming == []
