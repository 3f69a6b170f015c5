"""The bedroom standard: how many bedrooms a household needs, and how many it is short.

The rule, as the facts pack gives it (../shared/reference/housing-facts.md, section 7,
"Overcrowding", source G10, Shelter: "apply for a larger home (overcrowded housing)"):
a separate bedroom for each couple, each adult aged 21 or over, each pair of same-sex
10-20-year-olds, and each pair of children under 10.

Read literally and nothing added: whoever that rule does not pair (a 10-20-year-old
with no one of the same sex and age band, the odd child under 10) has a bedroom of
their own. The pack does not say whether such a 10-20-year-old may share with a child
under 10; when that case arises it is reported in `unknowns` ("pairing_across_ages")
and the count is not lowered.

What is not known (a child's age, a 10-20-year-old's sex, whether two adults are a
couple) is never guessed: every possibility is counted, the answer is a range, and
`unknowns` says what would settle it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

ADULT_AGE = 21  # "each adult aged 21 or over"
PAIRED_BY_SEX = range(10, 21)  # "each pair of same-sex 10-20-year-olds"
UNDER = 10  # "each pair of children under 10"


@dataclass(frozen=True)
class Occupant:
    """Someone who lives in the home, not part of a couple counted separately.
    age None: not known. adult: an adult whose age was not given (counted as 21 or
    over, see describe). sex: "female", "male" or None when not known."""

    age: int | None = None
    sex: str | None = None
    adult: bool = False


@dataclass(frozen=True)
class BedroomNeed:
    low: int
    high: int
    unknowns: tuple[str, ...] = ()

    @property
    def exact(self) -> int | None:
        return self.low if self.low == self.high else None

    def short_by(self, bedrooms_now: int) -> tuple[int, int]:
        """(fewest, most) bedrooms short in a home of `bedrooms_now`; 0 means not short."""
        return max(0, self.low - bedrooms_now), max(0, self.high - bedrooms_now)


def _pairs(n: int) -> int:
    return (n + 1) // 2


def _count(couples: int, over_21: int, under_10: int, girls: int, boys: int) -> int:
    return couples + over_21 + _pairs(under_10) + _pairs(girls) + _pairs(boys)


def _possibilities(person: Occupant) -> list[tuple[str, ...]]:
    """Every band (and sex, for 10-20) this person could be in."""
    if person.adult and person.age is None:
        return [("over_21",)]
    ages: Iterable[str] = ("under_10", "10_20") if person.age is None else (
        ("over_21",) if person.age >= ADULT_AGE else
        ("10_20",) if person.age in PAIRED_BY_SEX else ("under_10",))
    options: list[tuple[str, ...]] = []
    for band in ages:
        if band != "10_20":
            options.append((band,))
        else:
            sexes = (person.sex,) if person.sex else ("female", "male")
            options += [(band, sex) for sex in sexes]
    return options


def _could_be_10_to_20(person: Occupant) -> bool:
    return (person.age is None and not person.adult) or person.age in PAIRED_BY_SEX


def bedrooms_needed(people: Sequence[Occupant], couples: int = 0,
                    possible_couples: int = 0) -> BedroomNeed:
    """Bedrooms the household needs under the bedroom standard.

    couples: couples known to be couples (not in `people`). possible_couples: pairs of
    adults, not in `people`, who may or may not be a couple (not said): one bedroom if
    they are, two if not. Every possibility is counted: only how many people fall in
    each band matters, so the households reachable are few even when much is unknown."""
    unknowns: list[str] = []
    if any(p.age is None and not p.adult for p in people):
        unknowns.append("child_ages")
    maybe_teens = [p for p in people if _could_be_10_to_20(p)]
    if len(maybe_teens) > 1 and any(p.sex is None for p in maybe_teens):
        unknowns.append("child_sexes")
    if possible_couples:
        unknowns.append("couple")
    # (over 21, under 10, girls 10-20, boys 10-20) for every way the unknowns could be
    states: set[tuple[int, ...]] = {(0, 0, 0, 0)}
    for person in people:
        steps = [{"over_21": (1, 0, 0, 0), "under_10": (0, 1, 0, 0)}.get(option[0])
                 or ((0, 0, 1, 0) if option[1] == "female" else (0, 0, 0, 1))
                 for option in _possibilities(person)]
        states = {tuple(a + b for a, b in zip(state, step)) for state in states
                  for step in steps}
    totals, across_ages = set(), False
    for over_21, under_10, girls, boys in states:
        across_ages |= under_10 % 2 == 1 and (girls % 2 == 1 or boys % 2 == 1)
        for together in range(possible_couples + 1):
            apart = possible_couples - together
            totals.add(_count(couples + together, over_21 + 2 * apart, under_10, girls, boys))
    if across_ages:
        unknowns.append("pairing_across_ages")
    return BedroomNeed(min(totals), max(totals), tuple(unknowns))
