"""Rendering studio pages: Jinja2, autoescaped, the console's security headers."""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import known_councils
from knowledge.entities import CHECK_METHODS, SOURCE_KINDS, TOPICS
from knowledge.languages import LANGUAGES
from web.signin import template_loader

HERE = Path(__file__).resolve().parent
templates = Environment(loader=template_loader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
templates.globals.update(LANGUAGES=LANGUAGES, COUNCILS=known_councils(), TOPICS=TOPICS,
                         SOURCE_KINDS=SOURCE_KINDS, CHECK_METHODS=CHECK_METHODS)

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
# The assistant's formatting in a preview: escaped, then **bold** and web addresses only.
_FORMATTING = re.compile(r"(https?://[^\s<>\"')]*[^\s<>\"').,;:!?])|\*\*([^*\n]+)\*\*")


def assistant_text(text: str | None) -> Markup:
    text = text or ""
    pieces, last = [], 0
    for match in _FORMATTING.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        if match.group(1):
            pieces.append(Markup('<a href="{0}" rel="noopener noreferrer">{0}</a>')
                          .format(match.group(1)))
        else:
            pieces.append(Markup("<strong>{0}</strong>").format(match.group(2)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


templates.filters["assistant_text"] = assistant_text

STATUS_WORDS = {"live": "Live", "draft": "Draft", "in_review": "In review",
                "returned": "Sent back", "new": "New (never published)",
                "published": "Published", "replaced": "Replaced", "superseded": "Superseded",
                "set_aside": "Kept aside (conflict)"}
templates.globals["STATUS_WORDS"] = STATUS_WORDS


def render(request: Request, name: str, status: int = 200, **values) -> HTTPResponse:
    values.setdefault("user", getattr(request.ctx, "user", None))
    values.setdefault("csrf", getattr(request.ctx, "csrf", ""))
    values.setdefault("can_save", getattr(request.ctx, "can_save", False))
    html = templates.get_template(name).render(**values)
    return response.html(html, status=status, headers=SECURITY_HEADERS)
