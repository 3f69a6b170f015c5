"""The hash ring that sends each conversation to one Rasa replica (web/routing.py)."""
from __future__ import annotations

from collections import Counter

import pytest

from web.routing import HashRing, Router, point

A, B, C, D = (f"http://rasa-{n}.rasa:5005" for n in range(4))
SENDERS = [f"{n:032x}" for n in range(3000)]


def owners(ring: HashRing) -> dict[str, str]:
    return {s: ring.owner(s) for s in SENDERS}


def test_points_are_stable_across_processes() -> None:
    # SHA-256, not Python's salted hash(): every web replica and every start agree.
    assert point("abc") == 0xBA7816BF8F01CFEA
    assert HashRing((A, B)).owner("0" * 32) == HashRing((A, B)).owner("0" * 32)


def test_same_sender_same_replica_whatever_the_listing_order() -> None:
    assert owners(HashRing((A, B, C))) == owners(HashRing((C, A, B)))


def test_conversations_spread_evenly() -> None:
    counts = Counter(owners(HashRing((A, B, C))).values())
    assert set(counts) == {A, B, C}
    assert all(abs(n - 1000) < 150 for n in counts.values()), counts


def test_adding_a_replica_moves_only_conversations_to_it() -> None:
    before, after = owners(HashRing((A, B, C))), owners(HashRing((A, B, C, D)))
    moved = [s for s in SENDERS if before[s] != after[s]]
    assert all(after[s] == D for s in moved)
    assert 500 < len(moved) < 1000  # about a quarter of 3000


def test_removing_a_replica_moves_only_its_conversations() -> None:
    before, after = owners(HashRing((A, B, C))), owners(HashRing((A, B)))
    assert all(after[s] == before[s] for s in SENDERS if before[s] != C)
    assert {after[s] for s in SENDERS if before[s] == C} == {A, B}


def test_failover_order_is_the_ring_without_the_owner() -> None:
    three = HashRing((A, B, C))
    for sender in SENDERS[:200]:
        order = three.order(sender)
        assert sorted(order) == [A, B, C]
        # With the owner gone, the conversation goes to the next replica of its order.
        without = HashRing(tuple(r for r in (A, B, C) if r != order[0]))
        assert without.owner(sender) == order[1]


def test_one_replica_takes_everything() -> None:
    assert HashRing((A,)).order("x") == (A,)


@pytest.mark.parametrize("replicas", [(), (A, A)])
def test_a_ring_needs_distinct_replicas(replicas: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        HashRing(replicas)


def test_a_failed_replica_waits_at_the_back_until_its_back_off_passes() -> None:
    router = Router.of((A, B, C), back_off_seconds=5)
    sender = next(s for s in SENDERS if router.ring.owner(s) == A)
    first, second, third = router.ring.order(sender)
    router.failed(A, now=100.0)
    assert router.order(sender, now=101.0) == (second, third, A)
    assert router.order(sender, now=104.9) == (second, third, A)
    assert router.order(sender, now=105.0) == (A, second, third)  # tried first again


def test_every_replica_failed_still_tries_all_owner_first() -> None:
    router = Router.of((A, B), back_off_seconds=5)
    order = router.ring.order("resident")
    router.failed(A, 10.0)
    router.failed(B, 10.0)
    assert router.order("resident", 11.0) == order


def test_an_answer_ends_the_back_off() -> None:
    router = Router.of((A, B), back_off_seconds=5)
    sender = next(s for s in SENDERS if router.ring.owner(s) == A)
    router.failed(A, 0.0)
    router.answered(A)
    assert router.order(sender, 1.0)[0] == A
