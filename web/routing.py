"""Which Rasa replica answers a conversation: a hash ring over RASA_URLS, keyed by sender.

Rasa 3.6's lock store can let two replicas handle messages of one conversation at the
same time (RasaHQ/rasa#9213, fixed only in Rasa Pro), and then the turns interleave in
the tracker. So the web tier, not a load balancer, picks the replica: every message of a
conversation goes to the replica its sender id hashes to. Consistent hashing with virtual
nodes keeps that choice stable, and when a replica is added or removed only about 1/N of
the conversations move (the history is in the shared tracker store, so a moved
conversation carries on). When the owner refuses or times out, the next replica clockwise
on the ring takes the message, and the failed one is tried again only after a short
back-off (docs/adr/0021-conversation-routing.md).

Pure: no I/O, and the clock is passed in, so the tests pin exact behaviour.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

VIRTUAL_NODES = 160  # points per replica: spreads conversations within a few % of even
BACK_OFF_SECONDS = 5.0  # a failed replica is tried first again after this long


def point(key: str) -> int:
    """A position on the ring (64 bits of SHA-256): the same on every web replica and
    every start, unlike Python's salted hash()."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


@dataclass(frozen=True)
class HashRing:
    """Replicas placed on a ring, each at VIRTUAL_NODES points."""

    replicas: tuple[str, ...]
    virtual_nodes: int = VIRTUAL_NODES
    _points: tuple[int, ...] = field(init=False, repr=False)
    _owners: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.replicas:
            raise ValueError("a ring needs at least one replica (RASA_URLS or RASA_URL)")
        if len(set(self.replicas)) != len(self.replicas):
            raise ValueError(f"a replica is listed twice: {', '.join(self.replicas)}")
        placed = sorted((point(f"{replica}#{n}"), replica)
                        for replica in self.replicas for n in range(self.virtual_nodes))
        object.__setattr__(self, "_points", tuple(p for p, _ in placed))
        object.__setattr__(self, "_owners", tuple(r for _, r in placed))

    def order(self, sender: str) -> tuple[str, ...]:
        """Every replica, in the order a message of `sender` tries them: its owner first,
        then the next distinct replicas clockwise (the failover order)."""
        start = bisect.bisect(self._points, point(sender))
        found: list[str] = []
        for step in range(len(self._owners)):
            replica = self._owners[(start + step) % len(self._owners)]
            if replica not in found:
                found.append(replica)
                if len(found) == len(self.replicas):
                    break
        return tuple(found)

    def owner(self, sender: str) -> str:
        return self.order(sender)[0]


@dataclass
class Router:
    """The ring plus what this web process has seen of each replica: one that refused or
    timed out goes to the back of every order until its back-off has passed. It is never
    left out: when every replica has failed, each is still tried, owner first."""

    ring: HashRing
    back_off_seconds: float = BACK_OFF_SECONDS
    failed_at: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, replicas: tuple[str, ...], back_off_seconds: float = BACK_OFF_SECONDS) -> "Router":
        return cls(HashRing(tuple(replicas)), back_off_seconds)

    def order(self, sender: str, now: float) -> tuple[str, ...]:
        ring_order = self.ring.order(sender)
        resting = {r for r in ring_order if self.resting(r, now)}
        return (tuple(r for r in ring_order if r not in resting)
                + tuple(r for r in ring_order if r in resting))

    def resting(self, replica: str, now: float) -> bool:
        failed = self.failed_at.get(replica)
        return failed is not None and now - failed < self.back_off_seconds

    def failed(self, replica: str, now: float) -> None:
        self.failed_at[replica] = now

    def answered(self, replica: str) -> None:
        self.failed_at.pop(replica, None)
