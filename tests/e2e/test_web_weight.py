"""Page weight on a phone: everything transferred for a first visit (page, styles, scripts,
the interface words, the greeting) stays within a budget, and the page is usable quickly
on an emulated slow mobile connection. The measured figures are printed (pytest -s) and
written to var/page-weight.json for the README and the release notes."""
from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
BUDGET_BYTES = 60 * 1024  # first visit, everything on the wire, headers included
# "Slow 3G" as Chrome's developer tools define it: 400 ms round trip, 400 kbit/s down.
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8,
           "uploadThroughput": 400 * 1024 / 8}
SLOW_BUDGET_S = 6.0  # until the message box can be used on that connection


def first_visit(new_context, web_url, network=None) -> tuple[dict[str, int], float]:
    context = new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network:
        cdp.send("Network.emulateNetworkConditions", network)
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(
        urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"])))
    started = time.monotonic()
    page.goto(web_url + "/")
    expect(page.locator("#message")).to_be_editable()
    expect(page.locator("#log .msg.bot").first).to_be_visible(timeout=60_000)
    usable = time.monotonic() - started
    page.wait_for_load_state("networkidle")
    assert context.outside.requests == [], "nothing may come from another site"
    assert all(urlparse(u).hostname == "127.0.0.1" for u in sizes), sizes
    return sizes, usable


def test_first_visit_is_within_the_page_weight_budget(new_context, web_url):
    sizes, _ = first_visit(new_context, web_url)
    total = sum(sizes.values())
    for url, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"{size:>8,} B  {urlparse(url).path}")
    print(f"{total:>8,} B  total for a first visit (budget {BUDGET_BYTES:,} B)")
    report = ROOT / "var" / "page-weight.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps({"total_bytes": total, "budget_bytes": BUDGET_BYTES,
                                  "files": {urlparse(u).path: s for u, s in sizes.items()}},
                                 indent=2))
    assert any(urlparse(u).path == "/api/chat" for u in sizes), "the greeting was not measured"
    assert total <= BUDGET_BYTES, f"first visit is {total:,} bytes, over the {BUDGET_BYTES:,} budget"


def test_usable_quickly_on_a_slow_mobile_connection(new_context, web_url):
    _, usable = first_visit(new_context, web_url, network=SLOW_3G)
    print(f"greeting shown after {usable:.1f} s on emulated slow 3G (budget {SLOW_BUDGET_S} s)")
    assert usable <= SLOW_BUDGET_S
