"""HTTP routes for the residents' page: its words in each language and the embed script.

Kept apart from web/server.py so the page's own needs (interface texts, the council
embed, its security headers) change without touching the chat API or the adviser relay.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from knowledge.languages import LANGUAGES
from web.interface import bundle

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
EMBED_TEXTS = ("launcher", "launcher_close", "frame_title")

resident = Blueprint("resident_page")


def page_headers() -> dict[str, str]:
    """Headers for the chat page. Nothing may load from another site (ADR 5); no
    referrer leaves with Quick exit, so the neutral site cannot see where the resident
    was; councils listed in EMBED_ALLOWED_ORIGINS (default: any site) may frame it."""
    ancestors = os.environ.get("EMBED_ALLOWED_ORIGINS", "").strip() or "*"
    policy = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
              f"form-action 'self'; frame-ancestors {ancestors}")
    return {"Content-Security-Policy": policy, "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


@resident.get("/api/interface/<code>")
async def interface_texts(_request: Request, code: str) -> HTTPResponse:
    """Every word of the page in one language, so the whole interface switches at once."""
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        return response.json({"error": f"Unknown language '{code[:20]}'. Use one of: {known}."},
                             status=404)
    # Sent as UTF-8, not \u escapes: Urdu or Bengali text would be five times the size.
    return response.json(bundle(code), headers={"Cache-Control": "no-cache"},
                         dumps=json.dumps, ensure_ascii=False)


@resident.get("/embed.js")
async def embed_script(_request: Request) -> HTTPResponse:
    """The one script a council site adds: a launcher button that opens the chat page
    in a frame. Its few words come from the interface texts, in every language."""
    labels = {code: {k: bundle(code)["texts"][k] for k in EMBED_TEXTS} for code in LANGUAGES}
    source = (STATIC_DIR / "embed.js").read_text(encoding="utf-8")
    body = source.replace("/*LABELS*/{}", json.dumps(labels, ensure_ascii=False), 1)
    return response.text(body, content_type="application/javascript; charset=utf-8",
                         headers={"Cache-Control": "public, max-age=3600",
                                  "X-Content-Type-Options": "nosniff"})
