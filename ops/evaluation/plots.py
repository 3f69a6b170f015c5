"""Plots for the report: PNG files, drawn with matplotlib's Agg backend (no display needed).

Each function takes one measure's JSON dict and writes one figure; the report links
them. Figures are sized to be read on a laptop screen without zooming.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

DPI = 110


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def _bars(ax, labels: list[str], series: dict[str, list[float]], ylabel: str) -> None:
    width = 0.8 / len(series)
    for i, (name, values) in enumerate(series.items()):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
        bars = ax.bar(xs, values, width, label=name)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, 1.3)  # room above the bars for the legend, so it never hides one
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper center", ncol=len(series), fontsize=9, frameon=False)


def intent_scores(report: dict, path: Path) -> Path:
    languages = list(report["languages"])
    fig, ax = plt.subplots(figsize=(8, 4))
    _bars(ax, languages, {
        "intent accuracy": [report["languages"][lang]["accuracy"] for lang in languages],
        "macro-F1": [report["languages"][lang]["macro_f1"] for lang in languages],
    }, "score")
    ax.set_title(f"Intents: {report['folds']}-fold cross-validation per language")
    return _save(fig, path)


def confusion(language: str, detail: dict, path: Path) -> Path | None:
    """The worst intents of one language (rows) and what they were predicted as (columns),
    each row as shares of that intent's examples, with the counts written in."""
    matrix = detail["confusion"]
    rows, columns, counts = matrix["rows"], matrix["columns"], matrix["counts"]
    if not rows:
        return None
    shares = [[c / max(1, sum(r)) for c in r] for r in counts]
    fig, ax = plt.subplots(figsize=(1.0 + 0.62 * len(columns), 1.8 + 0.45 * len(rows)))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    f1 = {w["intent"]: w["f1"] for w in detail["worst_intents"]}
    ax.set_yticks(range(len(rows)), [f"{r} (F1 {f1.get(r, 0):.2f})" for r in rows], fontsize=8)
    ax.set_xticks(range(len(columns)), columns, rotation=45, ha="right", fontsize=8)
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                        color="white" if shares[i][j] > 0.55 else "black")
    ax.set_xlabel("predicted as")
    ax.set_ylabel("true intent (worst F1 first)")
    ax.set_title(f"{language}: the {len(rows)} worst intents and what they were taken for",
                 fontsize=10)
    return _save(fig, path)


def language_id(report: dict, path: Path) -> Path:
    languages = list(report["languages"])
    fig, ax = plt.subplots(figsize=(8, 3.6))
    _bars(ax, languages, {"accuracy": [report["languages"][lang]["accuracy"]
                                       for lang in languages]}, "accuracy")
    ax.set_title("Language identification on short messages")
    return _save(fig, path)


def crisis(report: dict, path: Path) -> Path:
    languages = list(report["languages"])
    fig, ax = plt.subplots(figsize=(8, 3.8))
    rows = [report["languages"][lang] for lang in languages]
    _bars(ax, languages, {
        "crisis reached (1 or 2)": [r.get("reached", r["recall"]) for r in rows],
        "crisis by 1": [r.get("reached_danger", r["recall"]) for r in rows],
        "ordinary: 1 or 2": [r["false_alarm_rate"] for r in rows],
    }, "share")
    ax.set_title("Crisis detection on held-out messages")
    return _save(fig, path)


def answers_by_language(report: dict, path: Path) -> Path:
    languages = list(report["languages"])
    fig, ax = plt.subplots(figsize=(8, 3.8))
    series = {"answered correctly": [report["languages"][lang]["share"] for lang in languages]}
    if all("right_article" in report["languages"][lang] for lang in languages):
        series["right article shown"] = [report["languages"][lang]["right_article"]
                                         for lang in languages]
    _bars(ax, languages, series, "share of questions")
    ax.set_title("Answer quality: every required fact in the reply")
    return _save(fig, path)


def answers_grid(report: dict, path: Path) -> Path:
    """Language x topic: share answered correctly (blank where no question was asked)."""
    languages = list(report["languages"])
    topics = list(report["topics"])
    grid = report["by_language_and_topic"]
    values = [[grid[lang].get(t) for t in topics] for lang in languages]
    shown = [[v if v is not None else float("nan") for v in row] for row in values]
    fig, ax = plt.subplots(figsize=(1.6 + 0.85 * len(topics), 1.4 + 0.42 * len(languages)))
    ax.imshow(shown, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(topics)), [t.replace("_", " ") for t in topics], rotation=35,
                  ha="right", fontsize=9)
    ax.set_yticks(range(len(languages)), languages)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            if value is not None:  # white on the dark ends of the colour scale
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=9,
                        color="white" if value >= 0.85 or value <= 0.15 else "black")
    ax.set_title("Answer quality by language and topic (share correct)", fontsize=10)
    return _save(fig, path)
