"""The insights pages (/insights) and the residents' optional question
(/api/insights/ethnic-group), as one group for web/server.py to register."""
from __future__ import annotations

from sanic import Blueprint

from web.insights.routes import insights, resident_answers

blueprints = Blueprint.group(insights, resident_answers)
