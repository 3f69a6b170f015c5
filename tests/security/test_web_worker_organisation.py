"""Finding 12 (web part): the community worker's organisation is cleaned before it
reaches the assistant and the adviser's case."""
from __future__ import annotations

from tests.security.web_app import web  # noqa: F401 - fixture


def organisation_sent(web, organisation: object) -> object:
    resident = web.resident()
    response = resident.chat(message="hello", english=True, worker={"organisation": organisation})
    assert response.status == 200, response.text[:300]
    return (web.rasa.received[-1].get("metadata") or {}).get("worker_organisation")


def test_control_characters_are_removed_from_the_organisation(web):
    """Finding 12: the worker organisation was any string: NULs, bidi overrides and line
    breaks went into the adviser's case as typed."""
    sent = organisation_sent(web, "Saheli\x00 Hub\u202e\r\nFAKE: urgent\x07")
    assert sent == "Saheli Hub FAKE: urgent"


def test_the_organisation_is_length_limited(web):
    """Finding 12: the organisation is at most 120 characters, as the page's field allows."""
    sent = organisation_sent(web, "Ladywood Community Advice " * 40)
    assert isinstance(sent, str) and 0 < len(sent) <= 120
    assert sent.startswith("Ladywood Community Advice")


def test_an_organisation_of_only_control_characters_is_left_out(web):
    """Finding 12: nothing readable left means no organisation, not an empty one."""
    assert organisation_sent(web, "\x00\u202e\u2066 \t") is None
    assert organisation_sent(web, 42) is None
