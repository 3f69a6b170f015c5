"""Out-of-scope handling: what residents get when they ask what this assistant does not do.

tests/data/answers/blind/out_of_scope/<language>.yml (answer_sets.SETS): near-scope messages (neighbour noise,
benefit disputes, council tax, visas, repairs, other council services) and off-topic
ones, each with `redirect_to`, the words one of which a good redirect names. Each is
sent in a fresh conversation through the REST channel; the reply's outcome is decided
by ops.evaluation.replies.out_of_scope_outcome. Targets (issue 15): at least 0.95 get
a scope or redirect reply, none an unrelated article.
"""
from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import requests
import yaml

from ops.evaluation.answer_sets import scope_folder
from ops.evaluation.answers import reply_text
from ops.evaluation.common import share
from ops.evaluation.replies import HANDLED, out_of_scope_outcome

OUT_OF_SCOPE_DIR = scope_folder()


def load_out_of_scope(folder: Path = OUT_OF_SCOPE_DIR) -> dict[str, list[dict]]:
    sets = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["language"] != path.stem:
            raise ValueError(f"{path.name} says language '{data['language']}'")
        for item in data["messages"]:
            if item.get("kind") not in ("near_scope", "off_topic") \
                    or not isinstance(item.get("redirect_to"), list):
                raise ValueError(f"{path.name}, {item.get('id')}: needs kind and redirect_to")
        sets[data["language"]] = data["messages"]
    return sets


def evaluate_out_of_scope(assistant: Any, reader: Any, scope: list[str],
                          languages: list[str] | None = None,
                          folder: Path = OUT_OF_SCOPE_DIR) -> dict:
    rows = []
    for language, items in load_out_of_scope(folder).items():
        if languages and language not in languages:
            continue
        for item in items:
            sender = f"eval-scope-{language}-{item['id']}-{uuid.uuid4().hex[:8]}"
            try:
                messages, error = assistant.say(sender, item["text"]), None
            except (requests.RequestException, ValueError) as exc:
                messages, error = [], f"{type(exc).__name__}: {exc}"[:200]
            kinds = reader.kinds(messages)
            outcome = "other" if error else out_of_scope_outcome(
                messages, kinds, scope, [str(w) for w in item["redirect_to"]])
            rows.append({"language": language, "id": item["id"], "kind": item["kind"],
                         "text": item["text"], "redirect_to": item["redirect_to"],
                         "outcome": outcome, "shown": kinds, "error": error,
                         "reply_start": " ".join(reply_text(messages).split())[:160]})
    return summarise_out_of_scope(rows, assistant.how)


def summarise_out_of_scope(rows: list[dict], how: str) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r["language"]].append(r)
    languages = {}
    for lang, items in groups.items():
        outcomes = Counter(r["outcome"] for r in items)
        named = [r for r in items if r["redirect_to"]]
        languages[lang] = {
            "messages": len(items),
            "handled": share(sum(r["outcome"] in HANDLED for r in items), len(items)),
            "unrelated_article": share(outcomes["unrelated article"], len(items)),
            "redirect_where_named": share(sum(r["outcome"] == "redirect" for r in named),
                                          len(named)),
            "outcomes": dict(outcomes.most_common()),
            "failures": [f"{r['id']}: {r['outcome']} ({', '.join(r['shown']) or '-'})"
                         for r in items if r["outcome"] not in HANDLED],
        }
    return {"assistant": how, "targets": {"handled": 0.95, "unrelated_article": 0.0},
            "languages": languages, "results": rows}
