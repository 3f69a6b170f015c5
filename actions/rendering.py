"""Turn knowledge-base articles and contacts into chat messages.

An answer is at most two messages, because most residents read on a phone:
the article itself (with next steps, contacts and where it comes from), then
a short line with follow-up buttons. Wording comes from the phrasebook; facts
come from the knowledge base; this module only arranges them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Callable
from urllib.parse import urlsplit

from babel.dates import format_date

from actions.bidi import isolate_embedded
from actions.phrasebook import Phrase, Phrasebook, english_of, joined
from knowledge.contact_translations import localised_contact
from knowledge.entities import SCHEME_REFERENCE, Article, Contact, Council, Source

# Babel locales for the residents' languages (dates such as "31 مارچ، 2026").
LOCALES = {"en": "en_GB", "ur": "ur", "pa": "pa", "bn": "bn", "pl": "pl", "ar": "ar",
           "so": "so", "ro": "ro"}


@dataclass
class Message:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    # What the chat page shows under the text ({"detail": {"body", "sources"}}, ADR 0010).
    custom: dict[str, Any] | None = None

    def as_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"text": str(self.text)}
        if self.buttons:
            kwargs["buttons"] = self.buttons
        if self.custom:
            kwargs["custom"] = self.custom
        if english_of(self.text) != self.text:
            kwargs["english"] = english_of(self.text)
        return kwargs


def long_date(day: date, language: str | None) -> str:
    return format_date(day, format="long", locale=LOCALES.get(language or "en", "en_GB"))


def dated(day: date, language: str | None) -> Phrase:
    """A date in the resident's language that remembers its English."""
    return Phrase(long_date(day, language), long_date(day, "en"))


def article_button(article: Article) -> dict[str, str]:
    payload = "/choose_article" + json.dumps({"article_id": article.id})
    return {"title": article.title, "payload": payload}


def contact_lines(phrases: Phrasebook, contacts: list[Contact]) -> list[Phrase]:
    """One line per contact; an unverified one always says it is not confirmed, and one
    found only on an old archived page says so plainly, in the resident's language."""
    lines = []
    for c in contacts:
        words = localised_contact(c, phrases.language)  # name, hours, note translated
        details = Phrase(", ".join(part for part in (c.phone, words.hours, c.website) if part),
                         ", ".join(part for part in (c.phone, c.hours, c.website) if part))
        name = Phrase(words.name, c.name)
        year = c.source.check.copy_year
        if c.phone and c.source.second_hand and year:
            line = phrases.text("utter_contact_archived", name=name, details=details,
                                year=str(year))
        else:
            phrase = "utter_contact_verified" if c.verified else "utter_contact_unverified"
            line = phrases.text(phrase, name=name, details=details,
                                note=Phrase(words.note or "", c.note or ""))
        lines.append(joined("- ", ["", line]))
    return lines


def contacts_message(phrases: Phrasebook, contacts: list[Contact], intro: str,
                     extra_lines: list[str] | None = None) -> Message:
    return Message(joined("\n", [intro, *contact_lines(phrases, contacts), *(extra_lines or [])]))


def article_message(phrases: Phrasebook, article: Article, contacts: list[Contact],
                    language: str | None, original: Article | None = None) -> Message:
    """The article, its next steps, contacts, caveats and sources, as one message.
    `article` is what the resident reads; `original` the English it translates."""
    english = original or article
    parts = [phrases.text("utter_article",
                          title=Phrase(f"**{article.title}**", f"**{english.title}**"),
                          summary=Phrase(article.summary, english.summary),
                          body=Phrase(article.body, english.body))]
    if article.next_steps:
        steps = Phrase("\n".join(f"- {s}" for s in article.next_steps),
                       "\n".join(f"- {s}" for s in english.next_steps))
        parts.append(phrases.text("utter_article_next_steps", steps=steps))
    if contacts:
        parts.append(joined("\n", [phrases.text("utter_contacts_intro"),
                                   *contact_lines(phrases, contacts)]))
    if article.needs_adviser:
        parts.append(phrases.text("utter_needs_adviser"))
    sources = joined("; ", source_lines(phrases, article.sources, language))
    parts.append(phrases.text("utter_article_sources", sources=sources))
    # Where the content says an adviser is needed, the way to one is a button away.
    buttons = phrases.buttons("utter_needs_adviser") if article.needs_adviser else []
    return Message(joined("\n\n", parts), buttons)


def source_lines(phrases: Phrasebook, sources: tuple[Source, ...],
                 language: str | None) -> list[Phrase]:
    """How residents see where an answer comes from. "Checked on <date>" only for a live
    check; otherwise the publisher and year. Archived, training and out-of-region pages
    are not linked while a first-hand page is there (they stay in the content as evidence)."""
    first_hand = [s for s in sources if not s.second_hand]
    if first_hand:
        return [source_line(phrases, s, language) for s in first_hand]
    return [phrases.text("utter_source_unlinked", title=s.title or publisher_of(s),
                         publisher=publisher_of(s), year=year_of(s)) for s in sources]


def source_line(phrases: Phrasebook, s: Source, language: str | None) -> Phrase:
    title = s.title or s.url
    if s.check.is_live and s.check.on:
        return phrases.text("utter_source_live", title=title, url=s.url,
                            checked=dated(s.check.on, language))
    if s.check.how == "unverified":
        return phrases.text("utter_source_unconfirmed", title=title, url=s.url,
                            publisher=publisher_of(s))
    return phrases.text("utter_source_published", title=title, url=s.url,
                        publisher=publisher_of(s), year=year_of(s))


def publisher_of(s: Source) -> str:
    host = (urlsplit(s.url).hostname or s.url).lower().rstrip(".")
    return s.publisher or host.removeprefix("www.")


def year_of(s: Source) -> str:
    """The year of the page itself when known, otherwise the year we read it."""
    year = s.check.copy_year or (s.check.on.year if s.check.on else None)
    return str(year) if year else ""


def with_scheme_mentions(article: Article, describe: Callable[[str], str | None]) -> Article:
    """The article with each {scheme:id} replaced by that scheme as it stands today."""
    def fill(text: str) -> str:
        return SCHEME_REFERENCE.sub(lambda m: describe(m.group(1)) or m.group(1), text)
    return replace(article, title=fill(article.title), summary=fill(article.summary),
                   body=fill(article.body), next_steps=tuple(fill(s) for s in article.next_steps))


def scheme_mention(phrases: Phrasebook, scheme: Article, today: date,
                   language: str | None) -> Phrase:
    """"ECO4 (ended on 31 March 2026)": a scheme named inside another answer, from its
    own dates, so "ECO4 is open" can never outlive ECO4."""
    name = scheme.name or scheme.title
    if scheme.has_closed(today):
        return phrases.text("utter_scheme_mention_closed", name=name,
                            date=dated(scheme.valid_until, language))  # type: ignore[arg-type]
    if today < scheme.valid_from:
        return phrases.text("utter_scheme_mention_not_started", name=name,
                            date=dated(scheme.valid_from, language))
    return phrases.text("utter_scheme_mention_open", name=name)


def follow_up_message(phrases: Phrasebook, article: Article, council: Council | None,
                      related: list[Article]) -> Message | None:
    """'This answer is for Dudley' with a change button (every answer for a known council
    ends with that council's next step), and related questions."""
    buttons = [article_button(r) for r in related]
    if council is not None:
        buttons += phrases.buttons("utter_answer_for_council")
        said = phrases.text("utter_answer_for_council", council_name=council.name)
        # In Arabic and Urdu the council's English name is isolated (FSI...PDI), so the
        # full stop stays after it rather than jumping to the start of the line.
        return Message(Phrase(isolate_embedded(str(said), phrases.language), english_of(said)),
                       buttons)
    if buttons:
        return Message(phrases.text("utter_related_intro"), buttons)
    return None


def council_buttons(councils: list[Council]) -> list[dict[str, str]]:
    return [{"title": c.name,
             "payload": "/inform_council" + json.dumps({"council": c.id})} for c in councils]
