"""The navigator's settings: read from the environment ONCE, at start-up, into a frozen record.

Before this module 16 reads of `os.environ` were spread over 11 files, some at import time
and one on every request, so a test had to set environment variables and hope nothing had
read them yet. Now a process builds `Settings.from_environment()` when it starts and passes
it down; tests build `Settings(...)` or `Settings.from_environment({...})` with exactly the
values they mean. The defaults and the checks are the ones each file applied before.

Each field names the variable it comes from in its comment. Secrets (tokens, keys, database
and Redis URLs, which may hold a password) are left out of `repr`, so a logged Settings
never leaks them.
"""
from __future__ import annotations

import ipaddress
import logging
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Union

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ENDPOINTS_FILE = PROJECT_ROOT / "endpoints.yml"
DEFAULT_WEB_SECRET_FILE = PROJECT_ROOT / "var" / "web-secret.key"
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
DEFAULT_POSTCODES_IO_URL = "https://api.postcodes.io"

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

log = logging.getLogger(__name__)


class SettingsError(ValueError):
    """A setting that cannot be used: the process stops at start-up and says which."""


@dataclass(frozen=True)
class Settings:
    """Everything the navigator's processes take from their environment."""

    # Storage (core/storage.py). DATABASE_URL: None means the SQLite files in var/.
    database_url: str | None = field(default=None, repr=False)
    # REDIS_URL: Rasa's lock store moves to Redis when set (several Rasa replicas).
    redis_url: str | None = field(default=None, repr=False)

    # The action server (actions/server.py) and Rasa's calls to it (bot/action_calls.py).
    action_server_token: str = field(default="", repr=False)  # ACTION_SERVER_TOKEN
    action_server_host: str = "127.0.0.1"  # ACTION_SERVER_HOST
    action_timeout_seconds: float = 30.0  # ACTION_SERVER_TIMEOUT_SECONDS, at least 0.5
    reply_timeout_seconds: float = 45.0  # REPLY_TIMEOUT_SECONDS, at least 1
    rasa_host: str = "127.0.0.1"  # RASA_HOST: the interface Rasa listens on

    # The web server (web/).
    rasa_url: str = DEFAULT_RASA_URL  # RASA_URL, without a trailing /
    # RASA_URLS: every Rasa replica, separated by commas; the web tier routes each
    # conversation to one of them (web/routing.py). Unset: (rasa_url,), one replica.
    rasa_urls: tuple[str, ...] = ()
    assistant_timeout_seconds: float = 60.0  # ASSISTANT_TIMEOUT_SECONDS
    web_host: str = "127.0.0.1"  # WEB_HOST
    web_port: int = 8000  # WEB_PORT
    web_secret_key: str = field(default="", repr=False)  # WEB_SECRET_KEY (web checks length)
    web_secret_key_file: Path = DEFAULT_WEB_SECRET_FILE  # WEB_SECRET_KEY_FILE
    # EMBED_ALLOWED_ORIGINS as written: web/interface/routes.py picks the valid sites.
    embed_allowed_origins: str = ""
    # TRUSTED_PROXIES: networks whose X-Forwarded-For is believed (bad entries dropped).
    trusted_proxies: tuple[Network, ...] = ()

    # Answers (knowledge/, actions/).
    postcodes_io_url: str = DEFAULT_POSTCODES_IO_URL  # POSTCODES_IO_URL, without trailing /
    today_override: date | None = None  # NAVIGATOR_TODAY (YYYY-MM-DD): preview another day
    hold_back_days: int | None = None  # NAVIGATOR_HOLD_BACK_DAYS; None: the library's default

    # Advice (advice/).
    handoff_webhook_url: str | None = None  # HANDOFF_WEBHOOK_URL, else endpoints.yml
    handoff_webhook_token: str | None = field(default=None, repr=False)  # HANDOFF_WEBHOOK_TOKEN
    adviser_password: str | None = field(default=None, repr=False)  # ADVISER_PASSWORD (CLI)
    retention_days: int = 90  # CONVERSATION_RETENTION_DAYS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None,
                         endpoints_file: Path | None = DEFAULT_ENDPOINTS_FILE) -> "Settings":
        """Settings from `environ` (the process environment when None), and the handoff
        webhook from `endpoints_file` when the environment does not name one."""
        env = os.environ if environ is None else environ
        webhook_url = _text(env, "HANDOFF_WEBHOOK_URL")
        webhook_token = _text(env, "HANDOFF_WEBHOOK_TOKEN")
        if not webhook_url and endpoints_file is not None:
            webhook_url, webhook_token = _webhook_from_endpoints(endpoints_file, webhook_token)
        return cls(
            database_url=_text(env, "DATABASE_URL"),
            redis_url=_text(env, "REDIS_URL"),
            action_server_token=_text(env, "ACTION_SERVER_TOKEN") or "",
            action_server_host=env.get("ACTION_SERVER_HOST") or "127.0.0.1",
            action_timeout_seconds=_seconds(env, "ACTION_SERVER_TIMEOUT_SECONDS", 30.0, 0.5),
            reply_timeout_seconds=_seconds(env, "REPLY_TIMEOUT_SECONDS", 45.0, 1.0),
            rasa_host=env.get("RASA_HOST") or "127.0.0.1",
            rasa_url=(env.get("RASA_URL") or DEFAULT_RASA_URL).rstrip("/"),
            rasa_urls=_urls(env.get("RASA_URLS", "")),
            assistant_timeout_seconds=_number(env, "ASSISTANT_TIMEOUT_SECONDS", 60.0),
            web_host=env.get("WEB_HOST") or "127.0.0.1",
            web_port=_whole(env, "WEB_PORT", 8000),
            web_secret_key=_text(env, "WEB_SECRET_KEY") or "",
            web_secret_key_file=Path(env.get("WEB_SECRET_KEY_FILE") or DEFAULT_WEB_SECRET_FILE),
            embed_allowed_origins=env.get("EMBED_ALLOWED_ORIGINS", ""),
            trusted_proxies=_networks(env.get("TRUSTED_PROXIES", "")),
            postcodes_io_url=(env.get("POSTCODES_IO_URL") or DEFAULT_POSTCODES_IO_URL).rstrip("/"),
            today_override=_day(env, "NAVIGATOR_TODAY"),
            hold_back_days=_days_or_none(env, "NAVIGATOR_HOLD_BACK_DAYS"),
            handoff_webhook_url=webhook_url,
            handoff_webhook_token=webhook_token,
            adviser_password=env.get("ADVISER_PASSWORD") or None,
            retention_days=_whole(env, "CONVERSATION_RETENTION_DAYS", 90),
        )

    def __post_init__(self) -> None:
        if not self.rasa_urls:  # one replica: the one RASA_URL names
            object.__setattr__(self, "rasa_urls", (self.rasa_url,))

    def but(self, **changes: Any) -> "Settings":
        """A copy with some values changed (tests; a stack beside the running one). A
        single replica follows a changed rasa_url unless rasa_urls is changed too."""
        if "rasa_url" in changes and "rasa_urls" not in changes \
                and self.rasa_urls == (self.rasa_url,):
            changes["rasa_urls"] = ()
        return replace(self, **changes)


def _text(env: Mapping[str, str], name: str) -> str | None:
    """The value without surrounding spaces; None when unset or blank."""
    return env.get(name, "").strip() or None


def _seconds(env: Mapping[str, str], name: str, default: float, at_least: float) -> float:
    """A timeout: the default when unset or not a number, never below `at_least` (a zero
    timeout would fail every message). As bot/action_calls.py read it before."""
    try:
        return max(at_least, float(env.get(name, default)))
    except ValueError:
        return default


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, not {value[:40]!r}") from None


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value[:40]!r}") from None


def _days_or_none(env: Mapping[str, str], name: str) -> int | None:
    """A count of days; anything but digits means "use the default" (as before)."""
    value = env.get(name, "").strip()
    return int(value) if value.isdigit() else None


def _day(env: Mapping[str, str], name: str) -> date | None:
    value = env.get(name, "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise SettingsError(f"{name} must be a date as YYYY-MM-DD, not {value[:40]!r}") from None


def _urls(listed: str) -> tuple[str, ...]:
    """Addresses separated by commas, without trailing / and without repeats."""
    urls = (item.strip().rstrip("/") for item in listed.split(","))
    return tuple(dict.fromkeys(url for url in urls if url))


def _networks(listed: str) -> tuple[Network, ...]:
    """Addresses or networks separated by commas; a bad entry is dropped with a warning
    (a typo must not stop the console, nor make it trust everybody)."""
    networks = []
    for item in listed.split(","):
        try:
            if item.strip():
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            log.warning("TRUSTED_PROXIES: %r is not an address or network; ignored", item)
    return tuple(networks)


def _webhook_from_endpoints(path: Path, token: str | None) -> tuple[str | None, str | None]:
    """`handoff_webhook: {url, token}` in endpoints.yml (the environment's token wins)."""
    if not path.exists():
        return None, token
    section = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("handoff_webhook") or {}
    url = str(section.get("url") or "").strip() or None
    return url, section.get("token") or token


# Every variable Settings reads: a process's settings change only when one of these does.
VARIABLES = ("DATABASE_URL", "REDIS_URL", "ACTION_SERVER_TOKEN", "ACTION_SERVER_HOST",
             "ACTION_SERVER_TIMEOUT_SECONDS", "REPLY_TIMEOUT_SECONDS", "RASA_HOST", "RASA_URL",
             "RASA_URLS", "ASSISTANT_TIMEOUT_SECONDS", "WEB_HOST", "WEB_PORT", "WEB_SECRET_KEY",
             "WEB_SECRET_KEY_FILE", "EMBED_ALLOWED_ORIGINS", "TRUSTED_PROXIES",
             "POSTCODES_IO_URL", "NAVIGATOR_TODAY", "NAVIGATOR_HOLD_BACK_DAYS",
             "HANDOFF_WEBHOOK_URL", "HANDOFF_WEBHOOK_TOKEN", "ADVISER_PASSWORD",
             "CONVERSATION_RETENTION_DAYS")

_installed: list[Settings] = []


def install(settings: Settings) -> Settings:
    """Make `settings` the process's own: called once by each entry point at start-up
    (the action server, the web server, Rasa's stores), after which `current()` never
    looks at the environment again."""
    _installed[:] = [settings]
    return settings


def current() -> Settings:
    """The process's settings, for code that Rasa or a library constructs and so cannot be
    handed them (the tracker and lock stores named in endpoints.yml), and for callers not
    yet passing settings in. Before an entry point installs them (tests, tools used as
    libraries) they follow the environment as it is now, built again only when one of the
    VARIABLES changed."""
    if _installed:
        return _installed[0]
    return _from_snapshot(tuple((name, os.environ.get(name)) for name in VARIABLES))


@lru_cache(maxsize=32)
def _from_snapshot(values: tuple[tuple[str, str | None], ...]) -> Settings:
    return Settings.from_environment({k: v for k, v in values if v is not None})
