"""Forwarding new requests to a helpdesk webhook: real HTTP to a local server."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from advice import cases, forwarding
from tests.advice.conftest import request


class Helpdesk:
    """A local stand-in for a council's CRM: answers with the statuses it is given."""

    def __init__(self, statuses: list[int]):
        self.statuses, self.received = list(statuses), []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), json.loads(body)))
                status = outer.statuses.pop(0) if outer.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/cases"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def no_sleep(_seconds: float) -> None:
    pass


@pytest.fixture
def case(advice_db):
    return cases.open_request(advice_db, request("conv-fwd-0001"))


def test_retries_then_delivers_with_one_idempotency_key(advice_db, case):
    with Helpdesk([503, 500, 201]) as helpdesk:
        config = forwarding.WebhookSettings(url=helpdesk.url, token="s3cret")
        delivery = forwarding.deliver(advice_db, case, config, sleep=no_sleep)
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    keys = {headers["Idempotency-Key"] for headers, _ in helpdesk.received}
    assert keys == {f"handoff-{case.reference}"}
    assert helpdesk.received[0][0]["Authorization"] == "Bearer s3cret"
    body = helpdesk.received[-1][1]
    assert body["reference"] == case.reference and body["summary"] == case.summary
    assert "callback" not in body  # a live chat carries no contact details
    # Delivered once: asking again sends nothing.
    with Helpdesk([]) as helpdesk:
        again = forwarding.deliver(advice_db, case, forwarding.WebhookSettings(url=helpdesk.url),
                                   sleep=no_sleep)
    assert again.status == "delivered" and helpdesk.received == []


def test_dead_letter_after_the_last_try(advice_db, case):
    delays = []
    with Helpdesk([500] * 10) as helpdesk:
        config = forwarding.WebhookSettings(url=helpdesk.url, attempts=4, first_delay=0.5)
        delivery = forwarding.deliver(advice_db, case, config, sleep=delays.append)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("dead_letter", 4,
                                                                         "HTTP 500")
    assert delays == [0.5, 1.0, 2.0] and len(helpdesk.received) == 4


def test_a_refusal_is_not_retried(advice_db, case):
    with Helpdesk([422]) as helpdesk:
        delivery = forwarding.deliver(advice_db, case,
                                      forwarding.WebhookSettings(url=helpdesk.url),
                                      sleep=no_sleep)
    assert (delivery.status, delivery.attempts) == ("dead_letter", 1)


def test_unreachable_helpdesk_is_a_dead_letter(advice_db, case):
    config = forwarding.WebhookSettings(url="http://127.0.0.1:9/cases", attempts=2, timeout=1)
    delivery = forwarding.deliver(advice_db, case, config, sleep=no_sleep)
    assert delivery.status == "dead_letter" and delivery.last_error == "ConnectionError"


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.delenv("HANDOFF_WEBHOOK_URL", raising=False)
    assert forwarding.settings() is None  # endpoints.yml ships without a webhook
    monkeypatch.setenv("HANDOFF_WEBHOOK_URL", "https://crm.example/hooks")
    monkeypatch.setenv("HANDOFF_WEBHOOK_TOKEN", "t")
    assert forwarding.settings() == forwarding.WebhookSettings(url="https://crm.example/hooks",
                                                               token="t")
