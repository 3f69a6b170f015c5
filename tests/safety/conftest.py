"""The crisis detector as the rules and the content alone decide (no classifier): built
once for the session, since every safety test module reads it and building it compiles
thousands of spaCy patterns."""
from __future__ import annotations

import pytest

from safety.assessment import Detector
from safety.content import load_content, place_names


@pytest.fixture(scope="session")
def patterns_only() -> Detector:
    return Detector(load_content(), place_names(), classifier=None)
