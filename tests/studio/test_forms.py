"""The article and translation forms: saving a form nobody changed changes nothing a
resident reads, a live check changes only that source's check, and every validator
message finds its field."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.validation import Problem
from studio.documents import content_files, dump, parse
from studio.forms import (
    article_from_form,
    article_values,
    field_id,
    problems_by_field,
    translation_from_form,
    translation_values,
    with_live_check,
)

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"
FILES = content_files(CONTENT)
ARTICLES = sorted(p for p in FILES if p.startswith("articles/"))


def as_posted(values: dict) -> dict:
    """The form as a browser sends it back (source rows flattened, empty boxes unticked)."""
    form = {k: v for k, v in values.items() if k not in ("sources", "needs_adviser")}
    form["source_rows"] = str(len(values["sources"]))
    for i, source in enumerate(values["sources"]):
        form |= {f"source-{i}-{k}": v for k, v in source.items()}
    if values["needs_adviser"]:
        form["needs_adviser"] = "true"
    return form


def same(value):
    """Text compared as the validator reads it (it strips each field)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [same(v) for v in value]
    if isinstance(value, dict):
        return {k: same(v) for k, v in value.items() if v is not None}
    return value


@pytest.mark.parametrize("path", ARTICLES)
def test_saving_an_unchanged_article_form_keeps_every_field(path):
    data = parse(FILES[path])
    saved = parse(dump(article_from_form(as_posted(article_values(data)), data)))
    assert same(saved) == same(data)


def test_saving_an_unchanged_translation_keeps_it_and_marking_reviewed_records_the_english():
    data = parse(FILES["translations/ur/apply-walsall.yml"])
    values = translation_values(data)
    assert same(parse(dump(translation_from_form(values, data, reviewed_for=None)))) == same(data)
    reviewed = translation_from_form(values, data, reviewed_for="0123456789ab")
    assert (reviewed["status"], reviewed["translates"]) == ("reviewed", "0123456789ab")


def test_a_live_check_changes_only_that_sources_check():
    path = "articles/allocations/apply-walsall.yml"
    url = "https://go.walsall.gov.uk/publications/walsall-council-housing-allocations-policy/" \
          "housing-allocations-policy"
    day = date(2026, 12, 6)
    before = parse(FILES[path])
    after = parse(with_live_check("article", url, "Amina Hussain", day)(FILES[path]))
    assert after["sources"][1]["check"] == {"how": "live", "on": day, "by": "Amina Hussain"}
    after["sources"][1]["check"] = before["sources"][1]["check"]
    assert after == before
    with pytest.raises(LookupError):
        with_live_check("article", "https://example.org/", "A", day)(FILES[path])


def test_a_contact_live_check_is_on_that_contact_only():
    text = FILES["contacts/walsall.yml"]
    after = parse(with_live_check("contacts", "walsall-housing-options", "Ravi Patel",
                                  date(2026, 12, 6))(text))
    checks = {c["id"]: c["source"]["check"]["how"] for c in after["contacts"]}
    assert checks["walsall-housing-options"] == "live"
    assert checks["walsall-housing-register"] == "stored-copy"


@pytest.mark.parametrize("field, expected", [
    ("sources[0].check.on", "source-0-on"), ("sources[2].url", "source-2-url"),
    ("sources[1]", "source-1-url"), ("sources[0].check", "source-0-url"),
    ("review_due", "review_due"), ("questions", "questions"), ("", ""),
])
def test_each_message_names_its_form_field(field, expected):
    assert field_id(field) == expected


def test_messages_about_other_files_or_no_field_are_not_put_beside_a_field():
    here = "articles/allocations/apply-walsall.yml"
    problems = [Problem(here, "review_due", "is not a date", "write YYYY-MM-DD"),
                Problem(here, "provisions", "odd", "fix"),
                Problem("articles/allocations/apply-dudley.yml", "title", "odd", "fix")]
    beside, general = problems_by_field(problems, here, {"review_due", "title"})
    assert beside == {"review_due": [problems[0]]} and general == [problems[1]]
