"""The studio over real HTTP (the real web app, served from a thread): each role gets 403
where it should, every POST needs the session's CSRF token, and the content tool's
messages come back beside the field they are about."""
from __future__ import annotations

import pytest

from core.storage import shared_engine
from tests.e2e.console_client import web_app_in_thread
from tests.studio.studio_client import ROLE_ACCOUNTS, StudioUser, signed_in, studio_database

WALSALL = "articles/allocations/apply-walsall.yml"
URDU = "translations/ur/apply-walsall.yml"
ARABIC = "translations/ar/apply-walsall.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory, shipped_content):
    """One web app and one database for the module, with one account per role."""
    with studio_database(tmp_path_factory.mktemp("studio-web"), shipped_content,
                         ROLE_ACCOUNTS, supervisor="boss") as url:
        shared_engine(url)
        with web_app_in_thread() as base:
            yield base


def test_without_a_session_the_studio_sends_you_to_log_in(site):
    answer = StudioUser(site).get("/studio", allow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/studio/login")


@pytest.mark.parametrize("username, method, path, status", [
    ("nobody", "get", "/studio", 403),
    ("ed", "get", "/studio", 200),
    ("ed", "get", f"/studio/edit/{WALSALL}", 200),
    ("ed", "post", f"/studio/approve/{WALSALL}", 403),
    ("ed", "get", "/studio/roles", 403),
    ("ed", "get", "/studio/translate/ur", 403),
    ("rev", "get", f"/studio/edit/{WALSALL}", 200),  # to review it
    ("rev", "get", f"/studio/edit/{URDU}", 200),
    ("rev", "post", f"/studio/save/{WALSALL}", 403),
    ("rev", "post", f"/studio/check/{WALSALL}", 403),
    ("tr", "get", f"/studio/edit/{URDU}", 200),
    ("tr", "get", f"/studio/edit/{ARABIC}", 403),
    ("tr", "get", f"/studio/edit/{WALSALL}", 403),
    ("tr", "get", "/studio/translate/ur", 200),
    ("tr", "get", "/studio/translate/ar", 403),
    ("tr", "post", f"/studio/approve/{WALSALL}", 403),
    ("boss", "get", "/studio/roles", 200),
])
def test_each_role_is_refused_where_it_should_be(site, username, method, path, status):
    user = signed_in(site, username)
    answer = user.get(path) if method == "get" else user.post(path, {"number": "1"})
    assert answer.status_code == status, answer.text[:300]


def test_a_post_without_the_session_csrf_token_is_refused(site):
    user = signed_in(site, "ed")
    answer = user.post(f"/studio/submit/{WALSALL}", {"number": "1"}, csrf=False)
    assert answer.status_code == 403 and "out of date" in answer.text


def test_the_validator_message_is_shown_beside_its_field(site):
    user = signed_in(site, "ed")
    page = user.get(f"/studio/edit/{WALSALL}")
    assert 'name="base" value="1"' in page.text
    form = _form_of(page.text)
    form["review_due"] = "next spring"
    saved = user.post(f"/studio/save/{WALSALL}", form)
    assert saved.status_code == 200
    problem = (f'<p class="problem error" id="review_due-problem-1">ERROR: {WALSALL} '
               f'[review_due]: ')
    assert problem in saved.text
    field = saved.text[saved.text.index('id="review_due"'):][:300]
    assert 'aria-describedby="review_due-problem-1 "' in field
    assert 'value="next spring"' in field


def _form_of(html: str) -> dict:
    """The edit form's fields as a browser would send them (inputs, textareas, the
    selected options, ticked boxes)."""
    import html as entities
    import re

    form = html[html.index('action="/studio/save/'):]
    form = form[:form.index("</form>")]
    data: dict = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        if f'name="{name}"' in form and 'type="checkbox"' in \
                form[form.index(f'name="{name}" value="{value}"') - 80:][:200] \
                if f'name="{name}" value="{value}"' in form else False:
            continue
        data[name] = entities.unescape(value)
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form,
                                  re.S):
        data[name] = entities.unescape(value)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form,
                                    re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        data[name] = chosen.group(1) if chosen else ""
    data["councils"] = re.findall(r'name="councils" value="([^"]+)" checked', form)
    if re.search(r'name="needs_adviser" value="true" checked', form):
        data["needs_adviser"] = "true"
    return data


def test_an_editor_starts_an_article_and_the_first_save_lists_what_it_needs(site):
    user = signed_in(site, "ed")
    started = user.post("/studio/new", {"id": "apply-walsall-students", "topic": "allocations"})
    assert started.status_code == 200
    assert started.url.endswith("/studio/edit/articles/allocations/apply-walsall-students.yml")
    form = _form_of(started.text)
    saved = user.post("/studio/save/articles/allocations/apply-walsall-students.yml", form)
    assert 'id="title-problem-1"' in saved.text and 'id="questions-problem-1"' in saved.text
    assert 'id="review_due-problem-1"' in saved.text
    again = user.post("/studio/new", {"id": "apply-walsall-students", "topic": "allocations"})
    assert "Saved as version" not in again.text and again.url == started.url
    assert signed_in(site, "rev").post("/studio/new", {"id": "x", "topic": "rights"}) \
        .status_code == 403
