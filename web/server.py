"""The web front (port 8000): the residents' chat page and its small JSON API, the
resident's side of a live chat, and the adviser console.

The page talks only to this server, never straight to Rasa: one origin, no
CORS, and one place to add what the chat needs beyond Rasa (adviser relay,
summaries) without exposing Rasa's own API to the internet. Each part is a blueprint
(web/chat.py, web/relay.py, web/console/, web/interface/routes.py); this module only
puts them together with what they share: the HTTP client to Rasa, the conversation
secret, the security headers and the one error handler.
"""
from __future__ import annotations

import os
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from web import errors, guards
from web.chat import chat
from web.console.routes import console
from web.conversation_token import load_secret
from web.guards import static_files
from web.insights import blueprints as insights
from web.interface.routes import page_headers, resident
from web.relay import relay

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
REQUEST_MAX_BYTES = 64 * 1024  # a chat message, not an upload


def upstream_timeout() -> float:
    """How long a resident waits for the assistant before being told to try again."""
    return float(os.environ.get("ASSISTANT_TIMEOUT_SECONDS", "60"))


def create_app(rasa_url: str | None = None, name: str = "home_navigator_web") -> Sanic:
    app = Sanic(name)
    app.config.RASA_URL = (rasa_url or os.environ.get("RASA_URL") or DEFAULT_RASA_URL).rstrip("/")
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_BYTES
    app.ctx.conversation_secret = load_secret()  # at start: a bad key stops the server, not a chat
    app.route("/static/<name:path>", methods=["GET", "HEAD"], name="static")(
        static_files(STATIC_DIR))
    app.get("/")(index)
    app.get("/healthz")(healthz)
    app.register_listener(open_client, "before_server_start")
    app.register_listener(close_client, "after_server_stop")
    guards.install(app)
    errors.install(app)
    for blueprint in (chat, relay, console, resident, insights):
        app.blueprint(blueprint)
    return app


async def open_client(app: Sanic, _loop: object) -> None:
    app.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=upstream_timeout()))


async def close_client(app: Sanic, _loop: object) -> None:
    await app.ctx.http.close()


async def index(_request: Request) -> HTTPResponse:
    return await response.file(STATIC_DIR / "index.html", headers=page_headers())


async def healthz(_request: Request) -> HTTPResponse:
    return response.json({"status": "ok"})
