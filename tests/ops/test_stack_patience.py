"""Starting the stack on a busy machine (issue 18's studio browser test timed out there):
waiting goes on past the timeout while the processes are working (using CPU), and stops
soon after it when they are stuck. Real processes, measured from /proc."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops import stack
from ops.stack import Patience, Process


@pytest.fixture
def started():
    running: list[subprocess.Popen] = []

    def start(code: str) -> Process:
        popen = subprocess.Popen([sys.executable, "-c", code])
        running.append(popen)
        return Process("test", popen.args, "", Path("/dev/null"), popen=popen)

    yield start
    for popen in running:
        popen.kill()
        popen.wait()


def waited(patience: Patience, longest: float) -> float:
    """Seconds until the patience ran out (or `longest`, if it did not)."""
    begun = time.monotonic()
    while not patience.expired() and time.monotonic() - begun < longest:
        time.sleep(0.1)
    return time.monotonic() - begun


def test_a_working_process_gets_time_beyond_the_timeout(started, monkeypatch):
    monkeypatch.setattr(stack, "STALL_SECONDS", 2.0)
    monkeypatch.setattr(stack, "PROGRESS_CPU_SECONDS", 0.05)  # a busy shared core gives little
    busy = started("while True: pass")
    assert waited(Patience(0.5, [busy]), longest=6.0) >= 6.0


def test_a_stuck_process_is_given_up_soon_after_the_timeout(started, monkeypatch):
    monkeypatch.setattr(stack, "STALL_SECONDS", 1.0)
    stuck = started("import time; time.sleep(60)")
    assert 0.5 <= waited(Patience(0.5, [stuck]), longest=10.0) < 5.0


def test_even_a_working_process_is_given_up_at_the_longest_start(started, monkeypatch):
    monkeypatch.setattr(stack, "LONGEST_START_SECONDS", 1.5)
    busy = started("while True: pass")
    assert waited(Patience(0.5, [busy]), longest=10.0) < 5.0
