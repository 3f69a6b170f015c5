"""The trained crisis classifier is kept under var/ between starts (safety/cache.py), so the
action server's first resident does not wait a minute for training; a change to anything
training reads must train it again, never load a stale one."""
from __future__ import annotations

import multiprocessing
import stat

from safety.cache import cached, inputs_key


def test_built_once_then_loaded_from_a_private_file(tmp_path):
    builds = []

    def build():
        builds.append(1)
        return {"model": [1, 2, 3]}

    assert cached(build, "k1", tmp_path) == {"model": [1, 2, 3]}
    assert cached(build, "k1", tmp_path) == {"model": [1, 2, 3]}
    assert len(builds) == 1
    (path,) = tmp_path.glob("crisis-classifier-*.pickle")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_other_inputs_train_again_and_replace_the_old_file(tmp_path):
    cached(lambda: "old", "k1", tmp_path)
    assert cached(lambda: "new", "k2", tmp_path) == "new"
    assert [p.name for p in tmp_path.glob("*.pickle")] == ["crisis-classifier-k2.pickle"]


def test_a_damaged_file_is_trained_again(tmp_path):
    (tmp_path / "crisis-classifier-k1.pickle").write_bytes(b"not a pickle")
    assert cached(lambda: "fresh", "k1", tmp_path) == "fresh"
    assert cached(lambda: "never", "k1", tmp_path) == "fresh"


def test_the_key_follows_what_training_reads(tmp_path):
    (tmp_path / "data" / "nlu" / "en").mkdir(parents=True)
    nlu = tmp_path / "data" / "nlu" / "en" / "nlu.yml"
    nlu.write_text("nlu: []\n")
    first = inputs_key({"en": [["kill me"], {}, ["hello"]]}, tmp_path)
    assert inputs_key({"en": [["kill me"], {}, ["hello"]]}, tmp_path) == first
    assert inputs_key({"en": [["kill me", "end it"], {}, ["hello"]]}, tmp_path) != first
    nlu.write_text("nlu: [{intent: greet}]\n")
    assert inputs_key({"en": [["kill me"], {}, ["hello"]]}, tmp_path) != first


def test_caches_of_other_names_are_kept(tmp_path):
    """The cross-validation keeps one classifier per fold beside the shipped one; storing
    one must not remove the others."""
    cached(lambda: "shipped", "k1", tmp_path)
    cached(lambda: "fold 1", "k2", tmp_path, name="crisis-cv-1of5")
    cached(lambda: "fold 2", "k3", tmp_path, name="crisis-cv-2of5")
    assert sorted(p.name for p in tmp_path.glob("*.pickle")) == [
        "crisis-classifier-k1.pickle", "crisis-cv-1of5-k2.pickle", "crisis-cv-2of5-k3.pickle"]
    assert cached(lambda: "again", "k2", tmp_path, name="crisis-cv-1of5") == "fold 1"


def _build_slowly(log: str) -> str:
    """A build that takes long enough for a second process to arrive while it runs."""
    import time

    with open(log, "a", encoding="utf-8") as out:
        out.write("built\n")
    time.sleep(1.0)
    return "classifier"


def _start(folder: str, log: str, results: multiprocessing.Queue) -> None:
    from pathlib import Path

    results.put(cached(lambda: _build_slowly(log), "k1", Path(folder)))


def test_processes_starting_together_build_it_once(tmp_path):
    """Two replicas' action servers (or two test workers) starting at the same moment:
    one trains, the other waits for its file instead of training the same classifier."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    log = tmp_path / "builds.log"
    workers = [context.Process(target=_start, args=(str(tmp_path), str(log), results))
               for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [results.get(timeout=5) for _ in workers] == ["classifier"] * 3
    assert log.read_text(encoding="utf-8") == "built\n"


def test_a_folder_that_cannot_be_made_still_builds(tmp_path):
    """Where var/ cannot be written (here a file stands where the folder would go, which
    even root cannot write into): no cache, no lock, and the classifier is still built."""
    blocker = tmp_path / "var"
    blocker.write_text("a file, not a folder")
    assert cached(lambda: "built", "k1", blocker / "cache") == "built"
    assert cached(lambda: "again", "k1", blocker / "cache") == "again"
