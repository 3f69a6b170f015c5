"""The chat page's side of the web API, for end-to-end tests that talk to it without a
browser: a conversation the server issued (POST /api/chat/session) and its token on every
chat and relay call, as web/static/js/connection.js sends them."""
from __future__ import annotations

import requests


class WebConversation:
    """One resident's conversation on the web server at `base` (http://host:port)."""

    def __init__(self, base: str):
        session = requests.post(f"{base}/api/chat/session", timeout=10)
        assert session.status_code == 200, session.text[:300]
        self.base = base
        self.id = session.json()["conversation_id"]
        self.headers = {"Authorization": f"Bearer {session.json()['token']}"}

    def post(self, message: object, **extra) -> requests.Response:
        return requests.post(f"{self.base}/api/chat", json={"message": message, **extra},
                             headers=self.headers, timeout=60)

    def updates(self, after: int = 0) -> requests.Response:
        return requests.get(f"{self.base}/api/chat/updates", params={"after": after},
                            headers=self.headers, timeout=10)
