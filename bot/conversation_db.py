"""Where conversations are stored, as settings both Rasa and the adviser console read.

Kept free of Rasa imports so the web server (the adviser console reads
transcripts) does not load Rasa to find the conversations.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

from sqlalchemy.engine import Engine

from knowledge.database import shared_engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONVERSATIONS_DB = PROJECT_ROOT / "var" / "conversations.db"


def tracker_store_settings(database_url: str | None) -> dict[str, Any]:
    """SQLTrackerStore arguments for a database URL (or the embedded SQLite file)."""
    if not database_url:
        return {"dialect": "sqlite", "db": str(DEFAULT_CONVERSATIONS_DB)}
    url = urlparse(database_url)
    scheme = url.scheme.split("+")[0]
    if scheme in ("postgres", "postgresql"):
        dialect = "postgresql"
    elif scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as SQLAlchemy spells them.
        path = database_url.split(":///", 1)[1] if ":///" in database_url else ""
        return {"dialect": "sqlite", "db": unquote(path) or str(DEFAULT_CONVERSATIONS_DB)}
    else:
        raise ValueError(f"DATABASE_URL uses '{scheme}'; use postgresql:// or sqlite:///")
    settings = {
        "dialect": dialect,
        "host": url.hostname or "localhost",
        "port": url.port,
        "db": unquote(url.path.lstrip("/")) or "navigator",
        "username": unquote(url.username) if url.username else None,
        "password": unquote(url.password) if url.password else None,
    }
    if url.query:
        # Connection options such as sslmode=require or a search_path apply to the
        # conversations too, not only to the tables SQLAlchemy opens from the URL.
        settings["query"] = dict(parse_qsl(url.query))
    return settings


def conversations_url(database_url: str | None) -> str:
    """The same database as a SQLAlchemy URL (for reading transcripts)."""
    settings = tracker_store_settings(database_url)
    if settings["dialect"] == "sqlite":
        return f"sqlite:///{settings['db']}"
    return database_url.replace("postgres://", "postgresql://", 1) if database_url else ""


def conversations_engine() -> Engine:
    """The conversations' database as configured (for the retention purge and for the
    transcripts the adviser console shows)."""
    return shared_engine(conversations_url(os.environ.get("DATABASE_URL", "").strip() or None))
