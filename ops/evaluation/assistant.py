"""The assistant the answer-quality questions are asked of, through its REST channel.

If one is already running at RASA_URL (say, `make run` in another terminal), it is
used as it is. Otherwise a private stack is started on free ports, exactly as the
end-to-end tests start it: the shipped model, a temporary SQLite database loaded with
the shipped content, and NAVIGATOR_TODAY set to the date the content was written, so
the figures do not change when a scheme's closing date passes. It is stopped after.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from knowledge.cli import load_shipped_content
from ops.evaluation.common import MODEL
from ops.stack import Ports, Stack, free_port

DEFAULT_RASA_URL = "http://127.0.0.1:5005"
TIMEOUT = 60.0
# Starting the stack trains the action server's language and crisis models on first use;
# on two cores shared with other work that took over four minutes, past the stack's
# own default, so the evaluation waits longer rather than failing after the set-up.
START_SECONDS = 900.0


@dataclass(frozen=True)
class Assistant:
    url: str  # Rasa's base URL
    how: str  # said in the report: which assistant answered

    @property
    def webhook(self) -> str:
        return f"{self.url.rstrip('/')}/webhooks/rest/webhook"

    def say(self, sender: str, text: str) -> list[dict]:
        """One message from one resident; Rasa's REST reply (a list of messages)."""
        response = requests.post(self.webhook, json={"sender": sender, "message": text},
                                 timeout=TIMEOUT)
        response.raise_for_status()
        reply = response.json()
        if not isinstance(reply, list):
            raise ValueError(f"the REST channel answered {type(reply).__name__}, not a list")
        return reply


def reachable(url: str) -> bool:
    """Whether a Rasa REST channel answers at `url` (its health route says 'ok')."""
    try:
        return requests.get(f"{url.rstrip('/')}/webhooks/rest/", timeout=3).status_code == 200
    except requests.RequestException:
        return False



@contextmanager
def running_assistant(url: str | None = None, model: Path = MODEL) -> Iterator[Assistant]:
    """The assistant at RASA_URL if one answers there, else a private stack for the run."""
    url = url or os.environ.get("RASA_URL") or DEFAULT_RASA_URL
    if reachable(url):
        yield Assistant(url, f"the assistant already running at {url} (its own content "
                             "database and today's date)")
        return
    with private_stack(model) as started:
        yield started


@contextmanager
def private_stack(model: Path = MODEL) -> Iterator[Assistant]:
    from tests.conftest import CONTENT_DATE  # the one place the content's date is kept

    if not model.exists():
        raise FileNotFoundError(f"no trained model at {model}: run `make train` first")
    with tempfile.TemporaryDirectory(prefix="navigator-eval-") as workdir:
        database_url = f"sqlite:///{Path(workdir) / 'navigator.db'}"
        load_shipped_content(database_url, CONTENT_DATE)
        stack = Stack(
            ports=Ports.free(),
            model=model, log_dir=Path(workdir) / "logs",
            # Postcode lookups go to a closed local port, so they fall back at once to
            # the shipped district table: the evaluation never depends on the internet.
            env={"DATABASE_URL": database_url, "NAVIGATOR_TODAY": CONTENT_DATE.isoformat(),
                 "POSTCODES_IO_URL": f"http://127.0.0.1:{free_port()}"},
        )
        print("No assistant at RASA_URL: starting one on free ports for the evaluation "
              "(about a minute)...", flush=True)
        stack.start(timeout=START_SECONDS)
        try:
            yield Assistant(f"http://127.0.0.1:{stack.ports.rasa}",
                            "a private stack started for this run (shipped model, shipped "
                            f"content in a temporary SQLite database, NAVIGATOR_TODAY="
                            f"{CONTENT_DATE.isoformat()})")
        finally:
            stack.stop()
