"""An adviser using the console over real HTTP, as a browser would (cookies, CSRF), and
the web app served from a thread for tests that need to look inside while it runs."""
from __future__ import annotations

import asyncio
import re
import threading
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest
import requests
from sqlalchemy.engine import Engine

from advice import advice_engine

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class ConsoleUser:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.http = requests.Session()
        self.csrf = ""

    def login(self, username: str, password: str) -> requests.Response:
        form = self.http.get(f"{self.base}/console/login", timeout=10)
        token = CSRF.search(form.text).group(1)
        answer = self.http.post(f"{self.base}/console/login", timeout=10,
                                data={"csrf": token, "username": username,
                                      "password": password})
        found = CSRF.search(answer.text)
        self.csrf = found.group(1) if found else ""
        return answer

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=10, **kwargs)

    def post(self, path: str, **data) -> requests.Response:
        return self.http.post(self.base + path, timeout=10, data={"csrf": self.csrf, **data})

    def queue(self) -> list[dict]:
        return self.get("/console/api/queue").json()["cases"]


def set_cookies(answer: requests.Response, name: str) -> list[str]:
    """Every Set-Cookie header for one cookie, as sent (requests joins repeated headers)."""
    return [h for h in answer.raw.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]


@contextmanager
def web_app_in_thread() -> Iterator[str]:
    """The real web app (web.server.create_app) serving HTTP on a free port from a thread of
    this process: requests go through real sockets and Sanic's real request handling, while
    tests can still watch what runs inside (count password checks, change settings in
    os.environ, point DATABASE_URL at a temporary database per test)."""
    from ops.stack import free_port
    from web.server import create_app

    # No settings of its own: it follows the environment each test sets (web/context.py).
    app = create_app(None, name=f"hn_test_{uuid.uuid4().hex[:10]}")
    port, loop, running = free_port(), asyncio.new_event_loop(), {}
    started = threading.Event()

    async def serve() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, access_log=False,
                                         return_asyncio_server=True)
        await server.startup()
        await server.before_start()
        await server.after_start()
        running["server"], running["task"] = server, asyncio.current_task()
        started.set()
        try:
            await server.serve_forever()
        except asyncio.CancelledError:
            pass

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    assert started.wait(30), "the web app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        # Closing the server alone leaves serve_forever waiting (the thread then outlived
        # its 10-second join at every module's teardown): the serving task is cancelled.
        loop.call_soon_threadsafe(running["server"].close)
        loop.call_soon_threadsafe(running["task"].cancel)
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def console_web() -> Iterator[str]:
    """One web app per test module; each test brings its own database (console_db)."""
    with web_app_in_thread() as base:
        yield base


@pytest.fixture
def console_db(migrated_sqlite_url, monkeypatch) -> Engine:
    """A fresh SQLite database for this test (migrated, as `make migrate` leaves it), used
    by the app in console_web, with no proxy trusted unless the test says so."""
    url = migrated_sqlite_url
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    return advice_engine(url)
