"""Versions, review and publishing on real databases (SQLite, and PostgreSQL when
reachable): every version kept, conflicts lose nothing, publishing reaches the knowledge
base the assistant reads, restores are one step, files round-trip."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.library import KnowledgeBase
from studio import edition, store
from studio.documents import dump, in_content_folder, parse
from studio.files import export_edition, import_folder
from studio.forms import with_live_check
from studio.models import IN_REVIEW, PUBLISHED, REPLACED, SET_ASIDE, SUPERSEDED
from tests.conftest import CONTENT_DATE

WALSALL = "articles/allocations/apply-walsall.yml"
NEW_LINE = "Walsall Council reopened the register on 2 February 2026."


def edited(engine, path: str, change) -> str:
    data = parse(store.text_of(engine, path, 1))
    change(data)
    return dump(data)


def with_summary(engine, extra: str = NEW_LINE) -> str:
    return edited(engine, WALSALL, lambda d: d.update(summary=d["summary"].strip() + " " + extra))


def test_a_reviewed_change_is_live_for_the_assistant_at_once(studio_db):
    saved = store.save(studio_db, WALSALL, with_summary(studio_db), 1, "amina", "Register reopened")
    assert saved.number == 2 and saved.check.ok
    store.submit(studio_db, WALSALL, 2, "amina")
    with pytest.raises(store.StudioError, match="Someone other than the author"):
        store.approve(studio_db, WALSALL, 2, "amina")
    record = store.approve(studio_db, WALSALL, 2, "ravi", "Checked with the council")
    assert KnowledgeBase(studio_db).article("apply-walsall").summary.endswith(NEW_LINE)
    assert (record.author, record.approved_by, record.why) == ("amina", "ravi",
                                                              "Checked with the council")
    assert f"+  applications now. A pause" not in record.diff  # only what changed
    assert NEW_LINE in record.diff and record.replaced == 1
    statuses = {v.number: v.status for v in store.history(studio_db, WALSALL)}
    assert statuses == {1: REPLACED, 2: PUBLISHED}


def test_a_second_save_from_the_same_version_is_kept_aside_and_named(studio_db):
    first = with_summary(studio_db, "First officer's words.")
    second = with_summary(studio_db, "Second officer's words.")
    store.save(studio_db, WALSALL, first, 1, "amina")
    with pytest.raises(store.Conflict) as clash:
        store.save(studio_db, WALSALL, second, 1, "ravi")
    assert (clash.value.theirs, clash.value.yours) == (2, 3)
    assert store.text_of(studio_db, WALSALL, 3) == second  # nothing lost
    versions = {v.number: (v.status, v.author) for v in store.history(studio_db, WALSALL)}
    assert versions[2] == ("draft", "amina") and versions[3] == (SET_ASIDE, "ravi")
    # Saving again from the version now at the head is accepted.
    assert store.save(studio_db, WALSALL, second, 2, "ravi").number == 4
    assert {v.number: v.status for v in store.history(studio_db, WALSALL)}[2] == SUPERSEDED


def test_an_edition_with_errors_is_not_published_and_the_live_one_stays(studio_db):
    broken = edited(studio_db, WALSALL, lambda d: d.update(review_due="soon"))
    saved = store.save(studio_db, WALSALL, broken, 1, "amina")
    assert not saved.check.ok
    assert [(p.file, p.field) for p in saved.check.errors] == [(WALSALL, "review_due")]
    store.submit(studio_db, WALSALL, 2, "amina")
    with pytest.raises(edition.NotPublishable):
        store.approve(studio_db, WALSALL, 2, "ravi")
    assert store.live_files(studio_db)[WALSALL] == store.text_of(studio_db, WALSALL, 1)
    assert KnowledgeBase(studio_db).article("apply-walsall").review_due.isoformat() == "2027-02-28"


def test_restoring_an_earlier_version_is_one_step_and_reviewed(studio_db):
    store.save(studio_db, WALSALL, with_summary(studio_db), 1, "amina")
    store.submit(studio_db, WALSALL, 2, "amina")
    store.approve(studio_db, WALSALL, 2, "ravi")
    number = store.restore(studio_db, WALSALL, 1, "amina", "The reopening was not confirmed")
    restored = store.history(studio_db, WALSALL)[0]
    assert (number, restored.status, restored.restores) == (3, IN_REVIEW, 1)
    # Not live yet: the restore waits for a reviewer.
    assert KnowledgeBase(studio_db).article("apply-walsall").summary.endswith(NEW_LINE)
    store.approve(studio_db, WALSALL, 3, "ravi")
    assert not KnowledgeBase(studio_db).article("apply-walsall").summary.endswith(NEW_LINE)
    assert store.live_files(studio_db)[WALSALL] == store.text_of(studio_db, WALSALL, 1)


def test_a_live_check_is_what_residents_checked_on_date_comes_from(studio_db):
    url = "http://go.walsall.gov.uk/housing/finding-home/register-social-housing-walsall"
    change = with_live_check("article", url, "Amina Hussain", CONTENT_DATE)
    store.record_live_check(studio_db, WALSALL, url, "Amina Hussain", "amina", CONTENT_DATE,
                            change)
    source = KnowledgeBase(studio_db).article("apply-walsall").sources[0]
    assert (source.url, source.check.how, source.check.on, source.check.by) == \
        (url, "live", CONTENT_DATE, "Amina Hussain")
    assert [(c.what, c.checked_by) for c in store.live_checks(studio_db, WALSALL)] == \
        [(url, "Amina Hussain")]


def test_export_import_export_changes_nothing(studio_db, tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    count = export_edition(studio_db, first)
    # Every file of the content layout (crisis phrases included); bot phrases and page
    # words go back to the repository with `python -m studio export-phrases`.
    assert count == len([p for p in store.live_files(studio_db) if in_content_folder(p)]) > 500
    assert (first / "crisis" / "en.yml").exists() and not (first / "bot").exists()
    assert import_folder(studio_db, first) == []
    export_edition(studio_db, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # The shipped files come back byte for byte, comments included.
    shipped = Path(__file__).resolve().parents[2] / "knowledge" / "content"
    assert (first / WALSALL).read_bytes() == (shipped / WALSALL).read_bytes()
    # A changed file is read in as a draft of that file alone.
    (first / WALSALL).write_text(with_summary(studio_db), encoding="utf-8")
    assert import_folder(studio_db, first) == [WALSALL]
    assert store.history(studio_db, WALSALL)[0].status == "draft"
