"""Article questions as training examples.

Every article lists how residents ask its question, in English and (in its
translations) in every language. Those phrasings also teach the assistant to
recognise the question family, so housing teams and translators improve
understanding just by writing good questions. They are written, per language,
to data/nlu/<language>/article_questions.yml (generated: never edit by hand).

A phrasing that the hand-written training data already uses for a different
question family is left out, so the two sources can never contradict each other.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import yaml

from knowledge.entities import ContentSet

NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
GENERATED_NAME = "article_questions.yml"
HEADER = ("# GENERATED from the `questions` of knowledge/content articles and translations\n"
          "# by `make train` (python -m knowledge training-data): do not edit here.\n")
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _key(text: str) -> str:
    return " ".join(text.lower().split())


class Example(NamedTuple):
    """One training example, as the assistant learns it (entity markup removed)."""

    text: str
    intent: str
    language: str  # the data/nlu/<language>/ folder it is in
    file: str  # the file's name without .yml (e.g. "roman", "shahmukhi")


def read_examples(nlu_dir: Path = NLU_DIR) -> list[Example]:
    """Every training example in data/nlu/<language>/*.yml: the one reader of that data."""
    rows = []
    for path in sorted(nlu_dir.glob("*/*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block:
                continue
            for line in str(block.get("examples", "")).splitlines():
                text = _ANNOTATION.sub(r"\1", line.strip().removeprefix("- ").strip())
                if text:
                    rows.append(Example(text, block["intent"], path.parent.name, path.stem))
    return rows


def hand_written_examples(nlu_dir: Path = NLU_DIR) -> dict[str, str]:
    """Every hand-written example (normalised) and its intent, across all languages."""
    seen: dict[str, str] = {}
    for example in read_examples(nlu_dir):
        if example.file != Path(GENERATED_NAME).stem:
            seen.setdefault(_key(example.text), example.intent)
    return seen


def questions_by_language(content: ContentSet, nlu_dir: Path = NLU_DIR) -> dict[str, dict[str, list[str]]]:
    """language -> intent -> phrasings, without conflicts or repeats."""
    existing = hand_written_examples(nlu_dir)
    intent_of = {a.id: a.intent for a in content.articles if a.intent}
    candidates: list[tuple[str, str, str]] = [
        ("en", a.intent, q) for a in content.articles if a.intent for q in a.questions]
    candidates += [(t.language, intent_of[t.article_id], q) for t in content.translations
                   if t.article_id in intent_of for q in t.questions]
    # A phrasing used for two different question families teaches nothing: drop it.
    intents_for: dict[str, set[str]] = defaultdict(set)
    for _, intent, question in candidates:
        intents_for[_key(question)].add(intent)
    result: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    placed: set[str] = set()
    for language, intent, question in candidates:
        key = _key(question)
        if key in placed or len(intents_for[key]) > 1 or key in existing \
                or question.strip().startswith(("/", "-", "[")):
            continue
        placed.add(key)
        result[language][intent].append(" ".join(question.split()))
    return {lang: dict(by_intent) for lang, by_intent in result.items()}


def render(by_intent: dict[str, list[str]]) -> str:
    blocks = []
    for intent in sorted(by_intent):
        examples = "".join(f"      - {q}\n" for q in by_intent[intent])
        blocks.append(f"  - intent: {intent}\n    examples: |\n{examples}")
    return HEADER + 'version: "3.1"\nnlu:\n' + "\n".join(blocks)


def write(content: ContentSet, nlu_dir: Path = NLU_DIR) -> list[Path]:
    """Write each language's file; files whose text is unchanged are not touched."""
    changed = []
    for language, by_intent in sorted(questions_by_language(content, nlu_dir).items()):
        path = nlu_dir / language / GENERATED_NAME
        text = render(by_intent)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
