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
  the resident wait for each in turn;
- keeps its connections to the action server open between calls (one aiohttp session
  per process, keep-alive), where Rasa opens a new session and TCP connection for every
  call (`EndpointConfig.request`), three to four times per message;
- when the action server refuses the connection (it is down), asks the next of
  `failover_urls` (endpoints.yml, under action_endpoint): action servers keep nothing
  between calls, so any of them can run any action. Only a refused connection moves on:
  a call the server took and then failed may have done its work (a handoff opened), so it
  is not repeated elsewhere (docs/adr/0021-conversation-routing.md).
"""
from __future__ import annotations

import asyncio
from contextvars import ContextVar
from types import TracebackType
from typing import Any, Optional

import aiohttp
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from core.settings import current

TIMEOUT_SETTING = "ACTION_SERVER_TIMEOUT_SECONDS"
DEFAULT_TIMEOUT = 30.0
FAILOVER_KEY = "failover_urls"  # under action_endpoint in endpoints.yml
# An idle connection is closed by us after this long, before the action server's own
# keep-alive timeout (Sanic's 5 s) closes it under a call on its way.
KEEP_ALIVE_SECONDS = 2.0

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


class KeptSession:
    """One aiohttp session, kept open, lent to `async with endpoint.session()` in Rasa's
    `EndpointConfig.request`, which would otherwise close it after each call."""

    def __init__(self, headers: dict[str, Any], auth: aiohttp.BasicAuth | None) -> None:
        self.headers, self.auth = headers, auth
        self._session: aiohttp.ClientSession | None = None

    def current(self) -> aiohttp.ClientSession:
        """The session, made on first use in the running event loop (Rasa's)."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._session._loop is not loop:
            connector = aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS)
            self._session = aiohttp.ClientSession(
                headers=self.headers, auth=self.auth, connector=connector,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_TIMEOUT))
        return self._session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.current()

    async def __aexit__(self, kind: Optional[type[BaseException]],
                        error: Optional[BaseException], trace: Optional[TracebackType]) -> None:
        return None  # kept open for the next call


class KeptEndpoint(EndpointConfig):
    """An action server called over the kept session."""

    kept: KeptSession

    def session(self) -> Any:  # Rasa's returns a new ClientSession to close after use
        return self.kept


class WatchedEndpoint(KeptEndpoint):
    """Rasa's action endpoint with our timeout, a record of failed calls, kept
    connections and the other action servers to ask when this one is down."""

    timeout: float = DEFAULT_TIMEOUT
    failover: tuple[KeptEndpoint, ...] = ()

    @classmethod
    def around(cls, endpoint: EndpointConfig) -> "WatchedEndpoint":
        watched = cls(url=endpoint.url, params=endpoint.params, headers=endpoint.headers,
                      basic_auth=endpoint.basic_auth, token=endpoint.token,
                      token_name=endpoint.token_name, cafile=endpoint.cafile,
                      **endpoint.kwargs)
        watched.type = endpoint.type
        watched.timeout = action_timeout()
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"],
                                 endpoint.basic_auth["password"]) if endpoint.basic_auth else None
        watched.kept = KeptSession(dict(endpoint.headers or {}), auth)
        watched.failover = tuple(watched.sibling(url) for url in
                                 endpoint.kwargs.get(FAILOVER_KEY) or () if url != endpoint.url)
        return watched

    def sibling(self, url: str) -> KeptEndpoint:
        """Another action server, called as this one is (secret, session)."""
        other = KeptEndpoint(url=url, params=self.params, headers=self.headers,
                             basic_auth=self.basic_auth, token=self.token,
                             token_name=self.token_name, cafile=self.cafile)
        other.kept = self.kept
        return other

    async def _ask(self, *args: Any, **kwargs: Any) -> Any:
        """This action server, or the next that accepts the connection."""
        targets: tuple[EndpointConfig, ...] = (self, *self.failover)
        for number, target in enumerate(targets, start=1):
            try:
                return await EndpointConfig.request(target, *args, **kwargs)
            except aiohttp.ClientConnectorError:
                if number == len(targets):
                    raise
        raise AssertionError("unreachable")  # the loop returns or raises

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        failures = _failures.get()
        if failures:
            raise aiohttp.ClientConnectionError("the action server failed earlier in this message")
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.timeout)
        try:
            return await self._ask(*args, **kwargs)
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
