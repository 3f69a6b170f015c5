"""Drafts, reviews, publishing and restoring: every version kept, nothing lost.

A document's `head` is the newest version editors build on. Saving needs the number of the
version the editor started from (it travels in the form): when someone else saved in
between, the save is kept aside as its own version and a Conflict names both, so the
second officer can compare and decide; nothing anyone typed is thrown away.

Draft -> in review -> published. Approving is for someone other than the author and the
person who sent it for review; it publishes the whole edition through the content tool's
validator and all-or-nothing load, and records who, when, why and the difference.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.content_files import DEFAULT_CONTENT_DIR
from knowledge.validation import ValidationResult
from studio.words import WordsCheck
from studio import edition, today, words
from studio.documents import comparable, content_files, kind_of, knowledge_file
from studio.publish_lock import StudioBusy, publishing
from studio.models import (
    DRAFT,
    IN_REVIEW,
    PUBLISHED,
    REPLACED,
    RETURNED,
    SET_ASIDE,
    SUPERSEDED,
    Document,
    LiveCheck,
    Publication,
    CRISIS,
    WORD_KINDS,
    Version,
    now,
)

FILES_AUTHOR = "files"


class StudioError(Exception):
    """Why a step cannot be taken, in words for the officer who tried it."""


@dataclass
class Conflict(Exception):
    """Someone else saved first. `theirs` is the head now; `yours` is the save, kept aside."""

    path: str
    theirs: int
    yours: int


@dataclass(frozen=True)
class Saved:
    number: int
    # The whole edition with this version in it, as of today (a crisis, phrase or words
    # file: that file's own checks, studio/words.py).
    check: "ValidationResult | WordsCheck"


# --- reading ---------------------------------------------------------------------------

def document(session: Session, path: str) -> Document:
    found = session.scalar(select(Document).where(Document.key == path))
    if found is None:
        raise StudioError(f"There is no content file {path}.")
    return found


def version(session: Session, doc: Document, number: int | None) -> Version | None:
    if number is None:
        return None
    return session.scalar(select(Version).where(Version.document_id == doc.id,
                                                Version.number == number))


def pointers(engine: Engine, path: str) -> tuple[int, int | None]:
    """The document's newest version and its live one (None before it is published)."""
    with Session(engine) as session:
        doc = document(session, path)
        return doc.head, doc.live


def text_of(engine: Engine, path: str, number: int) -> str:
    with Session(engine) as session:
        found = version(session, document(session, path), number)
        if found is None:
            raise StudioError(f"{path} has no version {number}.")
        return found.text


def live_files(engine: Engine) -> dict[str, str]:
    """The published edition: every document's live version, by path."""
    with Session(engine) as session:
        rows = session.execute(
            select(Document.key, Version.text).join(
                Version, (Version.document_id == Document.id) & (Version.number == Document.live))
            .order_by(Document.key)).all()
    return {path: text for path, text in rows}


def head_files(engine: Engine) -> dict[str, str]:
    """Every document's newest version (drafts included): what an export of work in
    progress, or a check of everything at once, would see."""
    with Session(engine) as session:
        rows = session.execute(
            select(Document.key, Version.text).join(
                Version, (Version.document_id == Document.id) & (Version.number == Document.head))
            .order_by(Document.key)).all()
    return {path: text for path, text in rows}


def history(engine: Engine, path: str) -> list[Version]:
    with Session(engine, expire_on_commit=False) as session:
        doc = document(session, path)
        return list(session.scalars(select(Version).where(Version.document_id == doc.id)
                                    .order_by(Version.number.desc())))


def publications(engine: Engine, path: str | None = None, limit: int = 100) -> list[Publication]:
    with Session(engine, expire_on_commit=False) as session:
        query = select(Publication, Document.key).join(Document,
                                                       Document.id == Publication.document_id)
        if path:
            query = query.where(Document.key == path)
        rows = session.execute(query.order_by(Publication.id.desc()).limit(limit)).all()
    for row, key in rows:
        row.path = key
    return [row for row, _ in rows]


# --- the files as the first edition, and imports ---------------------------------------

def seed_if_empty(engine: Engine, root: Path = DEFAULT_CONTENT_DIR) -> int:
    """The first time the studio opens, the content files become version 1 of each
    document, already live (they are what `make content-load` put live)."""
    with Session(engine) as session:
        if session.scalar(select(func.count(Document.id))):
            return _seed_words(engine, root)
    return _seed(engine, content_files(root) | words.repository_files(), any_document=True)


def _seed_words(engine: Engine, root: Path) -> int:
    """Crisis phrases, bot phrases and page words in a studio seeded before they were
    documents: version 1 from the files, live (they are what the processes read)."""
    with Session(engine) as session:
        if session.scalar(select(func.count(Document.id)).where(Document.kind.in_(WORD_KINDS))):
            return 0
    files = {p: t for p, t in content_files(root).items() if kind_of(p) == CRISIS}
    return _seed(engine, files | words.repository_files(), any_document=False)


def _seed(engine: Engine, files: dict[str, str], any_document: bool) -> int:
    with Session(engine) as session, session.begin():
        taken = select(func.count(Document.id))
        if not any_document:
            taken = taken.where(Document.kind.in_(WORD_KINDS))
        if session.scalar(taken):
            return 0  # another request seeded it meanwhile
        for path, text in files.items():
            doc = Document(key=path, kind=kind_of(path), path=path, head=1, live=1)
            session.add(doc)
            session.flush()
            session.add(Version(document_id=doc.id, number=1, text=text, status=PUBLISHED,
                                author=FILES_AUTHOR, note="From the content files"))
    return len(files)


def import_files(engine: Engine, files: dict[str, str], author: str = FILES_AUTHOR,
                 note: str = "Imported from files") -> list[str]:
    """Files read in as drafts: a new draft version for each file whose text differs from
    its newest version (a new document for a new file). Unchanged files make nothing, so
    export -> import -> export changes nothing. Returns the paths that got a draft."""
    changed = []
    for path, text in sorted(files.items()):
        with Session(engine) as session:
            doc = session.scalar(select(Document).where(Document.key == path))
            head = version(session, doc, doc.head) if doc else None
            base = doc.head if doc else 0
        if head is not None and head.text == text:
            continue
        _new_version(engine, path, text, base, author, note, status=DRAFT)
        changed.append(path)
    return changed


# --- saving -------------------------------------------------------------------------------

def _new_version(engine: Engine, path: str, text: str, base: int, author: str, note: str,
                 status: str = DRAFT, restores: int | None = None) -> int:
    """Store a new head version if `base` is still the head; otherwise keep it aside and
    raise Conflict. Compare-and-set on the head, so two saves at once cannot both win."""
    kind = kind_of(path)
    if kind is None:
        raise StudioError(f"{path} is not a place for content (see knowledge/CONTENT.md, Layout).")
    try:
        with Session(engine) as session, session.begin():
            doc = session.scalar(select(Document).where(Document.key == path))
            if doc is None:
                if base:
                    raise StudioError(f"There is no content file {path}.")
                doc = Document(key=path, kind=kind, path=path, head=0, live=None)
                session.add(doc)
                session.flush()
            number = (session.scalar(select(func.max(Version.number))
                                     .where(Version.document_id == doc.id)) or 0) + 1
            won = session.execute(update(Document).where(Document.id == doc.id,
                                                         Document.head == base)
                                  .values(head=number)).rowcount == 1
            if won:
                # The version it replaces as head stays in the history, marked as such.
                session.execute(update(Version).where(
                    Version.document_id == doc.id, Version.number == base,
                    Version.status.in_((DRAFT, IN_REVIEW, RETURNED))).values(status=SUPERSEDED))
            session.add(Version(document_id=doc.id, number=number, based_on=base or None,
                                text=text, author=author, note=note[:500], restores=restores,
                                status=status if won else SET_ASIDE,
                                submitted_by=author if won and status == IN_REVIEW else None,
                                submitted_at=now() if won and status == IN_REVIEW else None))
            theirs = doc.head
    except IntegrityError:  # the same number taken by a save at the same moment
        return _set_aside(engine, path, text, base, author, note)
    if not won:
        raise Conflict(path, theirs, number)
    return number


def _set_aside(engine: Engine, path: str, text: str, base: int, author: str, note: str) -> int:
    with Session(engine) as session, session.begin():
        doc = document(session, path)
        number = (session.scalar(select(func.max(Version.number))
                                 .where(Version.document_id == doc.id)) or 0) + 1
        session.add(Version(document_id=doc.id, number=number, based_on=base or None, text=text,
                            author=author, note=note[:500], status=SET_ASIDE))
        theirs = doc.head
    raise Conflict(path, theirs, number)


def start(engine: Engine, path: str, text: str, author: str, note: str) -> int:
    """A new file's first draft; a StudioError if the file exists already."""
    with Session(engine) as session:
        if session.scalar(select(Document.id).where(Document.key == path)):
            raise StudioError(f"{path} exists already.")
    return _new_version(engine, path, text, 0, author, note)


def save(engine: Engine, path: str, text: str, base: int, author: str, note: str = "",
         day: date | None = None) -> Saved:
    """Save a draft built on version `base`, and check the edition with it in: the
    messages are shown beside the fields whatever they say (a draft may have errors; it
    cannot be published with them)."""
    number = _new_version(engine, path, text, base, author, note)
    return Saved(number, check_draft(engine, path, text, day or today()))


def check_draft(engine: Engine, path: str, text: str,
                day: date | None = None) -> "ValidationResult | WordsCheck":
    """The content tool's check of the edition with this text in it; for a crisis, phrase
    or words file, that file's own checks (studio/words.py)."""
    files = live_files(engine)
    if not knowledge_file(path):
        return words.check(path, text, files, files.get(path))
    return edition.check(files | {path: text}, day or today())


# --- review and publishing --------------------------------------------------------------

def submit(engine: Engine, path: str, number: int, username: str) -> None:
    """Send the newest draft for review."""
    with Session(engine) as session, session.begin():
        doc = document(session, path)
        found = version(session, doc, number)
        if found is None or doc.head != number or found.status not in (DRAFT, RETURNED):
            raise StudioError("Only the newest draft can be sent for review; "
                              "open the file again to see what changed.")
        found.status, found.submitted_by, found.submitted_at = IN_REVIEW, username, now()


def send_back(engine: Engine, path: str, number: int, reviewer: str, reason: str) -> None:
    """The reviewer returns it to the author with a reason (nothing is published)."""
    with Session(engine) as session, session.begin():
        doc = document(session, path)
        found = version(session, doc, number)
        if found is None or found.status != IN_REVIEW or doc.head != number:
            raise StudioError("This version is not waiting for review.")
        found.status, found.reviewed_by, found.reviewed_at = RETURNED, reviewer, now()
        found.review_note = reason[:500]


def approve(engine: Engine, path: str, number: int, reviewer: str, why: str = "",
            day: date | None = None, *, own_work: bool = False) -> Publication:
    """A second person approves the version in review: it is published (the knowledge
    base reloaded, no restart) and recorded. `own_work` is only for a translator marking
    a translation reviewed: the speaker's check is the review."""
    try:
        # One publication at a time across every process on this database: each builds
        # the edition from what is live, so two at once could each miss the other's change.
        with publishing(engine):
            return _approve(engine, path, number, reviewer, why, day, own_work)
    except StudioBusy as busy:
        raise StudioError(str(busy)) from None


def _approve(engine: Engine, path: str, number: int, reviewer: str, why: str,
             day: date | None, own_work: bool) -> Publication:
    """approve()'s work, with the publishing lock held."""
    with Session(engine) as session:
        doc = document(session, path)
        found = version(session, doc, number)
        if found is None or found.status != IN_REVIEW or doc.head != number:
            raise StudioError("This version is not waiting for review (it may have been "
                              "changed or published since you opened it).")
        if not own_work and reviewer in (found.author, found.submitted_by):
            raise StudioError("Someone other than the author, and other than whoever sent "
                              "it for review, must approve it.")
        if own_work and doc.kind == CRISIS:
            raise StudioError("Crisis phrase changes always need a reviewer.")
        was_live = doc.live
        old = version(session, doc, was_live)
        text, author = found.text, found.author
    files = live_files(engine)
    if not knowledge_file(path):  # read by their own processes: nothing to load
        checked = words.check(path, text, files, files.get(path))
        if not checked.ok:
            raise edition.NotPublishable(checked.errors)
        fingerprint = ""
    else:
        fingerprint = edition.publish(files | {path: text}, engine, day or today()).fingerprint
    return _record(engine, path, number, was_live, old.text if old else "", text, author,
                   reviewer, why or found.note, fingerprint)


def _record(engine: Engine, path: str, number: int, was_live: int | None, old_text: str,
            text: str, author: str, reviewer: str, why: str, fingerprint: str) -> Publication:
    diff = "".join(difflib.unified_diff(
        comparable(old_text).splitlines(keepends=True) if old_text else [],
        comparable(text).splitlines(keepends=True),
        fromfile=f"{path} (version {was_live})" if was_live else "(new)",
        tofile=f"{path} (version {number})"))
    with Session(engine, expire_on_commit=False) as session, session.begin():
        doc = document(session, path)
        if was_live is not None:
            session.execute(update(Version).where(Version.document_id == doc.id,
                                                  Version.number == was_live)
                            .values(status=REPLACED))
        session.execute(update(Version).where(Version.document_id == doc.id,
                                              Version.number == number)
                        .values(status=PUBLISHED, reviewed_by=reviewer, reviewed_at=now()))
        doc.live = number
        record = Publication(document_id=doc.id, number=number, replaced=was_live,
                             author=author, approved_by=reviewer, why=why[:500], diff=diff,
                             edition=fingerprint)
        session.add(record)
    record.path = path
    return record


def restore(engine: Engine, path: str, number: int, username: str, why: str = "") -> int:
    """Put an earlier version back in one step: a new version with its text, sent straight
    for review (a second person approves a restore like any other change)."""
    with Session(engine) as session:
        doc = document(session, path)
        old = version(session, doc, number)
        if old is None:
            raise StudioError(f"{path} has no version {number}.")
        head, text = doc.head, old.text
    return _new_version(engine, path, text, head, username,
                        why or f"Restore version {number}", status=IN_REVIEW, restores=number)


# --- live checks ----------------------------------------------------------------------------

def record_live_check(engine: Engine, path: str, what: str, officer: str, username: str,
                      day: date, change: Callable[[str], str]) -> Publication | None:
    """"I checked this on the live site today": the source or contact's check becomes
    live, by this officer, on this day. `change` makes that edit to a file's text
    (studio.forms.with_live_check). When nothing else is waiting it goes live at once (only
    the check changes, and it is the officer's own statement of what they saw); when a
    draft is waiting, the check is added to the draft and goes live with it."""
    with Session(engine) as session, session.begin():
        doc = document(session, path)
        head, live = doc.head, doc.live
        current = version(session, doc, head)
        assert current is not None, f"{path} has no version"  # imported documents have one
        text = current.text
        session.add(LiveCheck(document_id=doc.id, what=what[:1000], checked_on=day,
                              checked_by=officer[:120], username=username))
    note = f"Checked on the live site: {what}"[:500]
    if head != live:
        _new_version(engine, path, change(text), head, username, note)
        return None
    number = _new_version(engine, path, change(text), head, username, note, status=IN_REVIEW)
    return approve(engine, path, number, username, note, day, own_work=True)


def live_checks(engine: Engine, path: str) -> list[LiveCheck]:
    with Session(engine, expire_on_commit=False) as session:
        doc = document(session, path)
        return list(session.scalars(select(LiveCheck).where(LiveCheck.document_id == doc.id)
                                    .order_by(LiveCheck.id.desc())))
