"""The law register: an answer never relies on, or repeats, law that has been repealed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from knowledge.cli import law_change_report, main
from knowledge.content_files import ContentLoader
from knowledge.validation import validate
from tests.conftest import CONTENT_DATE

THREATENED = Path("articles/homelessness/homeless-threatened.yml")
LAW = Path("law.yml")
OLD_SENTENCE = ("your landlord has given you a valid section 21 notice for your only home, "
                "and it ends within 56 days")
SECTION_21_ABOLISHED = date(2026, 5, 1)


def edit(root: Path, relative: Path, change) -> None:
    path = root / relative
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)  # noqa: S506
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def errors(root: Path, today: date = CONTENT_DATE) -> list[str]:
    return [str(p) for p in validate(root, today=today).errors]


def test_every_provision_is_sourced_and_none_claims_a_live_check(shipped_content):
    assert len(shipped_content.provisions) >= 20
    for p in shipped_content.provisions:
        assert p.source.ref and p.source.url.startswith("http"), p.id
        assert p.source.check.how in ("stored-copy", "unverified"), p.id
    s21 = next(p for p in shipped_content.provisions if p.id == "housing-act-1988-s21")
    assert s21.repealed == SECTION_21_ABOLISHED and s21.source.ref == "H1"


def test_putting_the_old_section_21_sentence_back_fails(content_copy):
    """The sentence from before 1 May 2026, without any law: tag, is caught by its words."""
    def put_back(d):
        d["body"] += f"\n\nIn law you are threatened with homelessness if {OLD_SENTENCE}."
    edit(content_copy, THREATENED, put_back)
    found = errors(content_copy)
    assert len(found) == 1, found
    assert "homeless-threatened.yml [body]" in found[0]
    assert '"valid section 21 notice"' in found[0] and "2026-05-01" in found[0]


def test_the_old_sentence_was_right_before_the_repeal(content_copy):
    """--today works with it: the same words pass on a day before section 21 was abolished."""
    edit(content_copy, THREATENED, lambda d: d.update(body=d["body"] + f"\n\n{OLD_SENTENCE}."))
    assert errors(content_copy, today=date(2026, 4, 30)) == []
    assert errors(content_copy, today=SECTION_21_ABOLISHED)


def test_relying_on_a_repealed_provision_fails(content_copy):
    edit(content_copy, THREATENED, lambda d: d["law"].append("housing-act-1988-s21"))
    found = errors(content_copy)
    assert len(found) == 1 and "[law]: relies on Housing Act 1988, section 21" in found[0]
    assert "repealed on 2026-05-01" in found[0]
    code = main(["--content", str(content_copy), "--today", "2026-04-30", "validate"])
    assert code == 0  # the day before the repeal it was still the law
    assert main(["--content", str(content_copy), "--today", "2026-05-01", "validate"]) == 1


def test_obsolete_phrases_are_checked_in_translations_too(content_copy):
    def add_polish(d):
        s21 = next(p for p in d["provisions"] if p["id"] == "housing-act-1988-s21")
        s21["obsolete_phrases"]["pl"] = ["ważne wypowiedzenie z sekcji 21"]
    edit(content_copy, LAW, add_polish)
    polish = Path("translations/pl/homeless-threatened.yml")
    edit(content_copy, polish, lambda d: d.update(
        body=d["body"] + "\n\nMasz ważne wypowiedzenie z sekcji 21."))
    found = errors(content_copy)
    assert len(found) == 1 and "translations/pl/homeless-threatened.yml" in found[0]


def test_unknown_provision_suggests_the_right_id(content_copy):
    edit(content_copy, THREATENED, lambda d: d["law"].append("housing-act-1996-s1755"))
    found = errors(content_copy)
    assert len(found) == 1 and "'housing-act-1996-s1755' is not in law.yml" in found[0]
    assert "did you mean 'housing-act-1996-s175'?" in found[0]


def test_a_provision_needs_a_source_and_known_amenders(content_copy):
    def break_register(d):
        d["provisions"][0].pop("source")
        d["provisions"][-1]["amended"] = [{"on": date(2027, 1, 1), "by": "no-such-act-2027"}]
    edit(content_copy, LAW, break_register)
    found = errors(content_copy)
    assert any("provisions[0].source]: is missing" in e for e in found), found
    assert any("'no-such-act-2027' is not in law.yml" in e for e in found), found


def test_stale_lists_every_article_touched_by_a_law_change_within_90_days(shipped_content):
    soon = law_change_report(shipped_content, date(2026, 2, 1))  # 89 days before 1 May
    s8 = next(line for line in soon if line.startswith("LAW CHANGE      housing-act-1988-s8 "))
    relying = sorted(a.id for a in shipped_content.articles if "housing-act-1988-s8" in a.law)
    assert relying and s8.endswith(", ".join(relying))
    assert law_change_report(shipped_content, date(2026, 1, 30)) == []  # 91 days before
    assert law_change_report(shipped_content, CONTENT_DATE) == []  # nothing coming now


def test_stale_command_shows_law_changes(content_copy, capsys):
    assert main(["--content", str(content_copy), "--today", "2026-03-01", "stale"]) == 0
    out = capsys.readouterr().out
    assert "LAW CHANGE      renters-rights-act-2025 on 2026-05-01: " in out
    assert "homeless-threatened" in out.split("renters-rights-act-2025", 1)[1].splitlines()[0]
