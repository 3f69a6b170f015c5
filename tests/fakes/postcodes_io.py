"""A local HTTP server standing in for postcodes.io, including its bad days."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakePostcodesIO:
    """Serves GET /postcodes/<postcode> like postcodes.io.

    `mode` switches behaviour: "ok", "slow" (answers after `delay` seconds),
    "error" (HTTP 500), "malformed" (not JSON), "wrong_shape" (JSON of the wrong shape).
    """

    def __init__(self, districts: dict[str, str], delay: float = 3.0):
        self.districts = {k.replace(" ", "").upper(): v for k, v in districts.items()}
        self.mode = "ok"
        self.delay = delay
        self.requests: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):  # keep test output clean
                pass

            def do_GET(self):  # noqa: N802 - http.server's naming
                fake.requests.append(self.path)
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "error":
                    return self._send(500, b'{"status":500,"error":"boom"}')
                if fake.mode == "malformed":
                    return self._send(200, b"<html>not json</html>")
                if fake.mode == "wrong_shape":
                    return self._send(200, b'{"status":200,"result":["B21"]}')
                code = self.path.rsplit("/", 1)[-1].upper()
                district = fake.districts.get(code)
                if district is None:
                    return self._send(404, b'{"status":404,"error":"Postcode not found"}')
                body = json.dumps({"status": 200, "result": {"postcode": code,
                                                             "admin_district": district}})
                return self._send(200, body.encode())

            def _send(self, status: int, body: bytes):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout), as it should

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakePostcodesIO":
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
