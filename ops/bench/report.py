"""Turning one benchmark run (a plain dict, also saved as JSON) into the targets
verdict, the Markdown report and the table printed at the end.

The targets come from issue 7. They are reported, never asserted: a time measured
on a shared two-core machine is evidence to read, not a test to fail.
"""
from __future__ import annotations

import math
from typing import Any

# 1.5 GB as the issue writes it (decimal), the stricter reading of the two.
RASA_MEMORY_LIMIT_MIB = 1.5e9 / 2**20


def _missing(value: float | None) -> bool:
    """No figure: NaN in a run's dict, null once it has been through JSON."""
    return value is None or math.isnan(value)


def _level(result: dict, assistant: str, users: int) -> dict | None:
    for level in result["assistants"].get(assistant, {}).get("levels", []):
        if level["users"] == users:
            return level
    return None


def targets(result: dict) -> list[dict[str, Any]]:
    """Each target of issue 7: what it asks, what we measured, and whether it is met
    (None when this run did not measure it, e.g. a level was left out)."""
    rows: list[dict[str, Any]] = []
    at10 = _level(result, "ours", 10)
    rows.append({"target": "p95 < 150 ms at 10 residents",
                 "measured": f"{_ms(at10['p95_ms'])} ms" if at10 else "not measured",
                 "met": None if at10 is None or _missing(at10["p95_ms"])
                 else at10["p95_ms"] < 150})
    ratios = [r for r in result.get("ratios", []) if not _missing(r["p50"])]
    worst = max(ratios, key=lambda r: r["p50"]) if ratios else None
    rows.append({"target": "p50 <= 1.5 x stock, at every level",
                 "measured": (f"worst {worst['p50']:.2f} x (at {worst['users']})"
                              if worst else "not measured"),
                 "met": None if worst is None else worst["p50"] <= 1.5})
    at50 = _level(result, "ours", 50)
    rows.append({"target": "no errors at 50 residents",
                 "measured": f"{at50['errors']} errors of {at50['messages']}" if at50
                 else "not measured",
                 "met": None if at50 is None else at50["errors"] == 0 and at50["messages"] > 0})
    rasa = result["assistants"].get("ours", {}).get("peak_memory_mib", {}).get("Rasa server")
    rows.append({"target": "Rasa server peak memory < 1.5 GB",
                 "measured": f"{rasa:,.0f} MiB" if rasa else "not measured",
                 "met": None if not rasa else rasa < RASA_MEMORY_LIMIT_MIB})
    return rows


def _ms(value: float) -> str:
    return "–" if _missing(value) else f"{value:,.0f}"


def _x(value: float) -> str:
    return "–" if _missing(value) else f"{value:.2f}"


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: "not measured"}[met]


def levels_table(result: dict) -> list[str]:
    lines = ["| assistant | residents | messages | errors | empty | msg/s | p50 ms | p95 ms "
             "| p99 ms | max ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in ("ours", "stock"):
        for lv in result["assistants"].get(name, {}).get("levels", []):
            lines.append(f"| {name} | {lv['users']} | {lv['messages']} | {lv['errors']} "
                         f"| {lv['empty']} | {lv['messages_per_s']:.1f} | {_ms(lv['p50_ms'])} "
                         f"| {_ms(lv['p95_ms'])} | {_ms(lv['p99_ms'])} | {_ms(lv['max_ms'])} |")
    return lines


def ratios_table(result: dict) -> list[str]:
    lines = ["| residents | p50 ours/stock | p95 ours/stock | throughput ours/stock |",
             "|---:|---:|---:|---:|"]
    for r in result.get("ratios", []):
        lines.append(f"| {r['users']} | {_x(r['p50'])} | {_x(r['p95'])} | {_x(r['throughput'])} |")
    return lines


def process_table(result: dict) -> list[str]:
    lines = ["| process | peak memory MiB | CPU ms per message, by level |",
             "|---|---:|---|"]
    for name in ("ours", "stock"):
        assistant = result["assistants"].get(name, {})
        for proc, mib in assistant.get("peak_memory_mib", {}).items():
            cpu = ", ".join(f"{lv['users']}: {_ms(lv.get('cpu_ms_per_message', {}).get(proc))}"
                            for lv in assistant.get("levels", []))
            lines.append(f"| {name}: {proc} | {mib:,.0f} | {cpu} |")
    return lines


def startup_table(result: dict) -> list[str]:
    lines = ["| assistant | model training s | start to health checks s "
             "| start to first answer s |", "|---|---:|---:|---:|"]
    for name in ("ours", "stock"):
        a = result["assistants"].get(name, {})
        training = a.get("training_s")
        note = "" if a.get("trained_now", True) else " (earlier run)"
        lines.append(f"| {name} | {'–' if training is None else f'{training:.0f}'}{note} "
                     f"| {_ms(a.get('ready_s'))} | {_ms(a.get('start_to_first_answer_s'))} |")
    return lines


def targets_table(result: dict) -> list[str]:
    lines = ["| target (issue 7) | measured | |", "|---|---|---|"]
    for row in targets(result):
        lines.append(f"| {row['target']} | {row['measured']} | {_verdict(row['met'])} |")
    return lines


def markdown(result: dict) -> str:
    s = result["settings"]
    m = result["machine"]
    think = f"{s['think_s'][0]:g}–{s['think_s'][1]:g} s"
    parts = [
        f"# Benchmark {result['date']}",
        "",
        f"`make bench`: {', '.join(str(n) for n in s['levels'])} concurrent residents, "
        f"{s['seconds']} s each, through Rasa's REST channel on loopback, with Locust "
        f"{m['locust']} (headless). Each resident holds the conversations in "
        f"`ops/bench/conversations.yml` ({s['conversations']} conversations, "
        f"{s['messages_per_round']} messages, 8 languages), pausing {think} between "
        "messages. The stock assistant is `rasa init` with the same Rasa "
        f"{m['rasa']}, under the same load, measured level by level alternately with ours.",
        "",
        f"Machine: {m['cpus']} cores; load average before {m['load_before']}, "
        f"after {m['load_after']} (other work on the machine shows here; the ratios "
        "are the figures that hold on a busy machine).",
        "",
        "## Targets", "", *targets_table(result), "",
        "## Latency and throughput per level", "", *levels_table(result), "",
        "Latency percentiles are over answered messages; errors are failed or unanswered "
        f"requests (timeout {s['timeout_s']:g} s); empty are answers with no message.",
        "",
        "## Ours / stock", "", *ratios_table(result), "",
        "Below 1 is faster for latency; above 1 is more throughput.", "",
        "## Processes", "", *process_table(result), "",
        "Peak memory is the highest resident memory of the process and its children, "
        "sampled every 0.25 s, or the kernel's high-water mark if higher.", "",
        "## Start-up", "", *startup_table(result), "",
    ]
    if result.get("notes"):
        parts += ["## Notes", "", *[f"- {n}" for n in result["notes"]], ""]
    return "\n".join(parts)


def console(result: dict) -> str:
    """The short version printed at the end of `make bench`."""
    return "\n".join([*levels_table(result), "", *ratios_table(result), "",
                      *process_table(result), "", *startup_table(result), "",
                      *targets_table(result)])
