"""A housing officer using the studio over real HTTP, as a browser would (cookies, CSRF)."""
from __future__ import annotations

import re

import requests

from advice import advice_engine
from advice.accounts import AccountError, create_adviser
from studio.roles import grant

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
