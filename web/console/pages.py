"""The console's pages: Jinja2 templates (autoescaped), what every page is given, and the
headers every console answer carries.

`render(request, name, **values)` fills in what the base template needs on every page (the
adviser signed in, the CSRF token of their session for the log-out form), so a route
names only what is its own.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import known_councils
from knowledge.languages import LANGUAGES
from web.signin import template_loader

HERE = Path(__file__).resolve().parent
templates = Environment(loader=template_loader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
# The assistant's formatting, shown safely: each piece escaped, and only **bold** and web
# addresses become elements (line breaks are kept by the page's CSS). console.js does the same.
_FORMATTING = re.compile(r"(https?://[^\s<>\"')]*[^\s<>\"').,;:!?])|\*\*([^*\n]+)\*\*")

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def assistant_text(text: str | None) -> Markup:
    """What the assistant wrote, as safe HTML with its bold and links (issue 16)."""
    text = text or ""
    pieces, last = [], 0
    for match in _FORMATTING.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        if match.group(1):
            pieces.append(Markup('<a href="{0}" rel="noopener noreferrer" target="_blank">{0}</a>')
                          .format(match.group(1)))
        else:
            pieces.append(Markup("<strong>{0}</strong>").format(match.group(2)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


templates.filters["assistant_text"] = assistant_text
templates.globals["LANGUAGES"] = LANGUAGES
templates.globals["COUNCILS"] = known_councils()


def render(request: Request, name: str, status: int = 200, **values: Any) -> HTTPResponse:
    """The page `name` for whoever is signed in (if anyone): their name in the header and
    their session's CSRF token in its forms, unless the route gives its own (log-in)."""
    session = getattr(request.ctx, "console_session", None)
    values.setdefault("adviser", getattr(request.ctx, "adviser", None))
    values.setdefault("csrf", session.csrf_token if session is not None else None)
    html = templates.get_template(name).render(**values)
    return response.html(html, status=status, headers=SECURITY_HEADERS)
