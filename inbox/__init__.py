"""What residents asked that the assistant could not answer (issue 18 item 7).

Three ways a question lands here, each stored redacted, with its language, topic, council,
reason and day, and nothing else about the resident (docs/adr/0026):
- the assistant fell back: the message was not understood and search found nothing close
  (`not_understood`), or the question family has no article (`no_article`);
- search was unsure: "Is it one of these?" was offered, nothing was confident
  (`low_confidence`, the calibrated threshold of bot/suggestions.py, ADR 0024);
- a resident pressed "Did this help? No" under an answer on the chat page (`not_helpful`).

The action server writes the first two (it knows the search's confidence), the web server
the third (it sees the button). The studio's inbox (web/studio/inbox.py) groups them by
wording, with counts under 5 shown as "fewer than 5" and texts only for groups of 5 or more
conversations.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from knowledge.database import database_url, shared_engine

if TYPE_CHECKING:
    from core.settings import Settings


def inbox_engine(url: str | None = None, settings: "Settings | None" = None) -> Engine:
    """The navigator's database (tables made by the migrations, revision 0004)."""
    return shared_engine(url or database_url(settings))
