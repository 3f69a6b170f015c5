"""Contacts: phone numbers and websites, never shown as confirmed when they are not."""
from __future__ import annotations

import re
from typing import Any, Iterable, Literal

from knowledge.content_files import RawFile
from knowledge.entities import CONTACT_SERVICES, NATIONAL, Contact
from knowledge.validation.fields import Reader, fields_of
from knowledge.validation.sources import a_kind, read_source

CONTACT_FIELDS = fields_of(Contact, leave_out=("council",))
# UK numbers as residents dial them: 999, 116 123, 0808 2000 247, 0121 303 2296, +44 121 ...
UK_PHONE = re.compile(
    r"^(?:999|112|111|116 ?\d{3}|(?:0|\+44 ?)\d(?: ?\d){8,9})(?:,? option \d)?$"
)


def read_contacts(reader: Reader, council_ids: set[str]) -> list[Contact]:
    found: list[Contact] = []
    for raw in reader.raw.contacts:
        found.extend(_contacts_file(reader, raw, council_ids))
    return found


def _contacts_file(reader: Reader, raw: RawFile, council_ids: set[str]) -> Iterable[Contact]:
    if not reader.yaml_ok(raw):
        return
    data = raw.data if isinstance(raw.data, dict) else {}
    council = data.get("council")
    if council != NATIONAL and council not in council_ids:
        reader.error(raw.path, "council", f"unknown council '{council}'",
                     f"use one of: {', '.join(sorted(council_ids))}, or national")
        return
    for i, item in enumerate(data.get("contacts") or []):
        contact = _contact(reader, raw, f"contacts[{i}].", item, council)
        if contact is not None:
            yield contact


def _contact(reader: Reader, raw: RawFile, field: str, item: Any, council: str) -> Contact | None:
    if not reader.fields(raw.path, item, CONTACT_FIELDS, field):
        return None
    if reader.an_id(raw.path, field + "id", item["id"], "birmingham-housing-options") is None:
        return None
    if item["service"] not in CONTACT_SERVICES:
        reader.error(raw.path, field + "service", f"unknown service '{item['service']}'",
                     f"use one of: {', '.join(CONTACT_SERVICES)}")
        return None
    phone = _phone(reader, raw, field, item.get("phone"))
    if phone is False:
        return None
    if not isinstance(item["verified"], bool):
        reader.error(raw.path, field + "verified", "should be true or false",
                     "write verified: true only when a current source states it")
        return None
    if not item["verified"] and not item.get("note"):
        reader.error(raw.path, field + "note", "an unverified contact needs a note",
                     "say why it could not be confirmed, e.g. 'only on a 2016 page'")
    if not phone and not item.get("website"):
        reader.error(raw.path, field, "has neither a phone number nor a website",
                     "add one, or remove the contact")
    source = read_source(reader, raw.path, field + "source", item["source"])
    if source is None:
        return None
    _check_honest(reader, raw, field, item, source)
    return Contact(
        id=item["id"], council=council, service=item["service"], name=item["name"],
        verified=item["verified"], source=source, phone=phone or None, hours=item.get("hours"),
        website=item.get("website"), note=(item.get("note") or "").strip() or None,
    )


def _phone(reader: Reader, raw: RawFile, field: str, phone: Any) -> str | None | Literal[False]:
    if phone is None:
        return None
    phone = str(phone).strip()
    if not UK_PHONE.match(phone):
        reader.error(raw.path, field + "phone",
                     f"'{phone}' is not a UK phone number as residents dial it",
                     "write it like \"0121 303 2296\" (in quotes), or 999 / 116 123")
        return False
    return phone


def _check_honest(reader: Reader, raw: RawFile, field: str, item: dict, source) -> None:
    """A number only found on an archived or training page is never 'verified', and such
    a page is not the website a resident is sent to."""
    page = f"{a_kind(source.kind)} page"
    if source.second_hand and item["verified"] and item.get("phone"):
        reader.error(raw.path, field + "verified", f"the number comes from {page}, so it "
                     "cannot be confirmed as current",
                     "write verified: false and say in the note where it was found")
    if source.second_hand and item.get("website") == source.url:
        reader.warn(raw.path, field + "website", f"residents are sent to {page}",
                    "give the council's own current page as the website")
