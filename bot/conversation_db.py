"""Where conversations are stored, as settings both Rasa and the adviser console read.

Kept free of Rasa imports so the web server (the adviser console reads
transcripts) does not load Rasa to find the conversations. The URL is read in
core/storage.py, the one place that parses DATABASE_URL.
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from core import storage
from core.settings import Settings, current
from core.storage import DEFAULT_CONVERSATIONS_DB, conversations_url, tracker_store_settings

__all__ = ["DEFAULT_CONVERSATIONS_DB", "conversations_url", "tracker_store_settings",
           "conversations_engine"]


def conversations_engine(settings: Settings | None = None) -> Engine:
    """The conversations' database as configured (for the retention purge and for the
    transcripts the adviser console shows)."""
    return storage.conversations_engine(settings or current())
