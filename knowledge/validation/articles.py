"""Articles: one answer to one question, with its councils, sources, law and dates."""
from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from knowledge.content_files import RawFile
from knowledge.entities import ALL_COUNCILS, TOPICS, Article, Source
from knowledge.validation.fields import INTENT_PATTERN, Reader, fields_of
from knowledge.validation.sources import check_resident_link, read_source

# Every field of Article a file may carry; a field without a default must be written.
ARTICLE_FIELDS = fields_of(Article)


def read_articles(reader: Reader, council_ids: set[str],
                  council_pages: dict[str, str]) -> list[Article]:
    found = []
    for raw in reader.raw.articles:
        article = read_article(reader, raw, council_ids, council_pages)
        if article is not None:
            found.append(article)
    return found


def read_article(reader: Reader, raw: RawFile, council_ids: set[str],
                 council_pages: dict[str, str]) -> Article | None:
    """One article file, or None after reporting everything wrong with it."""
    if not reader.yaml_ok(raw):
        return None
    path, data = raw.path, raw.data
    if not reader.fields(path, data, ARTICLE_FIELDS):
        return None
    checks = [_identity(reader, path, data), _councils(reader, path, data, council_ids)]
    sources = _sources(reader, path, data)
    dates = _dates(reader, path, data)
    needs_adviser = data.get("needs_adviser", False)
    if not isinstance(needs_adviser, bool):
        reader.error(path, "needs_adviser", "should be true or false", "write true or false")
        checks.append(False)
    questions = reader.text_list(path, "questions", data["questions"])
    if 0 < len(questions) < 3:
        reader.warn(path, "questions", "fewer than three ways of asking",
                    "add how residents really phrase it, so search can find it")
    if not all(checks) or sources is None or dates is None:
        return None
    councils = _as_list(data["councils"])
    own_page = council_pages.get(councils[0]) if len(councils) == 1 else None
    check_resident_link(reader, path, "sources", sources, own_page)
    return Article(
        id=str(data["id"]), topic=data["topic"], title=str(data["title"]).strip(),
        summary=str(data["summary"]).strip(), body=str(data["body"]).strip(),
        councils=tuple(councils), sources=tuple(sources), owner=str(data["owner"]),
        questions=questions, intent=data.get("intent"), successor=data.get("successor"),
        next_steps=reader.text_list(path, "next_steps", data.get("next_steps")),
        contacts=reader.text_list(path, "contacts", data.get("contacts")),
        related=reader.text_list(path, "related", data.get("related")),
        needs_adviser=needs_adviser, unverified_note=data.get("unverified_note"),
        law=reader.text_list(path, "law", data.get("law")), name=data.get("name"), **dates,
    )


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _identity(reader: Reader, path: Path, data: dict) -> bool:
    """The id, topic and question family."""
    ok = True
    art_id = reader.an_id(path, "id", data["id"], "apply-birmingham")
    if art_id is None:
        ok = False
    elif path.stem != art_id:
        reader.warn(path, "id", f"the file name does not match the id '{art_id}'",
                    f"rename the file to {art_id}.yml so it is easy to find")
    if data["topic"] not in TOPICS:
        reader.error(path, "topic", f"unknown topic '{data['topic']}'",
                     f"use one of: {', '.join(TOPICS)}")
        ok = False
    return _intent(reader, path, data.get("intent")) and ok


def _intent(reader: Reader, path: Path, intent: Any) -> bool:
    if intent is None:
        return True
    if not INTENT_PATTERN.match(str(intent)):
        reader.error(path, "intent", f"'{intent}' is not a question family name",
                     "use a name from the table in knowledge/CONTENT.md")
        return False
    if reader.known_intents is not None and intent not in reader.known_intents:
        close = difflib.get_close_matches(str(intent), reader.known_intents, n=1)
        reader.error(path, "intent", f"the assistant has no question family '{intent}'",
                     f"did you mean '{close[0]}'?" if close else
                     "use a name from the table in knowledge/CONTENT.md")
        return False
    return True


def _councils(reader: Reader, path: Path, data: dict, council_ids: set[str]) -> bool:
    ok = True
    for c in _as_list(data["councils"]):
        if c != ALL_COUNCILS and c not in council_ids:
            close = difflib.get_close_matches(str(c), council_ids, n=1)
            reader.error(path, "councils", f"unknown council '{c}'",
                         f"did you mean '{close[0]}'?" if close else
                         f"use one of: {', '.join(sorted(council_ids))}, or all")
            ok = False
    return ok


def _sources(reader: Reader, path: Path, data: dict) -> list[Source] | None:
    if not isinstance(data["sources"], list):
        reader.error(path, "sources", "should be a list",
                     "write each source starting with '- url:'")
        return None
    sources = [read_source(reader, path, f"sources[{i}]", s)
               for i, s in enumerate(data["sources"])]
    return None if None in sources else [s for s in sources if s is not None]


class _Dates(TypedDict):
    """An article's dates once read and checked: the fields of Article they fill."""

    valid_from: date
    review_due: date
    valid_until: date | None


def _dates(reader: Reader, path: Path, data: dict) -> _Dates | None:
    """valid_from, valid_until and review_due, consistent with each other."""
    valid_from = reader.a_date(path, "valid_from", data["valid_from"])
    review_due = reader.a_date(path, "review_due", data["review_due"])
    valid_until, ok = None, True
    if data.get("valid_until") is not None:
        valid_until = reader.a_date(path, "valid_until", data["valid_until"])
        ok = valid_until is not None
        if valid_until and valid_from and valid_until < valid_from:
            reader.error(path, "valid_until", f"{valid_until} is before valid_from {valid_from}",
                         "check both dates")
            ok = False
        if valid_until and not data.get("successor"):
            reader.error(path, "successor", "a scheme with an end date needs a successor",
                         "name the article residents should read instead")
            ok = False
    if valid_from is None or review_due is None or not ok:
        return None
    if review_due < reader.today:
        reader.warn(path, "review_due", f"review was due on {review_due}",
                    "check the sources again, update the article and set a new review_due")
    return {"valid_from": valid_from, "review_due": review_due, "valid_until": valid_until}
