"""core.once.built_once: the trained models (language identifier, crisis detector) are
built once per process, and a caller arriving while one is being built waits for it
instead of training a second copy."""
from __future__ import annotations

import threading
import time

from core.once import built_once


def test_built_on_first_use_and_only_once():
    builds: list[int] = []

    @built_once
    def model() -> dict[str, int]:
        """The model."""
        builds.append(1)
        return {"weights": len(builds)}

    assert builds == []
    first = model()
    assert model() is first
    assert builds == [1]
    assert model.__doc__ == "The model."


def test_callers_arriving_during_the_build_wait_for_the_same_one():
    started = threading.Event()
    builds: list[int] = []

    @built_once
    def slow() -> object:
        started.set()
        time.sleep(0.2)
        builds.append(1)
        return object()

    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(slow())) for _ in range(4)]
    threads[0].start()
    started.wait(2)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join(5)
    assert builds == [1]
    assert len(got) == 4 and all(g is got[0] for g in got)
