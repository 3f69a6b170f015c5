"""The sentence that answers the detail asked, first in the short answer (issue 15).

The short answer (actions/answer_shape.py) is the same for everyone who asks its
question family, which is why it can be kept per content edition (actions/answer_cache.py).
The detail a resident asked about ("how many days do I have to ask for a review") is
added after, per message: the article's sentence that answers it (knowledge/focus.py)
goes right under the title, before the general summary. Nothing is added when no sentence
shares enough with the question, when the question is a button or a place name, or to the
overcrowding answer, whose first sentence is the resident's own household.

A leaf: imports no action module but actions.answer_shape's isolation helper.
"""
from __future__ import annotations

import threading

from actions.answer_shape import HOUSEHOLD_INTENT, isolated
from actions.phrasebook import Phrase, english_of
from actions.rendering import Message
from actions.turn import Turn
from knowledge.entities import Article
from knowledge.focus import SentenceIndex, best_in_either, sentences
from knowledge.library import KnowledgeBase

PARAGRAPH = "\n\n"
_indexes: dict[tuple[int, int, str], SentenceIndex] = {}
_lock = threading.Lock()


def sentence_index(kb: KnowledgeBase, language: str, edition: int | None
                   ) -> SentenceIndex | None:
    """The index of this language's articles for the live content edition (the one the
    answer was built from), built on first use and kept until the content changes."""
    if edition is None:
        return None
    key = (id(kb), edition, language)
    with _lock:
        index = _indexes.get(key)
    if index is None:
        articles = kb.articles()
        index = SentenceIndex.of([kb.localise(a, language).article for a in articles],
                                 (name for name, _ in kb.place_names()),
                                 questions_in(kb, articles, language))
        with _lock:
            for older in [k for k in _indexes if k[:2] != key[:2]]:
                del _indexes[older]  # another edition's: never asked again
            _indexes[key] = index
    return index


def questions_in(kb: KnowledgeBase, articles: list[Article], language: str) -> list[str]:
    """The articles' example questions in this language (the English ones for English)."""
    if language == "en":
        return [q for a in articles for q in a.questions]
    found = (kb.translation(a.id, language) for a in articles)
    return [q for t in found if t is not None for q in t.questions]


def with_focus(turn: Turn, messages: list[Message], shown: Article | None,
               edition: int | None) -> list[Message]:
    """The messages, with the sentence answering the resident's question put under the
    short answer's title when there is one. `edition`: the content edition the answer
    was built from (None: build nothing, add nothing)."""
    question = turn.text.strip()
    # The overcrowding answer's first sentence is already about the resident's own
    # household (actions/household_reply.py); its worked example is someone else's.
    if shown is None or shown.intent == HOUSEHOLD_INTENT or not question or \
            question.startswith("/"):
        return messages
    language = turn.language or "en"
    index = sentence_index(turn.kb, language, edition)
    localised = index.articles.get(shown.id) if index is not None else None
    if index is None or localised is None:
        return messages
    english = sentence_index(turn.kb, "en", edition) if language != "en" else None
    original = english.articles.get(shown.id) if english is not None else None
    number = best_in_either(question, localised, index, original, english)
    if number is None:
        return messages
    for message in messages:
        if message.custom and message.custom.get("article") == shown.id and \
                PARAGRAPH in message.text:
            said = [sentence for sentence, _ in index.readings[shown.id]]
            message.text = _under_title(message.text, _sentence(number, said, shown), language)
            break
    return messages


def _sentence(number: int, said: list[str], original: Article) -> Phrase:
    """Sentence `number` of `said` (the article in the resident's language), with its
    English when the translation keeps the sentences in the same order (else the English
    copy goes without it)."""
    english = sentences(original)
    return Phrase(said[number], english[number] if len(english) == len(said) else "")


def _under_title(text: str, sentence: Phrase, language: str) -> Phrase:
    """`text` with the sentence as its second paragraph, in both languages."""
    title, rest = str(text).split(PARAGRAPH, 1)
    line = isolated(sentence, language)
    english = english_of(text)
    if english_of(sentence) and PARAGRAPH in english:
        english_title, english_rest = english.split(PARAGRAPH, 1)
        english = PARAGRAPH.join([english_title, english_of(sentence), english_rest])
    return Phrase(PARAGRAPH.join([title, str(line), rest]), english)
