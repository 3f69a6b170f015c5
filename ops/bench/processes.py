"""Watching the processes under test: peak memory of each process with its children,
and the CPU time each one spends.

Read straight from /proc (Linux, like every machine this runs on), so the benchmark
needs nothing installed in the processes it measures. Memory is sampled from a
background thread because a peak between two level boundaries would otherwise be
missed; the kernel's own high-water mark (VmHWM) of the main process is taken too,
so a spike shorter than the sampling interval still counts.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name (which may contain spaces)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2:].split()


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(_stat_fields(int(entry))[1])
            except (OSError, ValueError, IndexError):
                continue  # ended while we looked
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its children, now."""
    total = 0
    for member in descendants(pid):
        try:
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * _PAGE_KIB
        except (OSError, ValueError, IndexError):
            pass
    return total


def high_water_kib(pid: int) -> int:
    """The kernel's record of the process's peak resident memory (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children, so far."""
    total = 0.0
    for member in descendants(pid):
        try:
            fields = _stat_fields(member)
            # utime, stime are fields 14 and 15 of stat; index 11, 12 after the name.
            total += (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, ValueError, IndexError):
            pass
    return total


@dataclass
class MemoryWatch:
    """Samples named processes every `interval` seconds until stopped."""
    pids: dict[str, int] = field(default_factory=dict)
    interval: float = 0.25
    peaks_kib: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, name: str, pid: int) -> None:
        self.pids[name] = pid
        self.sample()

    def sample(self) -> None:
        for name, pid in list(self.pids.items()):
            now = max(tree_rss_kib(pid), high_water_kib(pid))
            self.peaks_kib[name] = max(self.peaks_kib.get(name, 0), now)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def peaks_mib(self) -> dict[str, float]:
        return {name: kib / 1024 for name, kib in self.peaks_kib.items()}
