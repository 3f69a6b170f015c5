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

from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from core.settings import Settings
from web import errors, guards
from web.chat import chat
from web.console.routes import console
from web.context import settings_of
from web.conversation_token import load_secret
from web.guards import static_files
from web.insights import blueprints as insights
from web.interface.routes import page_headers, resident
from web.relay import relay
from web.studio.inbox import blueprints as studio_inbox
from web.studio.routes import studio

STATIC_DIR = Path(__file__).resolve().parent / "static"
REQUEST_MAX_BYTES = 64 * 1024  # a chat message, not an upload


def create_app(settings: Settings | None, name: str = "home_navigator_web") -> Sanic:
    """The web app with `settings` (None: follow core.settings.current(), web/context.py)."""
    app = Sanic(name)
    app.ctx.settings = settings
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_BYTES
    # At start: a bad key stops the server, not a resident's chat.
    app.ctx.conversation_secret = load_secret(settings_of(app))
    app.route("/static/<name:path>", methods=["GET", "HEAD"], name="static")(
        static_files(STATIC_DIR))
    app.get("/")(index)
    app.get("/healthz")(healthz)
    app.register_listener(open_client, "before_server_start")
    app.register_listener(close_client, "after_server_stop")
    guards.install(app)
    errors.install(app)
    for blueprint in (chat, relay, console, resident, studio, insights, studio_inbox):
        app.blueprint(blueprint)
    return app


async def open_client(app: Sanic, _loop: object) -> None:
    """The one HTTP client to Rasa; a resident waits at most the assistant timeout."""
    timeout = aiohttp.ClientTimeout(total=settings_of(app).assistant_timeout_seconds)
    app.ctx.http = aiohttp.ClientSession(timeout=timeout)


async def close_client(app: Sanic, _loop: object) -> None:
    await app.ctx.http.close()


async def index(request: Request) -> HTTPResponse:
    headers = page_headers(settings_of(request.app).embed_allowed_origins)
    return await response.file(STATIC_DIR / "index.html", headers=headers)


async def healthz(_request: Request) -> HTTPResponse:
    return response.json({"status": "ok"})
