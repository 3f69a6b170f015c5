"""Something slow to build, built once per process.

The action server holds two trained models, the language identifier
(actions/language_id.py) and the crisis detector (safety/assessment.py). Each is trained
on first use, in a thread started when the server loads, and every caller must get the
same one, waiting if it is still being built. This lives in core/, which imports nothing
from the rest of the project, so that safety/ (free of Rasa) and actions/ can both use it
without either depending on the other.
"""
from __future__ import annotations

import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def built_once(build: Callable[[], T]) -> Callable[[], T]:
    """A getter for something slow to build (a trained model): built on first use, once
    per process; callers arriving while it is being built wait for it."""
    lock = threading.Lock()
    built: list[T] = []

    def get() -> T:
        with lock:
            if not built:
                built.append(build())
            return built[0]

    get.__doc__ = build.__doc__
    return get
