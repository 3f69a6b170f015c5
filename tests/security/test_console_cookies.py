"""Finding 9: the console's cookies behind a TLS proxy, at log-in and at log-out, read from
the Set-Cookie headers the real web app sends (served from a thread)."""
from __future__ import annotations

import pytest

from advice.accounts import create_adviser
from tests.e2e.console_client import (  # noqa: F401 - fixtures
    ConsoleUser,
    console_db,
    console_web,
    set_cookies,
)

PASSWORD = "correct horse battery"


def attributes(header: str) -> dict[str, str]:
    parts = [p.strip() for p in header.split(";")]
    return {p.split("=", 1)[0].lower(): (p.split("=", 1)[1] if "=" in p else "")
            for p in parts[1:]}


def is_deleted(header: str) -> bool:
    value = header.split(";", 1)[0].split("=", 1)[1]
    return value in ("", '""') and attributes(header).get("max-age") == "0"


def test_cookies_are_secure_behind_a_trusted_tls_proxy(console_web, console_db, monkeypatch):
    """Finding 9: behind a TLS-terminating proxy the cookies had no Secure flag, because the
    app saw plain HTTP. X-Forwarded-Proto is honoured from configured proxies only."""
    https = {"X-Forwarded-Proto": "https"}
    untrusted = ConsoleUser(console_web).get("/console/login", headers=https)
    assert "secure" not in attributes(set_cookies(untrusted, "hn_login_csrf")[0])
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1")
    trusted = ConsoleUser(console_web).get("/console/login", headers=https)
    assert "secure" in attributes(set_cookies(trusted, "hn_login_csrf")[0])
    plain = ConsoleUser(console_web).get("/console/login")
    assert "secure" not in attributes(set_cookies(plain, "hn_login_csrf")[0])


def test_login_clears_the_login_form_cookie_on_its_own_path(console_web, console_db):
    """Finding 9: the log-in form's CSRF cookie was never cleared: the deletion was sent for
    Path=/ while the cookie lives at Path=/console."""
    create_adviser(console_db, "bea", PASSWORD)
    user = ConsoleUser(console_web)
    login_reply = user.login("bea", PASSWORD).history[0]  # the 303 that sets the session
    assert login_reply.status_code == 303
    [cleared] = set_cookies(login_reply, "hn_login_csrf")
    assert is_deleted(cleared) and attributes(cleared)["path"] == "/console"
    [session] = set_cookies(login_reply, "hn_console")
    assert attributes(session)["path"] == "/console" and "httponly" in attributes(session)


def test_logout_deletes_the_session_cookie_on_its_own_path(console_web, console_db):
    """Finding 9: log-out deleted the session cookie at Path=/ while it was set at
    Path=/console, so the browser kept it."""
    create_adviser(console_db, "bea", PASSWORD)
    user = ConsoleUser(console_web)
    user.login("bea", PASSWORD)
    out = user.http.post(f"{console_web}/console/logout", data={"csrf": user.csrf},
                         allow_redirects=False, timeout=10)
    assert out.status_code == 303
    [deleted] = set_cookies(out, "hn_console")
    assert is_deleted(deleted) and attributes(deleted)["path"] == "/console"
    assert user.get("/console/api/queue").status_code == 401
