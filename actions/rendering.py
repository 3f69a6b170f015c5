"""Turn knowledge-base articles and contacts into chat messages.

An answer is at most two messages, because most residents read on a phone:
the article itself (with next steps, contacts and where it comes from), then
a short line with follow-up buttons. Wording comes from the phrasebook; facts
come from the knowledge base; this module only arranges them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel.dates import format_date

from actions.phrasebook import Phrase, Phrasebook, english_of, joined
from knowledge.entities import Article, Contact, Council

LOCALES = {"en": "en_GB"}


@dataclass
class Message:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)

    def as_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"text": str(self.text)}
        if self.buttons:
            kwargs["buttons"] = self.buttons
        if english_of(self.text) != self.text:
            kwargs["english"] = english_of(self.text)
        return kwargs


def long_date(day: date, language: str | None) -> str:
    return format_date(day, format="long", locale=LOCALES.get(language or "en", "en_GB"))


def article_button(article: Article) -> dict[str, str]:
    payload = "/choose_article" + json.dumps({"article_id": article.id})
    return {"title": article.title, "payload": payload}


def contact_lines(phrases: Phrasebook, contacts: list[Contact]) -> list[Phrase]:
    """One line per contact; an unverified one always says it is not confirmed."""
    lines = []
    for c in contacts:
        details = ", ".join(part for part in (c.phone, c.hours, c.website) if part)
        name = "utter_contact_verified" if c.verified else "utter_contact_unverified"
        lines.append(joined("- ", ["", phrases.text(name, name=c.name, details=details,
                                                    note=c.note or "")]))
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
    sources = joined("; ", [
        phrases.text("utter_source_line", title=s.title or s.url, url=s.url,
                     checked=Phrase(long_date(s.check.on, language), long_date(s.check.on, "en")))
        for s in article.sources if s.check.on
    ])
    parts.append(phrases.text("utter_article_sources", sources=sources))
    # Where the content says an adviser is needed, the way to one is a button away.
    buttons = phrases.buttons("utter_needs_adviser") if article.needs_adviser else []
    return Message(joined("\n\n", parts), buttons)


def follow_up_message(phrases: Phrasebook, article: Article, council: Council | None,
                      related: list[Article]) -> Message | None:
    """'This answer is for Dudley' with a change button, and related questions."""
    buttons = [article_button(r) for r in related]
    if council is not None and not article.applies_everywhere:
        buttons += phrases.buttons("utter_answer_for_council")
        return Message(phrases.text("utter_answer_for_council", council_name=council.name),
                       buttons)
    if buttons:
        return Message(phrases.text("utter_related_intro"), buttons)
    return None


def council_buttons(councils: list[Council]) -> list[dict[str, str]]:
    return [{"title": c.name,
             "payload": "/inform_council" + json.dumps({"council": c.id})} for c in councils]
