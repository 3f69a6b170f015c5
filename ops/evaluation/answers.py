"""Answer quality: ask every held-out question through the REST channel and score the reply.

Each question is asked in a fresh conversation (a new sender id), after the council
when the question file says the resident names it first. A reply is correct when it
contains every required fact (ops.evaluation.answer_sets). For each miss the report
says why, so the fix goes to the right place:

    NLU miss        the model recognised another question family
    search miss     the model was unsure, and knowledge-base search did not find the answer
    content gap     the right article was shown but lacks the fact (often in a translation)
    language check  the assistant asked which language to use instead of answering
    no council      the right question family, but the council was not recognised
    dialogue        the right question family, yet the right article was not shown
    error           the assistant did not answer (HTTP error, timeout)

The question family is read by parsing the question with the same trained model
in this process (Rasa's HTTP API is not enabled on the stack, on purpose).
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import requests
import yaml

from ops.evaluation.answer_sets import REPORTED_TOPICS, Question, load_answer_sets, score
from ops.evaluation.common import MODEL, ROOT, share
from ops.evaluation.replies import (
    ROUTE_TOPICS,
    named_council,
    percentile,
    reaches_council,
    reply_length,
)

DOMAIN_DIR = ROOT / "bot" / "domain"
# Fixed phrases that say what kind of reply a message is, whatever the language.
REPLY_KINDS = {
    "crisis": ("utter_crisis_immediate_danger", "utter_crisis_domestic_abuse",
               "utter_crisis_homeless_tonight", "utter_crisis_suicidal",
               "utter_crisis_illegal_eviction", "utter_crisis_child_at_risk"),
    "language check": ("utter_language_check", "utter_shahmukhi_check"),
    "asked for council": ("utter_ask_council", "utter_council_not_found"),
    "search results": ("utter_search_results",),
    "fallback": ("utter_fallback", "utter_no_article", "utter_question_not_found"),
    "offer of a person": ("utter_connect_to_person", "utter_connect_to_person_offline"),
    "safety check": ("utter_safety_check",),
}
MIN_PREFIX = 12  # shorter fixed openings ("{place} could be...") are too loose to match on
OPENING = 40  # enough words to tell phrases apart, few enough to survive a later edit


# -- what a reply shows -----------------------------------------------------------------------
def phrase_openings(domain_dir: Path = DOMAIN_DIR) -> dict[str, list[str]]:
    """kind -> the fixed opening words of its phrases in every language (up to the first
    placeholder), read from the domain the assistant answers from."""
    responses: dict[str, list[dict]] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses.update(data.get("responses") or {})
    openings: dict[str, list[str]] = {}
    for kind, names in REPLY_KINDS.items():
        found = []
        for name in names:
            for variation in responses.get(name, []):
                opening = variation.get("text", "").split("{")[0].split("\n")[0].strip()
                if len(opening) >= MIN_PREFIX:
                    found.append(opening[:OPENING])
        openings[kind] = sorted(set(found), key=len, reverse=True)
    return openings


def article_titles(content: Any) -> dict[str, str]:
    """'**title**' as the assistant writes it, in every language -> article id."""
    titles = {f"**{a.title}**": a.id for a in content.articles}
    titles.update({f"**{t.title}**": t.article_id for t in content.translations})
    return titles


@dataclass(frozen=True)
class ReplyReader:
    openings: dict[str, list[str]]
    titles: dict[str, str]

    def kinds(self, messages: list[dict]) -> list[str]:
        """What the reply consists of, in order: 'article:<id>', 'crisis', 'search results'..."""
        found: list[str] = []
        for message in messages:
            text = (message.get("text") or "").strip()
            for kind, openings in self.openings.items():
                if any(text.startswith(o) for o in openings) and kind not in found:
                    found.append(kind)
            for title, article_id in self.titles.items():
                if title in text and f"article:{article_id}" not in found:
                    found.append(f"article:{article_id}")
        return found


def reply_text(messages: list[dict]) -> str:
    """Every message's text, paragraphs apart (what scope and language replies are judged
    on: a button offering a topic is not a reply)."""
    return "\n\n".join(m.get("text") or "" for m in messages)


def first_reply_text(messages: list[dict]) -> str:
    """What the resident has in front of them without asking for more: each message's text
    and its buttons' titles, as the REST channel returns them (the length measure counts
    the same characters). Answer quality is judged on this (ADR 0022)."""
    return "\n\n".join("\n".join([m.get("text") or "",
                                   *(b.get("title") or "" for b in m.get("buttons") or [])])
                       for m in messages)


def with_detail_text(messages: list[dict]) -> str:
    """The first reply and each message's "More detail" (custom.detail: the full text and
    the sources' titles and addresses), which the chat page shows under the same answer and
    the REST channel sends in the same message; the body's English copy is left out, as the
    resident does not read it."""
    details = []
    for message in messages:
        detail = (message.get("custom") or {}).get("detail") or {}
        details.append(str(detail.get("body") or ""))
        details += [f"{s.get('title') or ''} {s.get('url') or ''}"
                    for s in detail.get("sources") or []]
    return "\n\n".join([first_reply_text(messages), *filter(None, details)])


# -- what the model understood ------------------------------------------------------------------
class IntentReader:
    """Parses questions with the trained model, loaded once, only if there is a miss."""

    def __init__(self, model: Path = MODEL):
        self.model = model
        self._agent = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def intent(self, text: str) -> tuple[str, float, str | None]:
        """(intent, confidence, the best real intent and its confidence when the intent is
        nlu_fallback: whose confidence is only the threshold, so says little)."""
        if not self.model.exists():
            return "?", 0.0, None  # no local model to ask: the miss is still reported
        if self._agent is None:
            # Rasa takes seconds to import: only when a miss is explained with the model
            from rasa.core.agent import Agent
            from rasa.utils.log_utils import configure_structlog  # Rasa's too

            configure_structlog(logging.WARNING)  # not a debug line per parsed question
            self._loop = asyncio.new_event_loop()
            self._agent = Agent.load(str(self.model))
        assert self._loop is not None and self._agent is not None
        parsed = self._loop.run_until_complete(self._agent.parse_message(text))
        intent = parsed.get("intent") or {}
        ranking = [r for r in parsed.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        runner = f"{ranking[0]['name']} {float(ranking[0].get('confidence') or 0):.2f}" \
            if ranking else None
        return intent.get("name") or "?", round(float(intent.get("confidence") or 0), 3), runner


def cause_of_miss(question: Question, kinds: list[str], intent: str | None,
                  expected_intents: set[str]) -> str:
    """Where to look first for a miss; the order matters: the right article shown without
    the fact is a content problem whatever the model thought."""
    shown = {k.removeprefix("article:") for k in kinds if k.startswith("article:")}
    if "error" in kinds:
        return "error"
    if shown & set(question.articles):
        return "content gap"
    if "language check" in kinds:
        return "language check"
    if intent == "nlu_fallback":
        return "search miss"
    if intent not in expected_intents:
        return "NLU miss"
    if "asked for council" in kinds:
        return "no council"
    return "dialogue"


# -- asking -----------------------------------------------------------------------------------
def ask(assistant: Any, question: Question) -> tuple[list[dict], float, str | None]:
    """Ask one question in a fresh conversation: (reply, seconds, error)."""
    sender = f"eval-{question.language}-{question.id}-{uuid.uuid4().hex[:10]}"
    started = time.monotonic()
    try:
        if question.council:
            assistant.say(sender, question.council)
        started = time.monotonic()
        reply = assistant.say(sender, question.text)
        return reply, time.monotonic() - started, None
    except (requests.RequestException, ValueError) as exc:
        return [], time.monotonic() - started, f"{type(exc).__name__}: {exc}"[:300]


def evaluate_answers(assistant: Any, content: Any, model: Path = MODEL,
                     languages: list[str] | None = None, folder: Path | None = None) -> dict:
    """Ask every question (of the set in `folder`, else the first answer sets), score
    it on the first reply and with its detail, measure the reply's length, check that a
    known council can be reached, and explain each miss."""
    sets = load_answer_sets(folder) if folder else load_answer_sets()
    reader = ReplyReader(phrase_openings(), article_titles(content))
    intents = IntentReader(model)
    results = []
    for language, questions in sets.items():
        if languages and language not in languages:
            continue
        for question in questions:
            messages, seconds, error = ask(assistant, question)
            row = scored_row(question, messages, seconds, error, reader, content)
            if not row["correct"]:
                row.update(explained_miss(question, messages, row["shown"], intents, content),
                           error=error)
            results.append(row)
    return summarise(results, assistant.how)


def scored_row(question: Question, messages: list[dict], seconds: float, error: str | None,
               reader: ReplyReader, content: Any) -> dict[str, Any]:
    """One question's result: correct on the first reply (text and button titles, the
    target's measure) and with the detail, its length, and for applying, homelessness and
    eviction with a known council, whether the first reply gives that council's number
    or page."""
    first = first_reply_text(messages)
    kinds = reader.kinds(messages) + (["error"] if error else [])
    shown = {k.removeprefix("article:") for k in kinds if k.startswith("article:")}
    row: dict[str, Any] = {
        "language": question.language, "id": question.id,
        "topic": question.article_topic or question.topic,
        "characters": reply_length(messages),
        "question": question.text, "council": question.council,
        "correct": score(question, first).correct and not error,
        "correct_with_detail": score(question, with_detail_text(messages)).correct
        and not error,
        "seconds": round(seconds, 2),
        "shown": kinds, "right_article": bool(shown & set(question.articles)),
    }
    topics = {a.topic for a in content.articles if a.id in question.articles}
    council = named_council([question.council or "", question.text], content.councils)
    if council is not None and topics & set(ROUTE_TOPICS):
        row["council_named"] = council.id
        row["reaches_council"] = reaches_council(first, council, content.contacts)
    return row


def explained_miss(question: Question, messages: list[dict], kinds: list[str],
                   intents: "IntentReader", content: Any) -> dict[str, Any]:
    """What the first reply lacks, what the model read, and where to look first."""
    intent_of = {a.id: a.intent for a in content.articles}
    expected = {intent_of[a] for a in question.articles if intent_of.get(a)}
    intent, confidence, runner = intents.intent(question.text)
    result = score(question, first_reply_text(messages))
    return {
        "missing": [" or ".join(f) for f in result.missing],
        "intent": intent, "confidence": confidence,
        "intent_if_fallback": runner if intent == "nlu_fallback" else None,
        "expected_intents": sorted(expected),
        "cause": cause_of_miss(question, kinds, intent, expected),
        "reply_start": re.sub(r"\s+", " ", reply_text(messages))[:240],
    }


def summarise(results: list[dict], how: str) -> dict:
    by_language: dict[str, list[bool]] = defaultdict(list)
    article_by_language: dict[str, list[bool]] = defaultdict(list)
    by_topic: dict[str, list[bool]] = defaultdict(list)
    grid: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for r in results:
        by_language[r["language"]].append(r["correct"])
        article_by_language[r["language"]].append(r.get("right_article", False))
        by_topic[r["topic"]].append(r["correct"])
        grid[r["language"]][r["topic"]].append(r["correct"])
    misses = [r for r in results if not r["correct"]]
    detailed = Counter(r["language"] for r in results if r.get("correct_with_detail"))
    return {
        "assistant": how,
        "questions": len(results),
        "correct": sum(r["correct"] for r in results),
        "share_correct": share(sum(r["correct"] for r in results), len(results)),
        "languages": {lang: {"questions": len(v), "correct": sum(v), "share": share(sum(v), len(v)),
                             "right_article": share(sum(article_by_language[lang]), len(v)),
                             "share_with_detail": share(detailed[lang], len(v))}
                      for lang, v in by_language.items()},
        "share_with_detail": share(sum(detailed.values()), len(results)),
        "reaches_council": reach_summary(results),
        # Correct on the facts, though the article meant to answer was not shown (the
        # facts came from elsewhere, e.g. the crisis reply): worth a look, not a miss.
        "correct_without_article": [f"{r['language']}/{r['id']} ({', '.join(r['shown'])})"
                                    for r in results
                                    if r["correct"] and not r.get("right_article", True)],
        "topics": {t: {"questions": len(by_topic[t]), "correct": sum(by_topic[t]),
                       "share": share(sum(by_topic[t]), len(by_topic[t]))}
                   for t in REPORTED_TOPICS if t in by_topic},
        "by_language_and_topic": {lang: {t: share(sum(v), len(v)) for t, v in topics.items()}
                                  for lang, topics in grid.items()},
        "causes": dict(Counter(r["cause"] for r in misses).most_common()),
        "median_seconds": _median([r["seconds"] for r in results if "error" not in r["shown"]]),
        "reply_characters": reply_lengths(results),
        "misses": misses,
        "results": results,
    }


def reach_summary(results: list[dict]) -> dict[str, Any]:
    """Per language (and 'all'): of the questions about applying, homelessness or eviction
    that name a council, how many first replies give that council's number or page, and
    which do not."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        if "reaches_council" in r:
            groups[r["language"]].append(r)
            groups["all"].append(r)
    return {lang: {"questions": len(rows), "reached": sum(r["reaches_council"] for r in rows),
                   "share": share(sum(r["reaches_council"] for r in rows), len(rows)),
                   "not_reached": [f"{r['language']}/{r['id']}" for r in rows
                                   if not r["reaches_council"]]}
            for lang, rows in groups.items()}


def reply_lengths(results: list[dict]) -> dict[str, dict[str, float | None]]:
    """Per language (and 'all'): median and 90th percentile of the first reply's
    characters (text plus button titles), over the replies that came back."""
    groups: dict[str, list[int]] = defaultdict(list)
    for r in results:
        if "characters" in r and "error" not in r["shown"]:
            groups[r["language"]].append(r["characters"])
            groups["all"].append(r["characters"])
    return {lang: {"replies": len(v), "median": _median(v), "p90": percentile(v, 0.9)}
            for lang, v in groups.items()}


def _median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round(ordered[middle], 3)
    return round((ordered[middle - 1] + ordered[middle]) / 2, 3)
