"""The question families (intents) the assistant can recognise, read from the Rasa domain.

A leaf module: the content tool (knowledge/cli.py) and the studio (studio/edition.py)
both check articles against these, and the studio's commands are also offered by the
content tool, so neither may import the other for this.
"""
from __future__ import annotations

from pathlib import Path

import yaml

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "bot" / "domain"


def known_intents(domain_dir: Path = DOMAIN_DIR) -> set[str] | None:
    """The question families the assistant can recognise, read from the Rasa domain."""
    if not domain_dir.exists():
        return None
    intents: set[str] = set()
    for path in domain_dir.rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("intents") or []:
            intents.add(item if isinstance(item, str) else next(iter(item)))
    return intents
