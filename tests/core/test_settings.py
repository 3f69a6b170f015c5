"""Settings: the same defaults and checks each file applied when it read the environment."""
from __future__ import annotations

import ipaddress
from datetime import date
from pathlib import Path

import pytest

from core.settings import DEFAULT_WEB_SECRET_FILE, Settings, SettingsError


def settings(**env: str) -> Settings:
    return Settings.from_environment(env, endpoints_file=None)


def test_an_empty_environment_gives_the_defaults_of_a_single_machine():
    s = settings()
    assert s == Settings()
    assert s.database_url is None and s.redis_url is None
    assert (s.action_timeout_seconds, s.reply_timeout_seconds) == (30.0, 45.0)
    assert s.assistant_timeout_seconds == 60.0
    assert (s.web_host, s.web_port, s.rasa_url) == ("127.0.0.1", 8000, "http://127.0.0.1:5005")
    assert s.web_secret_key_file == DEFAULT_WEB_SECRET_FILE
    assert s.postcodes_io_url == "https://api.postcodes.io"
    assert (s.today_override, s.hold_back_days, s.retention_days) == (None, None, 90)


def test_blank_values_count_as_unset_and_spaces_are_trimmed():
    s = settings(DATABASE_URL="  ", REDIS_URL=" redis://r/2 ", ACTION_SERVER_TOKEN=" t0k ")
    assert (s.database_url, s.redis_url, s.action_server_token) == (None, "redis://r/2", "t0k")


def test_timeouts_have_a_floor_and_fall_back_to_the_default_when_not_a_number():
    assert settings(ACTION_SERVER_TIMEOUT_SECONDS="0").action_timeout_seconds == 0.5
    assert settings(ACTION_SERVER_TIMEOUT_SECONDS="soon").action_timeout_seconds == 30.0
    assert settings(REPLY_TIMEOUT_SECONDS="0.2").reply_timeout_seconds == 1.0
    assert settings(REPLY_TIMEOUT_SECONDS="12.5").reply_timeout_seconds == 12.5


@pytest.mark.parametrize("name, value", [("ASSISTANT_TIMEOUT_SECONDS", "a minute"),
                                         ("WEB_PORT", "eighty"),
                                         ("CONVERSATION_RETENTION_DAYS", "90d"),
                                         ("NAVIGATOR_TODAY", "6/12/2026")])
def test_a_value_that_cannot_be_used_stops_the_start_and_names_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        settings(**{name: value})


def test_a_preview_day_and_hold_back_days():
    s = settings(NAVIGATOR_TODAY="2027-04-01", NAVIGATOR_HOLD_BACK_DAYS="30")
    assert (s.today_override, s.hold_back_days) == (date(2027, 4, 1), 30)
    assert settings(NAVIGATOR_HOLD_BACK_DAYS="-5").hold_back_days is None


def test_urls_lose_a_trailing_slash():
    s = settings(RASA_URL="http://rasa:5005/", POSTCODES_IO_URL="http://fake/")
    assert (s.rasa_url, s.postcodes_io_url) == ("http://rasa:5005", "http://fake")


def test_trusted_proxies_keep_the_good_entries_and_drop_a_typo(caplog):
    s = settings(TRUSTED_PROXIES="10.0.0.0/8, 192.168.1.7 ,not-an-ip,")
    assert s.trusted_proxies == (ipaddress.ip_network("10.0.0.0/8"),
                                 ipaddress.ip_network("192.168.1.7/32"))
    assert "not-an-ip" in caplog.text


def test_the_handoff_webhook_comes_from_endpoints_yml_unless_the_environment_names_one(
        tmp_path: Path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("handoff_webhook:\n  url: https://crm.example/in\n  token: from-file\n")
    from_file = Settings.from_environment({}, endpoints_file=endpoints)
    assert (from_file.handoff_webhook_url, from_file.handoff_webhook_token) == (
        "https://crm.example/in", "from-file")
    from_env = Settings.from_environment({"HANDOFF_WEBHOOK_URL": "https://h/x",
                                          "HANDOFF_WEBHOOK_TOKEN": "env"},
                                         endpoints_file=endpoints)
    assert (from_env.handoff_webhook_url, from_env.handoff_webhook_token) == ("https://h/x", "env")
    assert Settings.from_environment({}, endpoints_file=tmp_path / "none.yml") \
        .handoff_webhook_url is None


def test_secrets_never_appear_in_the_printed_settings():
    s = settings(DATABASE_URL="postgresql://u:hunter2@db/n", WEB_SECRET_KEY="k" * 40,
                 ACTION_SERVER_TOKEN="sekrit", HANDOFF_WEBHOOK_TOKEN="wh-sekrit",
                 REDIS_URL="redis://:redispw@r/1", ADVISER_PASSWORD="pw-sekrit")
    shown = repr(s)
    for secret in ("hunter2", "k" * 40, "sekrit", "redispw", "pw-sekrit"):
        assert secret not in shown


def test_settings_are_frozen_and_changed_by_copy():
    s = Settings()
    with pytest.raises(AttributeError):
        s.web_port = 1  # type: ignore[misc]
    assert s.but(web_port=9000).web_port == 9000 and s.web_port == 8000


def test_current_settings_follow_the_environment_until_an_entry_point_installs_them(
        monkeypatch):
    from core import settings as module

    monkeypatch.setattr(module, "_installed", [])
    monkeypatch.setenv("WEB_PORT", "8123")
    assert module.current().web_port == 8123
    assert module.current() is module.current()  # built once per set of values
    monkeypatch.setenv("WEB_PORT", "8124")
    assert module.current().web_port == 8124
    module.install(Settings(web_port=9000))
    monkeypatch.setenv("WEB_PORT", "8125")
    assert module.current().web_port == 9000
