"""The law register (law.yml) and the law each article relies on.

An answer that relies on a repealed provision is wrong from the day of the
repeal, whatever its review date says; so is one that still uses words that
only made sense before it (an "obsolete phrase" such as "valid section 21
notice"), even when nobody listed the provision in the article.
"""
from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

from knowledge.entities import Amendment, Article, ArticleTranslation, Provision
from knowledge.languages import SOURCE_LANGUAGE
from knowledge.validation.fields import Reader, fields_of
from knowledge.validation.sources import read_source

PROVISION_FIELDS = fields_of(Provision)
AMENDMENT_FIELDS = fields_of(Amendment)
LAW_CHANGE_NOTICE_DAYS = 90


def read_register(reader: Reader) -> list[Provision]:
    """Every provision in law.yml that is written correctly."""
    raw = reader.raw.law
    if raw is None or not reader.yaml_ok(raw):
        return []
    data = raw.data if isinstance(raw.data, dict) else {}
    found = [p for i, item in enumerate(data.get("provisions") or [])
             if (p := _provision(reader, raw.path, f"provisions[{i}]", item)) is not None]
    ids = [p.id for p in found]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        reader.error(raw.path, "provisions", f"'{dup}' is listed twice", "keep one entry")
    for p in found:
        for j, change in enumerate(p.amended):
            if change.by and change.by not in ids:
                reader.error(raw.path, f"{p.id}.amended[{j}].by",
                             f"'{change.by}' is not in law.yml", "add it, or leave 'by' out")
    if ids != sorted(ids):
        reader.warn(raw.path, "provisions", "the provisions are not sorted by id",
                    "keep them in alphabetical order of id, so each is easy to find")
    return found


def _provision(reader: Reader, path: Path, field: str, item: Any) -> Provision | None:
    if not reader.fields(path, item, PROVISION_FIELDS, field + "."):
        return None
    pid = reader.an_id(path, field + ".id", item["id"], "housing-act-1988-s21")
    dates = {name: reader.a_date(path, f"{field}.{name}", item[name])
             for name in ("in_force", "repealed") if item.get(name) is not None}
    source = read_source(reader, path, field + ".source", item["source"])
    amended = [_amendment(reader, path, f"{field}.amended[{j}]", change)
               for j, change in enumerate(item.get("amended") or [])]
    phrases = _phrases(reader, path, field + ".obsolete_phrases", item.get("obsolete_phrases"))
    if pid is None or source is None or None in dates.values() or None in amended:
        return None
    return Provision(id=pid, title=str(item["title"]).strip(), source=source,
                     in_force=dates.get("in_force"), repealed=dates.get("repealed"),
                     amended=tuple(a for a in amended if a is not None),
                     obsolete_phrases=phrases, note=item.get("note"))


def _amendment(reader: Reader, path: Path, field: str, change: Any) -> Amendment | None:
    if not reader.fields(path, change, AMENDMENT_FIELDS, field + "."):
        return None
    on = reader.a_date(path, field + ".on", change["on"])
    return Amendment(on=on, by=change.get("by"), note=change.get("note")) if on else None


def _phrases(reader: Reader, path: Path, field: str, value: Any):
    if value is None:
        return ()
    if not isinstance(value, dict):
        reader.error(path, field, "should list phrases per language",
                     'write obsolete_phrases: {en: ["valid section 21 notice"]}')
        return ()
    return tuple((str(lang), reader.text_list(path, f"{field}.{lang}", words))
                 for lang, words in sorted(value.items()))


def check_articles(reader: Reader, articles: list[Article], provisions: list[Provision],
                   paths: dict[str, Path]) -> None:
    """Each article's law: ids are in the register and none is repealed as of today."""
    register = {p.id: p for p in provisions}
    for a in articles:
        for law_id in a.law:
            provision = register.get(law_id)
            if provision is None:
                close = difflib.get_close_matches(law_id, register, n=1)
                reader.error(paths[a.id], "law", f"'{law_id}' is not in law.yml",
                             f"did you mean '{close[0]}'?" if close else
                             "add the provision to knowledge/content/law.yml, with its source")
            elif provision.is_repealed(reader.today):
                reader.error(paths[a.id], "law", f"relies on {provision.title}, repealed on "
                             f"{provision.repealed}", "rewrite the answer for the law in force "
                             "now and replace the id with the provision it relies on instead")


def check_wording(reader: Reader, path: Path, language: str, texts: Iterable[str],
                  provisions: list[Provision]) -> None:
    """No phrase that is wrong since a repeal appears in this text (in its language)."""
    said = _plain(" ".join(texts))
    for p in provisions:
        if not p.is_repealed(reader.today):
            continue
        phrase = next((w for w in p.phrases(language) if _plain(w) in said), None)
        if phrase is not None:
            reader.error(path, "body", f"says \"{phrase}\", which is wrong since "
                         f"{p.title} was repealed on {p.repealed}",
                         "rewrite the sentence for the law in force now (see law.yml)")


def check_all_wording(reader: Reader, articles: list[Article],
                      translations: list[ArticleTranslation], provisions: list[Provision],
                      paths: dict[str, Path]) -> None:
    for a in articles:
        check_wording(reader, paths[a.id], SOURCE_LANGUAGE, _words(a), provisions)
    for t, path in ((t, paths.get(f"{t.language}/{t.article_id}")) for t in translations):
        if path is not None:
            check_wording(reader, path, t.language, _words(t), provisions)


def _words(item) -> list[str]:
    return [item.title, item.summary, item.body, *item.next_steps]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'“”‘’]", "", text)).casefold()


def coming_changes(provisions: Iterable[Provision], today: date,
                   days: int = LAW_CHANGE_NOTICE_DAYS) -> dict[str, list[date]]:
    """Provision id -> the days within `days` from today on which it starts, changes or ends."""
    horizon = today + timedelta(days=days)
    found = {p.id: [d for d in p.changes() if today <= d <= horizon] for p in provisions}
    return {pid: days_ for pid, days_ in found.items() if days_}
