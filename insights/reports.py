"""The tables people read, from the count tables, filtered, then protected.

Every table is built as a Grid of raw counts for the filters asked for (date range,
council, language) and goes through disclosure.protect before anyone sees it: suppression
is worked out on the table as shown, so filtering never uncovers a small number inside
a table. Tables whose columns are not parts of one whole (requests claimed are also
requests made) are split so that every row total is a true total.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from advice.accounts import known_councils
from insights.catalogue import NOT_UNDERSTOOD
from insights.conversations import ANSWERED, CONCERN, DANGER, FELL_BACK, HANDED_OVER
from insights.disclosure import THRESHOLD, Grid, Protected, protect, share
from insights.ethnicity import ANSWER_CODES
from insights.models import (
    UNKNOWN,
    ClaimTimeCount,
    ConversationCount,
    DemandCount,
    EthnicGroupCount,
    HandoffCount,
    SafetyCount,
)
from knowledge.languages import LANGUAGES

OUTCOME_NAMES = {ANSWERED: "Answered", FELL_BACK: "Not understood at first",
                 HANDED_OVER: "Handed to a person"}
TIER_NAMES = {DANGER: "Crisis reply (danger)", CONCERN: "Safety check (concern)"}
STATE_NAMES = {"not_claimed": "Not claimed yet", "open": "Claimed, still open",
               "resolved": "Resolved", "returned": "Returned to the assistant"}
GENDER_NAMES = {"woman": "A woman", "man": "A man", "any": "No preference",
                UNKNOWN: "Not asked"}


@dataclass(frozen=True)
class Filters:
    start: date
    end: date  # inclusive
    council: str | None = None
    language: str | None = None

    def apply(self, query: Any, table: Any, by_day: bool = True) -> Any:
        if by_day:
            query = query.where(table.day >= self.start, table.day <= self.end)
        if self.council and hasattr(table, "council"):
            query = query.where(table.council == self.council)
        if self.language:
            query = query.where(table.language == self.language)
        return query

    def as_query(self) -> dict[str, str]:
        found = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.council:
            found["council"] = self.council
        if self.language:
            found["language"] = self.language
        return found


@dataclass
class Report:
    """One published table: its id (for CSV links), title, what it counts, and a note."""

    id: str
    protected: Protected
    counts: str  # "questions", "conversations"...
    note: str = ""
    extra: list[tuple[str, str]] | None = None  # (label, value) lines under the table


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks(filters: Filters) -> list[date]:
    first, found = week_start(filters.start), []
    while first <= filters.end:
        found.append(first)
        first += timedelta(days=7)
    return found


def _grid(title: str, heading: str, rows: list[str], columns: list[str],
          values: dict[tuple[str, str], int], row_names: dict[str, str] | None = None,
          column_names: dict[str, str] | None = None, keep_empty_rows: bool = False) -> Grid:
    if not keep_empty_rows:
        rows = [r for r in rows if any(values.get((r, c)) for c in columns)]
    cells = {(i, j): values.get((r, c), 0) for i, r in enumerate(rows)
             for j, c in enumerate(columns)}
    return Grid(title, heading, rows, columns, cells, row_names or {}, column_names or {})


def _sum(engine: Engine, table: Any, measure: Any, keys: list[Any], filters: Filters,
         extra: Callable[[Any], Any] | None = None) -> dict[tuple, int]:
    query = filters.apply(select(*keys, func.sum(measure)).group_by(*keys), table)
    if extra is not None:
        query = extra(query)
    with engine.connect() as connection:
        return {tuple(row[:-1]): int(row[-1] or 0) for row in connection.execute(query)}


def _weekly(raw: dict[tuple, int]) -> dict[tuple[str, str], int]:
    """(row, day) -> (row, week start as text)."""
    out: dict[tuple[str, str], int] = {}
    for (row, day), n in raw.items():
        key = (str(row), week_start(day).isoformat())
        out[key] = out.get(key, 0) + n
    return out


def council_names() -> dict[str, str]:
    return {**known_councils(), UNKNOWN: "Council not known"}


def language_names() -> dict[str, str]:
    return {**{c: l.english_name for c, l in LANGUAGES.items()}, UNKNOWN: "Not known"}


def week_names(filters: Filters) -> dict[str, str]:
    return {w.isoformat(): f"w/c {w.day} {w:%b}" for w in weeks(filters)}


def demand(engine: Engine, filters: Filters) -> list[Report]:
    week_columns = [w.isoformat() for w in weeks(filters)]
    by_topic = _weekly(_sum(engine, DemandCount, DemandCount.questions,
                            [DemandCount.topic, DemandCount.day], filters))
    topics = sorted({t for t, _ in by_topic}, key=lambda t: (t == NOT_UNDERSTOOD, t))
    topic_names = {t: t.replace("_", " ").capitalize() for t in topics}
    topic_names[NOT_UNDERSTOOD] = "Not understood"
    by_language = _sum(engine, DemandCount, DemandCount.questions,
                       [DemandCount.language, DemandCount.outcome], filters)
    by_place = _sum(engine, ConversationCount, ConversationCount.conversations,
                    [ConversationCount.council, ConversationCount.language], filters)
    worker = _weekly({(("Community worker" if w else "Resident"), d): n for (w, d), n in _sum(
        engine, ConversationCount, ConversationCount.conversations,
        [ConversationCount.worker_mode, ConversationCount.day], filters).items()})
    closed = _weekly(_sum(engine, DemandCount, DemandCount.questions,
                          [DemandCount.topic, DemandCount.day], filters,
                          lambda q: q.where(DemandCount.closed_scheme.is_(True))))
    languages = list(LANGUAGES) + [UNKNOWN]
    councils = list(council_names())
    reports = [
        Report("questions-by-topic", protect(_grid(
            "Questions by topic and week", "Topic", topics, week_columns, by_topic,
            topic_names, week_names(filters))), "questions"),
        Report("questions-by-language", protect(_grid(
            "Questions by language and what became of them", "Language", languages,
            list(OUTCOME_NAMES), {(str(a), str(b)): n for (a, b), n in by_language.items()},
            language_names(), OUTCOME_NAMES)), "questions"),
        Report("conversations-by-council", protect(_grid(
            "Conversations by council and language", "Council", councils, languages,
            {(str(a), str(b)): n for (a, b), n in by_place.items()}, council_names(),
            language_names())), "conversations",
            "A conversation counts once on each day it has a message."),
        Report("worker-mode", protect(_grid(
            "Conversations in community-worker mode, by week", "Who typed",
            ["Resident", "Community worker"], week_columns, worker, {}, week_names(filters),
            keep_empty_rows=True)), "conversations"),
        Report("closed-schemes", protect(_grid(
            "Questions about schemes that had closed, by week", "Topic",
            sorted({t for t, _ in closed}), week_columns, closed, topic_names,
            week_names(filters))), "questions",
            "Demand the region is not meeting: residents asking about a scheme after it closed."),
    ]
    worker_table = reports[3].protected
    total, workers = worker_table.grand_total(), worker_table.cell(1, len(week_columns))
    reports[3].extra = [("Share of conversations in worker mode", share(workers, total) or "—")]
    return reports


Counts = dict[tuple[str, str], int]


def _handoff_counts(engine: Engine, filters: Filters) -> tuple[Counts, Counts, Counts, Counts]:
    """Requests by (language, state), (council, state), (language, interpreter) and
    (preferred gender, callbacks), from the daily handoff counts that match the filters."""
    measures = [HandoffCount.requested, HandoffCount.claimed, HandoffCount.resolved,
                HandoffCount.returned]
    query = filters.apply(select(HandoffCount.language, HandoffCount.council,
                                 HandoffCount.channel, HandoffCount.interpreter_needed,
                                 HandoffCount.adviser_gender,
                                 *[func.sum(m) for m in measures])
                          .group_by(HandoffCount.language, HandoffCount.council,
                                    HandoffCount.channel, HandoffCount.interpreter_needed,
                                    HandoffCount.adviser_gender), HandoffCount)
    states_by_language: dict[tuple[str, str], int] = {}
    states_by_council: dict[tuple[str, str], int] = {}
    interpreter: dict[tuple[str, str], int] = {}
    genders: dict[tuple[str, str], int] = {}
    with engine.connect() as connection:
        for language, council, channel, needs, gender, req, claimed, res, ret in \
                connection.execute(query):
            req, claimed, res, ret = (int(x or 0) for x in (req, claimed, res, ret))
            parts = {"not_claimed": req - claimed, "open": claimed - res - ret,
                     "resolved": res, "returned": ret}
            for state, n in parts.items():
                for table, row in ((states_by_language, language), (states_by_council, council)):
                    table[(row, state)] = table.get((row, state), 0) + max(0, n)
            key = (language, "needed" if needs else "not_needed")
            interpreter[key] = interpreter.get(key, 0) + req
            if channel == "callback":
                genders[(gender, "callbacks")] = genders.get((gender, "callbacks"), 0) + req
    return states_by_language, states_by_council, interpreter, genders


def handoffs(engine: Engine, filters: Filters) -> list[Report]:
    states_by_language, states_by_council, interpreter, genders = _handoff_counts(engine,
                                                                                  filters)
    languages, councils = list(LANGUAGES) + [UNKNOWN], list(council_names())
    states = list(STATE_NAMES)
    by_language = protect(_grid("Requests for a person by language, and where they got to",
                                "Language", languages, states, states_by_language,
                                language_names(), STATE_NAMES))
    by_council = protect(_grid("Requests for a person by council, and where they got to",
                               "Council", councils, states, states_by_council,
                               council_names(), STATE_NAMES))
    needs = protect(_grid("Requests needing an interpreter, by language", "Language",
                          languages, ["needed", "not_needed"], interpreter, language_names(),
                          {"needed": "Interpreter needed", "not_needed": "Not needed"}))
    gender = protect(_grid("Callbacks by the adviser the resident preferred", "Preferred adviser",
                           list(GENDER_NAMES), ["callbacks"], genders, GENDER_NAMES,
                           {"callbacks": "Callbacks"}))
    n = len(needs.grid.rows)
    reports = [Report("handoffs-by-language", by_language, "requests"),
               Report("handoffs-by-council", by_council, "requests"),
               Report("interpreters", needs, "requests"),
               Report("callbacks-by-gender", gender, "callbacks"),
               claim_times(engine, filters)]
    if n:
        reports[2].extra = [("Share needing an interpreter",
                             share(needs.column_total(0), needs.grand_total()) or "—")]
    return reports


def claim_times(engine: Engine, filters: Filters) -> Report:
    """Requests claimed, by council, with the median and 90th percentile wait read from
    the bands; both shown only when at least 5 claims are behind them and shown."""
    raw = _sum(engine, ClaimTimeCount, ClaimTimeCount.claims,
               [ClaimTimeCount.council, ClaimTimeCount.within_minutes], filters)
    bands: dict[str, dict[int, int]] = {}
    for (council, edge), n in raw.items():
        bands.setdefault(council, {})[edge] = bands.setdefault(council, {}).get(edge, 0) + n
    councils = list(council_names())
    grid = _grid("Time to claim a request, by council", "Council", councils, ["claimed"],
                 {(c, "claimed"): sum(b.values()) for c, b in bands.items()},
                 council_names(), {"claimed": "Requests claimed"})
    protected = protect(grid)
    extra = []
    for i, council in enumerate(grid.rows):
        cell = protected.cell(i, 0)
        if cell.hidden or cell.value < THRESHOLD:
            extra.append((council_names().get(council, council), "not shown (fewer than 5 claims)"))
        else:
            extra.append((council_names().get(council, council),
                          f"median within {_band_text(band_percentile(bands[council], 0.5))}, "
                          f"90% within {_band_text(band_percentile(bands[council], 0.9))}"))
    return Report("time-to-claim", protected, "claims",
                  "Waits are kept only in bands (1, 2, 5, 10, 15, 30 minutes, 1, 2, 4, 8 "
                  "hours, 1 day, 1 week), so each figure is the band it falls in.", extra)


def band_percentile(bands: dict[int, int], share_of: float) -> int:
    """The band holding the nearest-rank percentile (the value really observed)."""
    total = sum(bands.values())
    rank, seen = max(1, -(-int(total * share_of * 1000) // 1000)), 0
    for edge in sorted(bands):
        seen += bands[edge]
        if seen >= rank:
            return edge
    return max(bands)


def _band_text(edge: int) -> str:
    if edge > 10080:
        return "more than a week"
    if edge >= 1440:
        return f"{edge // 1440} day{'s' if edge >= 2880 else ''}"
    if edge >= 60:
        return f"{edge // 60} hour{'s' if edge >= 120 else ''}"
    return f"{edge} minute{'s' if edge > 1 else ''}"


def safety(engine: Engine, filters: Filters) -> list[Report]:
    raw = _sum(engine, SafetyCount, SafetyCount.messages, [SafetyCount.kind, SafetyCount.tier],
               filters)
    kinds = sorted({k for k, _ in raw})
    return [Report("safety", protect(_grid(
        "Crisis replies and safety checks, by kind", "Kind", kinds, [DANGER, CONCERN], raw,
        {k: k.replace("_", " ").capitalize() for k in kinds}, TIER_NAMES)), "messages",
        "Numbers only: no message is kept with them.")]


def ethnic_groups(engine: Engine, filters: Filters, names: dict[str, str]) -> list[Report]:
    """Answers to the optional question, by month of answer (filters by month and language;
    there is no council: the answer is never linked to a conversation)."""
    query = select(EthnicGroupCount.answer, func.sum(EthnicGroupCount.answers)).where(
        EthnicGroupCount.month >= filters.start.replace(day=1),
        EthnicGroupCount.month <= filters.end).group_by(EthnicGroupCount.answer)
    if filters.language:
        query = query.where(EthnicGroupCount.language == filters.language)
    with engine.connect() as connection:
        raw = {(a, "answers"): int(n or 0) for a, n in connection.execute(query)}
    return [Report("ethnic-groups", protect(_grid(
        "Who is asking: answers to the optional ethnic-group question", "Answer",
        list(ANSWER_CODES), ["answers"], raw, names, {"answers": "Answers"})), "answers",
        "Optional and anonymous; counted by month, never with a conversation. Not filtered "
        "by council.")]


def everything(engine: Engine, filters: Filters, answer_names: dict[str, str]) -> dict[str, list[Report]]:
    return {"Demand": demand(engine, filters), "Requests for a person": handoffs(engine, filters),
            "Safety": safety(engine, filters),
            "Who is asking": ethnic_groups(engine, filters, answer_names)}


def as_csv(report: Report) -> str:
    """The table exactly as the page shows it: hidden cells as their words, never a number."""
    p = report.protected
    g = p.grid
    out = io.StringIO()
    writer = csv.writer(out)
    header = [g.row_heading] + [g.column_names.get(c, c) for c in g.columns]
    if p.has_row_totals and len(g.columns) > 1:
        header.append("Total")
    writer.writerow(header)
    for i, row in enumerate(g.rows + (["Total"] if p.has_totals_row else [])):
        name = "Total" if i == len(g.rows) else g.row_names.get(row, row)
        cells = [p.cell(i, j).text for j in range(len(g.columns))]
        if p.has_row_totals and len(g.columns) > 1:
            cells.append(p.cell(i, len(g.columns)).text)
        writer.writerow([name] + cells)
    return out.getvalue()
