"""The web front (port 8000): the residents' chat page and its small JSON API.

The page talks only to this server, never straight to Rasa: one origin, no
CORS, and one place to add what the chat needs beyond Rasa (adviser relay,
summaries) without exposing Rasa's own API to the internet.
"""
from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from knowledge.languages import LANGUAGES, direction_of
from web.console.routes import console
from web.interface.routes import page_headers, resident
from web.relay import SENDER_ID, relay

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 2000

# How long a resident waits for the assistant before being told to try again.
UPSTREAM_TIMEOUT = float(os.environ.get("ASSISTANT_TIMEOUT_SECONDS", "60"))

log = logging.getLogger(__name__)


def create_app(rasa_url: str | None = None, name: str = "home_navigator_web") -> Sanic:
    app = Sanic(name)
    app.config.RASA_URL = (rasa_url or os.environ.get("RASA_URL")
                           or "http://127.0.0.1:5005").rstrip("/")
    app.config.REQUEST_MAX_SIZE = 64 * 1024  # a chat message, not an upload
    app.static("/static", str(STATIC_DIR), name="static")

    @app.listener("before_server_start")
    async def open_client(app_: Sanic, _loop) -> None:
        app_.ctx.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=UPSTREAM_TIMEOUT))

    @app.listener("after_server_stop")
    async def close_client(app_: Sanic, _loop) -> None:
        await app_.ctx.http.close()

    @app.get("/")
    async def index(_request: Request):
        return await response.file(STATIC_DIR / "index.html", headers=page_headers())

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
        worker = body.get("worker")
        if isinstance(worker, dict) and isinstance(worker.get("organisation"), str) \
                and worker["organisation"].strip():
            # Community-worker mode: the adviser's case notes the worker's organisation.
            payload["metadata"] = {"worker_organisation": worker["organisation"].strip()[:200]}
        wants_english = body.get("english") is True
        url = f"{app.config.RASA_URL}/webhooks/rest/webhook"
        try:
            async with app.ctx.http.post(url, json=payload) as upstream:
                if upstream.status != 200:
                    log.warning("assistant answered HTTP %s", upstream.status)
                    return response.json({"error": "The assistant could not answer just now. Please try again."},
                                         status=502)
                messages = await upstream.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:  # not builtin on 3.10
            log.warning("assistant unreachable: %s", type(exc).__name__)
            return response.json({"error": "The assistant is not reachable just now. Please try again in a moment."},
                                 status=503)
        # Mark each reply's writing direction so Urdu and Arabic lay out right-to-left.
        for message in messages:
            if isinstance(message, dict) and message.get("text"):
                message["dir"] = direction_of(message["text"])
            if isinstance(message, dict) and not wants_english:
                message.pop("english", None)  # only worker mode shows the English beside
        return response.json({"messages": messages})

    @app.get("/api/languages")
    async def languages(_request: Request):
        """The language menu: each language named in itself, with its direction."""
        return response.json([{"code": lang.code, "name": lang.own_name,
                               "dir": lang.direction} for lang in LANGUAGES.values()])

    app.blueprint(relay)
    app.blueprint(console)
    app.blueprint(resident)
    return app
