"""The chat API the residents' page talks to: start a conversation, send a message.

The page talks only to this server, never straight to Rasa (ADR 5). What a request says
(`parse_chat_request`) and how the assistant's replies are shown (`present`) are pure
functions, tested without a server; the handlers only join them to the HTTP call.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from sanic import Blueprint, Sanic, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.message_text import clean
from knowledge.languages import LANGUAGES, direction_of
from web.context import settings_of
from web.conversation_token import issue, require_conversation
from web.errors import Refused
from web.routing import Router

MAX_MESSAGE_CHARS = 2000
MAX_ORGANISATION_CHARS = 120  # the organisation field on the page (web/static/index.html)
JSON_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list",
              dict: "an object", type(None): "null"}
NOT_AN_OBJECT = "Send a JSON object like {\"message\": \"...\"}."
NOT_ANSWERED = "The assistant could not answer just now. Please try again."
NOT_REACHABLE = "The assistant is not reachable just now. Please try again in a moment."
CONNECT_SECONDS = 3.0  # a replica that has not accepted the connection by then is down
RETRY_PAUSES = (0.25, 0.5, 1.0, 2.0)  # when no replica took a message: a restart
RETRY_SECONDS = 5.0  # ... is waited for this long at most

log = logging.getLogger(__name__)
chat = Blueprint("resident_chat")


@dataclass(frozen=True)
class ChatRequest:
    """One message from the page, checked and cleaned."""
    message: str
    worker_organisation: str | None = None  # community-worker mode
    wants_english: bool = False  # worker mode shows the English beside each reply

    def for_rasa(self, sender: str) -> dict[str, Any]:
        payload: dict[str, Any] = {"sender": sender, "message": self.message}
        if self.worker_organisation:
            # Community-worker mode: the adviser's case notes the worker's organisation.
            payload["metadata"] = {"worker_organisation": self.worker_organisation}
        return payload


def parse_chat_request(body: bytes) -> ChatRequest:
    """The page's request body as a ChatRequest, or InvalidUsage / Refused(413) saying,
    in words a developer can act on, what is wrong with it."""
    fields = json_object(body)
    wrong = message_problem(fields)
    if wrong:
        raise InvalidUsage(wrong)
    message: str = fields["message"]  # message_problem found it there, as text
    if len(message) > MAX_MESSAGE_CHARS:
        raise Refused(413, f"'message' is too long: keep it under {MAX_MESSAGE_CHARS} characters.")
    text = clean(message)
    if not text.strip():
        raise InvalidUsage("'message' has no readable text, only control or invalid characters.")
    return ChatRequest(text, worker_organisation(fields.get("worker")),
                       fields.get("english") is True)


def json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object (json.loads also reads UTF-16 and UTF-32 bodies)."""
    try:
        fields = json.loads(body) if body else None
    except UnicodeDecodeError:
        raise InvalidUsage("The request is not valid UTF-8 text. " + NOT_AN_OBJECT) from None
    except ValueError:
        raise InvalidUsage(NOT_AN_OBJECT) from None
    if not isinstance(fields, dict):
        raise InvalidUsage(NOT_AN_OBJECT)
    return fields


def message_problem(body: dict[str, Any]) -> str | None:
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


def present(messages: list[Any], wants_english: bool) -> list[Any]:
    """The assistant's replies as the page shows them: each text marked with its writing
    direction (Urdu and Arabic lay out right-to-left), and the English beside it only in
    worker mode. New dicts: what Rasa sent is left as it was."""
    shown = []
    for message in messages:
        if isinstance(message, dict):
            message = {k: v for k, v in message.items() if wants_english or k != "english"}
            if message.get("text"):
                message["dir"] = direction_of(message["text"])
        shown.append(message)
    return shown


class Unanswered(Exception):
    """One replica did not answer; `refused` when it never had the message (closed port,
    connection dropped, no connection in time), so another replica may safely take it."""

    def __init__(self, status: int, reason: str, refused: bool) -> None:
        super().__init__(reason)
        self.status, self.refused = status, refused


async def ask_once(http: aiohttp.ClientSession, rasa_url: str, payload: dict[str, Any],
                   timeout: aiohttp.ClientTimeout | None = None) -> list[Any]:
    """One replica's replies to one message, or Unanswered saying why not."""
    try:
        async with http.post(f"{rasa_url}/webhooks/rest/webhook", json=payload,
                             timeout=timeout or http.timeout) as upstream:
            if upstream.status != 200:
                log.warning("assistant answered HTTP %s", upstream.status)
                raise Unanswered(502, NOT_ANSWERED, refused=upstream.status >= 500)
            replies = await upstream.json()
    except (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError) as exc:
        # Refused, reset, or no connection within CONNECT_SECONDS: the replica is down.
        # (ServerTimeoutError is also a read timeout: that one is not retried elsewhere.)
        refused = not isinstance(exc, aiohttp.ServerTimeoutError) or "onnect" in str(exc)
        log.warning("assistant unreachable: %s", type(exc).__name__)
        raise Unanswered(503, NOT_REACHABLE, refused=refused) from None
    except asyncio.TimeoutError:  # not builtin on 3.10; the whole wait passed
        log.warning("assistant did not answer in time")
        raise Unanswered(503, NOT_REACHABLE, refused=False) from None
    except ValueError:  # a 200 whose body is not JSON
        log.warning("assistant answered something that is not JSON")
        raise Unanswered(502, NOT_ANSWERED, refused=False) from None
    if not isinstance(replies, list):
        log.warning("assistant answered %s, not a list", type(replies).__name__)
        raise Unanswered(502, NOT_ANSWERED, refused=False)
    return replies


async def ask_assistant(http: aiohttp.ClientSession, rasa_url: str,
                        payload: dict[str, Any]) -> list[Any]:
    """One replica's replies to one message, or Refused(502/503) when it cannot give them."""
    try:
        return await ask_once(http, rasa_url, payload)
    except Unanswered as exc:
        raise Refused(exc.status, str(exc)) from None


async def ask_replicas(http: aiohttp.ClientSession, router: Router, payload: dict[str, Any],
                       wait_seconds: float) -> list[Any]:
    """The replies of the conversation's replica (web/routing.py), or of the next one on
    the ring when it refuses; when none takes the message, ask again after short pauses
    for RETRY_SECONDS (a replica restarting), then Refused(502/503). A replica that took
    the message but did not answer is not asked again elsewhere: it may still be handling
    it, and a second replica handling the same turn is the interleaving routing prevents
    (docs/adr/0021-conversation-routing.md)."""
    started = time.monotonic()
    last = Unanswered(503, NOT_REACHABLE, refused=True)
    for pause in (0.0, *RETRY_PAUSES):
        if pause:
            if time.monotonic() + pause - started > RETRY_SECONDS:
                break
            await asyncio.sleep(pause)
        for replica in router.order(payload["sender"], time.monotonic()):
            remaining = wait_seconds - (time.monotonic() - started)
            if remaining <= 0:
                raise Refused(last.status, str(last))
            timeout = aiohttp.ClientTimeout(total=remaining, sock_connect=CONNECT_SECONDS)
            try:
                replies = await ask_once(http, replica, payload, timeout)
            except Unanswered as exc:
                router.failed(replica, time.monotonic())
                if not exc.refused:
                    raise Refused(exc.status, str(exc)) from None
                last = exc
                continue
            router.answered(replica)
            return replies
    raise Refused(last.status, str(last))


def router_of(app: Sanic) -> Router:
    """This web process's router over the settings' RASA_URLS, made on first use (and
    again if the settings name other replicas: tests that change the environment)."""
    replicas = settings_of(app).rasa_urls
    router = getattr(app.ctx, "router", None)
    if router is None or router.ring.replicas != replicas:
        router = app.ctx.router = Router.of(replicas)
    return router


@chat.post("/api/chat/session")
async def new_session(request: Request) -> HTTPResponse:
    """A new conversation for a page that has none (first visit, Clear, Quick exit)."""
    conversation_id, token = issue(request.app.ctx.conversation_secret)
    return response.json({"conversation_id": conversation_id, "token": token},
                         headers={"Cache-Control": "no-store"})


@chat.post("/api/chat")
async def send_message(request: Request) -> HTTPResponse:
    sender = require_conversation(request)
    asked = parse_chat_request(request.body)
    replies = await ask_replicas(request.app.ctx.http, router_of(request.app),
                                 asked.for_rasa(sender),
                                 settings_of(request.app).assistant_timeout_seconds)
    return response.json({"messages": present(replies, asked.wants_english)})


@chat.get("/api/languages")
async def languages(_request: Request) -> HTTPResponse:
    """The language menu: each language named in itself, with its direction."""
    return response.json([{"code": lang.code, "name": lang.own_name,
                           "dir": lang.direction} for lang in LANGUAGES.values()])
