"""Finding 10: which sites may show the chat page in a frame."""
from __future__ import annotations

import pytest

from tests.security.web_app import web  # noqa: F401 - fixture


def frame_ancestors(response) -> str:
    policy = response.headers["content-security-policy"]
    [directive] = [d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")]
    return directive


def test_only_this_site_may_frame_the_page_by_default(web):
    """Finding 10: any site could frame the chat page (frame-ancestors *), so a look-alike
    site could wrap it; by default only this site may."""
    assert frame_ancestors(web.get("/")) == "frame-ancestors 'self'"


def test_councils_listed_in_embed_allowed_origins_may_frame_it(web, monkeypatch):
    """Finding 10: the council embed keeps working for the sites the operator lists."""
    monkeypatch.setenv("EMBED_ALLOWED_ORIGINS",
                       "https://www.birmingham.gov.uk  https://www.coventry.gov.uk:8443")
    assert frame_ancestors(web.get("/")) == ("frame-ancestors 'self' https://www.birmingham.gov.uk "
                                             "https://www.coventry.gov.uk:8443")


@pytest.mark.parametrize("listed", ["*", "https://a.example; script-src *", "javascript:",
                                    "'unsafe-inline'", "https://*"])
def test_an_entry_that_is_not_a_site_opens_nothing(web, monkeypatch, listed):
    """Finding 10: a wildcard or a stray directive in EMBED_ALLOWED_ORIGINS must not
    reopen framing to every site or change the rest of the policy."""
    monkeypatch.setenv("EMBED_ALLOWED_ORIGINS", f"https://www.wolverhampton.gov.uk {listed}")
    response = web.get("/")
    assert frame_ancestors(response) == "frame-ancestors 'self' https://www.wolverhampton.gov.uk"
    assert "script-src 'self';" in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].count("script-src") == 1
