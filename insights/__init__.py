"""Evidence for councils and the Taskforce (issue 19): demand, handoff outcomes and safety
counts by topic, language, council and week, kept as aggregate counts that outlive the
90-day deletion of conversations, and published only through disclosure control.

No web code here: web/insights/ shows it, `python -m insights` rolls it up. Pieces:
models (the count tables), catalogue (what a question is about), conversations (one day of
events counted, pure), rollup (reads events and cases, writes counts, idempotently),
disclosure (what may be published), reports (the tables people read), charts (SVG, pure),
ethnicity (the optional question's answers), sample (a generated month for tests).
"""
from __future__ import annotations

# The insights tables are in the navigator's database (core.storage.navigator_engine), made
# by the migrations (`make migrate`, revision 0002; docs/adr/0015), never on first use.
