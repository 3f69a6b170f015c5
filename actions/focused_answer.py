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
from knowledge.focus import SentenceIndex, best_in_either, gives_number, sentences, sentences_of
from knowledge.library import KnowledgeBase
from knowledge.text import WORD_WITH_MARKS

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
    short answer's title when there is one, and under a closed scheme's notice the
    sentence giving the number asked for ("how much did the large grants give?": its
    amounts are in the closed scheme's text, not in the open one answered after it).
    `edition`: the content edition the answer was built from (None: add nothing)."""
    question = turn.text.strip()
    if not question or question.startswith("/"):
        return messages
    language = turn.language or "en"
    index = sentence_index(turn.kb, language, edition)
    english = sentence_index(turn.kb, "en", edition) if language != "en" else None
    if index is None:
        return messages
    for message in messages:
        closed = (message.custom or {}).get("closed")
        if closed:
            found = _focus(_without_name(question, closed, index, english), closed, index,
                           english, numbers_only=True)
            if found is not None:
                message.text = _in_notice(message.text, found, language)
    # The overcrowding answer's first sentence is already about the resident's own
    # household (actions/household_reply.py); its worked example is someone else's.
    if shown is None or shown.intent == HOUSEHOLD_INTENT:
        return messages
    found = _focus(question, shown.id, index, english)
    if found is None:
        return messages
    for message in messages:
        if message.custom and message.custom.get("article") == shown.id and \
                PARAGRAPH in message.text:
            message.text = _under_title(message.text, found, language)
            break
    return messages


def _without_name(question: str, article_id: str, index: SentenceIndex,
                  english: SentenceIndex | None) -> str:
    """The question without the words of the scheme's name ("Community Green Grants"):
    they say which scheme, and every sentence of its text names it, so they would pick
    "it launched with £725,000 for community groups" for "how much for a large
    project" over "large grants were £25,000 to £100,000" (round 14)."""
    titles = [i.articles[article_id].title for i in (index, english)
              if i is not None and article_id in i.articles]
    named = {w for t in titles for w in WORD_WITH_MARKS.findall(t.split("(")[0].casefold())}
    return " ".join(w for w in question.split()
                    if not set(WORD_WITH_MARKS.findall(w.casefold())) & named)


def _focus(question: str, article_id: str, index: SentenceIndex,
           english: SentenceIndex | None, numbers_only: bool = False) -> Phrase | None:
    """The sentence of the article that answers the question, in both languages; with
    `numbers_only`, only one that gives the number a "how much" asks for."""
    localised = index.articles.get(article_id)
    if localised is None:
        return None
    original = english.articles.get(article_id) if english is not None else None
    number = best_in_either(question, localised, index, original, english)
    if number is None:
        return None
    said = [sentence for sentence, _ in index.readings[article_id]]
    if numbers_only and not gives_number(question, said[number]):
        return None
    return _sentence(number, said, original or localised)


def _sentence(number: int, said: list[str], original: Article) -> Phrase:
    """Sentence `number` of `said` (the article in the resident's language), with its
    English when the translation keeps the sentences in the same order (else the English
    copy goes without it)."""
    english = sentences(original)
    return Phrase(said[number], english[number] if len(english) == len(said) else "")


def _in_notice(text: str, sentence: Phrase, language: str) -> Phrase:
    """`text` (a closed scheme's notice, then its sources) with the sentence put before
    the notice's last one ("Here is what you can look at instead."), in both languages."""
    line = isolated(sentence, language)
    english = english_of(text)
    if english_of(sentence):
        english = _before_last(english, english_of(sentence))
    return Phrase(_before_last(str(text), str(line)), english)


def _before_last(text: str, sentence: str) -> str:
    first, *rest = text.split(PARAGRAPH, 1)
    said = sentences_of(first)
    first = " ".join(said[:-1] + [sentence, said[-1]]) if len(said) > 1 else f"{first} {sentence}"
    return PARAGRAPH.join([first, *rest])


def _under_title(text: str, sentence: Phrase, language: str) -> Phrase:
    """`text` with the sentence as its second paragraph, in both languages."""
    title, rest = str(text).split(PARAGRAPH, 1)
    line = isolated(sentence, language)
    english = english_of(text)
    if english_of(sentence) and PARAGRAPH in english:
        english_title, english_rest = english.split(PARAGRAPH, 1)
        english = PARAGRAPH.join([english_title, english_of(sentence), english_rest])
    return Phrase(PARAGRAPH.join([title, str(line), rest]), english)
