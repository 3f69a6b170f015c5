"""The validator tells a housing officer exactly what is wrong and how to fix it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from knowledge.cli import known_intents
from knowledge.content_files import ContentLoader
from knowledge.validation import validate
from tests.conftest import CONTENT_DATE

ARTICLE = Path("articles/allocations/apply-birmingham.yml")
CONTACTS = Path("contacts/dudley.yml")


def edit(root: Path, relative: Path, change) -> None:
    path = root / relative
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)  # noqa: S506
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def only_error(root: Path, **kwargs):
    result = validate(root, today=kwargs.pop("today", CONTENT_DATE), **kwargs)
    assert not result.ok and result.content is None
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def test_shipped_content_is_valid_without_warnings(shipped_content):
    result = validate(Path(__file__).resolve().parents[2] / "knowledge" / "content",
                      today=CONTENT_DATE)
    assert result.ok
    assert result.warnings == []
    assert len(shipped_content.councils) == 7


def test_missing_field_names_file_and_field(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.pop("sources"))
    error = only_error(content_copy)
    assert error.file == str(ARTICLE)
    assert error.field == "sources"
    assert error.message == "is missing"
    assert "sources:" in error.fix


def test_bad_date(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(valid_from="2026-13-01"))
    error = only_error(content_copy)
    assert (error.field, error.message) == ("valid_from", "'2026-13-01' is not a date")
    assert "YYYY-MM-DD" in error.fix


def test_unknown_council_suggests_the_right_one(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(councils=["birmingam"]))
    error = only_error(content_copy)
    assert error.field == "councils"
    assert "unknown council 'birmingam'" in error.message
    assert "birmingham" in error.fix


def test_phone_number_not_in_uk_format(content_copy):
    def change(d):
        d["contacts"][0]["phone"] = "555-1234"
    edit(content_copy, CONTACTS, change)
    error = only_error(content_copy)
    assert error.file == str(CONTACTS)
    assert error.field.endswith(".phone")
    assert "not a UK phone number" in error.message


def test_article_past_review_date_is_a_warning_not_an_error(content_copy):
    result = validate(content_copy, today=date(2030, 1, 1))
    assert result.ok
    overdue = [w for w in result.warnings if w.field == "review_due"]
    assert overdue and all("review was due" in w.message for w in overdue)


def test_duplicate_identifiers(content_copy):
    source = content_copy / ARTICLE
    (source.parent / "copy-of-apply.yml").write_text(source.read_text(encoding="utf-8"),
                                                      encoding="utf-8")
    result = validate(content_copy, today=CONTENT_DATE)
    assert not result.ok
    dupes = [e for e in result.errors if "is used by" in e.message]
    assert len(dupes) == 1 and "apply-birmingham" in dupes[0].message


def test_broken_cross_reference(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(related=["no-such-article"]))
    error = only_error(content_copy)
    assert (error.field, error.message) == ("related", "no article has the id 'no-such-article'")


def test_unknown_contact_reference_suggests_a_close_match(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(contacts=["birmingham-housing-registr"]))
    error = only_error(content_copy)
    assert error.field == "contacts"
    assert "birmingham-housing-register" in error.fix


def test_closed_scheme_needs_a_successor(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(valid_until=date(2026, 1, 1), successor=None))
    error = only_error(content_copy)
    assert error.field == "successor"


def test_misspelt_field_name(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(vaild_until=None))
    error = only_error(content_copy)
    assert error.field == "vaild_until"
    assert "valid_until" in error.fix


def test_broken_yaml_reports_the_line(content_copy):
    (content_copy / ARTICLE).write_text("id: apply-birmingham\ntitle: [unclosed\n", encoding="utf-8")
    error = only_error(content_copy)
    assert error.file == str(ARTICLE)
    assert "line" in error.message


def test_unknown_question_family(content_copy):
    edit(content_copy, ARTICLE, lambda d: d.update(intent="apply_for_housingg"))
    error = only_error(content_copy, known_intents=known_intents())
    assert error.field == "intent"
    assert "apply_for_housing" in error.fix


def test_unverified_contact_needs_a_reason(content_copy):
    def change(d):
        d["contacts"][0]["verified"] = False
        d["contacts"][0].pop("note", None)
    edit(content_copy, CONTACTS, change)
    error = only_error(content_copy)
    assert error.field.endswith(".note")


def test_every_unverified_pack_number_stays_unverified(shipped_content):
    """Numbers the research pack marks old or unconfirmed are never shown as confirmed."""
    doubtful = {"0121 303 2296", "0121 303 7410", "0121 303 1111", "0300 555 0030",
                "0121 368 1166, option 2"}
    shown = {c.phone: c.verified for c in shipped_content.contacts if c.phone}
    for number in doubtful:
        assert shown.get(number) is False, number


def test_address_with_a_user_name_is_refused(content_copy):
    def change(d):
        d["sources"][0]["url"] = "http://someone@ofgem.gov.uk/page"
    edit(content_copy, ARTICLE, change)
    error = only_error(content_copy)
    assert error.field == "sources[0].url" and "user name" in error.message
