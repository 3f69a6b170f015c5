"""How an answer reads on a phone (issue 15; ../shared/reference/answer-style.md).

1. The answer to the question asked: the article's title and its summary (the content's
   one-to-three-sentence direct answer), and for overcrowding, what the bedroom standard
   makes of the household the resident described.
2. The next step for the resident's council, with a number or page to tap
   (actions/council_route.py); when the council is unknown and it matters, the article's
   first step and an offer to give the council's number once we know it.
3. "More detail" on request: a button on REST (/more_detail, actions/details.py) and, on
   the chat page, `custom.detail` shown as a disclosure (ADR 0010): the full text, every
   step, every contact with its notes.
4. One short "Where this comes from" line with the sources' names, never raw addresses;
   the full list, with addresses, is in the detail.

A leaf: imports no action module.
"""
from __future__ import annotations

from typing import Any

from actions.bidi import isolate_embedded
from actions.council_route import (
    ROUTE_MATTERS,
    council_contacts,
    council_rules,
    named_contacts,
    national_contacts,
    non_latin_places,
    scheme_line,
    short_contacts,
)
from actions.crisis_replies import crisis_categories, crisis_messages
from actions.household_reply import household_sentences
from actions.phrasebook import Phrase, Phrasebook, english_of, joined
from actions.rendering import Message, contact_lines, publisher_of
from actions.turn import Turn
from knowledge.entities import Article, Council, Source, sources_for_residents
from knowledge.focus import sentences_of, restates

MOST_SOURCE_NAMES = 2
HOUSEHOLD_INTENT = "overcrowding"


def short_answer(turn: Turn, article: Article, original: Article, council: Council | None,
                 language: str | None) -> Message:
    """The first reply: answer, next step, sources line; the rest as the detail."""
    phrases = turn.phrases
    parts: list[str] = [Phrase(f"**{article.title}**", f"**{original.title}**")]
    if article.intent == HOUSEHOLD_INTENT:
        household = household_sentences(phrases, turn.tracker)
        if household:
            parts.append(household)
    parts.append(not_said_already(turn, Phrase(article.summary.strip(),
                                               original.summary.strip())))
    parts.append(next_step(turn, article, original, council))
    parts.append(phrases.text("utter_article_sources",
                              sources=source_names(article.sources)))
    buttons = phrases.buttons("utter_more_detail")
    if article.needs_adviser:
        buttons += phrases.buttons("utter_needs_adviser")
    # The title stays as written: "**<title>**" is how a reply names its article
    # (ops/evaluation); its words need no isolating, there is nothing beside them.
    text = joined("\n\n", [parts[0], isolated(joined("\n\n", [p for p in parts[1:] if p]),
                                                language)])
    # "article": which answer the chat page's "Did this help?" is about (inbox/).
    return Message(text, buttons, {"detail": detail(turn, article, original, language),
                                   "article": original.id})


def not_said_already(turn: Turn, summary: Phrase) -> Phrase:
    """The summary without the sentences the crisis reply just above it said ("If you
    are in danger, call 999", "contact your council's homeless team now", StreetLink's
    number): each is left out when most of its words are the crisis reply's, in the
    resident's language and in English alike. The first sentence stays if all would go."""
    categories = crisis_categories(turn.tracker)
    if not categories:
        return summary
    said = crisis_messages(turn.phrases, categories, turn.kb)
    return Phrase(_unsaid(summary, " ".join(said)),
                  _unsaid(english_of(summary), " ".join(english_of(s) for s in said)))


def _unsaid(text: str, said: str) -> str:
    kept = [s for s in sentences_of(text) if not restates(s, said)]
    return " ".join(kept) if kept else (sentences_of(text) or [text])[0]


def closed_notice(turn: Turn, notice: Phrase, article: Article, original: Article,
                  language: str | None) -> Message:
    """"<scheme> has closed", with where that comes from and the closed scheme's detail:
    said before the scheme that replaced it. Its summary ("ask about Warm Homes: Local
    Grant instead; ECO4 closed on 31 March 2026") is not repeated: the notice says it
    closed and when, and the open scheme's answer right after it says what to do instead
    (the three said the closing date three times in a phone screen and a half)."""
    text = joined("\n\n", [notice, turn.phrases.text("utter_article_sources",
                                                     sources=source_names(article.sources))])
    # "closed": which scheme, so the sentence giving the amount asked about ("how much
    # did the large grants give?") can go under the notice (actions/focused_answer.py).
    return Message(isolated(text, language), [],
                   {"detail": detail(turn, article, original, language),
                    "closed": original.id})


def next_step(turn: Turn, article: Article, original: Article,
              council: Council | None) -> Phrase:
    """The council's route when it is known; otherwise the article's first step, and for
    applying, homelessness and renting, an offer to give the council's number."""
    phrases, kb = turn.phrases, turn.kb
    if council is not None:
        lines: list[str] = [phrases.text("utter_next_step_for_council",
                                         council_name=council.place)]
        contacts = council_contacts(kb, council, article)
        scheme = scheme_line(council)
        if article.topic == "allocations" and scheme and not any(
                c.website == council.scheme.website for c in contacts):
            lines.append(f"- {scheme}")
        lines += short_contacts(phrases, contacts)
        if not contacts:
            lines.append(f"- {council.name}: {council.website}")
        named = [c for c in named_contacts(kb, original) if c not in contacts]
        lines += short_contacts(phrases, named, {c.id for c in named})
        if article.applies_everywhere:
            places = non_latin_places(kb, council.id)
            local = council_rules(article.body, council, places)
            english = council_rules(original.body, council, places)
            # Not a rule the short answer has just said ("Solihull and Walsall allow 21 days").
            lines += [Phrase(f"- {r}", f"- {e}") for r, e in zip(local, english)
                      if r not in article.summary]
        return joined("\n", lines)
    lines = []
    if article.next_steps and original.next_steps[0].strip() not in original.summary:
        # (not when the summary already says it: "If you are in danger, call 999.")
        lines.append(Phrase(f"- {article.next_steps[0]}", f"- {original.next_steps[0]}"))
    lines += short_contacts(phrases, national_contacts(kb, original),
                            {c.id for c in named_contacts(kb, original)})
    if article.topic in ROUTE_MATTERS:
        lines.append(phrases.text("utter_next_step_ask_council"))
    return joined("\n", lines)


def source_names(sources: tuple[Source, ...]) -> str:
    """"Shelter, Dudley Council (+2)": who says so, first-hand sources first, no addresses."""
    shown = sources_for_residents(sources)
    names: list[str] = []
    for s in shown:
        name = publisher_of(s)
        if name not in names:
            names.append(name)
    more = len(names) - MOST_SOURCE_NAMES
    return ", ".join(names[:MOST_SOURCE_NAMES]) + (f" (+{more})" if more > 0 else "")


def detail(turn: Turn, article: Article, original: Article,
           language: str | None) -> dict[str, Any]:
    """The page's "More detail" and "Where this comes from" (ADR 0010); the English of
    the body beside it when it differs, for the worker's and the adviser's English view."""
    body = detail_text(turn, article, original, language)
    shown: dict[str, Any] = {"body": str(body),
                             "sources": [{"title": s.title or publisher_of(s), "url": s.url}
                                         for s in sources_for_residents(article.sources)
                                         if not s.second_hand]}
    if english_of(body) != str(body):
        shown["english_body"] = english_of(body)
    return shown


def detail_text(turn: Turn, article: Article, original: Article,
                language: str | None) -> Phrase:
    """The full answer: body, every step, every contact with its notes, the adviser line."""
    phrases = turn.phrases
    parts: list[str] = [Phrase(article.body.strip(), original.body.strip())]
    if article.next_steps:
        steps = Phrase("\n".join(f"- {s}" for s in article.next_steps),
                       "\n".join(f"- {s}" for s in original.next_steps))
        parts.append(phrases.text("utter_article_next_steps", steps=steps))
    contacts = turn.kb.contacts(article.contacts)
    if contacts:
        parts.append(joined("\n", [phrases.text("utter_contacts_intro"),
                                   *contact_lines(phrases, contacts)]))
    if article.needs_adviser:
        parts.append(phrases.text("utter_needs_adviser"))
    return isolated(joined("\n\n", parts), language)


def full_sources(phrases: Phrasebook, article: Article, language: str | None) -> Phrase:
    """Every first-hand source with its title and address (asked for with More detail)."""
    from_content = sources_for_residents(article.sources)
    lines = [Phrase(f"- {s.title or publisher_of(s)}: {s.url}") for s in from_content]
    return isolated(joined("\n", [phrases.text("utter_detail_sources"), *lines]), language)


def isolated(text: str, language: str | None) -> Phrase:
    """Right-to-left text with its English and numbers isolated; the English unchanged."""
    return Phrase(isolate_embedded(str(text), language), english_of(text))
