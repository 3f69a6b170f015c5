"""Answering a question family from the knowledge base, for a council and as of today.

Shared by the actions that answer (a recognised question, an article picked from a list,
a confident search result) and by the continuation that answers a question once its
council is known. Not an action module: functions only, so any of them may call it.
"""
from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet

from actions import answer_cache
from actions.article_replies import article_messages
from actions.focused_answer import sentence_index, with_focus
from actions.named_scheme import named_scheme
from actions.pending import ask_council_for, nothing_waiting
from actions.rendering import Message, article_button
from actions.turn import Turn
from actions.unanswered import note_unanswered
from knowledge.entities import Article

# "overcrowding|dudley": the answer "More detail" expands (actions/details.py). Not "@":
# the conversation store masks anything shaped like an e-mail address (bot/redaction.py).
SEPARATOR = "|"
LAST_ANSWER = "last_answer"


def remember_answer(article: Article | None, council_id: str | None) -> list[EventType]:
    """Which article (and for which council) the resident can ask more detail about."""
    value = f"{article.id}{SEPARATOR}{council_id or ''}" if article is not None else None
    return [SlotSet(LAST_ANSWER, value)]


def answered_before(value: str | None) -> tuple[str | None, str | None]:
    """(article id, council id) from the `last_answer` slot."""
    if not value or SEPARATOR not in value:
        return None, None
    article_id, council_id = value.split(SEPARATOR, 1)
    return article_id or None, council_id or None


def not_offered_again(turn: Turn, messages: list[Message]) -> list[Message]:
    """The messages without a button a reply earlier in this turn already carried (the
    crisis reply's "Talk to a person", actions/safety.py, above an answer that needs an
    adviser): the chat page shows the turn's messages together, and the same button twice
    reads as two different things. Applied as sent, so a kept answer (answer_cache) is
    whole for the next resident."""
    person = {b["payload"] for b in turn.phrases.buttons("utter_needs_adviser")}
    offered: set[str | None] = set()
    for event in reversed(turn.tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            offered |= person & {b.get("payload")
                                 for b in (event.get("data") or {}).get("buttons") or []}
    for message in messages:
        message.buttons = [b for b in message.buttons if b.get("payload") not in offered]
    return messages


def send_answer(turn: Turn, messages: list[Message], shown: Article | None,
                edition: int | None) -> None:
    """An answer as sent: the sentence answering the detail asked put in (with_focus), a
    button this turn already carried left out (not_offered_again)."""
    turn.send(not_offered_again(turn, with_focus(turn, messages, shown, edition)))


def answer_question(turn: Turn, family: str, council_id: str | None) -> list[EventType]:
    """Answer one question family for a council, asking for the council if it matters;
    an answer already built for this content edition is sent again (actions/answer_cache.py)."""
    edition = answer_cache.edition_of(turn, family)
    # "Is the Community Environment Fund still open?": the scheme named, not the family's
    # general answer (actions/named_scheme.py). Read from the edition's sentence index,
    # kept in memory: no query of its own.
    index = sentence_index(turn.kb, "en", edition.content) if edition is not None else None
    scheme = named_scheme(turn.text, list(index.articles.values()), family) \
        if index is not None else None
    if scheme is not None:
        return answer_with_article(turn, scheme, council_id)
    key = answer_cache.key_of(turn, family, council_id)
    cache = answer_cache.cache_for(turn.kb)
    cached = cache.get(edition, key) if edition is not None else None
    if edition is not None and cached is not None:
        send_answer(turn, answer_cache.sent_copy(cached), cached.shown, edition.content)
        return nothing_waiting() + remember_answer(cached.shown, council_id)
    answer = turn.kb.answer_for(family, council_id, turn.today)
    if answer.needs_council and not council_id:
        routing = turn.routing
        return ask_council_for(turn, family, routing if routing.ambiguous else None)
    if answer.article is None:
        note_unanswered(turn, "no_article", council=council_id)
        turn.say(turn.phrases.text("utter_no_article"))
        return nothing_waiting()
    messages, shown = article_messages(turn, answer.article, council_id)
    if edition is not None:
        cache.put(edition, key, answer_cache.kept(messages, shown))
    send_answer(turn, messages, shown, edition.content if edition else turn.kb.edition())
    return nothing_waiting() + remember_answer(shown, council_id)


def answer_with_article(turn: Turn, article: Article, council_id: str | None
                        ) -> list[EventType]:
    """A council-specific article is answered for the resident's own council instead;
    any other is shown as it is."""
    if article.intent and not article.applies_everywhere:
        return answer_question(turn, article.intent, council_id)
    messages, shown = article_messages(turn, article, council_id)
    send_answer(turn, messages, shown, turn.kb.edition())
    return remember_answer(shown, council_id)


def answer_offering_sibling(turn: Turn, family: str, sibling: str, council_id: str | None
                            ) -> list[EventType]:
    """The more likely of two sibling families (knowledge/content/sibling_questions.yml),
    with the other's article as a button beside "More detail": the resident gets an
    answer, and the other answer to the same question is one tap away. When the family
    needs a council first, or either has no article, it is answered as usual."""
    answer = turn.kb.answer_for(family, council_id, turn.today)
    other = turn.kb.answer_for(sibling, council_id, turn.today).article
    if (answer.article is None or other is None or other.id == answer.article.id
            or (answer.needs_council and not council_id)):
        return answer_question(turn, family, council_id)
    messages, shown = article_messages(turn, answer.article, council_id)
    button = article_button(turn.kb.localise(other, turn.language or "en").article)
    for message in messages:
        if message.custom and message.custom.get("article"):  # the short answer
            message.buttons = [*message.buttons, button]
            break
    send_answer(turn, messages, shown, turn.kb.edition())
    return nothing_waiting() + remember_answer(shown, council_id)
