"""A local HTTP server standing in for Rasa's REST channel, for tests of the web server
that need an answer from "the assistant" without starting Rasa."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeRasa:
    """Answers POST /webhooks/rest/webhook with one text reply and keeps every body it was
    sent in `received`, so a test can see what the web server passed on (sender, metadata)."""

    def __init__(self, reply: str = "Hello, I'm Home Navigator."):
        self.received: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):  # keep test output clean
                pass

            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.received.append(body)
                if self.path != "/webhooks/rest/webhook":
                    return self._send(404, b'{"message":"not found"}')
                answer = [{"recipient_id": body.get("sender"), "text": reply}]
                return self._send(200, json.dumps(answer).encode())

            def _send(self, status: int, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeRasa":
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
