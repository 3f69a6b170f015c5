"""Rasa's standard REST channel, with a clear 4xx for requests it cannot use.

Same URL (`POST /webhooks/rest/webhook`) and the same protocol as Rasa's own
`rest` channel. Two differences: a body that is not a JSON object, a missing or
odd sender, a message that is not text or is far too long gets a 400/413 that
says what is wrong, where Rasa's channel would answer 500; and each message
carries, besides `text`, `buttons` and `custom` together as one message, its
English (`english`) when the reply is in another language, which the
community-worker mode shows side by side.

Two safeguards for residents in crisis (issue 11):
- every message is cleaned of invalid characters (bot/message_text.py) before any
  check reads it: a lone surrogate once made the language check fail and the
  crisis check never ran;
- when the action server fails, errors or is too slow for a message
  (bot/action_calls.py), or handling the message fails or passes
  REPLY_TIMEOUT_SECONDS, the reply ends with `utter_assistant_unavailable`: an
  apology, 999 and the national helplines, in the resident's language. Never an
  empty reply, never one without the numbers. That includes a turn the conversation
  store could not read or save even after retrying (bot/stores.py): the turn fails
  rather than being kept in memory, and the reply's language is read with one try.
"""
from __future__ import annotations

import asyncio
import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.action_calls import watch_action_calls, watch_message
from bot.assistant_unavailable import unavailable_message
from bot.message_text import clean
from bot.stores import watch_message as watch_store
from bot.translations import english_text
from core.settings import current

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128
REPLY_TIMEOUT_SETTING = "REPLY_TIMEOUT_SECONDS"
# Below the web server's ASSISTANT_TIMEOUT_SECONDS (60), so the resident hears from us.
DEFAULT_REPLY_TIMEOUT = 45.0

log = logging.getLogger(__name__)


class NavigatorOutput(CollectingOutputChannel):
    """Collects each bot message whole: text, buttons, custom data and its English."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        out: Dict[Text, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "image", "custom", "attachment"):
            if message.get(key):
                out[key] = message[key]
        english = message.get("english") or english_text(message.get("utter_action"))
        if english and english != out.get("text"):
            out["english"] = english
        if len(out) > 1:
            await self._persist_message(out)


class NavigatorRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @staticmethod
    def _body(req: Request) -> Dict[Text, Any]:
        try:
            body = req.json
        except Exception:  # noqa: BLE001 - Sanic raises its own error for unparsable JSON
            raise InvalidUsage("The request body is not valid JSON.")
        if not isinstance(body, dict):
            raise InvalidUsage('Send a JSON object like {"sender": "abc123", "message": "hello"}.')
        return body

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = self._body(req).get("sender")
        if sender is None:
            return None  # Rasa makes up a conversation id, as its own channel does
        if not isinstance(sender, (str, int)) or isinstance(sender, bool) \
                or not str(sender).strip() or len(str(sender)) > MAX_SENDER_CHARS:
            raise InvalidUsage(f"'sender' must be a conversation id of 1 to {MAX_SENDER_CHARS} "
                               "characters.")
        return str(sender)

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = self._body(req).get("message")
        if message is None:
            raise InvalidUsage("'message' is missing: send the resident's text.")
        if not isinstance(message, str):
            raise InvalidUsage("'message' must be text.")
        if len(message) > MAX_MESSAGE_CHARS:
            raise PayloadTooLarge(f"'message' is too long: keep it under {MAX_MESSAGE_CHARS} "
                                  "characters.")
        return clean(message)

    def _extract_input_channel(self, req: Request) -> Text:
        channel = self._body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = self._body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST routes, with NavigatorOutput collecting the reply."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            sender_id = await self._extract_sender(request)
            text = self._extract_message(request)
            collector = NavigatorOutput()
            agent = getattr(request.app.ctx, "agent", None)
            watch_action_calls(agent)
            failures = watch_message()
            watch_store()
            message = UserMessage(text, collector, sender_id,
                                  input_channel=self._extract_input_channel(request),
                                  metadata=self.get_metadata(request))
            handled = await self._handle(on_new_message, message)
            if failures or not handled:
                log.warning("rest channel: the assistant could not answer fully (%s); "
                            "sending the emergency numbers", ", ".join(failures) or "failed")
                await collector.send_response(message.sender_id, await unavailable_message(
                    agent, message.sender_id, text or ""))
            return response.json(collector.messages)

        return webhook

    @staticmethod
    async def _handle(on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      message: UserMessage) -> bool:
        """Handle one message within the reply deadline; False when that failed."""
        try:
            await asyncio.wait_for(on_new_message(message), reply_timeout())
            return True
        except (asyncio.TimeoutError, CancelledError):
            log.error("rest channel: message handling timed out")
        except Exception:  # noqa: BLE001 - as Rasa's own channel: log, answer what we have
            log.exception("rest channel: message handling failed")
        return False


def reply_timeout() -> float:
    return current().reply_timeout_seconds  # REPLY_TIMEOUT_SECONDS, core/settings.py
