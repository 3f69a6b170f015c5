"""The benchmark's arithmetic and its verdicts on issue 7's targets (ops/bench)."""
from __future__ import annotations

import json
import math

import pytest

from ops.bench.report import RASA_MEMORY_LIMIT_MIB, console, markdown, targets
from ops.bench.run import Settings, SettingsError, without_nan
from ops.bench.stats import LevelSummary, Sample, compare, percentile, ratio, summarise


def test_percentile_matches_linear_interpolation():
    values = [40.0, 10.0, 30.0, 20.0]  # unsorted on purpose
    assert percentile(values, 0) == 10
    assert percentile(values, 100) == 40
    assert percentile(values, 50) == pytest.approx(25)
    assert percentile(values, 95) == pytest.approx(38.5)  # numpy.percentile gives 38.5
    assert percentile([7.0], 99) == 7


def test_percentile_of_nothing_is_no_figure_not_zero():
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def _samples():
    ok = [Sample(start=100.0 + i, latency_ms=100.0 * (i + 1), ok=True) for i in range(10)]
    return ok + [Sample(start=105.0, latency_ms=30000.0, ok=False, error="HTTP 500"),
                 Sample(start=106.0, latency_ms=1.0, ok=False, error="HTTP 500"),
                 Sample(start=107.0, latency_ms=50.0, ok=True, empty=True)]


def test_summary_counts_errors_apart_from_latency():
    summary = summarise(10, _samples(), seconds=20)
    assert summary.messages == 13
    assert summary.errors == 2
    assert summary.error_kinds == {"HTTP 500": 2}
    assert summary.empty == 1
    assert summary.messages_per_s == pytest.approx(11 / 20)
    # The 30 s failure does not enter the percentiles; the 50 ms answer does.
    assert summary.max_ms == 1000
    assert summary.p50_ms == pytest.approx(500)


def test_throughput_window_defaults_to_first_send_to_last_answer():
    samples = [Sample(start=0.0, latency_ms=500.0, ok=True),
               Sample(start=9.0, latency_ms=1000.0, ok=True)]
    assert summarise(1, samples).messages_per_s == pytest.approx(2 / 10)


def test_a_level_with_nothing_answered_has_no_latency_figures():
    summary = summarise(50, [Sample(start=0.0, latency_ms=5.0, ok=False, error="refused")])
    assert summary.messages_per_s == 0
    assert math.isnan(summary.p95_ms)


def test_ratios_are_ours_over_stock_and_never_divide_by_zero():
    ours = summarise(10, [Sample(0.0, 200.0, True), Sample(1.0, 200.0, True)], seconds=1)
    stock = summarise(10, [Sample(0.0, 100.0, True)], seconds=1)
    r = compare(ours, stock)
    assert (r.p50, r.throughput) == (pytest.approx(2.0), pytest.approx(2.0))
    assert math.isnan(ratio(1.0, 0.0))
    assert math.isnan(ratio(math.nan, 1.0))


def test_summary_survives_a_trip_through_json():
    summary = summarise(1, [Sample(0.0, 5.0, ok=False, error="x")])
    data = json.loads(json.dumps(without_nan({**summary.as_dict(), "cpu_ms_per_message": {}})))
    assert data["p50_ms"] is None
    again = LevelSummary.from_dict(data)
    assert math.isnan(again.p50_ms) and again.errors == 1


def _result(p95_at_10=120.0, p50_ratio_stock_ms=100.0, errors_at_50=0, rasa_mib=700.0):
    def level(users, p50, p95, errors=0):
        return {**summarise(users, [], seconds=1).as_dict(), "p50_ms": p50, "p95_ms": p95,
                "errors": errors, "messages": 100, "messages_per_s": 5.0,
                "cpu_ms_per_message": {"Rasa server": 20.0}}
    ours = [level(10, 80.0, p95_at_10), level(50, 90.0, 200.0, errors_at_50)]
    stock = [level(10, p50_ratio_stock_ms, 100.0), level(50, p50_ratio_stock_ms, 150.0)]
    ratios = [compare(LevelSummary.from_dict(o), LevelSummary.from_dict(s)).as_dict()
              for o, s in zip(ours, stock)]
    return {"date": "2026-11-29 12:00",
            "settings": {"seconds": 60, "levels": [10, 50], "think_s": [1.0, 3.0],
                         "timeout_s": 30.0, "conversations": 13, "messages_per_round": 78},
            "machine": {"cpus": 2, "python": "3.10", "rasa": "3.6.21", "locust": "2.46.0",
                        "load_before": [1.0], "load_after": [2.0]},
            "assistants": {"ours": {"levels": ours, "training_s": 90.0,
                                    "start_to_first_answer_s": 40.0,
                                    "peak_memory_mib": {"Rasa server": rasa_mib}},
                           "stock": {"levels": stock, "training_s": 70.0, "trained_now": False,
                                     "start_to_first_answer_s": 30.0,
                                     "peak_memory_mib": {"stock Rasa server": 900.0}}},
            "ratios": ratios, "notes": []}


def test_targets_met():
    assert [row["met"] for row in targets(_result())] == [True, True, True, True]


def test_each_target_can_be_missed():
    assert targets(_result(p95_at_10=150.0))[0]["met"] is False
    assert targets(_result(p50_ratio_stock_ms=50.0))[1]["met"] is False  # 90/50 = 1.8 x
    assert targets(_result(errors_at_50=1))[2]["met"] is False
    assert targets(_result(rasa_mib=RASA_MEMORY_LIMIT_MIB + 1))[3]["met"] is False


def test_a_level_left_out_is_not_measured_rather_than_met():
    result = _result()
    result["assistants"]["ours"]["levels"] = result["assistants"]["ours"]["levels"][:1]
    assert targets(result)[2]["met"] is None


def test_report_and_table_show_every_level_and_ratio():
    result = _result()
    text = markdown(result)
    assert "| ours | 10 | 100 | 0 |" in text and "| stock | 50 |" in text
    assert "| 50 | 0.90 |" in text  # p50 ours/stock at 50 residents: 90 / 100
    assert "(earlier run)" in text
    assert "MISSED" not in console(result)


def test_settings_refuse_what_cannot_be_used():
    assert Settings.from_environment({}).levels == (1, 10, 50)
    assert Settings.from_environment({"BENCH_SECONDS": "20", "BENCH_LEVELS": "2,4"}).seconds == 20
    for bad in ({"BENCH_SECONDS": "soon"}, {"BENCH_SECONDS": "1"}, {"BENCH_LEVELS": "0"},
                {"BENCH_THINK": "3,1"}, {"BENCH_MODEL": "/nowhere/model.tar.gz"}):
        with pytest.raises(SettingsError):
            Settings.from_environment(bad)
