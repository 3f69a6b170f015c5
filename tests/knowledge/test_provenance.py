"""Every source says honestly how it was checked, and what kind of page it is."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import yaml

from knowledge.content_files import ContentLoader
from knowledge.validation import validate
from tests.conftest import CONTENT_DATE

ARTICLE = Path("articles/allocations/apply-birmingham.yml")
BIRMINGHAM = Path("contacts/birmingham.yml")
ARCHIVED_PAGE = "http://www.birmingham.gov.uk/cs/Satellite?"  # C3, about 2016


def edit(root: Path, relative: Path, change) -> None:
    path = root / relative
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)  # noqa: S506
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(root: Path, severity: str = "error") -> list[str]:
    result = validate(root, today=CONTENT_DATE)
    return [str(p) for p in result.problems if p.severity == severity]


def all_sources(content):
    return [*(s for a in content.articles for s in a.sources),
            *(c.source for c in content.contacts), *(p.source for p in content.provisions)]


def test_nobody_claims_a_live_check(shipped_content):
    """Nobody on the team opened the live pages: stored copies, or unverified."""
    hows = Counter(s.check.how for s in all_sources(shipped_content))
    assert set(hows) <= {"stored-copy", "unverified"} and hows["stored-copy"] > 100, hows
    for s in all_sources(shipped_content):
        assert (s.check.on is None) == (s.check.how == "unverified"), s.url
        assert s.check.on in (None, date(2026, 11, 29), date(2026, 12, 6)), s.url


def test_archived_training_and_out_of_region_pages_say_so(shipped_content):
    by_url = {s.url: s for s in all_sources(shipped_content)}
    archived = next(s for url, s in by_url.items() if url.startswith(ARCHIVED_PAGE))
    assert archived.kind == "archive" and archived.check.copy_date == "2016"
    training = by_url["http://train-birminghamchoice.abritas.net/content/Registration/"
                      "Beforeyoustart"]
    assert training.kind == "training"
    westminster = by_url["https://www.westminster.gov.uk/housing/homelessness/"
                         "prevention-and-relief-duties"]
    assert westminster.kind == "out-of-region"


def test_the_old_checked_field_is_refused_with_the_fix(content_copy):
    def old_form(d):
        source = d["sources"][0]
        source.pop("check")
        source["checked"] = date(2026, 11, 29)
    edit(content_copy, ARTICLE, old_form)
    (error,) = problems(content_copy)
    assert "[sources[0].checked]: 'checked:' no longer says enough" in error
    assert "live, stored-copy or unverified" in error


def test_a_live_check_needs_the_officer_and_the_day(content_copy):
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "live", "on": date(2026, 12, 1)}))
    (error,) = problems(content_copy)
    assert "[sources[0].check.by]: a live check needs the name of who did it" in error
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "live", "by": "A. Officer"}))
    (error,) = problems(content_copy)
    assert "[sources[0].check.on]: is missing" in error
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "live", "on": date(2026, 12, 1), "by": "A. Officer"}))
    assert problems(content_copy) == []


def test_unknown_ways_of_checking_and_kinds_of_page(content_copy):
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "stored_copy", "on": date(2026, 11, 29)}))
    (error,) = problems(content_copy)
    assert "unknown way of checking 'stored_copy'" in error and "'stored-copy'" in error
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "stored-copy", "on": date(2026, 11, 29)}, kind="archived"))
    (error,) = problems(content_copy)
    assert "unknown kind of page 'archived'" in error and "'archive'" in error


def test_a_check_cannot_be_in_the_future_nor_a_copy_date_be_words(content_copy):
    edit(content_copy, ARTICLE, lambda d: d["sources"][0].update(
        check={"how": "stored-copy", "on": date(2030, 1, 1), "copy_date": "about 2016"}))
    found = problems(content_copy)
    assert any("check.on]: 2030-01-01 is in the future" in e for e in found), found
    assert any("'about 2016' is not a date or year" in e for e in found), found


def test_a_number_from_an_archive_cannot_be_verified(content_copy):
    def claim_verified(d):
        d["contacts"][1]["verified"] = True  # birmingham-housing-options, from the 2016 page
    edit(content_copy, BIRMINGHAM, claim_verified)
    (error,) = problems(content_copy)
    assert "[contacts[1].verified]: the number comes from an archived page" in error


def test_residents_are_not_sent_to_a_second_hand_page(content_copy):
    """A contact whose website is the archived page, and an article whose only source
    is one, are warned about, naming the council's own page."""
    edit(content_copy, BIRMINGHAM, lambda d: d["contacts"][1].update(
        website=d["contacts"][1]["source"]["url"]))
    archived = {"url": ARCHIVED_PAGE + "c=Page", "kind": "archive",
                "check": {"how": "stored-copy", "on": date(2026, 11, 29), "copy_date": 2016}}
    edit(content_copy, ARTICLE, lambda d: d.update(sources=[archived]))
    warnings = problems(content_copy, "warning")
    assert any("[contacts[1].website]: residents are sent to an archived page" in w
               for w in warnings), warnings
    article = next(w for w in warnings if str(ARTICLE) in w)
    assert "every source is an archived page" in article
    assert "https://www.birmingham.gov.uk" in article  # the council's own website
