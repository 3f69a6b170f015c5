"""The chat API the residents' page talks to: start a conversation, send a message.

The page talks only to this server, never straight to Rasa (ADR 5). What a request says
(`parse_chat_request`) and how the assistant's replies are shown (`present`) are pure
functions, tested without a server; the handlers only join them to the HTTP call.
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.message_text import clean
from knowledge.languages import LANGUAGES, direction_of
from web.context import settings_of
from web.conversation_token import issue, require_conversation
from web.errors import Refused

MAX_MESSAGE_CHARS = 2000
MAX_ORGANISATION_CHARS = 120  # the organisation field on the page (web/static/index.html)
JSON_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list",
              dict: "an object", type(None): "null"}
NOT_AN_OBJECT = "Send a JSON object like {\"message\": \"...\"}."
NOT_ANSWERED = "The assistant could not answer just now. Please try again."
NOT_REACHABLE = "The assistant is not reachable just now. Please try again in a moment."

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
    message = fields.get("message")
    wrong = message_problem(fields)
    if wrong:
        raise InvalidUsage(wrong)
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


async def ask_assistant(http: aiohttp.ClientSession, rasa_url: str,
                        payload: dict[str, Any]) -> list[Any]:
    """Rasa's replies to one message, or Refused(502/503) when it cannot give them."""
    try:
        async with http.post(f"{rasa_url}/webhooks/rest/webhook", json=payload) as upstream:
            if upstream.status != 200:
                log.warning("assistant answered HTTP %s", upstream.status)
                raise Refused(502, NOT_ANSWERED)
            replies = await upstream.json()
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:  # not builtin on 3.10
        log.warning("assistant unreachable: %s", type(exc).__name__)
        raise Refused(503, NOT_REACHABLE) from None
    except ValueError:  # a 200 whose body is not JSON
        log.warning("assistant answered something that is not JSON")
        raise Refused(502, NOT_ANSWERED) from None
    if not isinstance(replies, list):
        log.warning("assistant answered %s, not a list", type(replies).__name__)
        raise Refused(502, NOT_ANSWERED)
    return replies


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
    replies = await ask_assistant(request.app.ctx.http, settings_of(request.app).rasa_url,
                                  asked.for_rasa(sender))
    return response.json({"messages": present(replies, asked.wants_english)})


@chat.get("/api/languages")
async def languages(_request: Request) -> HTTPResponse:
    """The language menu: each language named in itself, with its direction."""
    return response.json([{"code": lang.code, "name": lang.own_name,
                           "dir": lang.direction} for lang in LANGUAGES.values()])
