"""An adviser using the console over real HTTP, as a browser would (cookies, CSRF)."""
from __future__ import annotations

import re

import requests

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class ConsoleUser:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.http = requests.Session()
        self.csrf = ""

    def login(self, username: str, password: str) -> requests.Response:
        form = self.http.get(f"{self.base}/console/login", timeout=10)
        token = CSRF.search(form.text).group(1)
        answer = self.http.post(f"{self.base}/console/login", timeout=10,
                                data={"csrf": token, "username": username,
                                      "password": password})
        found = CSRF.search(answer.text)
        self.csrf = found.group(1) if found else ""
        return answer

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=10, **kwargs)

    def post(self, path: str, **data) -> requests.Response:
        return self.http.post(self.base + path, timeout=10, data={"csrf": self.csrf, **data})

    def queue(self) -> list[dict]:
        return self.get("/console/api/queue").json()["cases"]
