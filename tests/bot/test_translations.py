"""Fixed phrases in every language: the generated domain is current and translations are sound."""
from __future__ import annotations

import pytest

from bot import translations
from knowledge.languages import TRANSLATED


def test_generated_responses_are_up_to_date():
    assert translations.GENERATED.read_text(encoding="utf-8") == translations.rendered(), \
        "bot/domain/responses.yml is out of date: run `make phrases`"


def test_every_english_phrase_has_one_default_variation():
    built = translations.build()["responses"]
    for name, variations in built.items():
        defaults = [v for v in variations if "condition" not in v]
        assert len(defaults) == 1, name


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_placeholders_and_buttons(code):
    """A broken translation is left out of the domain (the resident sees English), and
    this test names it so the translator can fix it."""
    broken = [p for p in translations.problems(code)
              if "placeholders" in p or "button titles" in p or "status" in p]
    assert not broken, broken


def test_stale_translation_falls_back_to_english(monkeypatch):
    english = translations.english()
    name = "utter_goodbye"
    fake = {name: {"translates": "000000000000", "status": "draft", "text": "Do widzenia"}}
    monkeypatch.setattr(translations, "translation",
                        lambda code: fake if code == "pl" else {})
    built = translations.build()["responses"][name]
    assert built == [english[name][0]]
    assert any("STALE" in p for p in translations.problems("pl"))


def test_current_translation_becomes_a_conditional_variation(monkeypatch):
    english = translations.english()
    name = "utter_answer_for_council"
    variation = english[name][0]
    fake = {name: {"translates": translations.phrase_version(variation), "status": "draft",
                   "text": "Ta odpowiedź dotyczy {council_name}.", "buttons": ["Zmień radę"]}}
    monkeypatch.setattr(translations, "translation",
                        lambda code: fake if code == "pl" else {})
    built = translations.build()["responses"][name]
    assert built[1] == {
        "text": "Ta odpowiedź dotyczy {council_name}.",
        "condition": [{"type": "slot", "name": "language", "value": "pl"}],
        "buttons": [{"title": "Zmień radę", "payload": variation["buttons"][0]["payload"]}],
    }
