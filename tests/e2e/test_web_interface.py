"""The page's own words as content: complete and sound in every language, served per
language, and the English fallbacks written into index.html match web/interface/en.yml."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import requests

from knowledge.languages import LANGUAGES, TRANSLATED
from web import interface
from web.interface.routes import EMBED_TEXTS

INDEX = interface.INTERFACE_DIR.parent / "static" / "index.html"


class _Fallbacks(HTMLParser):
    """data-i18n keys in index.html and the English text written inside each."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []  # [key, text] per element
        self.placeholders: dict[str, str] = {}
        self._open: list[tuple[str, list[str] | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-i18n-placeholder" in attrs:
            self.placeholders[attrs["data-i18n-placeholder"]] = attrs.get("placeholder", "")
        if tag not in ("input", "meta", "link", "br", "option"):
            entry = [attrs["data-i18n"], ""] if attrs.get("data-i18n") else None
            if entry:
                self.found.append(entry)
            self._open.append((tag, entry))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, entry in self._open:
            if entry:
                entry[1] += data


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_index_fallbacks_are_the_english_content():
    """Before the page has loaded its words (or if that request fails) it shows English:
    that English must be what housing teams wrote in en.yml, not a stale copy."""
    parser = _Fallbacks()
    parser.feed(INDEX.read_text(encoding="utf-8"))
    english = interface.english()
    assert parser.found, "index.html has no data-i18n elements"
    for key, text in [*parser.found, *parser.placeholders.items()]:
        assert key in english, f"index.html uses '{key}', which web/interface/en.yml lacks"
        assert _squash(text) == _squash(english[key]), f"index.html fallback for '{key}' differs"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_is_translated_with_status_and_placeholders(code):
    broken = [p for p in interface.problems(code) if "STALE" not in p]
    assert not broken, broken


@pytest.mark.parametrize("code", TRANSLATED)
def test_privacy_notice_keeps_the_facts(code):
    """What is kept and for how long (docs/privacy.md): numbers are never translated."""
    texts = interface.texts(code)
    assert "90" in texts["privacy"]
    assert "999" in texts["safety"]
    assert texts["privacy"] != interface.english()["privacy"]


def test_stale_translation_falls_back_to_english(monkeypatch):
    english = interface.english()
    fake = {"send": {"translates": "000000000000", "status": "draft", "text": "Wyślij"}}
    monkeypatch.setattr(interface, "translation", lambda code: fake if code == "pl" else {})
    assert interface.texts("pl")["send"] == english["send"]
    assert any("'send' is STALE" in p for p in interface.problems("pl"))


def test_broken_placeholder_falls_back_to_english(monkeypatch):
    english = interface.english()
    fake = {"offline_retry": {"translates": interface.version(english["offline_retry"]),
                              "status": "draft", "text": "Brak połączenia. {sekundy}"}}
    monkeypatch.setattr(interface, "translation", lambda code: fake if code == "pl" else {})
    assert interface.texts("pl")["offline_retry"] == english["offline_retry"]
    assert any("placeholders" in p for p in interface.problems("pl"))


def test_section_openings_come_from_the_bot_phrases():
    """The summary sorts answers by the words their sections start with, in each language."""
    urdu = interface.sections("ur")
    assert "What to do next:" in urdu["next_steps"]
    assert any(o != "What to do next:" for o in urdu["next_steps"])
    assert all(urdu[k] for k in ("next_steps", "contacts", "sources"))


@pytest.mark.e2e
def test_interface_is_served_in_every_language(web_url):
    for code, language in LANGUAGES.items():
        response = requests.get(f"{web_url}/api/interface/{code}", timeout=10)
        assert response.status_code == 200
        body = response.json()
        assert body["lang"] == code and body["dir"] == language.direction
        assert body["texts"] == interface.texts(code)
        assert "\\u" not in response.text  # UTF-8 on the wire, not escapes
    missing = requests.get(f"{web_url}/api/interface/xx", timeout=10)
    assert missing.status_code == 404 and "Unknown language" in missing.json()["error"]


@pytest.mark.e2e
def test_page_forbids_outside_resources_and_referrers(web_url):
    response = requests.get(web_url + "/", timeout=10)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.e2e
def test_embed_script_carries_its_words_in_every_language(web_url):
    response = requests.get(f"{web_url}/embed.js", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/javascript")
    assert "/*LABELS*/" not in response.text
    for code in LANGUAGES:
        for key in EMBED_TEXTS:
            assert interface.texts(code)[key] in response.text
