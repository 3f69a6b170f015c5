"""The arithmetic of a benchmark: percentiles, one summary per load level, ratios.

Kept pure (lists in, numbers out) so it can be unit-tested: a report is only worth
trusting if the maths behind it is. We compute percentiles from every recorded
latency rather than reading Locust's own figures, because Locust rounds response
times into buckets (two significant figures above 100 ms) before its percentiles.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence


@dataclass(frozen=True)
class Sample:
    """One message sent by a simulated resident, and what came back."""
    start: float  # seconds since the epoch, when the request was sent
    latency_ms: float
    ok: bool  # HTTP 200 with a JSON list: anything else is an error
    empty: bool = False  # answered, but with no message at all
    error: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "Sample":
        return cls(start=float(data["start"]), latency_ms=float(data["latency_ms"]),
                   ok=bool(data["ok"]), empty=bool(data.get("empty", False)),
                   error=str(data.get("error", "")))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks.

    The same definition as numpy's default ("linear"), so anyone can check a figure
    with one line of numpy. NaN for no values: "no data" must not read as 0 ms.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    fraction = position - below
    return ordered[below] + (ordered[above] - ordered[below]) * fraction


@dataclass(frozen=True)
class LevelSummary:
    users: int
    messages: int  # every message sent, answered or not
    errors: int
    empty: int
    messages_per_s: float  # answered messages per second of the measured window
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    error_kinds: dict[str, int]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "LevelSummary":
        """From as_dict() output, ignoring keys added beside it (e.g. CPU figures);
        null (JSON's "no figure") reads back as NaN."""
        values = {f: data[f] for f in cls.__dataclass_fields__}
        fields: dict[str, Any] = {k: math.nan if v is None else v for k, v in values.items()}
        return cls(**fields)


def summarise(users: int, samples: Iterable[Sample], seconds: float | None = None) -> LevelSummary:
    """Summarise one load level.

    Latency percentiles are over answered messages only: a refused connection
    takes no time and would flatter them; errors are counted on their own.
    Throughput is answered messages divided by `seconds` when given (the level's
    run time), otherwise by the span from the first send to the last answer.
    """
    samples = list(samples)
    answered = [s for s in samples if s.ok]
    latencies = [s.latency_ms for s in answered]
    if seconds is None:
        if samples:
            first = min(s.start for s in samples)
            last = max(s.start + s.latency_ms / 1000 for s in samples)
            seconds = last - first
        else:
            seconds = 0.0
    kinds: dict[str, int] = {}
    for s in samples:
        if not s.ok:
            kinds[s.error or "unknown"] = kinds.get(s.error or "unknown", 0) + 1
    return LevelSummary(
        users=users,
        messages=len(samples),
        errors=len(samples) - len(answered),
        empty=sum(1 for s in answered if s.empty),
        messages_per_s=len(answered) / seconds if seconds > 0 else 0.0,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        mean_ms=sum(latencies) / len(latencies) if latencies else math.nan,
        max_ms=max(latencies) if latencies else math.nan,
        error_kinds=kinds,
    )


def ratio(ours: float, stock: float) -> float:
    """ours / stock; NaN when either side has no figure (never a division error)."""
    if math.isnan(ours) or math.isnan(stock) or stock == 0:
        return math.nan
    return ours / stock


@dataclass(frozen=True)
class Ratios:
    users: int
    p50: float
    p95: float
    throughput: float

    def as_dict(self) -> dict:
        return asdict(self)


def compare(ours: LevelSummary, stock: LevelSummary) -> Ratios:
    """Ours over stock at the same level: below 1 is faster (latency), above 1 is more
    throughput."""
    return Ratios(users=ours.users, p50=ratio(ours.p50_ms, stock.p50_ms),
                  p95=ratio(ours.p95_ms, stock.p95_ms),
                  throughput=ratio(ours.messages_per_s, stock.messages_per_s))
