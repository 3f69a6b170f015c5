"""The settings a running web app works with, for any handler that needs one.

`create_app(settings)` keeps the Settings it was given on `app.ctx.settings`; `python -m
web` builds them once from the environment at start-up and passes them in. An app made
without (`create_app(None)`) follows `core.settings.current()`: the process's installed
settings, or else the environment as it is now. Tests that change the environment of a
running app (a fresh database per test, a trusted proxy for one test) rely on that.
"""
from __future__ import annotations

from sanic import Sanic

from core.settings import Settings, current


def settings_of(app: Sanic) -> Settings:
    return getattr(app.ctx, "settings", None) or current()
