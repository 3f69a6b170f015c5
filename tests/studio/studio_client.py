"""A housing officer using the studio over real HTTP, as a browser would (cookies, CSRF)."""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from advice import advice_engine
from advice.accounts import AccountError, create_adviser
from knowledge.database import make_engine
from knowledge.loading import load
from studio.roles import grant
from tests.conftest import CONTENT_DATE

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PASSWORD = "correct horse battery"


class StudioUser:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.http = requests.Session()
        self.csrf = ""

    def login(self, username: str, password: str = PASSWORD) -> requests.Response:
        form = self.http.get(f"{self.base}/studio/login", timeout=30)
        token = CSRF.search(form.text).group(1)
        answer = self.http.post(f"{self.base}/studio/login", timeout=60, allow_redirects=False,
                                data={"csrf": token, "username": username, "password": password})
        if answer.status_code == 303:  # signed in: every page carries the session's token
            found = CSRF.search(self.get("/studio/roles").text)
            self.csrf = found.group(1) if found else ""
        return answer

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=120, **kwargs)

    def post(self, path: str, data: dict | None = None, csrf: bool = True,
             **kwargs) -> requests.Response:
        data = dict(data or {})
        if csrf:
            data["csrf"] = self.csrf
        return self.http.post(self.base + path, timeout=120, data=data, **kwargs)


def make_account(database_url: str, username: str, *roles: str, supervisor: bool = False,
                 name: str = "") -> str:
    """An account with studio roles ("translator:ur" for a translator of Urdu)."""
    engine = advice_engine(database_url)
    try:
        create_adviser(engine, username, PASSWORD, display_name=name or username.title(),
                       role="supervisor" if supervisor else "adviser")
    except AccountError as problem:  # made already by another module on the same stack
        if "already" not in str(problem):
            raise
    for role in roles:
        kind, _, language = role.partition(":")
        grant(engine, username, kind, language)
    return username


# One account per role, as the studio's web tests use them.
ROLE_ACCOUNTS = {"ed": ("editor",), "rev": ("reviewer",), "tr": ("translator:ur",),
                 "nobody": ()}


@contextmanager
def studio_database(folder: Path, content: Any, accounts: dict[str, tuple[str, ...]],
                    supervisor: str | None = None) -> Iterator[str]:
    """A SQLite database with the shipped content and these accounts, made the web app's
    (DATABASE_URL, the content's date, no trusted proxies) while the block lasts."""
    url = f"sqlite:///{folder / 'studio.db'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    patch.setenv("NAVIGATOR_TODAY", CONTENT_DATE.isoformat())
    patch.delenv("TRUSTED_PROXIES", raising=False)
    try:
        load(content, make_engine(url))
        for name, roles in accounts.items():
            make_account(url, name, *roles)
        if supervisor:
            make_account(url, supervisor, supervisor=True)
        yield url
    finally:
        patch.undo()


def signed_in(base: str, username: str) -> StudioUser:
    """A studio user logged in on the web app at base."""
    user = StudioUser(base)
    assert user.login(username).status_code == 303
    return user
