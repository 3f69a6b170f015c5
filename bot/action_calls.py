"""Rasa's calls to the action server, watched, so a resident is never left without an answer.

Rasa swallows a failed call to the action server (it logs a warning and carries
on without that action's events), and waits five minutes for one that hangs. If
the call that failed was the crisis check, the resident would get an unrelated
reply or none. So the REST channel (bot/channels.py) swaps Rasa's action
endpoint for a `WatchedEndpoint`, which
- gives up after ACTION_SERVER_TIMEOUT_SECONDS instead of five minutes;
- notes each failed call (no answer, an error, a timeout; not the 400 with which
  the action server rejects a form value, which is normal) for the message being
  handled, so the channel can add the assistant-unavailable reply with the
  emergency numbers;
- after one failure, fails the message's later calls at once rather than making
  the resident wait for each in turn.
"""
from __future__ import annotations

import asyncio
from contextvars import ContextVar
from typing import Any

import aiohttp
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from core.settings import current

TIMEOUT_SETTING = "ACTION_SERVER_TIMEOUT_SECONDS"
DEFAULT_TIMEOUT = 30.0

# The failures of the message being handled: set by the channel for each message.
_failures: ContextVar[list[str] | None] = ContextVar("action_server_failures", default=None)


def watch_message() -> list[str]:
    """Start watching the action calls of one message; the list fills with what failed."""
    failures: list[str] = []
    _failures.set(failures)
    return failures


def action_timeout() -> float:
    """ACTION_SERVER_TIMEOUT_SECONDS as core/settings.py read it (at least half a second)."""
    return current().action_timeout_seconds


class WatchedEndpoint(EndpointConfig):
    """Rasa's action endpoint with our timeout and a record of failed calls."""

    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def around(cls, endpoint: EndpointConfig) -> "WatchedEndpoint":
        watched = cls(url=endpoint.url, params=endpoint.params, headers=endpoint.headers,
                      basic_auth=endpoint.basic_auth, token=endpoint.token,
                      token_name=endpoint.token_name, cafile=endpoint.cafile,
                      **endpoint.kwargs)
        watched.type = endpoint.type
        watched.timeout = action_timeout()
        return watched

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        failures = _failures.get()
        if failures:
            raise aiohttp.ClientConnectionError("the action server failed earlier in this message")
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.timeout)
        try:
            return await super().request(*args, **kwargs)
        except ClientResponseError as error:
            if error.status != 400 and failures is not None:  # 400: a rejected form value
                failures.append(f"HTTP {error.status}")
            raise
        except Exception as error:
            if failures is not None:
                failures.append(type(error).__name__)
            if isinstance(error, asyncio.TimeoutError) \
                    and not isinstance(error, aiohttp.ClientError):
                # As a connection error, which Rasa handles: it carries on, saves the
                # message, and the channel adds the reply with the numbers.
                raise aiohttp.ServerTimeoutError(
                    f"no answer from the action server within {self.timeout:g}s") from error
            raise


def watch_action_calls(agent: Any) -> None:
    """Make the agent's processor call the action server through a WatchedEndpoint (once;
    a newly loaded model brings a new processor, which is watched on its first message)."""
    processor = getattr(agent, "processor", None)
    endpoint = getattr(processor, "action_endpoint", None)
    if processor is not None and endpoint is not None \
            and not isinstance(endpoint, WatchedEndpoint):
        processor.action_endpoint = WatchedEndpoint.around(endpoint)
