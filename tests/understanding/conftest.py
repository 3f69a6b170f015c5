"""One household reader for the whole run: building every language's patterns takes seconds."""
from __future__ import annotations

import pytest

from understanding.household import HouseholdReader


@pytest.fixture(scope="session")
def reader() -> HouseholdReader:
    return HouseholdReader()  # with the place table of the shipped content
