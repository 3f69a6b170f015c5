"""Sources: where a fact comes from, what kind of page it is, and how it was checked.

Nobody may claim more than was done: `live` needs the name of the officer who
opened the live page; a stored copy keeps the date of the copy itself, so a 2016
archived page is never passed off as read this year.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from knowledge.entities import CHECK_METHODS, SOURCE_KINDS, Check, Source
from knowledge.validation.fields import Reader, fields_of

SOURCE_FIELDS = fields_of(Source)
CHECK_FIELDS = fields_of(Check)
COPY_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def read_source(reader: Reader, path: Path, field: str, value: Any) -> Source | None:
    """One source, or None after reporting what is wrong with it."""
    if isinstance(value, dict) and "checked" in value:
        reader.error(path, field + ".checked", "'checked:' no longer says enough",
                     "replace it with 'check:' saying how it was checked (live, "
                     "stored-copy or unverified), see knowledge/CONTENT.md")
        return None
    if not reader.fields(path, value, SOURCE_FIELDS, field + "."):
        return None
    url = str(value["url"]).strip()
    if not url.startswith(("https://", "http://")):
        reader.error(path, field + ".url", f"'{url}' is not a web address",
                     "give the full address, starting with https://")
    elif "@" in urlsplit(url).netloc:
        reader.error(path, field + ".url", f"'{url}' has a user name in it",
                     "copy the address again from the browser's address bar")
    if not reader.one_of(path, field + ".kind", value["kind"], SOURCE_KINDS, "kind of page"):
        return None
    check = read_check(reader, path, field + ".check", value["check"])
    if check is None:
        return None
    return Source(url=url, check=check, kind=value["kind"], title=value.get("title"),
                  ref=value.get("ref"), note=value.get("note"),
                  publisher=value.get("publisher"))


def read_check(reader: Reader, path: Path, field: str, value: Any) -> Check | None:
    """How a source was checked; only a named officer's visit to the live page is 'live'."""
    if not reader.fields(path, value, CHECK_FIELDS, field + "."):
        return None
    how = value["how"]
    if not reader.one_of(path, field + ".how", how, CHECK_METHODS, "way of checking"):
        return None
    on = None
    if value.get("on") is None and how != "unverified":
        reader.error(path, field + ".on", "is missing",
                     "add the day it was checked (on: YYYY-MM-DD)")
        return None
    if value.get("on") is not None:
        on = reader.a_date(path, field + ".on", value["on"])
        if on is None:
            return None
        # Against the real date as well, so `--today` can look back at an earlier day.
        if on > max(reader.today, date.today()):
            reader.error(path, field + ".on", f"{on} is in the future",
                         "give the date the page was actually checked")
    if how == "live" and not str(value.get("by") or "").strip():
        reader.error(path, field + ".by", "a live check needs the name of who did it",
                     "add by: with the housing officer's name, or use how: stored-copy")
        return None
    copy_date = _copy_date(reader, path, field + ".copy_date", value.get("copy_date"))
    if copy_date is False:
        return None
    return Check(how=how, on=on, by=value.get("by"), copy_date=copy_date or None)


def _copy_date(reader: Reader, path: Path, field: str, value: Any) -> str | None | Literal[False]:
    if value is None:
        return None
    text = str(value)
    if not COPY_DATE.match(text):
        reader.error(path, field, f"'{text}' is not a date or year",
                     "write the year (2016) or the date (2016-03-01) of the copy")
        return False
    return text


def check_resident_link(reader: Reader, path: Path, field: str, sources: list[Source],
                        council_page: str | None) -> None:
    """Residents are only sent to first-hand pages (archived, training and out-of-region
    pages stay as evidence), so an article whose every source is second-hand has no page
    to send them to; say so, and which page of the council's own would do."""
    if not sources or not all(s.second_hand for s in sources):
        return
    kinds = " and ".join(sorted({a_kind(s.kind) for s in sources}))
    reader.warn(path, field, f"every source is {kinds} page, so residents get no link",
                f"add the council's own current page ({council_page})" if council_page else
                "add a current first-hand page (the council's, or GOV.UK's)")


def a_kind(kind: str) -> str:
    """"an archived", "a training", "an out-of-region": the kind of page, as said aloud."""
    return {"archive": "an archived", "training": "a training",
            "out-of-region": "an out-of-region"}.get(kind, kind)
