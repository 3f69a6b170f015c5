"""The optional, anonymous question "What is your ethnic group?" (issue 19 item 4).

The answers are the ONS 2021 Census categories for England, in the census's order and
groups, as GOV.UK lists them ("List of ethnic groups", Race Disparity Unit, Ethnicity
facts and figures: https://www.ethnicity-facts-figures.service.gov.uk/style-guide/
ethnic-groups, section "2021 Census"), plus "Prefer not to say". Their words, in every
language, are interface texts (web/interface/<language>.yml, keys `ethnic_<code>`), so
translators change them without a developer.

An answer is stored as +1 on a count for (month, language of the page, answer), and
nothing else: not the conversation, not the day, not the council, not the time. Nothing
records who answered, so the count cannot be joined back to a conversation.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from insights.models import EthnicGroupCount
from knowledge.languages import LANGUAGES

# (group code, [answer codes]) in the census's order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("asian", ("indian", "pakistani", "bangladeshi", "chinese", "other_asian")),
    ("black", ("caribbean", "african", "other_black")),
    ("mixed", ("white_black_caribbean", "white_black_african", "white_asian", "other_mixed")),
    ("white", ("white_british", "irish", "gypsy_irish_traveller", "roma", "other_white")),
    ("other", ("arab", "any_other")),
)
PREFER_NOT_TO_SAY = "prefer_not_to_say"
ANSWER_CODES: tuple[str, ...] = tuple(code for _, codes in GROUPS for code in codes) + \
    (PREFER_NOT_TO_SAY,)
# Interface text keys the page and the insights page use.
QUESTION_KEYS = ("ethnic_question", "ethnic_why", "ethnic_send", "ethnic_skip",
                 "ethnic_thanks", *(f"ethnic_group_{g}" for g, _ in GROUPS),
                 *(f"ethnic_{c}" for c in ANSWER_CODES))


class NotAnAnswer(ValueError):
    """Something that is not one of the listed answers (nothing is stored)."""


def record_answer(engine: Engine, answer: str, language: str, today: date) -> None:
    """Add one to the month's count for this answer and language; nothing else is kept."""
    if answer not in ANSWER_CODES:
        raise NotAnAnswer(answer[:40])
    language = language if language in LANGUAGES else "en"
    month = today.replace(day=1)
    where = (EthnicGroupCount.month == month, EthnicGroupCount.language == language,
             EthnicGroupCount.answer == answer)
    for _ in range(3):  # two answers at once may both try to make the month's row
        with engine.begin() as connection:
            changed = connection.execute(update(EthnicGroupCount).where(*where).values(
                answers=EthnicGroupCount.answers + 1)).rowcount
            if changed:
                return
            try:
                with connection.begin_nested():
                    connection.execute(EthnicGroupCount.__table__.insert().values(
                        month=month, language=language, answer=answer, answers=1))
                return
            except IntegrityError:
                continue
    raise RuntimeError("could not record the answer")


def counts(engine: Engine) -> dict[tuple[date, str, str], int]:
    with engine.connect() as connection:
        return {(m, lang, a): n for m, lang, a, n in connection.execute(select(
            EthnicGroupCount.month, EthnicGroupCount.language, EthnicGroupCount.answer,
            EthnicGroupCount.answers))}
