"""/insights: demand, handoff outcomes, safety and who is asking, for supervisors and
analysts (issue 19). Pages are rendered on the server, charts are SVG drawn on the server,
and every number goes through disclosure control (insights/disclosure.py) on the page, in
CSV and in JSON alike: all three are made from the same protected tables.

Also the residents' side of the optional ethnic-group question: POST
/api/insights/ethnic-group, which adds one to a count and keeps nothing else.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date, timedelta
from pathlib import Path

from jinja2 import Environment, select_autoescape
from markupsafe import Markup
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage as BadRequest, NotFound
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.accounts import audit, known_councils
from core.clock import now
from insights import reports
from insights.charts import bar_chart
from insights.ethnicity import ANSWER_CODES, NotAnAnswer, record_answer
from knowledge.languages import LANGUAGES
from web import interface, signin
from web.blocking import off_loop
from web.console.pages import SECURITY_HEADERS
from web.conversation_token import require_conversation
from web.insights.auth import DOOR, engine_for, reader
from web.signin import template_loader

HERE = Path(__file__).resolve().parent
insights = Blueprint("insights", url_prefix="/insights")
resident_answers = Blueprint("insights_answers", url_prefix="/api/insights")
templates = Environment(loader=template_loader(HERE / "templates"),
                        autoescape=select_autoescape(["html"]))
QUARTER = re.compile(r"(\d{4})-Q([1-4])")
DEFAULT_DAYS = 28


def render(request: Request, name: str, status: int = 200, **values) -> HTTPResponse:
    session = getattr(request.ctx, "console_session", None)
    values.setdefault("adviser", getattr(request.ctx, "adviser", None))
    values.setdefault("csrf", session.csrf_token if session is not None else None)
    html = templates.get_template(name).render(**values)
    return response.html(html, status=status, headers=SECURITY_HEADERS)


@insights.middleware("response")
async def no_caching(request: Request, reply: HTTPResponse) -> None:
    for key, value in SECURITY_HEADERS.items():
        reply.headers.setdefault(key, value)


@insights.get("/static/insights.css")
async def stylesheet(_request: Request) -> HTTPResponse:
    return await response.file(HERE / "static" / "insights.css",
                               mime_type="text/css; charset=utf-8")


# -- log in / out (web/signin/: shared with the console and the studio) -------------------
@insights.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    return signin.login_page(DOOR, request, render)


@insights.post("/login")
async def login(request: Request) -> HTTPResponse:
    return await signin.log_in_from_form(DOOR, request, render)


@insights.post("/logout")
@reader()
async def logout(request: Request) -> HTTPResponse:
    return await signin.log_out(DOOR, request)


# -- the tables ------------------------------------------------------------------------------
def filters_from(request: Request) -> reports.Filters:
    """The filters asked for, checked: unknown councils and languages are refused, and a
    missing range is the last four weeks up to yesterday."""
    args = request.args
    yesterday = now().date() - timedelta(days=1)
    try:
        end = date.fromisoformat(args.get("to") or yesterday.isoformat())
        start = date.fromisoformat(args.get("from") or (end - timedelta(days=DEFAULT_DAYS - 1))
                                   .isoformat())
    except ValueError:
        raise BadRequest("Dates are written YYYY-MM-DD.") from None
    if start > end or (end - start).days > 400:
        raise BadRequest("The date range must run forwards and be at most 400 days.")
    council = args.get("council") or None
    language = args.get("language") or None
    if council and council not in known_councils():
        raise BadRequest("There is no such council.")
    if language and language not in LANGUAGES:
        raise BadRequest("There is no such language.")
    return reports.Filters(start, end, council, language)


def answer_names() -> dict[str, str]:
    english = interface.texts("en")
    return {code: english.get(f"ethnic_{code}", code) for code in ANSWER_CODES}


def _all(engine, filters: reports.Filters) -> dict[str, list[reports.Report]]:
    return reports.everything(engine, filters, answer_names())


def chart_for(report: reports.Report) -> Markup:
    """Bars of the row totals (or of the only column), the same numbers as the table."""
    p, g = report.protected, report.protected.grid
    column = len(g.columns) if len(g.columns) > 1 else 0
    bars = [(g.row_names.get(r, r), p.cell(i, column)) for i, r in enumerate(g.rows)]
    return Markup(bar_chart(f"chart-{report.id}", g.title, bars))


templates.globals.update(chart_for=chart_for, COUNCILS=known_councils(), LANGUAGES=LANGUAGES)


@insights.get("/")
@reader()
async def index(request: Request) -> HTTPResponse:
    filters = filters_from(request)
    sections = await off_loop(_all, request.ctx.engine, filters)
    await off_loop(audit, request.ctx.engine, request.ctx.adviser, "insights_viewed",
                   detail=str(filters.as_query())[:200])
    return render(request, "index.html", sections=sections, filters=filters,
                  query=filters.as_query())


def _find(sections: dict[str, list[reports.Report]], report_id: str) -> reports.Report:
    for found in sections.values():
        for report in found:
            if report.id == report_id:
                return report
    raise NotFound("There is no such table.")


@insights.get("/csv/<report_id:str>")
@reader()
async def csv_table(request: Request, report_id: str) -> HTTPResponse:
    filters = filters_from(request)
    report = _find(await off_loop(_all, request.ctx.engine, filters), report_id)
    await off_loop(audit, request.ctx.engine, request.ctx.adviser, "insights_csv",
                   detail=f"{report_id} {filters.as_query()}"[:200])
    name = f"{report_id}-{filters.start}-{filters.end}.csv"
    return response.text(reports.as_csv(report), content_type="text/csv; charset=utf-8",
                         headers={"Content-Disposition": f'attachment; filename="{name}"'})


@insights.get("/api/<report_id:str>")
@reader()
async def json_table(request: Request, report_id: str) -> HTTPResponse:
    filters = filters_from(request)
    report = _find(await off_loop(_all, request.ctx.engine, filters), report_id)
    p, g = report.protected, report.protected.grid
    rows = []
    for i, row in enumerate(g.rows):
        rows.append({"row": row, "name": g.row_names.get(row, row),
                     "cells": {c: p.cell(i, j).text for j, c in enumerate(g.columns)}})
    return response.json({"id": report.id, "title": g.title, "filters": filters.as_query(),
                          "rows": rows})


@insights.get("/summary")
@reader()
async def summary(request: Request) -> HTTPResponse:
    """One printable page per council per quarter."""
    council = request.args.get("council") or ""
    found = QUARTER.fullmatch(request.args.get("quarter") or "")
    if council not in known_councils() or not found:
        raise BadRequest("Choose a council and a quarter such as 2026-Q4.")
    year, quarter = int(found.group(1)), int(found.group(2))
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1))
    filters = reports.Filters(start, end, council, None)
    sections = await off_loop(_all, request.ctx.engine, filters)
    await off_loop(audit, request.ctx.engine, request.ctx.adviser, "insights_summary",
                   detail=f"{council} {year}-Q{quarter}")
    picked = {r.id: r for found in sections.values() for r in found}
    return render(request, "summary.html", council=known_councils()[council],
                  quarter=f"{year} Q{quarter}", filters=filters, picked=picked)


# -- the residents' optional question -----------------------------------------------------
# Conversations that have answered this month, as keyed hashes kept in this process only,
# so a page cannot add more than one answer; never stored, never beside the answer.
_answered: dict[str, str] = {}


@resident_answers.post("/ethnic-group")
async def ethnic_group(request: Request) -> HTTPResponse:
    conversation_id = require_conversation(request)
    body = request.json if isinstance(request.json, dict) else {}
    answer, language = str(body.get("answer") or ""), str(body.get("language") or "en")
    if answer not in ANSWER_CODES:
        raise BadRequest("That is not one of the answers.")
    month = now().date().replace(day=1).isoformat()
    key = hmac.new(request.app.ctx.conversation_secret, b"insights:" + conversation_id.encode(),
                   hashlib.sha256).hexdigest()
    if _answered.get(key) == month:
        return response.json({"recorded": False})
    engine = await off_loop(engine_for, request)
    try:
        await off_loop(record_answer, engine, answer, language, now().date())
    except NotAnAnswer:
        raise BadRequest("That is not one of the answers.") from None
    if len(_answered) > 100_000:
        _answered.clear()
    _answered[key] = month
    return response.json({"recorded": True})
