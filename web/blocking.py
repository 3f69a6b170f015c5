"""Blocking work (the database through synchronous SQLAlchemy, Argon2 password checks,
reading files) run in a worker thread, never on the event loop.

One web process answers every resident's chat and every adviser's console on one event
loop: a database call or a password check made on it holds up everyone else for its
whole length. Every handler in web/ that touches the database goes through these two
helpers, so "is this off the loop?" has one answer to check.
"""
from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable, TypeVar

from sanic.request import Request

from advice import advice_engine
from core.settings import Settings
from web.context import settings_of

T = TypeVar("T")


async def off_loop(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`work(*args, **kwargs)` in a worker thread; the loop answers others meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(work, *args, **kwargs))


async def in_database(request: Request, work: Callable[..., T], *args: Any,
                      **kwargs: Any) -> T:
    """`work(engine, *args, **kwargs)` on the app's database, in a worker thread. The
    engine is looked up there too: its first use creates the advice tables."""
    return await off_loop(_with_engine, settings_of(request.app), work, *args, **kwargs)


def _with_engine(settings: Settings, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return work(advice_engine(settings=settings), *args, **kwargs)
