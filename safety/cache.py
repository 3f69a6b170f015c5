"""The trained classifier, kept between starts: training it takes a minute or more on a
loaded machine, and the action server's first resident (and every end-to-end start-up)
would wait for it.

The cache is a file under var/ (mode 0600, never committed) named by a hash of
everything training reads: the parts of the crisis content it learns from (phrases,
examples, calm messages; not the patterns or thresholds, which it never sees), the
training data, the retired crisis sets it learns from (never the held-out one), the
code that trains and splits words, and the versions of Python and scikit-learn.
Change any of them and the name changes, so a stale classifier is never loaded; a file that cannot
be read is treated as absent and the classifier is trained again. Processes starting
together build it once: the others wait on a lock beside the file and read it.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import sklearn

from safety.classifier import LEARNT_SETS

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "cache"
# What training reads besides the content (data), the crisis sets it learns from (named
# once, in safety.classifier: a set spent in a later round is hashed with no edit here)
# and the code that trains and splits words.
INPUTS = ("data/nlu/*/*.yml", *(f"tests/data/crisis/{name}/*.yml" for name in LEARNT_SETS),
          "safety/classifier.py",
          "safety/words.py", "safety/cache.py", "bot/message_text.py", "knowledge/text.py",
          "knowledge/training_data.py")


def inputs_key(learnt: object, root: Path = ROOT) -> str:
    """A hash of every input of training (`learnt`: what it reads from the content, as
    plain lists and dicts): the same inputs give the same classifier."""
    digest = hashlib.sha256(f"{sys.version_info[:3]} sklearn {sklearn.__version__}".encode())
    digest.update(json.dumps(learnt, sort_keys=True, ensure_ascii=False).encode())
    for pattern in INPUTS:
        for path in sorted(root.glob(pattern)):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


Built = TypeVar("Built")


def cached(build: Callable[[], Built], key: str, folder: Path = CACHE_DIR,
           name: str = "crisis-classifier") -> Built:
    """What `build` returns, from the cache file for `key` when there is one. `name`
    keeps apart caches that live side by side (the shipped classifier, and the
    cross-validation's one per fold), as storing one removes the older ones of its name."""
    path = folder / f"{name}-{key}.pickle"
    found = _read(path)
    if found is not None:
        return found
    # Processes that start together (two Rasa replicas with their action servers, two
    # test workers) would each spend a minute training the same classifier: the first
    # builds it under the lock, the others wait and read its file.
    with _building(path):
        found = _read(path)
        if found is not None:
            return found
        built = build()
        _store(built, path, name)
        return built


def _read(path: Path) -> Any:
    """The cached object, or None when there is no readable cache file."""
    try:
        with path.open("rb") as cache:
            return pickle.load(cache)  # our own file, 0600, in our own var/
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


@contextmanager
def _building(path: Path) -> Iterator[None]:
    """An exclusive lock beside the cache file while it is built; no lock (each process
    builds its own) where the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _store(built: object, path: Path, name: str) -> None:
    """Written to a private temporary file, then renamed: a reader never sees half a file,
    and old caches (other keys of the same name) are removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout still works; it trains at every start
