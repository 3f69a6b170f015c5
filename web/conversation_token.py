"""The resident's conversation token: a conversation id this server chose, signed.

The conversation id is the resident's only credential: whoever sends it reads the
adviser's messages to that resident and writes into their transcript. So the server
issues it (POST /api/chat/session) as `<id>.<signature>`, an HMAC-SHA256 of the id
under a server secret, and every chat and relay call must bring it back in an
`Authorization: Bearer` header. Only the id inside a token that verifies is used; an id
the client makes up, or a token changed by one character, gets 403. A header, not a
cookie: a browser never sends it on its own (no cross-site request can use it), it stays
in the tab in worker mode, it works inside a council's frame where third-party cookies
are blocked, and Quick exit forgets it with the rest of the page's storage.

The secret is WEB_SECRET_KEY (every web replica must have the same one), or else a key
generated once into WEB_SECRET_KEY_FILE (default var/web-secret.key, mode 0600), which
replicas on one machine share. Changing it ends every resident's conversation.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path

from sanic.exceptions import Forbidden
from sanic.request import Request

from core.settings import Settings, current

MIN_SECRET_CHARS = 32
CONVERSATION_ID = re.compile(r"^[0-9a-f]{32}$")
SIGNATURE_CHARS = 43  # 32 bytes of HMAC-SHA256, base64url without padding
PURPOSE = b"home-navigator conversation v1:"  # a token for nothing else than this
NOT_THIS_CONVERSATION = ("Send the conversation's token from POST /api/chat/session as "
                         "'Authorization: Bearer <token>'.")

log = logging.getLogger(__name__)


def load_secret(settings: Settings | None = None) -> bytes:
    """WEB_SECRET_KEY, or the key kept in WEB_SECRET_KEY_FILE (made on first start)."""
    settings = settings or current()
    configured = settings.web_secret_key.strip()
    if configured:
        if len(configured) < MIN_SECRET_CHARS:
            raise SystemExit(f"WEB_SECRET_KEY is too short: use at least {MIN_SECRET_CHARS} "
                             "random characters, e.g. `python -c 'import secrets; "
                             "print(secrets.token_urlsafe(48))'`.")
        return configured.encode()
    return _kept_secret(settings.web_secret_key_file)


def _kept_secret(path: Path) -> bytes:
    """The key in `path`, made first if there is none. Written to a private temporary file
    and linked into place, so two processes starting together agree on one key and
    neither reads a half-written file."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(draft, path)
            log.warning("made a new web secret in %s (set WEB_SECRET_KEY when several "
                        "machines serve the chat)", path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            draft.unlink()
    secret = path.read_text(encoding="utf-8").strip()
    if len(secret) < MIN_SECRET_CHARS:
        raise SystemExit(f"{path} holds no usable key: delete it to make a new one.")
    return secret.encode()


def issue(secret: bytes) -> tuple[str, str]:
    """A new conversation: its id and the token the page keeps for it."""
    conversation_id = secrets.token_hex(16)
    return conversation_id, f"{conversation_id}.{_signature(secret, conversation_id)}"


def conversation_of(secret: bytes, token: str) -> str | None:
    """The conversation id inside `token` when its signature is this server's, else None."""
    conversation_id, _, signature = token.partition(".")
    if not CONVERSATION_ID.match(conversation_id) or len(signature) != SIGNATURE_CHARS:
        return None
    if not hmac.compare_digest(signature.encode(), _signature(secret, conversation_id).encode()):
        return None
    return conversation_id


def conversation_of_request(request: Request) -> str | None:
    """The conversation a chat or relay request belongs to: the id in its bearer token."""
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or len(token) > 200:
        return None
    return conversation_of(request.app.ctx.conversation_secret, token.strip())


def require_conversation(request: Request) -> str:
    """The conversation id in the request's token; 403 when there is no token, or one this
    server did not issue. The page then starts a new conversation."""
    conversation_id = conversation_of_request(request)
    if conversation_id is None:
        raise Forbidden(NOT_THIS_CONVERSATION)
    return conversation_id


def _signature(secret: bytes, conversation_id: str) -> str:
    digest = hmac.new(secret, PURPOSE + conversation_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
