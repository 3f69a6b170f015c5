"""The forms for crisis phrases, bot phrases and page words (issue 18 item 1): one row per
entry or per list, the English beside a translation, and the checks of studio/words.py
beside the field they name. Kept out of routes.py, which only hands these files over.

Field names on the form: `text-<entry>`, `status-<entry>`, `button-<entry>-<n>` for an
entry of bot phrases or page words; `list-<section>-<name>` (one phrase a line) and
`value-thresholds-<name>` for a crisis file. A message about `<entry>.text` or
`categories.suicidal` is shown beside `text-<entry>` or `list-categories-suicidal`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from knowledge.languages import SOURCE_LANGUAGE
from knowledge.validation import Problem
from studio import words
from studio.crisis_check import flatten, raising
from studio.models import CRISIS, PHRASES
from web.studio.pages import render


def field_id(kind: str, problem_field: str) -> str:
    """The form field a message is about (see the module's docstring)."""
    if kind == CRISIS:
        prefix = "value" if problem_field.startswith("thresholds.") else "list"
        return f"{prefix}-{problem_field.replace('.', '-')}"
    entry, _, part = problem_field.rpartition(".")
    return f"{'button' if part == 'buttons' else part}-{entry}" if entry else ""


def problems_by_field(kind: str, problems: list[Problem], path: str,
                      inputs: set[str]) -> tuple[dict[str, list[Problem]], list[Problem]]:
    beside: dict[str, list[Problem]] = defaultdict(list)
    general = []
    for problem in problems:
        where = field_id(kind, problem.field)
        if problem.file == path and where in inputs:
            beside[where].append(problem)
        elif problem.file == path:
            general.append(problem)
    return dict(beside), general


def entry_rows(kind: str, data: dict, english: dict[str, Any], language: str) -> list[dict]:
    """One row per English entry: its English, and this file's text, status and buttons."""
    entries = data.get(words.ENTRIES[kind]) or {}
    rows = []
    for name, source in english.items():
        entry = entries.get(name)
        if language == SOURCE_LANGUAGE:
            mine = (entry or [{}])[0] if kind == PHRASES else {"text": entry}
            buttons = words.english_buttons(kind, mine)
        else:
            mine = entry if isinstance(entry, dict) else {}
            buttons = [str(b) for b in mine.get("buttons") or []]
        english_buttons = words.english_buttons(kind, source)
        buttons += [""] * (len(english_buttons) - len(buttons))
        rows.append({"name": name, "english": words.english_text(kind, source),
                     "english_buttons": english_buttons, "text": str(mine.get("text") or ""),
                     "status": str(mine.get("status") or "draft"), "buttons": buttons,
                     "stale": language != SOURCE_LANGUAGE and isinstance(entry, dict)
                     and entry.get("translates") != words.entry_version(kind, source)})
    return rows


def row_inputs(rows: list[dict]) -> set[str]:
    return {f"{part}-{row['name']}" for row in rows for part in ("text", "status", "button")}


def _clean(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").strip()


def words_from_form(kind: str, form: Any, previous: dict, english: dict[str, Any],
                    language: str) -> dict:
    """The file with the form's words in it. In a translation, an entry whose text or
    status the translator changed now translates the current English."""
    data = dict(previous)
    entries = dict(data.get(words.ENTRIES[kind]) or {})
    for name, source in english.items():
        if f"text-{name}" not in form:
            continue
        text = _clean(form.get(f"text-{name}"))
        buttons = [_clean(form.get(f"button-{name}-{i}"))
                   for i in range(len(words.english_buttons(kind, source)))]
        if language == SOURCE_LANGUAGE:
            entries[name] = _english_entry(kind, entries.get(name), text, buttons)
        else:
            entries[name] = _translated_entry(kind, entries.get(name), source, text, buttons,
                                              form.get(f"status-{name}") or "draft")
    data[words.ENTRIES[kind]] = entries
    return data


def _english_entry(kind: str, old: Any, text: str, buttons: list[str]) -> Any:
    if kind != PHRASES:
        return text
    variation = dict((old or [{}])[0])
    variation["text"] = text
    if variation.get("buttons"):
        variation["buttons"] = [dict(b, title=t) for b, t in zip(variation["buttons"], buttons)]
    return [variation, *(old or [{}])[1:]]


def _translated_entry(kind: str, old: Any, source: Any, text: str, buttons: list[str],
                      status: str) -> dict:
    entry = dict(old) if isinstance(old, dict) else {}
    if entry.get("text") == text and entry.get("status") == status and \
            (kind != PHRASES or entry.get("buttons", []) == buttons):
        return entry  # untouched: it keeps the English version it translates
    entry |= {"translates": words.entry_version(kind, source), "status": status,
              "english": words.english_text(kind, source), "text": text}
    if kind == PHRASES and buttons:
        entry |= {"english_buttons": words.english_buttons(kind, source), "buttons": buttons}
    return entry


def crisis_rows(data: dict) -> list[dict]:
    """One row per list of phrases (one phrase a line) or threshold, in the file's order."""
    rows = []
    for name, value in flatten(data).items():
        if name == "language":
            continue
        is_list = not name.startswith("thresholds.")
        rows.append({"name": name, "id": field_id(CRISIS, name), "list": is_list,
                     "value": "\n".join(map(str, value or [])) if is_list else str(value),
                     "raises": words_raise(name)})
    return rows


def words_raise(name: str) -> str:
    return raising(name) or ""


def crisis_from_form(form: Any, previous: dict) -> dict:
    """The crisis file with the form's lists and thresholds in it (same keys, same order)."""
    def rebuilt(block: dict, prefix: str) -> dict:
        out: dict[str, Any] = {}
        for key, value in block.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                out[key] = rebuilt(value, name)
            elif name == "language" or field_id(CRISIS, name) not in form:
                out[key] = value
            elif name.startswith("thresholds."):
                out[key] = _number(form.get(field_id(CRISIS, name)), value)
            else:
                out[key] = [line.strip() for line in _clean(form.get(field_id(CRISIS, name)))
                            .split("\n") if line.strip()]
        return out

    return rebuilt(previous, "")


def _number(text: Any, fallback: Any) -> Any:
    try:
        return float(str(text).strip())
    except ValueError:
        return str(text)  # kept as typed: the check says beside it that it must be a number


# --- what routes.py hands over --------------------------------------------------------

def state(kind: str, path: str, live_files: dict[str, str]) -> dict[str, Any]:
    """What the edit page needs besides the versions: the language, the live English
    entries a translation sits beside, and when residents get a published change."""
    language = words.language_of(path)
    english = words.english_entries(kind, live_files) if kind != CRISIS else {}
    return {"language": language, "english_entries": english,
            "translator_language": language if kind != CRISIS and language != SOURCE_LANGUAGE
            else None,
            "goes_live": "training" if kind == PHRASES else "at once"}


def page(request: Any, file_state: dict[str, Any], data: dict, check: Any, message: str | None,
         status: int) -> Any:
    """The form of a crisis, phrase or words file, with the checks beside their fields."""
    kind, path = file_state["kind"], file_state["path"]
    problems = check.problems if check is not None else []
    if kind == CRISIS:
        rows = crisis_rows(data)
        beside, general = problems_by_field(kind, problems, path, {r["id"] for r in rows})
        return render(request, "edit_crisis.html", status=status, state=file_state, rows=rows,
                      beside=beside, general=general, message=message)
    rows = entry_rows(kind, data, file_state["english_entries"], file_state["language"])
    beside, general = problems_by_field(kind, problems, path, row_inputs(rows))
    return render(request, "edit_words.html", status=status, state=file_state, rows=rows,
                  beside=beside, general=general, message=message)


def submitted(kind: str, form: Any, previous: dict, file_state: dict[str, Any]) -> dict:
    if kind == CRISIS:
        return crisis_from_form(form, previous)
    return words_from_form(kind, form, previous, file_state["english_entries"],
                           file_state["language"])
