"""Actions read their phrases from the content (bot/domain/*.yml, generated from
bot/phrases/), so Rasa need not send its domain with every call (selective domain)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain

from actions import phrasebook
from actions.phrasebook import ContentPhrases, Phrasebook
from knowledge.languages import LANGUAGES
from tests.conftest import ROOT


def test_content_phrases_are_the_domains_in_every_language():
    """Without a domain (what Rasa sends most actions now) every phrase, in every language,
    reads as the domain Rasa trained with has it."""
    domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
    names = sorted(domain["responses"])
    assert len(names) > 50
    for language in LANGUAGES:
        from_request, from_content = Phrasebook(domain, language), Phrasebook({}, language)
        for name in names:
            assert from_content.text(name, council_name="Dudley") == \
                from_request.text(name, council_name="Dudley"), (language, name)
            assert from_content.buttons(name) == from_request.buttons(name), (language, name)


def test_selective_domain_is_on_and_only_the_form_check_gets_the_domain():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
    domain = Domain.load(str(ROOT / "bot" / "domain"))
    getting = [a for a in domain.user_actions if domain.does_custom_action_explicitly_need_domain(a)]
    # The callback form's check reads the form's slots from the domain (rasa-sdk).
    assert getting == ["validate_callback_form"]


def test_phrases_are_read_again_when_the_content_changes(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(phrasebook, "RELOAD_CHECK_SECONDS", 0.0)
    phrases_file = tmp_path / "responses.yml"
    phrases_file.write_text("responses:\n  utter_hello:\n  - text: Hello\n", encoding="utf-8")
    content = ContentPhrases(tmp_path)
    assert content.responses()["utter_hello"][0]["text"] == "Hello"
    phrases_file.write_text("responses:\n  utter_hello:\n  - text: Hello again\n",
                            encoding="utf-8")
    later = time.time() + 5
    os.utime(phrases_file, (later, later))
    assert content.responses()["utter_hello"][0]["text"] == "Hello again"


def test_the_content_is_not_read_again_on_every_turn(tmp_path: Path):
    (tmp_path / "responses.yml").write_text("responses:\n  utter_hello:\n  - text: Hi\n")
    content = ContentPhrases(tmp_path)
    first = content.responses()
    (tmp_path / "responses.yml").unlink()  # within RELOAD_CHECK_SECONDS: not even a stat
    assert content.responses() is first
