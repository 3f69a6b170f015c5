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
from sanic.response import HTTPResponse

from bot.message_text import clean
from knowledge.languages import LANGUAGES, direction_of
from web import guards
from web.console.routes import console
from web.guards import static_files
from web.interface.routes import page_headers, resident
from web.conversation_token import conversation_of_request, issue, load_secret, not_this_conversation
from web.relay import relay

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_CHARS = 2000
MAX_ORGANISATION_CHARS = 120  # the organisation field on the page (web/static/index.html)
JSON_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list",
              dict: "an object", type(None): "null"}

# How long a resident waits for the assistant before being told to try again.
UPSTREAM_TIMEOUT = float(os.environ.get("ASSISTANT_TIMEOUT_SECONDS", "60"))

log = logging.getLogger(__name__)


def create_app(rasa_url: str | None = None, name: str = "home_navigator_web") -> Sanic:
    app = Sanic(name)
    app.config.RASA_URL = (rasa_url or os.environ.get("RASA_URL")
                           or "http://127.0.0.1:5005").rstrip("/")
    app.config.REQUEST_MAX_SIZE = 64 * 1024  # a chat message, not an upload
    app.ctx.conversation_secret = load_secret()  # at start: a bad key stops the server, not a chat
    app.route("/static/<name:path>", methods=["GET", "HEAD"], name="static")(
        static_files(STATIC_DIR))
    guards.install(app)

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

    @app.post("/api/chat/session")
    async def new_session(request: Request):
        """A new conversation for a page that has none (first visit, Clear, Quick exit)."""
        conversation_id, token = issue(request.app.ctx.conversation_secret)
        return response.json({"conversation_id": conversation_id, "token": token},
                             headers={"Cache-Control": "no-store"})

    @app.post("/api/chat")
    async def chat(request: Request):
        sender = conversation_of_request(request)
        if sender is None:
            return not_this_conversation()
        body = json_object(request)
        if body is None:
            return problem("Send a JSON object like {\"message\": \"...\"}.", 400)
        message = body.get("message")
        wrong = message_problem(body)
        if wrong:
            return problem(wrong, 400)
        if len(message) > MAX_MESSAGE_CHARS:
            return problem(f"'message' is too long: keep it under {MAX_MESSAGE_CHARS} characters.", 413)
        payload = {"sender": sender, "message": clean(message)}
        organisation = worker_organisation(body.get("worker"))
        if organisation:
            # Community-worker mode: the adviser's case notes the worker's organisation.
            payload["metadata"] = {"worker_organisation": organisation}
        wants_english = body.get("english") is True
        url = f"{app.config.RASA_URL}/webhooks/rest/webhook"
        try:
            async with app.ctx.http.post(url, json=payload) as upstream:
                if upstream.status != 200:
                    log.warning("assistant answered HTTP %s", upstream.status)
                    return problem("The assistant could not answer just now. Please try again.", 502)
                messages = await upstream.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:  # not builtin on 3.10
            log.warning("assistant unreachable: %s", type(exc).__name__)
            return problem("The assistant is not reachable just now. Please try again in a moment.", 503)
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


def problem(error: str, status: int) -> HTTPResponse:
    """An API error for developers: says what is wrong (the page shows its own words)."""
    return response.json({"error": error}, status=status)


def json_object(request: Request) -> dict | None:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - Sanic raises its own error types for bad JSON
        return None
    return body if isinstance(body, dict) else None


def message_problem(body: dict) -> str | None:
    """What is wrong with the resident's message, in words a developer can act on."""
    if "message" not in body:
        return "'message' is missing: send the resident's text as \"message\"."
    message = body["message"]
    if not isinstance(message, str):
        return f"'message' must be text, not {JSON_KINDS.get(type(message), 'that')}."
    if not message.strip():
        return "'message' is empty."
    return None


def worker_organisation(worker: object) -> str | None:
    """The community worker's organisation as the adviser's case shows it: no control or
    invisible characters, one line, at most the page's field length; None when nothing
    readable is left. It is typed by anyone, so it must not forge lines in the case."""
    if not isinstance(worker, dict) or not isinstance(worker.get("organisation"), str):
        return None
    text = " ".join(clean(worker["organisation"]).split())
    return text[:MAX_ORGANISATION_CHARS].strip() or None
