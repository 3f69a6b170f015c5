"""Rasa's standard REST channel, with a clear 4xx for requests it cannot use.

Same URL (`POST /webhooks/rest/webhook`) and the same protocol as Rasa's own
`rest` channel; the only difference is that a body that is not a JSON object,
a missing or odd sender, a message that is not text or is far too long gets a
400/413 that says what is wrong, where Rasa's channel would answer 500.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128


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
        return message

    def _extract_input_channel(self, req: Request) -> Text:
        channel = self._body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = self._body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None
