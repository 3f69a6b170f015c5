"""The answer-quality questions themselves: every fact comes from the content, and the
questions are held out from everything the model learns from.

A fact that is not in the article it belongs to would count a correct answer as a
miss (or a typo would); a question that is also a training example would measure
memory, not understanding.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from actions.rendering import long_date
from knowledge.languages import LANGUAGES
from knowledge.training_data import read_examples
from ops.evaluation.answer_sets import contains_fact, load_answer_sets

SETS = load_answer_sets()


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("?", "").split())


def test_every_language_has_20_to_30_questions():
    assert set(SETS) == set(LANGUAGES)
    for language, questions in SETS.items():
        assert 20 <= len(questions) <= 30, (language, len(questions))


def test_the_same_id_asks_the_same_thing_in_every_language():
    """Ids line up across languages, so the per-topic figures compare like with like."""
    seen: dict[str, tuple] = {}
    for questions in SETS.values():
        for q in questions:
            assert seen.setdefault(q.id, (q.topic, q.articles)) == (q.topic, q.articles), q.label


def _material(content, article_id: str, language: str) -> list[str]:
    """Everything the assistant can send when it answers with this article: the English
    and the translation, its contacts, sources and closing date, and its successor."""
    articles = {a.id: a for a in content.articles}
    contacts = {c.id: c for c in content.contacts}
    translations = {(t.article_id, t.language): t for t in content.translations}
    article = articles[article_id]
    texts = [article.title, article.summary, article.body, *article.next_steps]
    translated = translations.get((article_id, language))
    if translated:
        texts += [translated.title, translated.summary, translated.body, *translated.next_steps]
    for cid in article.contacts:
        c = contacts[cid]
        texts += [c.name, c.phone or "", c.website or ""]
    texts += [s.url for s in article.sources]
    if article.valid_until:
        texts.append(long_date(article.valid_until, language))
    if article.successor:
        texts += _material(content, article.successor, language)
    return texts


def test_every_fact_is_in_the_content_of_its_article(shipped_content):
    articles = {a.id for a in shipped_content.articles}
    problems = []
    for language, questions in SETS.items():
        for q in questions:
            unknown = [a for a in q.articles if a not in articles]
            if unknown:
                problems.append(f"{q.label}: no article {unknown}")
                continue
            material = "\n".join(t for a in q.articles
                                 for t in _material(shipped_content, a, language))
            for alternatives in q.facts:
                for fact in alternatives:
                    if not contains_fact(material, fact):
                        problems.append(f"{q.label}: {fact!r} is not in {list(q.articles)}")
    assert not problems, "\n".join(problems)


def test_questions_are_held_out_from_training_data_and_article_questions(shipped_content):
    learned = {_key(e.text) for e in read_examples()}
    learned |= {_key(q) for a in shipped_content.articles for q in a.questions}
    learned |= {_key(q) for t in shipped_content.translations for q in t.questions}
    leaked = [f"{q.label}: {q.text}" for questions in SETS.values() for q in questions
              if _key(q.text) in learned]
    assert not leaked, "\n".join(leaked)


def test_questions_are_not_repeated():
    by_text: dict[str, list[str]] = defaultdict(list)
    for questions in SETS.values():
        for q in questions:
            by_text[_key(q.text)].append(q.label)
    assert not {t: ls for t, ls in by_text.items() if len(ls) > 1}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_topic_is_asked(language):
    from ops.evaluation.answer_sets import TOPICS

    assert {q.topic for q in SETS[language]} == set(TOPICS)
