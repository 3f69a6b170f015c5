"""Check content files and turn them into a ContentSet, or explain what is wrong.

Every problem names the file, the field, what is wrong and how to fix it,
because the people reading these messages are housing officers, not
developers. Errors stop a load (the previous content stays live); warnings,
such as an article past its review date, are reported but do not.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any, Iterable

from knowledge.content_files import RawContent, RawFile, read_content
from knowledge.languages import TRANSLATED, TRANSLATION_STATUSES
from knowledge.entities import (
    ALL_COUNCILS,
    CONTACT_SERVICES,
    NATIONAL,
    TOPICS,
    CHECK_METHODS,
    SOURCE_KINDS,
    Amendment,
    Article,
    ArticleTranslation,
    Check,
    Contact,
    ContentSet,
    Council,
    Provision,
    Scheme,
    Source,
)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INTENT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
# UK numbers as residents dial them: 999, 116 123, 0808 2000 247, 0121 303 2296, +44 121 ...
UK_PHONE = re.compile(
    r"^(?:999|112|111|116 ?\d{3}|(?:0|\+44 ?)\d(?: ?\d){8,9})(?:,? option \d)?$"
)

ARTICLE_FIELDS = {
    "id": True, "topic": True, "title": True, "summary": True, "body": True,
    "councils": True, "sources": True, "valid_from": True, "review_due": True,
    "owner": True, "questions": True, "intent": False, "valid_until": False,
    "successor": False, "next_steps": False, "contacts": False, "related": False,
    "needs_adviser": False, "unverified_note": False, "law": False,
}
CONTACT_FIELDS = {
    "id": True, "service": True, "name": True, "verified": True, "source": True,
    "phone": False, "hours": False, "website": False, "note": False,
}
SOURCE_FIELDS = {"url": True, "check": True, "kind": True, "title": False, "ref": False,
                 "note": False, "publisher": False}
CHECK_FIELDS = {"how": True, "on": False, "by": False, "copy_date": False}
PROVISION_FIELDS = {"id": True, "title": True, "source": True, "in_force": False,
                    "repealed": False, "amended": False, "obsolete_phrases": False, "note": False}
AMENDMENT_FIELDS = {"on": True, "by": False, "note": False}
COPY_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
COUNCIL_FIELDS = {"id": True, "name": True, "website": True, "scheme": True, "places": False}
TRANSLATION_FIELDS = {
    "article": True, "language": True, "translates": True, "status": True, "title": True,
    "summary": True, "body": True, "next_steps": False, "questions": False,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, phrased for the person who will fix it."""

    file: str
    field: str
    message: str
    fix: str
    severity: str = "error"  # "error" stops a load; "warning" does not

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.field}]" if self.field else "")
        return f"{self.severity.upper()}: {where}: {self.message}. Fix: {self.fix}"


@dataclass
class ValidationResult:
    content: ContentSet | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and self.content is not None


class _Checker:
    """Collects problems while reading one edition of the content."""

    def __init__(self, raw: RawContent, today: date, known_intents: set[str] | None):
        self.raw = raw
        self.today = today
        self.known_intents = known_intents
        self.problems: list[Problem] = []

    # -- reporting -----------------------------------------------------------
    def error(self, path: Path, field: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.raw.relative(path), field, message, fix))

    def warn(self, path: Path, field: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.raw.relative(path), field, message, fix, "warning"))

    # -- generic field helpers -------------------------------------------------
    def fields(self, path: Path, data: Any, spec: dict[str, bool], prefix: str = "") -> bool:
        if not isinstance(data, dict):
            self.error(path, prefix.rstrip("."), "should be a set of 'name: value' fields",
                       "compare the layout with knowledge/CONTENT.md")
            return False
        ok = True
        for name, required in spec.items():
            if required and data.get(name) in (None, "", []):
                self.error(path, prefix + name, "is missing",
                           f"add '{name}:' (see knowledge/CONTENT.md)")
                ok = False
        for name in data:
            if name not in spec:
                close = difflib.get_close_matches(str(name), spec, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "remove it or check knowledge/CONTENT.md"
                self.error(path, prefix + str(name), "is not a field we know", hint)
                ok = False
        return ok

    def a_date(self, path: Path, field: str, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        self.error(path, field, f"'{value}' is not a date",
                   "write it as YYYY-MM-DD, for example 2026-11-29, without quotes")
        return None

    def text_list(self, path: Path, field: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(path, field, "should be a list of text items",
                       "write one item per line, each starting with '- '")
            return ()
        return tuple(v.strip() for v in value)

    def source(self, path: Path, field: str, value: Any) -> Source | None:
        if isinstance(value, dict) and "checked" in value:
            self.error(path, field + ".checked", "'checked:' no longer says enough",
                       "replace it with 'check:' saying how it was checked (live, "
                       "stored-copy or unverified), see knowledge/CONTENT.md")
            return None
        if not self.fields(path, value, SOURCE_FIELDS, field + "."):
            return None
        url = str(value["url"]).strip()
        if not url.startswith(("https://", "http://")):
            self.error(path, field + ".url", f"'{url}' is not a web address",
                       "give the full address, starting with https://")
        elif "@" in urlsplit(url).netloc:
            self.error(path, field + ".url", f"'{url}' has a user name in it",
                       "copy the address again from the browser's address bar")
        if value["kind"] not in SOURCE_KINDS:
            self.error(path, field + ".kind", f"unknown kind of page '{value['kind']}'",
                       f"use one of: {', '.join(SOURCE_KINDS)}")
            return None
        check = self.check(path, field + ".check", value["check"])
        if check is None:
            return None
        return Source(url=url, check=check, kind=value["kind"], title=value.get("title"),
                      ref=value.get("ref"), note=value.get("note"),
                      publisher=value.get("publisher"))

    def check(self, path: Path, field: str, value: Any) -> Check | None:
        """How a source was checked; only a named officer's visit to the live page is 'live'."""
        if not self.fields(path, value, CHECK_FIELDS, field + "."):
            return None
        how = value["how"]
        if how not in CHECK_METHODS:
            self.error(path, field + ".how", f"unknown way of checking '{how}'",
                       f"use one of: {', '.join(CHECK_METHODS)}")
            return None
        on = None
        if value.get("on") is not None or how != "unverified":
            if value.get("on") is None:
                self.error(path, field + ".on", "is missing", "add the day it was checked")
                return None
            on = self.a_date(path, field + ".on", value["on"])
            if on is None:
                return None
            if on > self.today:
                self.error(path, field + ".on", f"{on} is in the future",
                           "give the date the page was actually checked")
        if how == "live" and not str(value.get("by") or "").strip():
            self.error(path, field + ".by", "a live check needs the name of who did it",
                       "add by: with the housing officer's name, or use how: stored-copy")
            return None
        copy_date = value.get("copy_date")
        if copy_date is not None:
            copy_date = str(copy_date)
            if not COPY_DATE.match(copy_date):
                self.error(path, field + ".copy_date", f"'{copy_date}' is not a date or year",
                           "write the year (2016) or the date (2016-03-01) of the copy")
                return None
        return Check(how=how, on=on, by=value.get("by"), copy_date=copy_date)

    # -- the law register ---------------------------------------------------------
    def provisions(self) -> list[Provision]:
        raw = self.raw.law
        if raw is None:
            return []
        if raw.error:
            self.error(raw.path, "", raw.error, "correct the YAML layout at that line")
            return []
        data = raw.data if isinstance(raw.data, dict) else {}
        found = [p for i, item in enumerate(data.get("provisions") or [])
                 if (p := self.provision(raw.path, f"provisions[{i}]", item)) is not None]
        ids = [p.id for p in found]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            self.error(raw.path, "provisions", f"'{dup}' is listed twice", "keep one entry")
        return found

    def provision(self, path: Path, field: str, item: Any) -> Provision | None:
        if not self.fields(path, item, PROVISION_FIELDS, field + "."):
            return None
        if not ID_PATTERN.match(str(item["id"])):
            self.error(path, field + ".id", f"'{item['id']}' is not a valid identifier",
                       "use lowercase letters, digits and hyphens, e.g. housing-act-1988-s21")
            return None
        dates = {}
        for name in ("in_force", "repealed"):
            if item.get(name) is not None:
                dates[name] = self.a_date(path, f"{field}.{name}", item[name])
                if dates[name] is None:
                    return None
        source = self.source(path, field + ".source", item["source"])
        amended = []
        for j, change in enumerate(item.get("amended") or []):
            where = f"{field}.amended[{j}]"
            if self.fields(path, change, AMENDMENT_FIELDS, where + "."):
                on = self.a_date(path, where + ".on", change["on"])
                if on:
                    amended.append(Amendment(on=on, by=change.get("by"), note=change.get("note")))
        phrases = item.get("obsolete_phrases") or {}
        if not isinstance(phrases, dict):
            self.error(path, field + ".obsolete_phrases", "should list phrases per language",
                       "write obsolete_phrases: {en: [\"valid section 21 notice\"]}")
            phrases = {}
        if source is None:
            return None
        return Provision(
            id=str(item["id"]), title=str(item["title"]).strip(), source=source,
            in_force=dates.get("in_force"), repealed=dates.get("repealed"),
            amended=tuple(amended), note=item.get("note"),
            obsolete_phrases=tuple((str(lang), self.text_list(path, f"{field}.obsolete_phrases."
                                                             f"{lang}", words))
                                   for lang, words in sorted(phrases.items())),
        )

    # -- councils and places ----------------------------------------------------
    def councils(self) -> tuple[list[Council], dict[str, tuple[str, ...]]]:
        raw = self.raw.councils
        if raw is None:
            self.error(self.raw.root / "councils.yml", "", "the councils file is missing",
                       "restore knowledge/content/councils.yml")
            return [], {}
        if raw.error:
            self.error(raw.path, "", raw.error, "correct the YAML layout at that line")
            return [], {}
        data = raw.data if isinstance(raw.data, dict) else {}
        found: list[Council] = []
        for i, item in enumerate(data.get("councils") or []):
            field = f"councils[{i}]."
            if not self.fields(raw.path, item, COUNCIL_FIELDS, field):
                continue
            scheme = item["scheme"]
            if not isinstance(scheme, dict) or not scheme.get("name"):
                self.error(raw.path, field + "scheme", "needs a name",
                           "write scheme: {name: ..., website: ...}")
                continue
            found.append(Council(
                id=item["id"], name=item["name"], website=item["website"],
                scheme=Scheme(scheme["name"], scheme.get("website")),
                places=self.text_list(raw.path, field + "places", item.get("places")),
            ))
        if not found:
            self.error(raw.path, "councils", "no councils are listed",
                       "list the seven councils under 'councils:'")
        ids = [c.id for c in found]
        for dup in {i for i in ids if ids.count(i) > 1}:
            self.error(raw.path, "councils", f"council '{dup}' is listed twice", "keep one entry")
        ambiguous: dict[str, tuple[str, ...]] = {}
        for place, councils in (data.get("ambiguous_places") or {}).items():
            members = tuple(councils or ())
            for c in members:
                if c not in ids:
                    self.error(raw.path, f"ambiguous_places.{place}", f"unknown council '{c}'",
                               f"use one of: {', '.join(ids)}")
            ambiguous[str(place)] = members
        return found, ambiguous

    def postcode_districts(self, council_ids: set[str]) -> dict[str, tuple[str, ...]]:
        raw = self.raw.postcode_districts
        if raw is None:
            return {}
        if raw.error:
            self.error(raw.path, "", raw.error, "correct the YAML layout at that line")
            return {}
        table: dict[str, tuple[str, ...]] = {}
        districts = (raw.data or {}).get("districts") if isinstance(raw.data, dict) else None
        for district, councils in (districts or {}).items():
            key = str(district).upper().strip()
            if not POSTCODE_DISTRICT.match(key):
                self.error(raw.path, f"districts.{district}", "is not a postcode district",
                           "use the first half of a postcode, for example B21 or WV14")
                continue
            members = tuple(councils or ())
            for c in members:
                if c not in council_ids:
                    self.error(raw.path, f"districts.{district}", f"unknown council '{c}'",
                               f"use one of: {', '.join(sorted(council_ids))}")
            table[key] = members
        return table

    # -- contacts ---------------------------------------------------------------
    def contacts(self, council_ids: set[str]) -> list[Contact]:
        found: list[Contact] = []
        for raw in self.raw.contacts:
            found.extend(self._contacts_file(raw, council_ids))
        return found

    def _contacts_file(self, raw: RawFile, council_ids: set[str]) -> Iterable[Contact]:
        if raw.error:
            self.error(raw.path, "", raw.error, "correct the YAML layout at that line")
            return
        data = raw.data if isinstance(raw.data, dict) else {}
        council = data.get("council")
        if council != NATIONAL and council not in council_ids:
            self.error(raw.path, "council", f"unknown council '{council}'",
                       f"use one of: {', '.join(sorted(council_ids))}, or national")
            return
        for i, item in enumerate(data.get("contacts") or []):
            field = f"contacts[{i}]."
            if not self.fields(raw.path, item, CONTACT_FIELDS, field):
                continue
            if not ID_PATTERN.match(str(item["id"])):
                self.error(raw.path, field + "id", f"'{item['id']}' is not a valid identifier",
                           "use lowercase letters, digits and hyphens")
                continue
            if item["service"] not in CONTACT_SERVICES:
                self.error(raw.path, field + "service", f"unknown service '{item['service']}'",
                           f"use one of: {', '.join(CONTACT_SERVICES)}")
                continue
            phone = item.get("phone")
            if phone is not None:
                phone = str(phone).strip()
                if not UK_PHONE.match(phone):
                    self.error(raw.path, field + "phone",
                               f"'{phone}' is not a UK phone number as residents dial it",
                               "write it like \"0121 303 2296\" (in quotes), or 999 / 116 123")
                    continue
            if not isinstance(item["verified"], bool):
                self.error(raw.path, field + "verified", "should be true or false",
                           "write verified: true only when a current source states it")
                continue
            if not item["verified"] and not item.get("note"):
                self.error(raw.path, field + "note", "an unverified contact needs a note",
                           "say why it could not be confirmed, e.g. 'only on a 2016 page'")
            if not phone and not item.get("website"):
                self.error(raw.path, field, "has neither a phone number nor a website",
                           "add one, or remove the contact")
            src = self.source(raw.path, field + "source", item["source"])
            if src is None:
                continue
            found_contact = Contact(
                id=item["id"], council=council, service=item["service"], name=item["name"],
                verified=item["verified"], source=src, phone=phone, hours=item.get("hours"),
                website=item.get("website"), note=(item.get("note") or "").strip() or None,
            )
            yield found_contact

    # -- articles -----------------------------------------------------------------
    def articles(self, council_ids: set[str]) -> list[Article]:
        found = []
        for raw in self.raw.articles:
            article = self._article(raw, council_ids)
            if article is not None:
                found.append(article)
        return found

    def _article(self, raw: RawFile, council_ids: set[str]) -> Article | None:
        path = raw.path
        if raw.error:
            self.error(path, "", raw.error, "correct the YAML layout at that line")
            return None
        data = raw.data
        if not self.fields(path, data, ARTICLE_FIELDS):
            return None
        ok = True
        art_id = str(data["id"])
        if not ID_PATTERN.match(art_id):
            self.error(path, "id", f"'{art_id}' is not a valid identifier",
                       "use lowercase letters, digits and hyphens, e.g. apply-birmingham")
            ok = False
        elif path.stem != art_id:
            self.warn(path, "id", f"the file name does not match the id '{art_id}'",
                      f"rename the file to {art_id}.yml so it is easy to find")
        if data["topic"] not in TOPICS:
            self.error(path, "topic", f"unknown topic '{data['topic']}'",
                       f"use one of: {', '.join(TOPICS)}")
            ok = False
        intent = data.get("intent")
        if intent is not None:
            if not INTENT_PATTERN.match(str(intent)):
                self.error(path, "intent", f"'{intent}' is not a question family name",
                           "use a name from the table in knowledge/CONTENT.md")
                ok = False
            elif self.known_intents is not None and intent not in self.known_intents:
                close = difflib.get_close_matches(str(intent), self.known_intents, n=1)
                self.error(path, "intent", f"the assistant has no question family '{intent}'",
                           f"did you mean '{close[0]}'?" if close else
                           "use a name from the table in knowledge/CONTENT.md")
                ok = False
        councils = data["councils"]
        if not isinstance(councils, list):
            councils = [councils]
        for c in councils:
            if c != ALL_COUNCILS and c not in council_ids:
                close = difflib.get_close_matches(str(c), council_ids, n=1)
                self.error(path, "councils", f"unknown council '{c}'",
                           f"did you mean '{close[0]}'?" if close else
                           f"use one of: {', '.join(sorted(council_ids))}, or all")
                ok = False
        sources = []
        for i, s in enumerate(data["sources"] if isinstance(data["sources"], list) else []):
            src = self.source(path, f"sources[{i}]", s)
            ok = ok and src is not None
            if src:
                sources.append(src)
        if not isinstance(data["sources"], list):
            self.error(path, "sources", "should be a list", "write each source starting with '- url:'")
            ok = False
        valid_from = self.a_date(path, "valid_from", data["valid_from"])
        review_due = self.a_date(path, "review_due", data["review_due"])
        valid_until = None
        if data.get("valid_until") is not None:
            valid_until = self.a_date(path, "valid_until", data["valid_until"])
            ok = ok and valid_until is not None
            if valid_until and valid_from and valid_until < valid_from:
                self.error(path, "valid_until", f"{valid_until} is before valid_from {valid_from}",
                           "check both dates")
                ok = False
            if valid_until and not data.get("successor"):
                self.error(path, "successor", "a scheme with an end date needs a successor",
                           "name the article residents should read instead")
                ok = False
        if valid_from is None or review_due is None:
            return None
        if review_due < self.today:
            self.warn(path, "review_due", f"review was due on {review_due}",
                      "check the sources again, update the article and set a new review_due")
        questions = self.text_list(path, "questions", data["questions"])
        if 0 < len(questions) < 3:
            self.warn(path, "questions", "fewer than three ways of asking",
                      "add how residents really phrase it, so search can find it")
        needs_adviser = data.get("needs_adviser", False)
        if not isinstance(needs_adviser, bool):
            self.error(path, "needs_adviser", "should be true or false", "write true or false")
            ok = False
        if not ok:
            return None
        return Article(
            id=art_id, topic=data["topic"], title=str(data["title"]).strip(),
            summary=str(data["summary"]).strip(), body=str(data["body"]).strip(),
            councils=tuple(councils), sources=tuple(sources), valid_from=valid_from,
            review_due=review_due, owner=str(data["owner"]), questions=questions,
            intent=intent, valid_until=valid_until, successor=data.get("successor"),
            next_steps=self.text_list(path, "next_steps", data.get("next_steps")),
            contacts=self.text_list(path, "contacts", data.get("contacts")),
            related=self.text_list(path, "related", data.get("related")),
            needs_adviser=needs_adviser, unverified_note=data.get("unverified_note"),
            law=self.text_list(path, "law", data.get("law")),
        )

    def declared_article_ids(self) -> set[str]:
        """Ids of every article file, valid or not (unreadable ones by file name), so
        that one broken file is reported once, not again by everything linking to it."""
        return {str(raw.data.get("id")) for raw in self.raw.articles
                if isinstance(raw.data, dict)} | {raw.path.stem for raw in self.raw.articles
                                                  if raw.error}

    # -- translations -------------------------------------------------------------
    def translations(self, articles: list[Article]) -> list[ArticleTranslation]:
        by_id = {a.id: a for a in articles}
        declared = self.declared_article_ids()
        found: list[ArticleTranslation] = []
        seen: set[tuple[str, str]] = set()
        for raw in self.raw.translations:
            path = raw.path
            if raw.error:
                self.error(path, "", raw.error, "correct the YAML layout at that line")
                continue
            data = raw.data
            if not self.fields(path, data, TRANSLATION_FIELDS):
                continue
            article_id, language = str(data["article"]), str(data["language"])
            if language not in TRANSLATED:
                self.error(path, "language", f"unknown language '{language}'",
                           f"use one of: {', '.join(TRANSLATED)}")
                continue
            if path.parent.name != language:
                self.error(path, "language", f"a '{language}' translation in the "
                           f"'{path.parent.name}' folder", f"move it to translations/{language}/")
                continue
            if data["status"] not in TRANSLATION_STATUSES:
                self.error(path, "status", f"unknown status '{data['status']}'",
                           "use draft (not yet checked by a speaker) or reviewed")
                continue
            if (article_id, language) in seen:
                self.error(path, "article", f"'{article_id}' is translated into "
                           f"'{language}' twice", "keep one file")
                continue
            seen.add((article_id, language))
            article = by_id.get(article_id)
            if article is None:
                if article_id not in declared:
                    self.error(path, "article", f"no article has the id '{article_id}'",
                               "check the id, or delete the translation of a removed article")
                continue
            translation = ArticleTranslation(
                article_id=article_id, language=language, translates=str(data["translates"]),
                status=data["status"], title=str(data["title"]).strip(),
                summary=str(data["summary"]).strip(), body=str(data["body"]).strip(),
                next_steps=self.text_list(path, "next_steps", data.get("next_steps")),
                questions=self.text_list(path, "questions", data.get("questions")),
            )
            if not translation.is_current_for(article):
                self.warn(path, "translates", "the English has changed since this was "
                          "translated (residents see the English until it is updated)",
                          f"update the translation, then set translates: {article.version}")
            if translation.next_steps and len(translation.next_steps) != len(article.next_steps):
                self.warn(path, "next_steps", f"{len(translation.next_steps)} steps, the "
                          f"English has {len(article.next_steps)}", "translate every step")
            found.append(translation)
        return found

    # -- whole edition --------------------------------------------------------
    def cross_references(self, contacts: list[Contact], articles: list[Article]) -> None:
        paths = {a.id: p.path for p in self.raw.articles for a in articles
                 if isinstance(p.data, dict) and p.data.get("id") == a.id}
        contact_ids = [c.id for c in contacts]
        for dup in sorted({i for i in contact_ids if contact_ids.count(i) > 1}):
            self.error(self.raw.root / "contacts", "id", f"contact id '{dup}' is used twice",
                       "give each contact its own id")
        article_ids = [a.id for a in articles]
        for dup in sorted({i for i in article_ids if article_ids.count(i) > 1}):
            files = sorted(self.raw.relative(p.path) for p in self.raw.articles
                           if isinstance(p.data, dict) and p.data.get("id") == dup)
            self.error(self.raw.root / files[0], "id",
                       f"article id '{dup}' is used by {', '.join(files)}",
                       "give each article its own id")
        # Ids declared in files that failed validation still count here, so one broken
        # file is reported once rather than again by everything that links to it.
        known_contacts = set(contact_ids) | {
            str(item.get("id")) for raw in self.raw.contacts if isinstance(raw.data, dict)
            for item in raw.data.get("contacts") or [] if isinstance(item, dict)}
        known_articles = set(article_ids) | self.declared_article_ids()
        for a in articles:
            path = paths[a.id]
            for c in a.contacts:
                if c not in known_contacts:
                    close = difflib.get_close_matches(c, known_contacts, n=1)
                    self.error(path, "contacts", f"no contact has the id '{c}'",
                               f"did you mean '{close[0]}'?" if close else
                               "add it to a file in contacts/ or remove it")
            for r in a.related:
                if r not in known_articles:
                    self.error(path, "related", f"no article has the id '{r}'",
                               "check the spelling or remove it")
            if a.successor and a.successor not in known_articles:
                self.error(path, "successor", f"no article has the id '{a.successor}'",
                           "name an existing article")

    def law_references(self, articles: list[Article], provisions: list[Provision]) -> None:
        """Every provision an article relies on is in the register."""
        known = {p.id for p in provisions}
        paths = {str(r.data.get("id")): r.path for r in self.raw.articles
                 if isinstance(r.data, dict)}
        for a in articles:
            for law_id in a.law:
                if law_id not in known:
                    close = difflib.get_close_matches(law_id, known, n=1)
                    self.error(paths[a.id], "law", f"'{law_id}' is not in law.yml",
                               f"did you mean '{close[0]}'?" if close else
                               "add the provision to knowledge/content/law.yml, with its source")


def validate(
    root: Path | str | None = None,
    *,
    today: date | None = None,
    known_intents: set[str] | None = None,
) -> ValidationResult:
    """Validate the content under `root` as of `today`.

    Returns the ContentSet only when there are no errors, so callers cannot
    accidentally load a half-valid edition.
    """
    raw = read_content(root) if root is not None else read_content()
    checker = _Checker(raw, today or date.today(), known_intents)
    provisions = checker.provisions()
    councils, ambiguous = checker.councils()
    council_ids = {c.id for c in councils}
    districts = checker.postcode_districts(council_ids)
    contacts = checker.contacts(council_ids)
    articles = checker.articles(council_ids)
    checker.cross_references(contacts, articles)
    checker.law_references(articles, provisions)
    translations = checker.translations(articles)
    content = None
    if not any(p.severity == "error" for p in checker.problems):
        content = ContentSet(
            councils=tuple(councils), contacts=tuple(contacts), articles=tuple(articles),
            postcode_districts=districts, ambiguous_places=ambiguous,
            translations=tuple(translations), provisions=tuple(provisions),
        )
    return ValidationResult(content=content, problems=checker.problems)
