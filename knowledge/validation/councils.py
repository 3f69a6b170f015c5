"""Councils, the places residents call them by, and postcode districts."""
from __future__ import annotations

import re

from knowledge.entities import Council, Scheme
from knowledge.validation.fields import Reader, fields_of

COUNCIL_FIELDS = fields_of(Council)
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def read_councils(reader: Reader) -> tuple[list[Council], dict[str, tuple[str, ...]]]:
    """The councils, and place names shared by several of them."""
    raw = reader.raw.councils
    if raw is None:
        reader.error(reader.raw.root / "councils.yml", "", "the councils file is missing",
                     "restore knowledge/content/councils.yml")
        return [], {}
    if not reader.yaml_ok(raw):
        return [], {}
    data = raw.data if isinstance(raw.data, dict) else {}
    found: list[Council] = []
    for i, item in enumerate(data.get("councils") or []):
        field = f"councils[{i}]."
        if not reader.fields(raw.path, item, COUNCIL_FIELDS, field):
            continue
        scheme = item["scheme"]
        if not isinstance(scheme, dict) or not scheme.get("name"):
            reader.error(raw.path, field + "scheme", "needs a name",
                         "write scheme: {name: ..., website: ...}")
            continue
        found.append(Council(
            id=item["id"], name=item["name"], website=item["website"],
            scheme=Scheme(scheme["name"], scheme.get("website")),
            places=reader.text_list(raw.path, field + "places", item.get("places")),
        ))
    if not found:
        reader.error(raw.path, "councils", "no councils are listed",
                     "list the seven councils under 'councils:'")
    ids = [c.id for c in found]
    for dup in {i for i in ids if ids.count(i) > 1}:
        reader.error(raw.path, "councils", f"council '{dup}' is listed twice", "keep one entry")
    return found, _ambiguous_places(reader, raw.path, data, ids)


def _ambiguous_places(reader: Reader, path, data: dict, ids: list[str]):
    ambiguous: dict[str, tuple[str, ...]] = {}
    for place, councils in (data.get("ambiguous_places") or {}).items():
        members = tuple(councils or ())
        for c in members:
            if c not in ids:
                reader.error(path, f"ambiguous_places.{place}", f"unknown council '{c}'",
                             f"use one of: {', '.join(ids)}")
        ambiguous[str(place)] = members
    return ambiguous


def read_postcode_districts(reader: Reader, council_ids: set[str]) -> dict[str, tuple[str, ...]]:
    raw = reader.raw.postcode_districts
    if raw is None or not reader.yaml_ok(raw):
        return {}
    table: dict[str, tuple[str, ...]] = {}
    districts = (raw.data or {}).get("districts") if isinstance(raw.data, dict) else None
    for district, councils in (districts or {}).items():
        key = str(district).upper().strip()
        if not POSTCODE_DISTRICT.match(key):
            reader.error(raw.path, f"districts.{district}", "is not a postcode district",
                         "use the first half of a postcode, for example B21 or WV14")
            continue
        members = tuple(councils or ())
        for c in members:
            if c not in council_ids:
                reader.error(raw.path, f"districts.{district}", f"unknown council '{c}'",
                             f"use one of: {', '.join(sorted(council_ids))}")
        table[key] = members
    return table
