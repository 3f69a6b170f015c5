"""HTTP routes for the residents' page: its words in each language and the embed script.

Kept apart from web/server.py so the page's own needs (interface texts, the council
embed, its security headers) change without touching the chat API or the adviser relay.
"""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

from sanic import Blueprint, response
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse

from knowledge.languages import LANGUAGES
from web.blocking import off_loop
from web.interface import bundle

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
EMBED_TEXTS = ("launcher", "launcher_close", "frame_title")
# An origin a council page is served from: https://www.birmingham.gov.uk, *.example.gov.uk
# for every subdomain, :8443 or :* for a port.
SITE = re.compile(r"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:(\d{1,5}|\*))?$")

log = logging.getLogger(__name__)

resident = Blueprint("resident_page")


def page_headers(embed_allowed_origins: str) -> dict[str, str]:
    """Headers for the chat page. Nothing may load from another site (ADR 5); no
    referrer leaves with Quick exit, so the neutral site cannot see where the resident
    was; only this site and the councils listed in EMBED_ALLOWED_ORIGINS (the settings'
    `embed_allowed_origins`) may frame it."""
    ancestors = frame_ancestors(embed_allowed_origins)
    policy = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
              f"form-action 'self'; frame-ancestors {ancestors}")
    return {"Content-Security-Policy": policy, "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


@lru_cache(maxsize=8)
def frame_ancestors(listed: str) -> str:
    """'self' and each site in `listed` (scheme://host[:port], separated by spaces or
    commas). Anything else is left out, with a warning: a "*" would let any site wrap the
    chat in a look-alike page, and a ";" would add directives of its own to the policy."""
    sites = []
    for entry in re.split(r"[\s,]+", listed.strip()):
        if SITE.match(entry):
            sites.append(entry)
        elif entry:
            log.warning("EMBED_ALLOWED_ORIGINS: %r is not a site like https://www.example.gov.uk;"
                        " it is ignored", entry[:100])
    return " ".join(["'self'", *sites])


@resident.get("/api/interface/<code>")
async def interface_texts(_request: Request, code: str) -> HTTPResponse:
    """Every word of the page in one language, so the whole interface switches at once."""
    if code not in LANGUAGES:
        raise NotFound(f"Unknown language '{code[:20]}'. Use one of: {', '.join(LANGUAGES)}.")
    # Sent as UTF-8, not \u escapes: Urdu or Bengali text would be five times the size.
    return response.json(await off_loop(bundle, code), headers={"Cache-Control": "no-cache"},
                         dumps=json.dumps, ensure_ascii=False)


@resident.get("/embed.js")
async def embed_script(_request: Request) -> HTTPResponse:
    """The one script a council site adds: a launcher button that opens the chat page
    in a frame. Its few words come from the interface texts, in every language."""
    return response.text(await off_loop(embed_source),
                         content_type="application/javascript; charset=utf-8",
                         headers={"Cache-Control": "public, max-age=3600"})


def embed_source() -> str:
    """embed.js with every language's launcher words filled in (files read: off the loop)."""
    labels = {code: {k: bundle(code)["texts"][k] for k in EMBED_TEXTS} for code in LANGUAGES}
    source = (STATIC_DIR / "embed.js").read_text(encoding="utf-8")
    return source.replace("/*LABELS*/{}", json.dumps(labels, ensure_ascii=False), 1)
