"""The web front (port 8000): the residents' chat page and its small JSON API.

The page talks only to this server, never straight to Rasa: one origin, no
CORS, and one place to add what the chat needs beyond Rasa (adviser relay,
summaries) without exposing Rasa's own API to the internet.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from knowledge.languages import LANGUAGES, direction_of

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 2000
SENDER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

log = logging.getLogger(__name__)


def create_app(rasa_url: str | None = None, name: str = "home_navigator_web") -> Sanic:
    app = Sanic(name)
    app.config.RASA_URL = (rasa_url or os.environ.get("RASA_URL")
                           or "http://127.0.0.1:5005").rstrip("/")
    app.config.REQUEST_MAX_SIZE = 64 * 1024  # a chat message, not an upload
    app.static("/static", str(STATIC_DIR), name="static")

    @app.listener("before_server_start")
    async def open_client(app_: Sanic, _loop) -> None:
        app_.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    @app.listener("after_server_stop")
    async def close_client(app_: Sanic, _loop) -> None:
        await app_.ctx.http.close()

    @app.get("/")
    async def index(_request: Request):
        return await response.file(STATIC_DIR / "index.html",
                                   headers={"Cache-Control": "no-cache"})

    @app.get("/healthz")
    async def healthz(_request: Request):
        return response.json({"status": "ok"})

    @app.post("/api/chat")
    async def chat(request: Request):
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - Sanic raises its own error types for bad JSON
            body = None
        if not isinstance(body, dict):
            return response.json({"error": "Send JSON like {\"sender\": \"...\", \"message\": \"...\"}."},
                                 status=400)
        sender, message = body.get("sender"), body.get("message")
        if not isinstance(sender, str) or not SENDER_ID.match(sender):
            return response.json({"error": "The conversation id is missing or not valid."},
                                 status=400)
        if not isinstance(message, str) or not message.strip():
            return response.json({"error": "The message is empty."}, status=400)
        if len(message) > MAX_MESSAGE_CHARS:
            return response.json(
                {"error": f"The message is too long: please keep it under {MAX_MESSAGE_CHARS} characters."},
                status=413)
        payload = {"sender": sender, "message": message}
        url = f"{app.config.RASA_URL}/webhooks/rest/webhook"
        try:
            async with app.ctx.http.post(url, json=payload) as upstream:
                if upstream.status != 200:
                    log.warning("assistant answered HTTP %s", upstream.status)
                    return response.json({"error": "The assistant could not answer just now. Please try again."},
                                         status=502)
                messages = await upstream.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("assistant unreachable: %s", type(exc).__name__)
            return response.json({"error": "The assistant is not reachable just now. Please try again in a moment."},
                                 status=503)
        # Mark each reply's writing direction so Urdu and Arabic lay out right-to-left.
        for message in messages:
            if isinstance(message, dict) and message.get("text"):
                message["dir"] = direction_of(message["text"])
        return response.json({"messages": messages})

    @app.get("/api/languages")
    async def languages(_request: Request):
        """The language menu: each language named in itself, with its direction."""
        return response.json([{"code": lang.code, "name": lang.own_name,
                               "dir": lang.direction} for lang in LANGUAGES.values()])

    return app
