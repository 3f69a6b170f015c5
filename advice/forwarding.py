"""Forward new handoff requests to a council's existing helpdesk or CRM by webhook.

Optional: set HANDOFF_WEBHOOK_URL (and HANDOFF_WEBHOOK_TOKEN for a bearer
token), or `handoff_webhook: {url: ..., token: ...}` in endpoints.yml. Each
request is posted as JSON with an `Idempotency-Key` header, retried with
exponential back-off on network errors and 5xx/429 answers, and recorded in
`advice_deliveries`: delivered, or a dead letter after the last try, so a
housing team can see what their helpdesk never received. It runs on a
background thread: the resident's reply never waits for a helpdesk.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

import requests
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from advice.models import Delivery, HandoffRequest, now
from core.settings import current

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    token: str | None = None
    attempts: int = 5
    first_delay: float = 1.0  # seconds; doubles after each failure
    timeout: float = 10.0


def settings() -> WebhookSettings | None:
    """From the environment first, then endpoints.yml (core/settings.py reads both); None
    when forwarding is off."""
    settings = current()
    url = settings.handoff_webhook_url
    return WebhookSettings(url=url, token=settings.handoff_webhook_token) if url else None


def payload(request: HandoffRequest) -> dict:
    """What the helpdesk receives: the case as the adviser console shows it."""
    body = {
        "reference": request.reference,
        "channel": request.channel,
        "council": request.council,
        "language": request.language,
        "urgency": request.urgency,
        "topic": request.topic,
        "summary": request.summary,
        "created_at": request.created_at.isoformat() if request.created_at else None,
        "worker_organisation": request.worker_organisation,
    }
    if request.channel == "callback":  # given with consent, for this callback only
        body["callback"] = {"contact_method": request.contact_method,
                            "contact": request.contact_value, "best_time": request.best_time,
                            "interpreter_needed": request.interpreter_needed,
                            "adviser_gender": request.adviser_gender}
    return body


def deliver(engine: Engine, request: HandoffRequest, config: WebhookSettings,
            sleep: Callable[[float], None] = time.sleep) -> Delivery:
    """Post one request, retrying; record the outcome. Safe to call twice: the
    idempotency key is the reference, and a delivered request is not sent again."""
    key = f"handoff-{request.reference}"
    with Session(engine, expire_on_commit=False) as session:
        done = session.scalar(select(Delivery).where(Delivery.idempotency_key == key))
        if done is not None and done.status == "delivered":
            return done
    headers = {"Idempotency-Key": key, "Content-Type": "application/json"}
    if config.token:
        headers["Authorization"] = f"Bearer {config.token}"
    error, attempts, delay = "", 0, config.first_delay
    for attempts in range(1, config.attempts + 1):
        try:
            answer = requests.post(config.url, json=payload(request), headers=headers,
                                   timeout=config.timeout)
            if answer.status_code < 300:
                error = ""
                break
            error = f"HTTP {answer.status_code}"
            if answer.status_code < 500 and answer.status_code != 429:
                break  # the helpdesk refused the request: retrying will not help
        except requests.RequestException as exc:
            error = type(exc).__name__
        if attempts < config.attempts:
            sleep(delay)
            delay *= 2
    status = "delivered" if not error else "dead_letter"
    if error:
        log.warning("handoff %s not forwarded after %d tries: %s", request.reference,
                    attempts, error)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        row = session.scalar(select(Delivery).where(Delivery.idempotency_key == key))
        if row is None:
            row = Delivery(handoff_id=request.id, idempotency_key=key)
            session.add(row)
        row.status, row.attempts, row.last_error, row.updated_at = \
            status, (row.attempts or 0) + attempts, error or None, now()
    return row


def forward_in_background(engine: Engine, request: HandoffRequest) -> threading.Thread | None:
    config = settings()
    if config is None:
        return None
    thread = threading.Thread(target=deliver, args=(engine, request, config),
                              name=f"forward-{request.reference}", daemon=True)
    thread.start()
    return thread
