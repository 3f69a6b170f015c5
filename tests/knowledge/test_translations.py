"""Translated articles: validated, loaded, searched, and never shown when out of date."""
from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.database import make_engine
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from knowledge.validation import validate
from tests.conftest import CONTENT_DATE


def write_translation(root: Path, article_id: str, language: str, translates: str,
                      **fields) -> Path:
    folder = root / "translations" / language
    folder.mkdir(parents=True, exist_ok=True)
    data = {"article": article_id, "language": language, "translates": translates,
            "status": "draft", "title": "Tytuł", "summary": "Streszczenie.",
            "body": "Treść artykułu.", "questions": ["jak złożyć wniosek o mieszkanie"]}
    data.update(fields)
    path = folder / f"{article_id}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def english(content, article_id):
    return next(a for a in content.articles if a.id == article_id)


def test_current_translation_is_shown(content_copy, shipped_content, tmp_path):
    article = english(shipped_content, "apply-general")
    for old in (content_copy / "translations" / "pl").glob("apply-general.yml"):
        old.unlink()
    write_translation(content_copy, "apply-general", "pl", article.version,
                      title="Jak złożyć wniosek", summary="Zarejestruj się w radzie.")
    result = validate(content_copy, today=CONTENT_DATE)
    assert result.ok, [str(p) for p in result.errors]
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    load(result.content, engine)
    kb = KnowledgeBase(engine)
    shown = kb.localise(kb.article("apply-general"), "pl")
    assert shown.translation == "current" and shown.language == "pl"
    assert shown.article.title == "Jak złożyć wniosek"
    assert shown.article.sources == article.sources  # facts and sources stay the same
    found = kb.search("jak złożyć wniosek o mieszkanie", None, language="pl")
    assert found.matches and found.matches[0].id == "apply-general"


def test_outdated_translation_shows_english_and_warns(content_copy, tmp_path):
    write_translation(content_copy, "apply-general", "pl", "0123456789ab")
    result = validate(content_copy, today=CONTENT_DATE)
    assert result.ok
    stale = [w for w in result.warnings if w.field == "translates"]
    assert stale and "the English has changed" in stale[0].message
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    load(result.content, engine)
    kb = KnowledgeBase(engine)
    shown = kb.localise(kb.article("apply-general"), "pl")
    assert shown.translation == "outdated" and shown.language == "en"
    assert shown.article == kb.article("apply-general")


def test_missing_translation_shows_english(kb):
    article = kb.article("report-rough-sleeper")
    for language in ("so", "xx"):
        shown = kb.localise(article, language)
        if kb.translation(article.id, language) is None:
            assert shown.translation == "missing" and shown.article == article


def test_translation_errors(content_copy):
    write_translation(content_copy, "no-such-article", "pl", "0123456789ab")
    write_translation(content_copy, "apply-general", "xx", "0123456789ab")
    bad_status = write_translation(content_copy, "apply-dudley", "ro", "0123456789ab")
    data = yaml.safe_load(bad_status.read_text(encoding="utf-8"))
    data["status"] = "finished"
    bad_status.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = validate(content_copy, today=CONTENT_DATE)
    messages = {(Path(p.file).name, p.field, p.message) for p in result.errors}
    assert ("no-such-article.yml", "article", "no article has the id 'no-such-article'") in messages
    assert ("apply-general.yml", "language", "unknown language 'xx'") in messages
    assert ("apply-dudley.yml", "status", "unknown status 'finished'") in messages


def test_shipped_translations_are_valid(shipped_content):
    """Every shipped translation loads; outdated ones are warnings for the translators."""
    for t in shipped_content.translations:
        assert t.status in ("draft", "reviewed")
        assert t.title and t.summary and t.body


def test_article_questions_training_data_is_up_to_date(shipped_content):
    """data/nlu/*/article_questions.yml is generated from the content: `make train` rewrites it."""
    from knowledge.training_data import GENERATED_NAME, NLU_DIR, questions_by_language, render

    for language, by_intent in questions_by_language(shipped_content).items():
        path = NLU_DIR / language / GENERATED_NAME
        assert path.read_text(encoding="utf-8") == render(by_intent), \
            f"{path} is out of date: run `make train`"


def test_article_questions_never_contradict_hand_written_examples(shipped_content):
    from knowledge.training_data import hand_written_examples, questions_by_language

    existing = hand_written_examples()
    for by_intent in questions_by_language(shipped_content).values():
        for intent, questions in by_intent.items():
            for q in questions:
                assert " ".join(q.lower().split()) not in existing


# "Otherwise" and its translations: the word that leans on the sentence before it.
LEANING_OPENERS = ("Otherwise", "W innym razie", "W innym przypadku", "W innym wypadku",
                   "Altfel", "Haddii kale", "ورنہ", "ਨਹੀਂ ਤਾਂ", "তা না হলে", "না হলে", "নাহলে",
                   "وإذا لم تكن في خطر", "وإلا")


def test_no_summary_leans_on_the_999_sentence_a_crisis_reply_leaves_out(shipped_content):
    """A summary that opens "If you are in danger, call 999 now." loses that sentence under
    a crisis reply, which has just said it (actions/answer_shape.not_said_already). Its
    next sentence must read on its own: the nowhere-to-sleep, harassment and noise answers
    began "Otherwise, contact ..." in every language (round 13, ADR 0024)."""
    from knowledge.focus import sentences_of

    opens_with_danger = {a.id for a in shipped_content.articles
                         if "you are in danger" in (sentences_of(a.summary) or [""])[0]}
    summaries = [(a.id, "en", a.summary) for a in shipped_content.articles] + \
        [(t.article_id, t.language, t.summary) for t in shipped_content.translations]
    leaning = [(article, language) for article, language, summary in summaries
               if article in opens_with_danger
               and any(s.startswith(LEANING_OPENERS) for s in sentences_of(summary)[1:2])]
    assert len(opens_with_danger) >= 8
    assert not leaning, leaning
