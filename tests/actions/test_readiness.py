"""A restarted action server is ready only once its models are loaded (actions/readiness.py):
`/ready` says 503 while they load, 200 after; `/health` (liveness) answers throughout."""
from __future__ import annotations

import threading

from actions import readiness as readiness_module
from actions.readiness import Readiness
from actions.server import guarded_app


def probe(app, path: str) -> tuple[int, dict]:
    _request, answer = app.test_client.get(path)
    return answer.status, answer.json


def test_ready_only_after_the_models_are_loaded(monkeypatch):
    loading = threading.Event()
    read: list[str] = []

    class SlowIdentifier:
        def identify(self, text: str) -> None:
            loading.wait(10)
            read.append(text)

    class Detector:
        def assess(self, text: str, language: str) -> None:
            read.append(language)

    monkeypatch.setattr(readiness_module, "identifier", SlowIdentifier)
    monkeypatch.setattr(readiness_module, "current_detector", lambda wait: Detector())
    readiness = Readiness()
    app = guarded_app("a-secret", readiness)
    thread = readiness.start()
    assert probe(app, "/ready")[0] == 503
    assert probe(app, "/health")[0] == 200  # liveness: alive while loading
    loading.set()
    thread.join(10)
    status, body = probe(app, "/ready")
    assert (status, body["status"]) == (200, "ready") and len(read) == 2


def test_a_model_that_fails_to_load_keeps_the_server_out_of_rotation(monkeypatch):
    def broken():
        raise OSError("no model file")

    monkeypatch.setattr(readiness_module, "identifier", broken)
    readiness = Readiness()
    readiness.load()
    status, body = probe(guarded_app("a-secret", readiness), "/ready")
    assert status == 503 and body["status"] == "failed" and "OSError" in body["problem"]


def test_probes_need_no_secret_and_nothing_else_is_open():
    readiness = Readiness()
    app = guarded_app("a-secret", readiness)
    assert probe(app, "/ready")[0] == 503  # not 401: the probe carries no token
    assert probe(app, "/actions")[0] == 401
