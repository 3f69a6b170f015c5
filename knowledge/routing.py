"""Work out which council a resident lives in from what they wrote.

In order: a council or well-known place name ("Handsworth", "Tipton"); a
full postcode looked up on postcodes.io (2-second timeout, cached); and when
postcodes.io is slow, down or answers nonsense, the shipped table of postcode
districts. A place or district that crosses a boundary gives several councils,
and the assistant asks the resident to choose.

Postcodes are personal data: they are used for the lookup and never stored.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

import requests

from core.settings import current
from knowledge.library import KnowledgeBase
from knowledge.text import normalise_place, without_case_endings

log = logging.getLogger(__name__)

FULL_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
# An outward code on its own ("I'm in B21"), limited to this region's postcode areas
# so that ordinary words and model numbers are not mistaken for postcodes.
OUTWARD_CODE = re.compile(r"\b((?:B|CV|DY|WS|WV)[0-9]{1,2})\b", re.IGNORECASE)

DEFAULT_POSTCODES_IO = "https://api.postcodes.io"


@dataclass(frozen=True)
class Routing:
    """Where a message places the resident."""

    councils: tuple[str, ...] = ()
    via: str = ""  # "place", "postcode", "postcode_district"
    matched: str = ""  # the place name or postcode district that matched (never a full postcode)
    outside_area: bool = False  # a real postcode, but not in the seven councils

    @property
    def council(self) -> str | None:
        return self.councils[0] if len(self.councils) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.councils) > 1


class PostcodeLookup:
    """postcodes.io client with a short timeout and an in-memory cache."""

    def __init__(self, base_url: str | None = None, timeout: float = 2.0,
                 ttl_seconds: float = 24 * 3600, max_entries: int = 5000):
        self.base_url = (base_url or current().postcodes_io_url).rstrip("/")
        self.timeout = timeout
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self._cache: dict[str, tuple[float, str | None]] = {}
        self._lock = threading.Lock()
        self._session = requests.Session()

    def admin_district(self, postcode: str) -> tuple[bool, str | None]:
        """(answered, district). answered=False means the service could not tell us."""
        key = postcode.upper().replace(" ", "")
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit and now - hit[0] < self.ttl:
                return True, hit[1]
        try:
            response = self._session.get(f"{self.base_url}/postcodes/{key}", timeout=self.timeout)
        except requests.RequestException as exc:
            log.warning("postcodes.io unreachable (%s); using the district table", type(exc).__name__)
            return False, None
        if response.status_code == 404:
            district = None  # a well-formed postcode that does not exist
        elif response.status_code != 200:
            log.warning("postcodes.io answered %s; using the district table", response.status_code)
            return False, None
        else:
            try:
                result = response.json().get("result") or {}
                district = result.get("admin_district")
                if district is not None and not isinstance(district, str):
                    raise ValueError("admin_district is not text")
            except (ValueError, AttributeError) as exc:
                log.warning("postcodes.io reply not understood (%s); using the district table", exc)
                return False, None
        with self._lock:
            if len(self._cache) >= self.max_entries:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = (now, district)
        return True, district


class CouncilRouter:
    """Finds the council in a message, using the live knowledge base's place table."""

    def __init__(self, kb: KnowledgeBase, postcodes: PostcodeLookup | None = None,
                 place_cache_seconds: float = 60.0):
        self.kb = kb
        self.postcodes = postcodes or PostcodeLookup()
        self._places: list[tuple[str, str]] = []
        self._places_loaded = 0.0
        self._place_cache_seconds = place_cache_seconds

    def _place_table(self) -> list[tuple[str, str]]:
        if time.monotonic() - self._places_loaded > self._place_cache_seconds or not self._places:
            self._places = self.kb.place_names()
            self._places_loaded = time.monotonic()
        return self._places

    def route(self, message: str) -> Routing:
        if not message:
            return Routing()
        by_place = self._by_place(message)
        if by_place.councils:
            return by_place
        by_postcode = self._by_postcode(message)
        if by_postcode.councils or by_postcode.outside_area:
            return by_postcode
        return self._by_misspelt_place(message) or by_postcode

    def _by_place(self, message: str) -> Routing:
        said = normalise_place(message)
        texts = (f" {said} ", f" {without_case_endings(said)} ")
        for name, _council in self._place_table():
            if any(f" {name} " in text for text in texts):
                councils = tuple(self.kb.councils_for_place(name))
                return Routing(councils=councils, via="place", matched=name)
        return Routing()

    def _by_misspelt_place(self, message: str) -> Routing | None:
        """A one-word place typed with a slip ("birmingam", "wolverhamton", "sandwel"):
        the last resort, after exact names and postcodes, because a resident who names
        their town has told us their council however they spelt it."""
        names = [name for name, _council in self._place_table()]
        for word in normalise_place(message).split():
            name = misspelt_place(word, names)
            if name:
                return Routing(councils=tuple(self.kb.councils_for_place(name)),
                               via="place", matched=name)
        return None

    def _by_postcode(self, message: str) -> Routing:
        full = FULL_POSTCODE.search(message)
        if full:
            outward = full.group(1).upper()
            answered, district = self.postcodes.admin_district(full.group(1) + full.group(2))
            if answered:
                council_ids = {c.id for c in self.kb.councils()}
                council = (district or "").strip().lower()
                if council in council_ids:
                    return Routing(councils=(council,), via="postcode", matched=outward)
                if district is not None:
                    return Routing(via="postcode", matched=outward, outside_area=True)
            return self._by_district(outward)
        outward_only = OUTWARD_CODE.search(message)
        if outward_only:
            return self._by_district(outward_only.group(1).upper())
        return Routing()

    def _by_district(self, district: str) -> Routing:
        councils = tuple(self.kb.councils_for_district(district))
        return Routing(councils=councils, via="postcode_district", matched=district)


# A misspelt place must be this long (shorter names, "Lye", "Aston", "Olton", are too close
# to ordinary words), start with the same letter, and be within this many slips (a letter
# missed, added, changed or two swapped): one, two from ten letters on.
MISSPELT_MIN_LETTERS = 6
LONG_NAME = 10


def misspelt_place(word: str, names: list[str]) -> str | None:
    """The one-word place name this word is a slip of, or None (never an exact name:
    those are matched first; never two names equally close)."""
    if len(word) < MISSPELT_MIN_LETTERS - 1 or not word.isalpha() or not word.isascii():
        return None
    close = {name for name in names
             if " " not in name and len(name) >= MISSPELT_MIN_LETTERS and name[0] == word[0]
             and name != word and abs(len(name) - len(word)) <= 2
             and slips(word, name) <= (2 if len(name) >= LONG_NAME else 1)}
    return close.pop() if len(close) == 1 else None


def slips(a: str, b: str) -> int:
    """Typing slips between two words (optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
