"""Articles and translations as form fields, and back: what an officer types becomes the
file's YAML, and the validator's messages find their way back to the field they are about.

Nothing here judges the content: a wrong date is kept as typed so the content tool can say
what is wrong with it, in its own words, beside the field.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any, Callable, Mapping

from knowledge.validation import Problem
from studio.documents import ARTICLE_ORDER, TRANSLATION_ORDER, dump, ordered, parse

# Which form field a validator message is about: "sources[1].check.on" -> "source-1-on".
SOURCE_FIELD = re.compile(r"sources\[(\d+)\](?:\.check)?(?:\.(\w+))?")
SOURCE_INPUTS = ("url", "title", "publisher", "kind", "how", "on", "by", "copy_date", "ref",
                 "note")
LIST_FIELDS = ("next_steps", "questions")  # one per line in a text box
ID_LIST_FIELDS = ("contacts", "related", "law")  # ids separated by spaces or commas
TEXT_FIELDS = ("title", "summary", "body", "owner", "intent", "name", "successor",
               "unverified_note", "topic")
DATE_FIELDS = ("valid_from", "valid_until", "review_due")
EMPTY_SOURCE_ROWS = 1  # blank source rows under the others, for adding one


Form = Mapping[str, Any]  # Sanic's RequestParameters or a plain dict of lists


def _one(form: Form, name: str) -> str:
    value = form.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return (value or "").replace("\r\n", "\n").strip()


def _all(form: Form, name: str) -> list[str]:
    getter = getattr(form, "getlist", None)
    values = getter(name) if getter else form.get(name, [])
    return [v for v in (values or []) if v]


def _day(text: str) -> date | str | None:
    """A date when it is one; otherwise the text as typed, for the validator to judge."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def _set(data: dict, key: str, value: Any, keep_empty: bool = False) -> None:
    """An empty optional field is left out (the validator's default), unless the file
    already spelt it out (`valid_until: null` stays)."""
    if value in (None, "", []) and not keep_empty and key not in data:
        return
    data[key] = None if value == "" else value


# --- articles -------------------------------------------------------------------------------

def article_values(data: dict) -> dict[str, Any]:
    """An article file as the form shows it."""
    values: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        values[key] = "" if data.get(key) is None else str(data.get(key)).strip()
    for key in DATE_FIELDS:
        values[key] = "" if data.get(key) is None else str(data.get(key))
    for key in LIST_FIELDS:
        values[key] = "\n".join(str(x) for x in data.get(key) or [])
    for key in ID_LIST_FIELDS:
        values[key] = " ".join(str(x) for x in data.get(key) or [])
    councils = data.get("councils") or []
    values["councils"] = councils if isinstance(councils, list) else [councils]
    values["needs_adviser"] = data.get("needs_adviser") is True
    values["id"] = str(data.get("id") or "")
    values["sources"] = [source_values(s) for s in data.get("sources") or []] + \
        [source_values({}) for _ in range(EMPTY_SOURCE_ROWS)]
    return values


def source_values(source: Any) -> dict[str, str]:
    source = source if isinstance(source, dict) else {}
    check = source.get("check") if isinstance(source.get("check"), dict) else {}
    values = {k: source.get(k) for k in ("url", "title", "publisher", "kind", "ref", "note")}
    values |= {k: check.get(k) for k in ("how", "on", "by", "copy_date")}
    return {k: "" if v is None else str(v).strip() for k, v in values.items()}


def article_from_form(form: Form, previous: dict) -> dict:
    """The article file after the officer's edits; fields the form does not show are kept."""
    data = dict(previous)
    data["id"] = _one(form, "id") or previous.get("id")
    for key in TEXT_FIELDS:
        text = _one(form, key)
        if key in ("summary", "body", "unverified_note") and text:
            text += "\n"  # a block of text ends its line, as the files write it
        _set(data, key, text or None, keep_empty=key in ("title", "summary", "body", "owner"))
    for key in DATE_FIELDS:
        _set(data, key, _day(_one(form, key)), keep_empty=key != "valid_until")
    for key in LIST_FIELDS:
        _set(data, key, [line.strip() for line in _one(form, key).split("\n") if line.strip()],
             keep_empty=key == "questions")
    for key in ID_LIST_FIELDS:
        _set(data, key, [x for x in re.split(r"[\s,]+", _one(form, key)) if x])
    data["councils"] = _all(form, "councils")
    data["needs_adviser"] = _one(form, "needs_adviser") in ("true", "on", "yes")
    data["sources"] = sources_from_form(form, previous.get("sources"))
    return ordered(data, ARTICLE_ORDER)


# The order the shipped files write a source's fields in (knowledge/content/articles).
SOURCE_ORDER = ("url", "title", "check", "kind", "publisher", "ref", "note")


def sources_from_form(form: Form, previous: Any = None) -> list[dict]:
    """The sources from their rows; each in the field order its file already had, so a
    saved form differs from the file only where the officer changed something."""
    before = {s.get("url"): tuple(s) for s in previous or [] if isinstance(s, dict)}
    sources = []
    for i in range(int(_one(form, "source_rows") or 0)):
        field = {name: _one(form, f"source-{i}-{name}") for name in SOURCE_INPUTS}
        if not field["url"]:
            continue  # an empty row, or one the officer cleared to remove it
        source: dict[str, Any] = {"url": field["url"]}
        for key in ("title", "publisher"):
            if field[key]:
                source[key] = field[key]
        check: dict[str, Any] = {"how": field["how"] or "unverified"}
        if field["on"]:
            check["on"] = _day(field["on"])
        if field["by"]:
            check["by"] = field["by"]
        if field["copy_date"]:  # a year (2016) or a day, written as the files write them
            copy = field["copy_date"]
            check["copy_date"] = int(copy) if copy.isdigit() else _day(copy)
        source["check"] = check
        source["kind"] = field["kind"]
        for key in ("ref", "note"):
            if field[key]:
                source[key] = field[key]
        sources.append(ordered(source, before.get(source["url"], SOURCE_ORDER)))
    return sources


# --- translations ------------------------------------------------------------------------

def translation_values(data: dict) -> dict[str, Any]:
    return {
        "title": str(data.get("title") or "").strip(),
        "summary": str(data.get("summary") or "").strip(),
        "body": str(data.get("body") or "").strip(),
        "next_steps": "\n".join(str(x) for x in data.get("next_steps") or []),
        "questions": "\n".join(str(x) for x in data.get("questions") or []),
        "status": data.get("status") or "draft",
        "translates": str(data.get("translates") or ""),
    }


def translation_from_form(form: Form, previous: dict, *, reviewed_for: str | None) -> dict:
    """The translation after the translator's edits. `reviewed_for` is the English
    version it now matches, when the translator marks it reviewed (else it stays a draft
    of whatever English it was made from)."""
    data = dict(previous)
    for key in ("title", "summary", "body"):
        text = _one(form, key)
        data[key] = text + "\n" if key != "title" and text else text
    for key in LIST_FIELDS:
        _set(data, key, [line.strip() for line in _one(form, key).split("\n") if line.strip()])
    if reviewed_for:
        data["translates"], data["status"] = reviewed_for, "reviewed"
    return ordered(data, TRANSLATION_ORDER)


# --- live checks ----------------------------------------------------------------------------

def with_live_check(kind: str, what: str, officer: str, day: date) -> Callable[[str], str]:
    """The edit "I checked this on the live site today" makes to a file: the check of the
    source at that address (an article's, a law entry's) or of that contact's source."""
    check = {"how": "live", "on": day, "by": officer}

    def change(text: str) -> str:
        data = parse(text)
        found = False
        if kind == "contacts":
            for contact in data.get("contacts") or []:
                if contact.get("id") == what and isinstance(contact.get("source"), dict):
                    contact["source"]["check"], found = dict(check), True
        elif kind == "law":
            for provision in data.get("provisions") or []:
                if (provision.get("source") or {}).get("url") == what:
                    provision["source"]["check"], found = dict(check), True
        else:
            for source in data.get("sources") or []:
                if source.get("url") == what:
                    source["check"], found = dict(check), True
        if not found:
            raise LookupError(f"{what} is not a source or contact in this file")
        return dump(data)

    return change


# --- the validator's messages, beside their fields -------------------------------------

def field_id(problem_field: str) -> str:
    """The form field a message is about: "sources[0].check.on" -> "source-0-on",
    "review_due" -> "review_due"; "" for the file as a whole."""
    match = SOURCE_FIELD.match(problem_field or "")
    if match:
        index, name = match.group(1), match.group(2) or "url"
        return f"source-{index}-{name if name in SOURCE_INPUTS else 'url'}"
    return re.split(r"[.\[]", problem_field or "")[0]


def problems_by_field(problems: list[Problem], path: str,
                      fields: set[str]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """This file's messages by form field, and those with no field on the form."""
    beside: dict[str, list[Problem]] = defaultdict(list)
    general = []
    for problem in problems:
        if problem.file != path:
            continue
        where = field_id(problem.field)
        if where in fields:
            beside[where].append(problem)
        else:
            general.append(problem)
    return dict(beside), general


def article_text(data: dict) -> str:
    return dump(data)
