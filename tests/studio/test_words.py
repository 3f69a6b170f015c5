"""Crisis phrases, bot phrases and page words as studio documents (issue 18 item 1): found
by language and status, checked beside their fields in their own tools' words, reviewed by
a second person (crisis phrases always), and published where their readers find them."""
from __future__ import annotations

import pytest

from studio import find, store
from studio.documents import dump, parse
from studio.files import export_phrases
from tests.conftest import CONTENT_DATE

CRISIS_EN = "crisis/en.yml"
WORDS_EN, WORDS_UR = "web/interface/en.yml", "web/interface/ur.yml"
PHRASES_UR = "bot/phrases/ur.yml"


def changed(engine, path: str, change) -> str:
    data = parse(store.text_of(engine, path, 1))
    change(data)
    return dump(data)


def fields(check) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in check.problems:
        found.setdefault(problem.field, []).append(f"{problem.severity}: {problem.message}")
    return found


def test_found_by_kind_language_and_status(studio_db):
    urdu = {i.path: i for i in find.find(studio_db, CONTENT_DATE, language="ur")}
    assert {"crisis/ur.yml", WORDS_UR, PHRASES_UR} <= set(urdu)
    assert urdu["crisis/ur.yml"].status == "live" and urdu[WORDS_UR].title == "Page words (Urdu)"
    # The English of a page word changes: every translation of it is now stale.
    text = changed(studio_db, WORDS_EN, lambda d: d["texts"].update(send="Send it"))
    store.save(studio_db, WORDS_EN, text, 1, "amina")
    stale = find.find(studio_db, CONTENT_DATE, status="stale", kind="page_words")
    assert WORDS_UR in {i.path for i in stale} and WORDS_EN not in {i.path for i in stale}
    drafts = find.find(studio_db, CONTENT_DATE, status="draft", kind="page_words")
    assert [i.path for i in drafts] == [WORDS_EN]


def test_placeholders_must_be_kept_beside_their_field(studio_db):
    text = changed(studio_db, WORDS_UR, lambda d: d["texts"]["offline_retry"].update(
        text="کوئی کنکشن نہیں۔"))
    saved = store.save(studio_db, WORDS_UR, text, 1, "sana")
    assert any("{seconds}" in m for m in fields(saved.check)["offline_retry.text"])
    english = changed(studio_db, WORDS_EN, lambda d: d["texts"].update(
        offline_retry="No connection. Trying again soon."))
    saved = store.save(studio_db, WORDS_EN, english, 1, "amina")
    assert any("placeholders must stay" in m for m in fields(saved.check)["offline_retry.text"])
    store.submit(studio_db, WORDS_EN, saved.number, "amina")
    with pytest.raises(store.edition.NotPublishable):
        store.approve(studio_db, WORDS_EN, saved.number, "joan")


def test_a_crisis_phrase_that_fires_on_ordinary_questions_is_flagged(studio_db):
    def add(phrase):
        return lambda d: d["categories"]["immediate_danger"].append(phrase)

    saved = store.save(studio_db, CRISIS_EN, changed(studio_db, CRISIS_EN, add("council")), 1,
                       "amina")
    flagged = fields(saved.check)["categories.immediate_danger"]
    assert flagged and all(m.startswith("error: 'council' fires on an ordinary question")
                           for m in flagged)
    harmless = changed(studio_db, CRISIS_EN, add("he is kicking the door in"))
    saved = store.save(studio_db, CRISIS_EN, harmless, saved.number, "amina")
    assert saved.check.ok and not saved.check.problems


def test_crisis_phrases_always_need_a_second_person(studio_db):
    text = changed(studio_db, CRISIS_EN,
                   lambda d: d["categories"]["immediate_danger"].append("he is kicking the door in"))
    number = store.save(studio_db, CRISIS_EN, text, 1, "amina").number
    store.submit(studio_db, CRISIS_EN, number, "amina")
    with pytest.raises(store.StudioError, match="always need a reviewer"):
        store.approve(studio_db, CRISIS_EN, number, "amina", own_work=True)
    record = store.approve(studio_db, CRISIS_EN, number, "joan", "Seen in casework")
    assert record.approved_by == "joan" and "kicking the door in" in record.diff
    assert "he is kicking the door in" in store.live_files(studio_db)[CRISIS_EN]


def test_published_bot_phrases_are_written_back_for_the_next_training(studio_db, tmp_path):
    text = changed(studio_db, PHRASES_UR, lambda d: d["responses"]["utter_goodbye"].update(
        status="reviewed"))
    number = store.save(studio_db, PHRASES_UR, text, 1, "sana").number
    store.submit(studio_db, PHRASES_UR, number, "sana")
    store.approve(studio_db, PHRASES_UR, number, "joan")
    written = export_phrases(studio_db, tmp_path)
    assert PHRASES_UR in written
    assert (tmp_path / PHRASES_UR).read_text(encoding="utf-8") == text
    assert export_phrases(studio_db, tmp_path) == []  # nothing new the second time
