"""What a resident says about their household, and what it means under the bedroom standard.

    read(text) -> Household            the facts, each with where it was written
    Household.entities()               the same facts as Rasa entities (household_size,
                                       adults, children, child_ages, bedrooms, place)
    describe(facts) -> HouseholdNeed   bedrooms needed and how many short, with what is
                                       unknown said rather than guessed

Every language's patterns run on every message: a resident mixes languages ("mere 5
kids hain") and the language of a first message is not known yet. Where two patterns
claim the same number, the surer one wins ("we are 2 adults": 2 is adults, not the
household size).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from understanding.bedroom_standard import Occupant, bedrooms_needed
from understanding.numbers import LANGUAGES
from understanding.patterns import Found, patterns_for
from understanding.places import PlaceTable, shipped_place_table
from understanding.text import fold

# An age on its own ("25 years old"), not said of a child, is an adult's from 18.
ADULT = 18
APOSTROPHES = frozenset("'’‘`")
# The entities Household.entities() gives Rasa (declared in bot/domain/household.yml).
ENTITY_NAMES = ("household_size", "adults", "children", "child_ages", "bedrooms", "place")


@dataclass(frozen=True)
class Stated:
    """A number the resident wrote, where (characters), and the language of the pattern."""

    value: int
    start: int
    end: int
    language: str = ""


@dataclass(frozen=True)
class Child:
    age: int | None
    sex: str | None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Place:
    text: str
    start: int
    end: int
    councils: tuple[str, ...]


@dataclass(frozen=True)
class Household:
    """What one message says. None: not said."""

    size: Stated | None = None
    adults: Stated | None = None
    children: Stated | None = None
    girls: int = 0
    boys: int = 0
    ages: tuple[Child, ...] = ()
    bedrooms: Stated | None = None
    bedrooms_wanted: Stated | None = None
    couple: bool = False
    places: tuple[Place, ...] = ()
    # How many children the resident counted ("5 kids"), beside those told of one by one
    # with an age ("my son is 22"): 0 when no count was said.
    children_counted: int = 0
    # Adults named by who they are rather than counted ("my mother-in-law (70)", "bebe te
    # bapu ji"): each lives with the resident unless a stated size says otherwise.
    adult_relatives: int = 0
    # Of those, pairs named together ("my in-laws", "ammi abbu"): a couple each.
    relative_pairs: int = 0

    def entities(self, extractor: str = "HouseholdEntityExtractor") -> list[dict[str, Any]]:
        """Rasa entities: one per count, one per child's age, one per place."""
        found = []

        def add(name: str, start: int, end: int, value: Any, **extra: Any) -> None:
            found.append({"entity": name, "start": start, "end": end, "value": value,
                          "confidence_entity": 1.0, "extractor": extractor, **extra})
        for name, stated in (("household_size", self.size), ("adults", self.adults),
                             ("children", self.children), ("bedrooms", self.bedrooms)):
            if stated is not None:
                add(name, stated.start, stated.end, stated.value)
        for child in self.ages:
            if child.age is not None:
                add("child_ages", child.start, child.end, child.age)
        for place in self.places:
            add("place", place.start, place.end, place.text, councils=list(place.councils))
        return sorted(found, key=lambda e: (e["start"], e["entity"]))

    def as_dict(self) -> dict[str, Any]:
        """Everything, for the parse result (message property "household")."""
        value = lambda s: None if s is None else s.value  # noqa: E731
        return {"household_size": value(self.size), "adults": value(self.adults),
                "children": value(self.children), "girls": self.girls, "boys": self.boys,
                "child_ages": [c.age for c in self.ages],
                "children_described": [{"age": c.age, "sex": c.sex} for c in self.ages],
                "children_counted": self.children_counted,
                "adult_relatives": self.adult_relatives,
                "relative_pairs": self.relative_pairs,
                "bedrooms": value(self.bedrooms), "bedrooms_wanted": value(self.bedrooms_wanted),
                "couple": self.couple,
                "places": [{"text": p.text, "councils": list(p.councils)} for p in self.places]}


@dataclass
class _Claim:
    found: Found
    numbers: list[tuple[int, int, int]]  # (start char, end char, value)
    start: int
    end: int
    wanted: bool = False


class HouseholdReader:
    """Reads households in every language; build once (a few seconds), read many."""

    def __init__(self, places: PlaceTable | None = None, languages: tuple[str, ...] = LANGUAGES):
        self.languages = [patterns_for(lang) for lang in languages]
        self._place_nlp = patterns_for("en").nlp
        self._places = PhraseMatcher(self._place_nlp.vocab, attr="NORM")
        self._councils: dict[str, tuple[str, ...]] = {}
        for name, councils in (shipped_place_table() if places is None else places):
            self._councils[fold(name)] = councils
            doc = self._place_nlp.make_doc(name)
            for token in doc:
                token.norm_ = fold(token.text)
            self._places.add("place", [doc])

    def read(self, text: str) -> Household:
        claims, couple = [], False
        for patterns in self.languages:
            doc = patterns.doc_if_any(text)
            if doc is None:
                continue  # no number or phrase of this language: it can find nothing
            found, wanted, named_couple = patterns.find(doc)
            couple |= named_couple
            for f in found:
                span = doc[f.start:f.end]
                numbers = [(t.idx, t.idx + len(t.text), t._.hh_value) for t in span
                           if t._.hh_value is not None]
                if f.counted is not None:
                    numbers = [(span.start_char, span.end_char, f.counted)]
                if numbers:
                    claims.append(_Claim(f, numbers, span.start_char, span.end_char,
                                         f.kind == "bedrooms" and patterns.is_wanted(f, wanted)))
        return self._household(self._resolved(claims), couple, self._find_places(text))

    @staticmethod
    def _resolved(claims: list[_Claim]) -> list[_Claim]:
        """Each number belongs to the surest claim on it (then one that says whose age it
        is, then the longest, then the first language); claims left with no number are
        dropped. "beta 22 saal ka hai" is the son's age (child_age), not an age on its own
        ("22 saal", which from 18 is read as the resident's)."""
        def rank(claim: _Claim) -> tuple[int, bool, int]:
            return (claim.found.priority, claim.found.kind.startswith("child_"),
                    claim.end - claim.start)
        owner: dict[tuple[int, int], _Claim] = {}
        for claim in claims:
            for start, end, _ in claim.numbers:
                best = owner.get((start, end))
                if best is None or rank(claim) > rank(best):
                    owner[(start, end)] = claim
        # A need for bedrooms seen by one language's patterns holds for all of them.
        wanted = {(c.start, c.end) for c in claims if c.wanted}
        kept = []
        for claim in claims:
            claim.wanted |= (claim.start, claim.end) in wanted
            claim.numbers = [n for n in claim.numbers if owner.get(n[:2]) is claim]
            if claim.numbers:
                kept.append(claim)
        return sorted(kept, key=lambda c: c.start)

    def _household(self, claims: list[_Claim], couple: bool, places: tuple[Place, ...]
                   ) -> Household:
        first: dict[str, _Claim] = {}
        children = {"": 0, "female": 0, "male": 0}
        children_span: list[int] = []
        ages: dict[int, Child] = {}
        relatives = pairs = 0
        for i, claim in enumerate(claims):
            kind, sex = claim.found.kind, claim.found.sex or None
            if kind == "relatives":
                relatives += claim.numbers[0][2]
                pairs += claim.numbers[0][2] == 2
            elif kind in ("size", "adults", "bedrooms"):
                # The surest claim, then the first: "suntem o familie de șapte persoane" is 7
                key = "bedrooms_wanted" if kind == "bedrooms" and claim.wanted else kind
                if key not in first or claim.found.priority > first[key].found.priority:
                    first[key] = claim
            elif kind == "children":
                children[claim.found.sex] += claim.numbers[0][2]
                children_span += [claim.start, claim.end]
            elif kind in ("ages", "months", "child_age", "child_months"):
                after_children = i > 0 and claims[i - 1].found.kind == "children" and \
                    claims[i - 1].end + 2 >= claim.start
                if kind == "ages" and after_children:
                    sex = claims[i - 1].found.sex or None  # "2 girls aged 12 and 15"
                for start, end, value in claim.numbers:
                    if kind == "ages" and not after_children and value >= ADULT:
                        continue  # "I am 25 years old": the resident, not a child
                    age = 0 if kind.endswith("months") else value
                    ages[start] = Child(age, sex, start, end)
        stated = lambda c: None if c is None else Stated(  # noqa: E731
            c.numbers[0][2], c.start, c.end, c.found.language)
        count = max(children[""], children["female"] + children["male"], len(ages))
        children_stated = None
        if count:
            span = children_span or [min(ages), max(c.end for c in ages.values())]
            children_stated = Stated(count, min(span), max(span))
        return Household(
            size=stated(first.get("size")), adults=stated(first.get("adults")),
            children=children_stated, girls=children["female"], boys=children["male"],
            ages=tuple(ages[k] for k in sorted(ages)), bedrooms=stated(first.get("bedrooms")),
            bedrooms_wanted=stated(first.get("bedrooms_wanted")), couple=couple, places=places,
            children_counted=max(children[""], children["female"] + children["male"]),
            adult_relatives=relatives, relative_pairs=pairs)

    def _find_places(self, text: str) -> tuple[Place, ...]:
        # The knowledge base stores "Smith's Wood" as "smiths wood": match without
        # apostrophes, and map each position back to the message as written.
        kept = [i for i, ch in enumerate(text) if ch not in APOSTROPHES]
        doc = self._place_nlp.make_doc("".join(text[i] for i in kept))
        for token in doc:
            token.norm_ = fold(token.text)
        spans = filter_spans([doc[s:e] for _, s, e in self._places(doc)])
        places = []
        for span in spans:
            start, end = kept[span.start_char], kept[span.end_char - 1] + 1
            places.append(Place(text[start:end], start, end,
                                self._councils.get(fold(span.text), ())))
        return tuple(places)


_reader: HouseholdReader | None = None


def read(text: str) -> Household:
    """The household facts in one message (the reader is built on first use)."""
    global _reader
    if _reader is None:
        _reader = HouseholdReader()
    return _reader.read(text)


@dataclass(frozen=True)
class HouseholdNeed:
    """What the overcrowding answer says: "a household of 7 (2 adults, 5 children aged
    ...) needs N bedrooms under the bedroom standard; a 2-bedroom home is K short".

    bedrooms_needed / short_by: exact numbers, or None when they depend on something
    unknown; then needed_range / short_by_range give the fewest and most, and `unknowns`
    says what would settle it: household_members, adults, children, child_ages, child_sexes,
    couple, pairing_across_ages, bedrooms_now. `assumptions` lists what was taken as
    read (adults_21_or_over: an adult whose age was not given is counted as 21 or over)."""

    size: int | None
    adults: int | None
    children: int | None
    ages: tuple[int, ...]
    bedrooms_needed: int | None
    needed_range: tuple[int, int] | None
    bedrooms_now: int | None
    short_by: int | None
    short_by_range: tuple[int, int] | None
    unknowns: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = field(default_factory=tuple)


def _facts(facts: Household | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(facts, Household):
        return {**facts.as_dict()}
    return dict(facts)


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value == "" else int(float(value))
    except (TypeError, ValueError):
        return None


def _the_rest_are_adults(f: Mapping[str, Any], size: int | None, children: int | None,
                        ages: tuple[int, ...]) -> bool:
    """Whether everyone but the children is an adult. Children known only by the ages told
    ("we are 8, my eldest son is 22") are the ones the resident spoke of, not all of them:
    the rest are adults only when at most a couple is left ("we are 5, kids aged 3, 6 and
    9"). Beyond that, not guessed."""
    if size is None or children is None or size < children:
        return False
    only_those_told = "children_counted" in f and not _int(f.get("children_counted")) \
        and bool(ages) and children == len(ages)
    return not (only_those_told and size - children > 2)


def _adults(f: Mapping[str, Any], size: int | None, children: int | None,
            ages: tuple[int, ...], couple: bool, assumed: list[str]) -> tuple[int | None, bool]:
    """How many adults, when nobody counted them; and whether the relatives named say so."""
    relatives = _int(f.get("adult_relatives")) or 0
    named = (2 if couple else 1) + relatives  # the resident (and partner), and relatives
    if relatives and children is not None and (size is None or size == named + children):
        # "me and my wife, my mother-in-law (70), son 22, girls 16 and 13": everyone told
        if size is None:
            assumed.append("adults_are_those_named")
        return named, True
    if _the_rest_are_adults(f, size, children, ages):
        return size - children, False  # type: ignore[operator]
    if couple and children is not None and (size is None or size == children + 2):
        assumed.append("adults_are_the_couple")
        return 2, False  # "me, my wife and 3 kids": nobody else was mentioned
    return None, False


def _couples(f: Mapping[str, Any], adults: int, couple: bool,
             by_relatives: bool) -> tuple[int, int]:
    """(couples known, pairs of adults who may be a couple). Relatives named as a pair are
    a couple; two named apart ("bebe (75) te bapu ji (78)") may be one: a range, not a
    guess."""
    couples = 1 if couple and adults >= 2 else 0
    possible = 1 if not couple and adults >= 2 else 0
    if by_relatives:
        relatives = _int(f.get("adult_relatives")) or 0
        pairs = _int(f.get("relative_pairs")) or 0
        couples += pairs
        possible = 1 if relatives - 2 * pairs >= 2 else 0
    return couples, possible


def describe(facts: Household | Mapping[str, Any]) -> HouseholdNeed:
    """The bedroom need of a household, from read() or from slot values (household_size,
    adults, children, child_ages, bedrooms; optionally couple, children_described)."""
    f = _facts(facts)
    size, adults, children = _int(f.get("household_size")), _int(f.get("adults")), \
        _int(f.get("children"))
    ages = tuple(a for a in (_int(x) for x in f.get("child_ages") or []) if a is not None)
    described = [(d.get("age"), d.get("sex")) for d in f.get("children_described") or []] or \
        [(a, None) for a in ages]
    children = max(children or 0, len(ages)) or (0 if adults is not None and size == adults
                                                 else children)
    couple = bool(f.get("couple"))
    assumed: list[str] = []
    by_relatives = False
    if adults is None:
        adults, by_relatives = _adults(f, size, children, ages, couple, assumed)
    if size is None and adults is not None and children is not None:
        size = adults + children
    now = _int(f.get("bedrooms"))
    unknowns: list[str] = []
    if adults is None or children is None:
        if adults is None and children is None:
            unknowns.append("household_members")
        else:
            unknowns.append("adults" if adults is None else "children")
        if now is None:
            unknowns.append("bedrooms_now")
        return HouseholdNeed(size, adults, children, ages, None, None, now, None, None,
                             tuple(unknowns))
    couples, possible = _couples(f, adults, couple, by_relatives)
    people = [Occupant(adult=True) for _ in range(adults - 2 * (couples + possible))]
    people += [Occupant(age=_int(a), sex=s) for a, s in described]
    people += [Occupant() for _ in range(children - len(described))]
    need = bedrooms_needed(people, couples=couples, possible_couples=possible)
    assumptions = tuple(assumed) + (("adults_21_or_over",) if adults else ())
    unknowns += list(need.unknowns) + ([] if now is not None else ["bedrooms_now"])
    short = need.short_by(now) if now is not None else None
    return HouseholdNeed(
        size, adults, children, ages, need.exact, (need.low, need.high), now,
        None if short is None or short[0] != short[1] else short[0], short,
        tuple(unknowns), assumptions)
