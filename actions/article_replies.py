"""An article as the resident reads it today, in their language.

A closed scheme is introduced as closed and followed by the first open scheme that
replaced it; a scheme that has not started says when it will; an answer long past review,
or relying on repealed law, is held back in favour of the council and an adviser; a
translation that is missing, outdated or not yet checked says so.

A leaf: imports no action module. How the messages are laid out is actions/rendering.py.
"""
from __future__ import annotations

import json
from datetime import date

from actions.answer_shape import closed_notice, short_answer
from actions.phrasebook import Phrase, english_of, joined
from actions.rendering import (
    Message,
    contacts_message,
    dated,
    follow_up_message,
    long_date,
    scheme_mention,
    with_scheme_mentions,
)
from actions.replies import COUNCIL_SERVICES
from actions.turn import Turn
from knowledge.entities import Article
from knowledge.library import KnowledgeBase, hold_back_days

# "Read it in English" under a draft translation: /choose_article{"article_id": "en:eco4"}.
ENGLISH_PREFIX = "en:"


def render_article(turn: Turn, article: Article, council_id: str | None,
                   language: str | None = None) -> Article | None:
    """Send an article in the resident's language (or `language`); the article whose
    detail the resident can ask for next (a closed scheme's open successor), if any."""
    messages, shown = article_messages(turn, article, council_id, language)
    turn.send(messages)
    return shown


def article_messages(turn: Turn, article: Article, council_id: str | None,
                     language: str | None = None) -> tuple[list[Message], Article | None]:
    """What `render_article` sends, and the article it returns, without sending: built
    once per content edition by actions/answer_cache.py."""
    kb, day = turn.kb, turn.today
    language = language or turn.language
    messages: list[Message] = []
    if article.has_closed(day):
        successor = closed_scheme(turn, article, language, messages)
        if successor is None:
            return messages, article
        article = successor
    if day < article.valid_from:
        messages.append(Message(turn.phrases.text(
            "utter_scheme_not_started", title=article.title,
            starts_on=long_date(article.valid_from, language))))
    if article.held_back(day, hold_back_days()) or kb.repealed_law(article, day):
        return messages + held_back_messages(turn, article, council_id, language), None
    if article.review_overdue(day):
        messages.append(Message(turn.phrases.text(
            "utter_review_overdue", checked=dated(article.last_checked, language))))
    messages += answer_messages(turn, article, council_id, language)
    return messages, article


def answer_messages(turn: Turn, article: Article, council_id: str | None,
                    language: str | None) -> list[Message]:
    """The short answer with the council's next step (actions/answer_shape.py), any note
    on its translation, then which council the answer is for. Related questions come
    with "More detail" (actions/details.py), so the first reply fits a phone's screen."""
    kb = turn.kb
    notes: list[Message] = []
    shown, draft_note = localised(turn, article, language, notes)
    shown, original = mentions(turn, shown, language), mentions(turn, article, "en")
    council = kb.council(council_id)
    answer = short_answer(turn, shown, original, council, language)
    messages = notes + [with_draft_note(answer, draft_note[0]) if draft_note else answer]
    follow_up = follow_up_message(turn.phrases, article, council, [])
    return messages + ([follow_up] if follow_up else [])


def with_draft_note(answer: Message, note: Message) -> Message:
    """The answer with "not yet checked by a speaker" said on its sources line and "Read
    it in English" beside "More detail": how far to trust the words is part of where
    they come from, and a message of its own cost a phone screen a fifth of its length."""
    return Message(joined(" ", [answer.text, note.text]), answer.buttons + note.buttons,
                   answer.custom)


def related_articles(turn: Turn, article: Article, language: str | None) -> list[Article]:
    """Up to three related questions still open today, in the resident's language."""
    kb = turn.kb
    return [kb.localise(r, language).article
            for r in (kb.article(rid) for rid in article.related[:3])
            if r is not None and not r.has_closed(turn.today)]


def closed_scheme(turn: Turn, article: Article, language: str | None,
                  messages: list[Message]) -> Article | None:
    """Say the scheme has closed and show it; the first open scheme in its line of
    successors to answer with next, or none (then the resident is not promised one)."""
    successor = first_open_successor(turn.kb, article, turn.today)
    closed_on = long_date(article.valid_until, language)  # type: ignore[arg-type]
    name = "utter_scheme_closed" if successor else "utter_scheme_closed_no_successor"
    shown, _ = localised(turn, article, language, messages)
    notice = turn.phrases.text(name, title=Phrase(shown.title, article.title),
                               closed_on=closed_on)
    said = (mentions(turn, shown, language), mentions(turn, article, "en"))
    messages += [closed_notice(turn, notice, *said, language)] if successor \
        else [Message(notice), short_answer(turn, *said, None, language)]
    return successor


def first_open_successor(kb: KnowledgeBase, article: Article, day: date) -> Article | None:
    """Follow `successor` links past schemes that have closed too (Community Green Grants
    -> Community Environment Fund, itself closed -> where to look now), stopping at a loop."""
    seen = {article.id}
    following = kb.article(article.successor) if article.successor else None
    while following is not None and following.has_closed(day):
        if not following.successor or following.successor in seen:
            return None
        seen.add(following.id)
        following = kb.article(following.successor)
    return following


def localised(turn: Turn, article: Article, language: str | None,
              messages: list[Message]) -> tuple[Article, list[Message]]:
    """The article in the resident's language, or the English with a note saying why;
    and, for a translation no speaker has checked yet, a note to send after it."""
    phrases = turn.phrases
    result = turn.kb.localise(article, language)
    if result.translation == "outdated":
        messages.append(Message(phrases.text("utter_translation_outdated")))
    elif result.translation == "missing":
        messages.append(Message(phrases.text("utter_translation_missing")))
    if result.translation == "current" and result.status == "draft":
        payload = "/choose_article" + json.dumps({"article_id": ENGLISH_PREFIX + article.id})
        button = {"title": str(phrases.text("utter_show_english")), "payload": payload}
        return result.article, [Message(phrases.text("utter_translation_draft"), [button])]
    return result.article, []


def mentions(turn: Turn, article: Article, language: str | None) -> Article:
    """Schemes named in the text ({scheme:eco4}) described from their own dates."""
    def describe(scheme_id: str) -> str | None:
        scheme = turn.kb.article(scheme_id)
        if scheme is None:
            return None
        said = scheme_mention(turn.phrases, scheme, turn.today, language)
        return english_of(said) if language == "en" else str(said)
    return with_scheme_mentions(article, describe)


def held_back_messages(turn: Turn, article: Article, council_id: str | None,
                       language: str | None) -> list[Message]:
    """Instead of an answer too old to trust: the council's contacts and an adviser."""
    kb, phrases = turn.kb, turn.phrases
    title = kb.localise(article, language).article.title
    intro = phrases.text("utter_answer_held_back", title=Phrase(title, article.title),
                         checked=dated(article.last_checked, language))
    services = COUNCIL_SERVICES if council_id else ("advice",)
    contacts = kb.contacts_for(council_id, services)
    return [contacts_message(phrases, contacts, intro),
            Message(phrases.text("utter_needs_adviser"), phrases.buttons("utter_needs_adviser"))]
