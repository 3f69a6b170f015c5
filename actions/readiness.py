"""Ready for residents only once the checks run on every message can run at once.

Every message goes through the crisis check and language identification first
(actions/every_message.py). Both build their models on first use: a fresh action server
spent 117 s of CPU on its first turn (ADR 0023's addendum), long after Rasa's call to it
had timed out. So the server loads them in a background thread as it starts, and says
so on two endpoints (actions/server.py):
- `/health`: liveness, rasa-sdk's own answer, cheap and always 200 while the process runs,
  so a server busy loading is never killed for it;
- `/ready`: readiness, 503 until both models are loaded and have read one message, then
  200. The stack (ops/stack.py) and the Kubernetes readiness probe (deploy/k8s/actions.yaml)
  wait on it, so no resident is sent to a server still loading.
"""
from __future__ import annotations

import logging
import threading
import time

from actions.crisis_content import current_detector
from actions.language_id import identifier
from knowledge.languages import SOURCE_LANGUAGE

log = logging.getLogger(__name__)
# Read once by each model so that lazily built parts (the identifier's per-script models,
# the matcher's vocabulary) are built too. Not sent to anyone.
WARM_UP_TEXT = "How do I apply for a council house?"


class Readiness:
    """Whether the models are loaded; why not, when loading failed."""

    def __init__(self) -> None:
        self._ready = threading.Event()
        self.problem: str | None = None
        self.seconds: float | None = None

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def load(self) -> None:
        """Load both models and read one message with each. A failure is logged and kept
        (the server stays not ready, so the probe says what is wrong rather than a resident
        getting no answer)."""
        started = time.monotonic()
        try:
            identifier().identify(WARM_UP_TEXT)
            current_detector(wait=True).assess(WARM_UP_TEXT, SOURCE_LANGUAGE)
        except Exception as exc:  # noqa: BLE001 - reported on /ready, not raised into a thread
            log.exception("the action server's models did not load")
            self.problem = f"{type(exc).__name__}: the models did not load; see the log"
            return
        self.seconds = time.monotonic() - started
        self._ready.set()
        log.info("ready for residents: models loaded in %.1f s", self.seconds)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.load, name="load-models", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)


READINESS = Readiness()
