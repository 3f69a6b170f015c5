"""`python -m actions.server [--port P]`: the action server, answering Rasa alone.

Rasa asks the action server to run an action by posting the whole conversation
(`POST /webhook`), and the action server believes it: a forged conversation can
open a handoff case marked as a crisis at the top of the advisers' queue. So,
unlike `rasa run actions`, this entry point:
- listens on 127.0.0.1 unless ACTION_SERVER_HOST says otherwise (a cluster);
- answers only callers that send the shared secret ACTION_SERVER_TOKEN, which
  Rasa sends as `Authorization: Bearer <token>` (endpoints.yml), compared in
  constant time; anyone else gets 401. `/health` stays open for probes;
- refuses to start without a secret, rather than serving everyone;
- never echoes a failed request (a resident's conversation) back in an error;
- loads its models as it starts and answers `/ready` only when they are loaded
  (actions/readiness.py); `/health` is liveness and stays cheap.
See docs/adr/0013-action-server-trust.md.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import sys

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.readiness import READINESS, Readiness
from core.settings import Settings, install

TOKEN_SETTING = "ACTION_SERVER_TOKEN"
HOST_SETTING = "ACTION_SERVER_HOST"
OPEN_PATHS = frozenset({"/health", "/ready"})  # probes carry no secret

log = logging.getLogger("actions.server")


def presented_token(request: Request) -> str:
    """The secret a caller sent: `Authorization: Bearer <token>` (what our endpoints.yml
    makes Rasa send), else Rasa's own `?token=` query parameter."""
    scheme, _, value = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.args.get("token") or ""


def is_trusted(request: Request, token: str) -> bool:
    """Constant-time comparison, so the answer time does not leak the secret."""
    return hmac.compare_digest(presented_token(request).encode(), token.encode())


def guarded_app(token: str, readiness: Readiness = READINESS) -> Sanic:
    """rasa-sdk's app with every route but the probes behind the shared secret."""
    app = create_app("actions", cors_origins="")  # only Rasa calls, never a browser

    @app.get("/ready")
    async def ready(request: Request) -> HTTPResponse:
        if readiness.ready:
            return response.json({"status": "ready", "loaded_in_seconds": readiness.seconds})
        return response.json({"status": "loading" if readiness.problem is None else "failed",
                              "problem": readiness.problem}, status=503)

    @app.middleware("request")
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or is_trusted(request, token):
            return None
        return response.json({"error": "Unauthorised: this server answers the assistant only."},
                             status=401)

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        # rasa-sdk's own handler echoes the request body: the resident's conversation.
        log.error("action failed on %s", request.path, exc_info=exception)
        return response.json({"error": "The action failed; see the action server's log."},
                             status=500)

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.server")
    try:
        settings = install(Settings.from_environment())
    except ValueError as exc:  # SettingsError: names the variable
        print(f"Could not start: {exc}", file=sys.stderr)
        return 2
    parser.add_argument("--host", default=settings.action_server_host)
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    token = settings.action_server_token
    if not token:
        print(f"{TOKEN_SETTING} is not set: the action server will not answer without a shared "
              "secret (`python -m ops.stack` makes one for each start).", file=sys.stderr)
        return 2
    log.info("action server on http://%s:%s (shared secret required)", args.host, args.port)
    READINESS.start()  # /ready says 503 until the models are loaded
    guarded_app(token).run(host=args.host, port=args.port, workers=1, access_log=False,
                           motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
