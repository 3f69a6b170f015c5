"""Disclosure control over random tables (hypothesis): nothing from 1 to 4 is ever
shown, and no hidden cell can be worked out from the published totals, checked here by
linear algebra (not by the graph argument insights/disclosure.py uses) and by trying
every value a hidden cell could take within its row or column."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from insights.disclosure import FEWER_THAN_5, HIDDEN, Grid, Shown, protect, share

# Mostly small counts, where suppression matters, with zeros and a few large ones.
counts = st.one_of(st.integers(0, 6), st.integers(0, 40), st.just(0))


@st.composite
def grids(draw, max_rows: int = 6, max_columns: int = 5) -> Grid:
    rows = draw(st.integers(1, max_rows))
    columns = draw(st.integers(1, max_columns))
    cells = {(r, c): draw(counts) for r in range(rows) for c in range(columns)}
    return Grid("t", "row", [f"r{r}" for r in range(rows)], [f"c{c}" for c in range(columns)],
                cells)


def lines_of(grid: Grid, positions: set) -> list[list]:
    """Each published additive relation: cells then their total (independent of the code)."""
    rows, columns = len(grid.rows), len(grid.columns)
    if rows == 1:
        return [[(0, c) for c in range(columns + 1)]]
    if columns == 1:
        return [[(r, 0) for r in range(rows + 1)]]
    return ([[(r, c) for c in range(columns + 1)] for r in range(rows + 1)]
            + [[(r, c) for r in range(rows + 1)] for c in range(columns + 1)])


def determined(grid: Grid, shown: dict) -> list:
    """Hidden positions the published numbers fix exactly (linear algebra)."""
    hidden = sorted(p for p, s in shown.items() if s.hidden)
    if not hidden:
        return []
    index = {p: i for i, p in enumerate(hidden)}
    rows = []
    for line in lines_of(grid, set(shown)):
        *cells, total = line
        row = np.zeros(len(hidden))
        for p in cells:
            if p in index:
                row[index[p]] += 1
        if total in index:
            row[index[total]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    fixed = []
    for p, i in index.items():
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            fixed.append(p)
    return fixed


def pinned_by_bounds(grid: Grid, shown: dict) -> list:
    """Hidden cells with one possible value in a line whose total is shown, trying every
    combination: "fewer than 5" is 1-4, "hidden" 5 up to the line's hidden amount."""
    found = []
    for line in lines_of(grid, set(shown)):
        *cells, total = line
        unknown = [p for p in cells if shown[p].hidden]
        if not unknown or shown[total].hidden:
            continue
        amount = shown[total].value - sum(shown[p].value for p in cells if not shown[p].hidden)
        ranges = [range(1, 5) if shown[p].text == FEWER_THAN_5 else range(5, amount + 1)
                  for p in unknown]
        if len(unknown) > 4 or amount > 60:
            continue  # too many combinations for brute force; the graph test still applies
        possible = [set() for _ in unknown]
        for combo in itertools.product(*ranges):
            if sum(combo) == amount:
                for i, v in enumerate(combo):
                    possible[i].add(v)
        found += [p for p, values in zip(unknown, possible) if len(values) <= 1]
    return found


@settings(max_examples=300, deadline=None)
@given(grids())
def test_small_counts_are_never_shown_and_nothing_hidden_can_be_worked_out(grid):
    shown = protect(grid).shown
    for position, cell in shown.items():
        if 0 < cell.value < 5:
            assert cell.hidden and cell.text == FEWER_THAN_5 and cell.number is None
        if cell.hidden:
            assert cell.text in (FEWER_THAN_5, HIDDEN) and str(cell.value) != cell.text
        else:
            assert cell.text == str(cell.value)
    assert determined(grid, shown) == []
    assert pinned_by_bounds(grid, shown) == []


@settings(max_examples=200, deadline=None)
@given(grids())
def test_published_numbers_are_the_true_ones(grid):
    protected = protect(grid)
    for r in range(len(grid.rows)):
        for c in range(len(grid.columns)):
            cell = protected.cell(r, c)
            assert cell.value == grid.value(r, c)
    total = protected.shown[max(protected.shown)]
    assert total.value == sum(grid.cells.values())


@given(st.integers(0, 50), st.integers(0, 50))
def test_no_percentage_on_a_hidden_or_small_base(part, base):
    for part_hidden, base_hidden in itertools.product((None, "primary"), repeat=2):
        answer = share(Shown(min(part, base), part_hidden), Shown(base, base_hidden))
        if part_hidden or base_hidden or base < 5:
            assert answer is None
        else:
            assert answer == f"{round(100 * min(part, base) / base)}%"


def test_a_known_table_by_hand():
    grid = Grid("t", "row", ["a", "b", "c"], ["p", "q"],
                {(0, 0): 3, (0, 1): 10, (1, 0): 7, (1, 1): 20, (2, 0): 12, (2, 1): 9})
    p = protect(grid)
    texts = [[p.cell(r, c).text for c in range(3)] for r in range(4)]
    assert texts == [["fewer than 5", "hidden", "13"], ["hidden", "hidden", "27"],
                     ["12", "9", "21"], ["22", "39", "61"]]
