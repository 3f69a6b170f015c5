"""The knowledge base in the words a housing adviser uses: councils, contacts, articles.

These are plain, immutable value objects. The validator builds them from the
content files; the store saves them; the assistant reads them back. Nothing in
here talks to a database or to the network.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

TOPICS = ("allocations", "homelessness", "retrofit", "green_grants", "rights", "community")

CONTACT_SERVICES = (
    "emergency",
    "housing_register",
    "bidding",
    "housing_options",
    "homelessness_out_of_hours",
    "rough_sleeping",
    "general",
    "domestic_abuse",
    "emotional_support",
    "advice",
)

# How an article names another scheme in its text, e.g. "{scheme:eco4}": the assistant
# describes it from that scheme's own dates (open, closed since, opens on).
SCHEME_REFERENCE = re.compile(r"\{scheme:([a-z0-9]+(?:-[a-z0-9]+)*)\}")

# Articles whose answer depends on a scheme being open or on the law: held back once
# they are long past review, rather than risk telling a resident something that changed.
SCHEME_TOPICS = ("retrofit", "green_grants")
LEGAL_TOPICS = ("allocations", "homelessness", "rights")

ALL_COUNCILS = "all"
NATIONAL = "national"


@dataclass(frozen=True)
class Scheme:
    """A council's lettings scheme: where residents register and bid."""

    name: str
    website: str | None = None


@dataclass(frozen=True)
class Council:
    """One of the seven West Midlands councils the navigator serves."""

    id: str
    name: str
    website: str
    scheme: Scheme
    places: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        """The council's place, as residents say it ("Sandwell" for Sandwell Metropolitan
        Borough Council, "Wolverhampton" for City of Wolverhampton Council): enough to say
        where a next step is when the full name is said beside it."""
        name = self.name.removeprefix("City of ")
        for suffix in (" Metropolitan Borough Council", " City Council", " Council"):
            name = name.removesuffix(suffix)
        return name


# How a fact's page was checked. Only "live" means a named housing officer opened the
# real page on that day; residents are told "checked on <date>" for nothing else.
CHECK_METHODS = ("live", "stored-copy", "unverified")
SOURCE_KINDS = (
    "council", "government", "legislation", "regulator", "charity", "regional", "news",
    "commentary", "archive", "training", "out-of-region",
)
# Pages a resident should not be sent to while their own council's page exists.
SECOND_HAND_KINDS = ("archive", "training", "out-of-region")
# The order a resident sees first-hand sources in: their council (who runs the scheme), then
# the law, then a charity's guide, and a law firm's or a landlord site's commentary last, so
# "Where this comes from" names who is responsible for the rule (a Sandwell renting answer
# named two commentary sites before GOV.UK).
RESIDENT_ORDER = ("council", "government", "legislation", "regulator", "regional", "charity",
                  "news", "commentary")


@dataclass(frozen=True)
class Check:
    """How, when and by whom a source was checked, said honestly.

    `on` is the day of the check (the live page, or the stored copy we read);
    `copy_date` is the date or year of the stored copy itself, when known, so an
    archived 2016 page is never presented as if it were read live this year.
    """

    how: str  # one of CHECK_METHODS
    on: date | None = None
    by: str | None = None  # live checks only: the housing officer's name
    copy_date: str | None = None  # "2016" or "2016-03-01"

    @property
    def is_live(self) -> bool:
        return self.how == "live"

    @property
    def copy_year(self) -> int | None:
        return int(self.copy_date[:4]) if self.copy_date else None


@dataclass(frozen=True)
class Source:
    """A public page a fact comes from, what kind of page it is, and how it was checked."""

    url: str
    check: Check
    kind: str  # one of SOURCE_KINDS
    title: str | None = None
    ref: str | None = None
    note: str | None = None
    publisher: str | None = None

    @property
    def second_hand(self) -> bool:
        """An archived, training or out-of-region page: evidence, not a link for residents."""
        return self.kind in SECOND_HAND_KINDS


def sources_for_residents(sources: tuple[Source, ...]) -> list[Source]:
    """First-hand sources in RESIDENT_ORDER (the content's order within a kind); the
    second-hand ones only when there is nothing else."""
    first_hand = [s for s in sources if not s.second_hand]
    if not first_hand:
        return list(sources)
    return sorted(first_hand, key=lambda s: RESIDENT_ORDER.index(s.kind)
                  if s.kind in RESIDENT_ORDER else len(RESIDENT_ORDER))


@dataclass(frozen=True)
class Amendment:
    """A change to a provision that does not repeal it (e.g. a new test from a date)."""

    on: date
    by: str | None = None  # the id of the amending provision, when it is in the register
    note: str | None = None


@dataclass(frozen=True)
class Provision:
    """One piece of law an answer relies on, with the dates it starts and stops applying.

    `obsolete_phrases` are words (per language) that are wrong once the provision is
    repealed, such as "valid section 21 notice", so putting an old sentence back into
    an article fails validation even when the article forgot to list the provision.
    """

    id: str
    title: str
    source: Source
    in_force: date | None = None
    repealed: date | None = None
    amended: tuple[Amendment, ...] = ()
    obsolete_phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str | None = None

    def is_repealed(self, today: date) -> bool:
        return self.repealed is not None and self.repealed <= today

    def changes(self) -> tuple[date, ...]:
        """Every day on which what this provision says changes (start, amendments, repeal)."""
        days = [self.in_force, self.repealed, *(a.on for a in self.amended)]
        return tuple(sorted(d for d in days if d is not None))

    def phrases(self, language: str) -> tuple[str, ...]:
        return dict(self.obsolete_phrases).get(language, ())


@dataclass(frozen=True)
class Contact:
    """A way to reach a service. Unverified numbers are never shown as confirmed."""

    id: str
    council: str  # a council id, or NATIONAL
    service: str
    name: str
    verified: bool
    source: Source
    phone: str | None = None
    hours: str | None = None
    website: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Article:
    """One answer to one question a resident asks, for the councils it applies to."""

    id: str
    topic: str
    title: str
    summary: str
    body: str
    councils: tuple[str, ...]
    sources: tuple[Source, ...]
    valid_from: date
    review_due: date
    owner: str
    questions: tuple[str, ...]
    intent: str | None = None
    valid_until: date | None = None
    successor: str | None = None
    next_steps: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    needs_adviser: bool = False
    unverified_note: str | None = None
    law: tuple[str, ...] = ()  # ids of provisions in law.yml this answer relies on
    name: str | None = None  # a scheme's short name, used where other articles mention it

    @property
    def applies_everywhere(self) -> bool:
        return ALL_COUNCILS in self.councils

    @property
    def version(self) -> str:
        """A fingerprint of the resident-facing English text.

        Translations record the version they were made from, so a change to
        the English marks them stale without anyone having to remember to.
        """
        text = "\n".join([self.title, self.summary, self.body, *self.next_steps])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def is_current(self, today: date) -> bool:
        """True while the scheme or rule the article describes is in force."""
        if today < self.valid_from:
            return False
        return self.valid_until is None or today <= self.valid_until

    def has_closed(self, today: date) -> bool:
        return self.valid_until is not None and today > self.valid_until

    @property
    def last_checked(self) -> date:
        """The latest day any of its sources was checked (its valid_from if none says)."""
        return max((s.check.on for s in self.sources if s.check.on), default=self.valid_from)

    @property
    def is_scheme_or_law(self) -> bool:
        return bool(self.law) or self.topic in SCHEME_TOPICS + LEGAL_TOPICS

    def review_overdue(self, today: date) -> bool:
        return self.review_due < today

    def held_back(self, today: date, grace_days: int) -> bool:
        """A scheme or legal answer more than `grace_days` past its review is not shown:
        the resident is sent to the council and an adviser instead."""
        return self.is_scheme_or_law and (today - self.review_due).days > grace_days


@dataclass(frozen=True)
class ContentSet:
    """A complete, validated edition of the knowledge base, loaded as one unit."""

    councils: tuple[Council, ...]
    contacts: tuple[Contact, ...]
    articles: tuple[Article, ...]
    postcode_districts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous_places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    translations: tuple["ArticleTranslation", ...] = ()
    provisions: tuple[Provision, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Identifies this edition, so a reload of unchanged content is a no-op."""
        digest = hashlib.sha256()
        for item in (*self.councils, *self.contacts, *self.articles, *self.translations,
                     *self.provisions):
            digest.update(repr(item).encode("utf-8"))
        digest.update(repr(sorted(self.postcode_districts.items())).encode("utf-8"))
        digest.update(repr(sorted(self.ambiguous_places.items())).encode("utf-8"))
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ArticleTranslation:
    """An article in another language, tied to the version of the English it translates."""

    article_id: str
    language: str
    translates: str  # the English Article.version this was made from
    status: str  # "draft" (not yet reviewed by a speaker) or "reviewed"
    title: str
    summary: str
    body: str
    next_steps: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()

    def is_current_for(self, article: Article) -> bool:
        return self.translates == article.version

    def applied_to(self, article: Article) -> Article:
        """The article with this translation's words (dates, sources, contacts unchanged)."""
        return replace(article, title=self.title, summary=self.summary, body=self.body,
                       next_steps=self.next_steps or article.next_steps)
