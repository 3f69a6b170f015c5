"""The browser tests' fixtures. The whole assistant (`stack`, `Resident`) is
tests/assistant.py, registered once for the session by tests/conftest.py and shared with
the security tests that need the real thing."""
from __future__ import annotations

from tests.assistant import Resident  # noqa: F401 - the e2e tests import it from here
from tests.e2e.browser import browser, new_context, page, web_url  # noqa: F401 - fixtures
