"""Publishing is serialised across processes, not only threads (ADR 0018): on SQLite (a
lock file beside the database) and PostgreSQL (an advisory lock), a second process waits
for the first, and two reviewers approving in two processes at once both end up live."""
from __future__ import annotations

import multiprocessing
import time

import pytest

from knowledge.database import make_engine
from knowledge.library import KnowledgeBase
from studio import store
from studio.documents import dump, parse
from studio.publish_lock import StudioBusy, publishing
from tests.conftest import CONTENT_DATE

WALSALL = "articles/allocations/apply-walsall.yml"
COVENTRY = "articles/allocations/apply-coventry.yml"
FORK = multiprocessing.get_context("fork")


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def try_lock(url: str, timeout: float, answers) -> None:
    """In another process: take the publishing lock within `timeout` seconds, or say busy."""
    engine = make_engine(url)
    try:
        with publishing(engine, timeout=timeout):
            answers.put("got")
    except StudioBusy:
        answers.put("busy")
    finally:
        engine.dispose()


def approve_in_process(url: str, path: str, number: int, go, answers) -> None:
    """In another process: approve a version as soon as `go` is set."""
    engine = make_engine(url)
    go.wait(60)
    try:
        store.approve(engine, path, number, "joan", "Approved at the same moment", CONTENT_DATE)
        answers.put((path, "published"))
    except Exception as problem:  # noqa: BLE001 - reported to the test, which fails on it
        answers.put((path, repr(problem)))
    finally:
        engine.dispose()


def test_a_second_process_waits_for_the_lock(studio_db):
    answers = FORK.Queue()
    with publishing(studio_db):
        waiting = FORK.Process(target=try_lock, args=(url_of(studio_db), 1.0, answers))
        waiting.start()
        assert answers.get(timeout=60) == "busy"  # held here, so the other process waits
        waiting.join(30)
    after = FORK.Process(target=try_lock, args=(url_of(studio_db), 30.0, answers))
    after.start()
    assert answers.get(timeout=60) == "got"  # released here, so it gets it
    after.join(30)


def in_review(engine, path: str, line: str) -> int:
    data = parse(store.text_of(engine, path, 1))
    data["summary"] = data["summary"].strip() + " " + line
    number = store.save(engine, path, dump(data), 1, "amina", "Register news", CONTENT_DATE).number
    store.submit(engine, path, number, "amina")
    return number


def test_two_processes_approving_at_once_both_go_live(studio_db):
    lines = {WALSALL: "Walsall news from process one.", COVENTRY: "Coventry news from two."}
    numbers = {path: in_review(studio_db, path, line) for path, line in lines.items()}
    go, answers = FORK.Event(), FORK.Queue()
    workers = [FORK.Process(target=approve_in_process,
                            args=(url_of(studio_db), path, numbers[path], go, answers))
               for path in lines]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    go.set()
    results = dict(answers.get(timeout=240) for _ in workers)
    for worker in workers:
        worker.join(30)
    assert results == {WALSALL: "published", COVENTRY: "published"}
    knowledge = KnowledgeBase(studio_db)
    assert knowledge.article("apply-walsall").summary.endswith(lines[WALSALL])
    assert knowledge.article("apply-coventry").summary.endswith(lines[COVENTRY])
    live = store.live_files(studio_db)
    assert all(line in live[path] for path, line in lines.items())


def test_an_in_memory_database_needs_only_the_thread_lock():
    from studio.publish_lock import lock_file

    assert lock_file(make_engine("sqlite://")) is None
    with pytest.raises(StudioBusy):
        with publishing(make_engine("sqlite://")):
            with publishing(make_engine("sqlite://"), timeout=0.2):
                pass
