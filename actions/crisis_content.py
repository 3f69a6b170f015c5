"""The crisis check with the crisis phrases as the housing team studio published them.

`safety.detector()` is built once per process from knowledge/content/crisis/ (the studio's
version 1). When a crisis phrase change is approved in the studio (issue 18, ADR 0018),
every action server sees a newer publication under `crisis/` in the shared database
(studio/published.py: one small query every few seconds), builds a new detector from the
published files in a background thread, and switches to it when it is ready; residents
are assessed by the previous one meanwhile (a build takes seconds, more on a busy machine,
and must never hold up anyone's reply). The classifier is kept: it learnt from the
shipped phrases and relearns at the next start (its cache key includes the files), while
the patterns, concern lists, context and thresholds count from the switch.
"""
from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

from knowledge.database import shared_engine
from safety import Assessment, Detector, detector
from safety.content import load_content, place_names
from studio.published import Watch

log = logging.getLogger(__name__)
PREFIX = "crisis/"
WATCH = Watch(PREFIX, shared_engine)
_lock = threading.Lock()
_built: dict[int, Detector] = {}  # the newest publication's id -> its detector
_building: set[int] = set()


def published_detector(texts: dict[str, str], base: Detector) -> Detector:
    """A detector from the published crisis files, with the running one's classifier."""
    with tempfile.TemporaryDirectory(prefix="crisis-published-") as folder:
        for path, text in texts.items():
            (Path(folder) / Path(path).name).write_text(text, encoding="utf-8")
        content = load_content(Path(folder))
    return Detector(content, place_names(), base.classifier)


def _build(stamp: int, texts: dict[str, str], base: Detector) -> None:
    try:
        built = published_detector(texts, base)
    except Exception:  # noqa: BLE001 - a bad edition must not stop the crisis check
        log.exception("the published crisis phrases (publication %s) did not build; "
                      "the previous ones stay in use", stamp)
        built = None
    with _lock:
        _building.discard(stamp)
        if built is not None:
            _built.clear()
            _built[stamp] = built
            log.info("crisis phrases reloaded (publication %s)", stamp)


def current_detector(wait: bool = False) -> Detector:
    """The detector for the crisis phrases live now; `wait` builds a new one in this
    thread (tests, and a process's first look) instead of in the background."""
    base = detector()
    stamp, texts = WATCH.texts()
    if not stamp or not texts:
        return base
    with _lock:
        if stamp in _built:
            return _built[stamp]
        newest = max(_built, default=None)
        meanwhile = _built[newest] if newest is not None else base
        start = stamp not in _building
        _building.add(stamp)
    if wait:
        _build(stamp, texts, base)
        return _built.get(stamp, base)
    if start:
        threading.Thread(target=_build, args=(stamp, texts, base), daemon=True,
                         name="crisis-reload").start()
    return meanwhile


def assess(text: str, language: str = "en") -> Assessment:
    """How worried to be about a message, by the crisis phrases live now."""
    return current_detector().assess(text, language)
