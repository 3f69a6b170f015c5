"""Disclosure control: no published number lets anyone single out a handful of residents.

The rule (docs/privacy.md says it in plain English):
1. primary: every count from 1 to 4 is shown as "fewer than 5", wherever it is shown
   (page, CSV, JSON); zeros are shown, they describe nobody;
2. secondary: row totals, column totals and the grand total are shown, so more cells are
   hidden ("hidden") until no hidden cell can be worked out from the totals:
   - exactly, by adding and subtracting: seen as a graph whose nodes are the table's rows
     and columns (totals included) and whose edges are the hidden cells, a hidden cell is
     fixed by the totals exactly when it is a bridge (on no cycle), so cells are hidden
     until none is a bridge;
   - by bounds, in a row or column whose total is shown: a "fewer than 5" is between 1
     and 4, a "hidden" cell at least 5 (the rule hides the smallest cells of 5 or more),
     and no hidden cell may be left with only one possible value;
3. a percentage is only worked out when both its count and its base are shown.

Pure functions over plain numbers, so the property tests (tests/insights/
test_disclosure_properties.py) can check them against linear algebra on random tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

THRESHOLD = 5
FEWER_THAN_5 = "fewer than 5"
HIDDEN = "hidden"
PRIMARY, SECONDARY = "primary", "secondary"
TOTAL = "Total"
# Lines whose hidden part is larger than this are not searched value by value: by then a
# hidden cell of 5 or more can always give or take, so no cell is pinned (see _pinned).
BOUNDS_SEARCH_LIMIT = 5000

Position = tuple[int, int]


@dataclass(frozen=True)
class Shown:
    """A count as published: its value, unless hidden (and why)."""

    value: int
    hidden: str | None = None

    @property
    def text(self) -> str:
        if self.hidden == PRIMARY:
            return FEWER_THAN_5
        if self.hidden == SECONDARY:
            return HIDDEN
        return str(self.value)

    @property
    def number(self) -> int | None:
        """The value when it may be shown; None when hidden (never leak it by accident)."""
        return None if self.hidden else self.value


@dataclass
class Grid:
    """Counts by row and column before protection (rows x columns, totals worked out)."""

    title: str
    row_heading: str
    rows: list[str]
    columns: list[str]
    cells: dict[Position, int] = field(default_factory=dict)
    row_names: dict[str, str] = field(default_factory=dict)  # codes -> names for people
    column_names: dict[str, str] = field(default_factory=dict)

    def value(self, r: int, c: int) -> int:
        return int(self.cells.get((r, c), 0))


@dataclass
class Protected:
    """A grid as it may be published: every cell, row total, column total and the grand
    total as a Shown. Rows and columns keep the grid's codes and names."""

    grid: Grid
    shown: dict[Position, Shown]  # (r, c); r == len(rows) is the totals row, likewise c

    @property
    def has_row_totals(self) -> bool:
        return len(self.grid.columns) > 1 or len(self.grid.rows) == 1

    @property
    def has_totals_row(self) -> bool:
        return len(self.grid.rows) > 1

    @property
    def totals_row(self) -> int:
        return len(self.grid.rows)

    @property
    def totals_column(self) -> int:
        return len(self.grid.columns)

    def cell(self, r: int, c: int) -> Shown:
        return self.shown[(r, c)]

    def column_total(self, c: int) -> Shown:
        """The total of column `c` (its only cell when the table has one row)."""
        return self.shown[(self.totals_row if self.has_totals_row else 0, c)]

    def grand_total(self) -> Shown:
        r = self.totals_row if self.has_totals_row else 0
        return self.shown[(r, self.totals_column if self.has_row_totals else 0)]

    def hidden_positions(self) -> set[Position]:
        return {p for p, s in self.shown.items() if s.hidden}


def protect(grid: Grid) -> Protected:
    """The grid with primary and secondary suppression applied (see the module's rules)."""
    matrix = _with_totals(grid)
    hidden: dict[Position, str] = {p: PRIMARY for p, v in matrix.items()
                                   if 0 < v < THRESHOLD}
    lines = _lines(len(grid.rows), len(grid.columns))
    while True:
        problem = _first_problem(matrix, hidden, lines, len(grid.rows), len(grid.columns))
        if problem is None:
            break
        complement = _complement(matrix, hidden, lines, problem)
        if complement is None:  # nothing left to hide: every non-zero count is hidden
            break
        hidden[complement] = SECONDARY
    return Protected(grid, {p: Shown(v, hidden.get(p)) for p, v in matrix.items()})


def share(part: Shown, base: Shown) -> str | None:
    """`part` as a percentage of `base`, only when both are shown and the base is not
    below the threshold; otherwise None (shown as a dash)."""
    if part.hidden or base.hidden or base.value < THRESHOLD:
        return None
    return f"{round(100 * part.value / base.value)}%"


# -- the table with its totals ---------------------------------------------------------------
def _with_totals(grid: Grid) -> dict[Position, int]:
    """The cells with their totals. A table of one column has no row totals (each would
    repeat its row) and a table of one row no totals row, so nothing is published twice."""
    rows, columns = len(grid.rows), len(grid.columns)
    matrix = {(r, c): grid.value(r, c) for r in range(rows) for c in range(columns)}
    if columns > 1 or rows == 1:
        for r in range(rows):
            matrix[(r, columns)] = sum(grid.value(r, c) for c in range(columns))
    if rows > 1:
        for c in range(columns + (1 if columns > 1 else 0)):
            matrix[(rows, c)] = sum(matrix[(r, c)] for r in range(rows))
    return matrix


def _lines(rows: int, columns: int) -> list[list[Position]]:
    """Each row and column as its cells followed by its total (the last position)."""
    lines = [[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)]
    if rows == 1:  # one row: the totals row repeats it, and columns say nothing more
        lines = [lines[0]]
    elif columns == 1:
        lines = [lines[rows + 1]]
    return lines


def _first_problem(matrix: dict[Position, int], hidden: dict[Position, str],
                   lines: list[list[Position]], rows: int, columns: int) -> Position | None:
    for line in lines:
        pinned = _pinned(matrix, hidden, line)
        if pinned is not None:
            return pinned
    if rows > 1 and columns > 1:
        bridges = _bridges(set(hidden), rows, columns)
        if bridges:
            return min(bridges)
    return None


def _pinned(matrix: dict[Position, int], hidden: dict[Position, str],
            line: list[Position]) -> Position | None:
    """A hidden cell of this line left with one possible value, or None. With the total
    shown, the hidden cells add up to a known amount; each "fewer than 5" is 1 to 4 and
    each "hidden" at least 5. (Lines with a hidden total are left to the bridge test.)"""
    *cells, total = line
    unknown = [p for p in cells if p in hidden]
    if not unknown or total in hidden:
        return None
    if len(unknown) == 1:
        return unknown[0]
    amount = matrix[total] - sum(matrix[p] for p in cells if p not in hidden)
    if amount > BOUNDS_SEARCH_LIMIT:
        return None
    options = [_possible(hidden[p], amount) for p in unknown]
    for i, p in enumerate(unknown):
        others = _sums(options[:i] + options[i + 1:], amount)
        fits = [v for v in options[i] if amount - v >= 0 and others >> (amount - v) & 1]
        if len(fits) <= 1:
            return p
    return None


def _possible(reason: str, amount: int) -> list[int]:
    return list(range(1, THRESHOLD)) if reason == PRIMARY else list(range(THRESHOLD, amount + 1))


def _sums(options: list[list[int]], limit: int) -> int:
    """Every total the cells can make (bit n set: n is possible), up to `limit`."""
    reachable, mask = 1, (1 << (limit + 1)) - 1
    for values in options:
        step = 0
        for v in values:
            step |= reachable << v
        reachable = step & mask
    return reachable


def _bridges(hidden: set[Position], rows: int, columns: int) -> list[Position]:
    """Hidden cells on no cycle of the row/column graph: the ones the totals fix exactly."""
    def node_row(r: int) -> str:
        return f"r{r}"

    def node_column(c: int) -> str:
        return f"c{c}"

    edges = sorted(hidden)
    found = []
    for edge in edges:
        graph: dict[str, set[str]] = {}
        for other in edges:
            if other == edge:
                continue
            a, b = node_row(other[0]), node_column(other[1])
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
        start, goal = node_row(edge[0]), node_column(edge[1])
        if not _connected(graph, start, goal):
            found.append(edge)
    return found


def _connected(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _complement(matrix: dict[Position, int], hidden: dict[Position, str],
                lines: list[list[Position]], problem: Position) -> Position | None:
    """The smallest shown count of 5 or more beside the problem cell (its row or column),
    else anywhere in the table; hiding it gives the totals another unknown."""
    nearby = {p for line in lines if problem in line for p in line}
    hidden_rows = {r for r, _ in hidden}
    hidden_columns = {c for _, c in hidden}

    def closes_a_rectangle(p: Position) -> int:
        # A cell whose row and column already hold hidden cells most often puts the
        # problem on a cycle: fewer cells hidden in all.
        return 0 if p[0] in hidden_rows and p[1] in hidden_columns else 1

    for pool in (nearby, set(matrix)):
        candidates = [p for p in pool if p not in hidden and matrix[p] >= THRESHOLD]
        if candidates:
            return min(candidates, key=lambda p: (closes_a_rectangle(p), matrix[p], p))
    return None


def visible(cells: Iterable[Shown]) -> list[str]:
    return [c.text for c in cells]
