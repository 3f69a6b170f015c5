"""The resident's next step with their own council, from the knowledge base.

A general article ("how overcrowding counts") is true everywhere, but what a resident does
next is not: which scheme to join, which number to ring. When the council is known, every
answer ends with that council's route for the article's topic (scheme name and link for
the register, the housing options number for homelessness and renting) and with any
sentence of the article that states a rule for that council ("In Dudley, households short
of 2 or more bedrooms get higher priority"). Nothing is added that the content does not
say: no number without a contact in the knowledge base, no rule without its sentence.

A leaf: imports no action module.
"""
from __future__ import annotations

import re

from actions.phrasebook import Phrase, Phrasebook, joined
from knowledge.contact_translations import localised_contact
from knowledge.entities import NATIONAL, Article, Contact, Council
from knowledge.library import KnowledgeBase

# Which of the council's services answer a topic's next step, most useful first.
ROUTE_SERVICES = {
    "allocations": ("housing_register", "bidding"),
    "homelessness": ("housing_options", "homelessness_out_of_hours"),
    "rights": ("housing_options",),
    "community": ("housing_options", "housing_register"),
}
OTHER_TOPICS = ("general",)  # grants: the council itself, not its housing team
# Topics where a resident must be able to reach the council: applying, homelessness,
# eviction. When the council is unknown, the answer asks for it (once) to give the number.
ROUTE_MATTERS = ("allocations", "homelessness", "rights")
MOST_CONTACTS = 2
# Without the council, one national service is the next step (the article's named ones
# are always given): the rest are in "More detail". Two unconfirmed web addresses took
# a quarter of a phone screen in Polish or Somali, for one thing to do.
MOST_NATIONAL_CONTACTS = 1
MOST_RULES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?।۔؟])\s+")


def council_contacts(kb: KnowledgeBase, council: Council, article: Article) -> list[Contact]:
    """The council's own contacts for the article's topic: the article's own contacts of
    that council first, then the council's services for the topic."""
    services = ROUTE_SERVICES.get(article.topic, OTHER_TOPICS)
    candidates = [c for c in kb.contacts(article.contacts) if c.council == council.id]
    candidates += [c for c in kb.contacts_for(council.id, services) if c.council == council.id]
    return _distinct(candidates)[:MOST_CONTACTS]


def national_contacts(kb: KnowledgeBase, article: Article) -> list[Contact]:
    """Helplines and advice services the article itself names (a refuge, StreetLink,
    Citizens Advice), with their number or page: those its short answer names first
    (`article` in English, as named_contacts reads its summary), else the first of its
    national contacts, a confirmed one with a number before the rest; none whose number
    the summary already gives ("call 999 now")."""
    named = named_contacts(kb, article)
    others = sorted((c for c in kb.contacts(article.contacts)
                     if c.council == NATIONAL and (c.phone or c.website)
                     and not (c.phone and c.phone in article.summary)),
                    key=lambda c: (not c.verified, not c.phone))
    return _distinct(named + others)[:max(MOST_NATIONAL_CONTACTS, len(named))]


def named_contacts(kb: KnowledgeBase, article: Article) -> list[Contact]:
    """The article's national contacts that its English summary sends the resident to by
    name ("StreetLink can connect you to local outreach"): the short answer then gives
    their number and page, whether or not the council is known. A contact whose number
    the summary already gives ("call 999") is not repeated."""
    summary = article.summary.casefold()
    return [c for c in kb.contacts(article.contacts)
            if c.council == NATIONAL and (c.phone or c.website)
            and not (c.phone and c.phone in article.summary)
            and re.search(rf"(?<!\w){re.escape(_called(c.name))}(?!\w)", summary)]


def _called(name: str) -> str:
    """What a summary calls a service: its name's leading capitalised words
    ("Shelter emergency helpline" -> "shelter", "Citizens Advice" -> "citizens advice")."""
    words = []
    for word in name.split("(")[0].split():
        if not word[:1].isupper():
            break
        words.append(word)
    return " ".join(words).casefold() or name.casefold()


def _distinct(contacts: list[Contact]) -> list[Contact]:
    """Each way in once: the same contact, or the same number or page under two
    services (a register that is also where to bid), is listed once."""
    seen: set[str] = set()
    kept = []
    for contact in contacts:
        key = contact.phone or contact.website or contact.id
        if contact.id not in seen and key not in seen:
            kept.append(contact)
        seen |= {contact.id, key}
    return kept


def short_contacts(phrases: Phrasebook, contacts: list[Contact],
                   both: set[str] | frozenset[str] = frozenset()) -> list[Phrase]:
    """One "- " line per contact (short_contact). Numbers found only on an old page are
    explained once, on the first of them; the next ones say "(not confirmed)", which is
    as true and half a phone screen shorter in Somali or Romanian."""
    lines, explained = [], False
    for contact in contacts:
        lines.append(joined("", ["- ", short_contact(phrases, contact, contact.id in both,
                                                     archive_explained=explained)]))
        explained = explained or _archived(contact)
    return lines


def _archived(contact: Contact) -> bool:
    return bool(contact.phone and contact.source.second_hand and contact.source.check.copy_year)


def short_contact(phrases: Phrasebook, contact: Contact, both: bool = False,
                  archive_explained: bool = False) -> Phrase:
    """One line a resident can tap: the number, or the page when there is none (`both`:
    the number and the page, for a service the answer sends them to by name); an
    unconfirmed one says so (its full note is in "More detail")."""
    details = ", ".join(filter(None, (contact.phone, contact.website))) if both \
        else contact.phone or contact.website or ""
    name = Phrase(localised_contact(contact, phrases.language).name, contact.name)
    if _archived(contact) and not archive_explained:
        # Found only on an old archived page: said plainly, never shown as current.
        return phrases.text("utter_contact_archived", name=name, details=details,
                            year=str(contact.source.check.copy_year))
    if _archived(contact):
        return phrases.text("utter_contact_unverified_short", name=name, details=details)
    phrase = "utter_contact_verified" if contact.verified else "utter_contact_unverified_short"
    return phrases.text(phrase, name=name, details=details)


def scheme_line(council: Council) -> str | None:
    """"Birmingham Choice: https://www.birminghamchoice.co.uk/" for register answers."""
    scheme = council.scheme
    if scheme is None or not scheme.website:
        return None
    return f"{scheme.name}: {scheme.website}"


def council_rules(text: str, council: Council, place_names: list[str]) -> list[str]:
    """Sentences or list items of the article's text (in the resident's language) that
    name this council: its own rules, as the content states them."""
    names = {council.id, council.name.lower(), (council.scheme.name if council.scheme else "").lower(),
             *(p.lower() for p in place_names)} - {""}
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)
    found: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        units = [paragraph[2:]] if paragraph.startswith("- ") else _SENTENCE_END.split(paragraph)
        found += [u.strip().rstrip(";") for u in units if u.strip() and pattern.search(u)]
    return found[:MOST_RULES]


def non_latin_places(kb: KnowledgeBase, council_id: str) -> list[str]:
    """The council's name as residents write it in other scripts (برمنگھم, ਬਰਮਿੰਘਮ); Latin
    place names are left out, so a ward named in an example is not taken for a rule."""
    return [name for name, owner in kb.place_names()
            if owner == council_id and not name.isascii()]
