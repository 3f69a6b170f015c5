"""Preview a draft exactly as a resident will read it: any language, council and day.

The draft edition is checked and loaded into a private SQLite copy of the knowledge base,
and the assistant's own answering code (actions/answers.py: closed schemes, review
caveats, holding back, translations and their notes, scheme mentions) renders the answer
from it, with the day set to the one asked for. Nothing about answers is written twice.
"""
from __future__ import annotations

import hashlib
import importlib.util
import sys
import tempfile
import threading
import types
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge.database import make_engine
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from knowledge.validation import Problem
from studio import edition

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_DIR = ROOT / "bot" / "domain"
PREVIEW_DIR = Path(tempfile.gettempdir()) / "hn-studio-preview"
_rendering = threading.Lock()  # the answering code reads process-wide services


@dataclass
class Preview:
    messages: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors that stop a preview
    article_id: str | None = None  # the article the resident is answered with

    @property
    def rest_text(self) -> str:
        """The reply as the REST channel's texts, one message per paragraph block."""
        return "\n\n".join(m.get("text") or "" for m in self.messages)


@lru_cache(maxsize=1)
def domain_responses() -> dict[str, Any]:
    """The assistant's phrases (bot/domain/*.yml `responses`), as the phrasebook reads them."""
    responses: dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses.update(data.get("responses") or {})
    return {"responses": responses}


def _answering_code():
    """actions.answers and actions.services, without starting the crisis detector:
    importing the `actions` package starts training it in a thread (actions/__init__.py),
    which the action server wants and the web server must not pay for on a preview."""
    if "actions" not in sys.modules:
        spec = importlib.util.find_spec("actions")
        assert spec is not None and spec.submodule_search_locations is not None  # a package
        package = types.ModuleType("actions")
        package.__path__ = list(spec.submodule_search_locations)
        package.__file__ = spec.origin
        sys.modules["actions"] = package
    from actions import answers, services  # the package is readied just above

    return answers, services


def _knowledge_base(files: dict[str, str], day: date) -> tuple[KnowledgeBase | None, list]:
    result = edition.check(files, day)
    if result.content is None:
        return None, result.errors
    PREVIEW_DIR.mkdir(mode=0o700, exist_ok=True)
    key = hashlib.sha256(f"{result.content.fingerprint}".encode()).hexdigest()[:16]
    database = PREVIEW_DIR / f"{key}.db"
    engine = make_engine(f"sqlite:///{database}")
    load(result.content, engine)  # the same edition twice is a no-op
    _forget_old_previews(keep=database)
    return KnowledgeBase(engine), []


KEEP_PREVIEWS = 20  # editions previewed lately (each a few MB; only content, nothing personal)


def _forget_old_previews(keep: Path) -> None:
    old = sorted((p for p in PREVIEW_DIR.glob("*.db*") if not p.name.startswith(keep.name)),
                 key=lambda p: p.stat().st_mtime, reverse=True)
    for path in old[KEEP_PREVIEWS * 3:]:  # a database and its -wal and -shm files
        path.unlink(missing_ok=True)


def preview(files: dict[str, str], article_id: str, *, language: str, council: str | None,
            day: date) -> Preview:
    """What a resident asking this article's question gets, from the edition `files`."""
    kb, problems = _knowledge_base(files, day)
    if kb is None:
        return Preview(problems=problems)
    try:
        return _rendered(kb, article_id, language=language, council=council, day=day)
    finally:
        kb.engine.dispose()  # its own small database: no pool left open per preview


def _rendered(kb: KnowledgeBase, article_id: str, *, language: str, council: str | None,
              day: date) -> Preview:
    article = kb.article(article_id)
    if article is None:
        return Preview(problems=[Problem("", "", f"there is no article {article_id}",
                                         "save the article first")])
    answers, services = _answering_code()
    # only now: _answering_code readies the actions package without its training thread
    from actions.phrasebook import Phrasebook

    tracker = Tracker.from_dict({"sender_id": "studio-preview",
                                 "slots": {"language": language, "council": council},
                                 "latest_message": {}, "events": [], "paused": False,
                                 "followup_action": None, "active_loop": {},
                                 "latest_action_name": "action_listen"})
    dispatcher = CollectingDispatcher()
    phrases = Phrasebook(domain_responses(), language)
    # The same choice the assistant makes: the council's own article, else the general one.
    chosen = article
    if article.intent and council:
        chosen = kb.answer_for(article.intent, council, day).article or article
    with _rendering:
        kept_kb, kept_router, kept_today = services._kb, services._router, answers.today
        services.configure(kb, None)
        answers.today = lambda: day
        try:
            answers.render_article(dispatcher, tracker, phrases, chosen, council, language)
        finally:
            answers.today = kept_today
            services.configure(kept_kb, kept_router)
    return Preview(messages=list(dispatcher.messages), article_id=chosen.id)
