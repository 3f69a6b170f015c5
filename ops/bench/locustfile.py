"""Locust's side of `make bench`: residents chatting through Rasa's REST channel.

Run by ops.bench (python -m locust -f this file --headless ...), never imported by it:
Locust patches the standard library with gevent, which must stay in its own process.

Settings come from the environment, set by ops.bench:
    BENCH_CONVERSATIONS  path of conversations.yml
    BENCH_SAMPLES        where to write one JSON line per message sent
    BENCH_THINK          "min,max" seconds a resident pauses between messages
    BENCH_TIMEOUT        seconds before an unanswered message counts as an error
"""
from __future__ import annotations

import itertools
import json
import os
import time
import uuid
from pathlib import Path

import yaml
from locust import FastHttpUser, between, events, task

_CONVERSATIONS = yaml.safe_load(
    Path(os.environ["BENCH_CONVERSATIONS"]).read_text(encoding="utf-8"))["conversations"]
_THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(","))
_TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "30"))
_SAMPLES: list[dict] = []
# Each new resident starts at a different conversation, so every level sends a mix.
_NEXT_START = itertools.count()


class Resident(FastHttpUser):
    """One resident: holds one conversation at a time, one message per task, pausing
    between messages. One message per task (not one conversation) lets Locust stop a
    resident between messages, so a level ends without cutting answers off mid-flight."""

    wait_time = between(*_THINK)
    network_timeout = _TIMEOUT
    connection_timeout = _TIMEOUT

    def on_start(self) -> None:
        self.order = itertools.cycle(range(len(_CONVERSATIONS)))
        for _ in range(next(_NEXT_START) % len(_CONVERSATIONS)):
            next(self.order)
        self.pending: list[str] = []
        self.sender = ""

    @task
    def next_message(self) -> None:
        if not self.pending:
            self.pending = list(_CONVERSATIONS[next(self.order)]["messages"])
            self.sender = f"bench-{uuid.uuid4().hex}"
        self._say(self.sender, self.pending.pop(0))

    def _say(self, sender: str, message: str) -> None:
        started = time.time()
        began = time.perf_counter()
        error, empty = "", False
        with self.client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message},
                              name="message", catch_response=True) as response:
            if response.status_code != 200:
                error = f"HTTP {response.status_code}" if response.status_code else \
                    f"no answer ({type(response.error).__name__})"
                response.failure(error)
            else:
                try:
                    body = json.loads(response.text or "")
                    if not isinstance(body, list):
                        raise ValueError("not a list")
                    empty = not body
                    response.success()
                except ValueError:
                    error = "malformed reply"
                    response.failure(error)
        _SAMPLES.append({"start": started, "latency_ms": (time.perf_counter() - began) * 1000,
                         "ok": not error, "empty": empty, "error": error})


@events.quitting.add_listener
def _write_samples(**_kwargs) -> None:
    Path(os.environ["BENCH_SAMPLES"]).write_text(
        "".join(json.dumps(s) + "\n" for s in _SAMPLES), encoding="utf-8")
