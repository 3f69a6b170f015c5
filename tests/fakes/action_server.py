"""A local HTTP server standing in for the action server, and Rasa's server started alone
against it: for tests of what Rasa's REST channel does when the action server fails
(answers 500, drops the connection or hangs), which the real one must never be made to do.
"""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import yaml

from ops.stack import ROOT, Ports, Process, Stack

MODES = ("ok", "error", "drop", "hang")


class FakeActionServer:
    """Stands in for the action server. `mode`: "ok" (answers, setting `slots` when Rasa
    runs the every-message action, no other events), "error" (HTTP 500), "drop" (closes the
    connection unanswered), "hang" (answers 500 after `hang_seconds`, beyond Rasa's action
    timeout). `slots` stands for what the real one would recognise ({"language": "pl"})."""

    def __init__(self, hang_seconds: float = 8.0):
        self.mode = "ok"
        self.slots: dict[str, Any] = {}
        self.hang_seconds = hang_seconds
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if fake.mode == "hang":
                    time.sleep(fake.hang_seconds)
                if fake.mode == "drop":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fake.mode in ("error", "hang"):
                    return self._send(500, {"error": "boom"})
                events = []
                if body["next_action"] == "action_validate_slot_mappings":
                    events = [{"event": "slot", "name": name, "value": value, "timestamp": None}
                              for name, value in fake.slots.items()]
                return self._send(200, {"events": events, "responses": []})

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # Rasa gave up waiting, as it should

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set(self, mode: str, **slots: Any) -> None:
        """Behave as `mode` from the next call on (with these slots recognised, for "ok")."""
        assert mode in MODES, mode
        self.mode, self.slots = mode, slots

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class RasaOnly(Stack):
    """The stack's Rasa server alone, calling `action_url` for its actions."""

    action_url: str = ""
    workdir: Path = Path(".")

    def _plan(self) -> list[Process]:
        return [p for p in super()._plan() if p.name == "Rasa server"]

    def _endpoints_file(self) -> Path:
        data = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        data["action_endpoint"]["url"] = self.action_url
        path = self.workdir / "endpoints.yml"
        path.write_text(yaml.safe_dump(data))
        return path


def rasa_with_fake_actions(workdir: Path) -> Iterator[tuple[RasaOnly, FakeActionServer]]:
    """Rasa's server (the trained model, a fresh database in `workdir`) calling a fake action
    server, with short timeouts so a failing action server is given up on in 2 seconds.
    A generator for a pytest fixture: yields both, stops both."""
    fake = FakeActionServer()
    rasa = RasaOnly(ports=Ports.free(), model=ROOT / "models" / "navigator.tar.gz",
                    log_dir=workdir / "logs",
                    env={"DATABASE_URL": f"sqlite:///{workdir / 'navigator.db'}",
                         "ACTION_SERVER_TIMEOUT_SECONDS": "2", "REPLY_TIMEOUT_SECONDS": "20"})
    rasa.action_url, rasa.workdir = fake.url, workdir
    rasa.start()
    try:
        yield rasa, fake
    finally:
        rasa.stop()
        fake.close()
