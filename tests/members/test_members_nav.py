"""The members' own navigation on every members' page, in place of the public menu."""

import re

import pytest
from django.test import Client

from tests.auth import log_in

# Each page, the link of its section and whether that link is the page itself.
PAGES = [
    ("/members/", "/members/", "page"),
    ("/members/events/", "/members/events/", "page"),
    ("/members/calendar/", "/members/events/", "true"),
    ("/members/library/", "/members/library/", "page"),
    ("/members/library/propose/", "/members/library/", "true"),
    ("/members/training/", "/members/training/", "page"),
    ("/members/search/", "/members/search/", "page"),
    ("/members/account/", "/members/account/", "page"),
]
EVERY_LINK = [
    "/members/",
    "/members/events/",
    "/members/library/",
    "/members/training/",
    "/members/search/",
    "/members/account/",
]


def members_nav(html):
    found = re.search(r'<nav class="site-nav members-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert found, "no members' navigation"
    return found.group(1)


def english_client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(client, user)
    return client


@pytest.mark.parametrize(("path", "link", "current"), PAGES)
def test_every_members_page_has_the_nav_and_marks_where_she_is(member, path, link, current):
    html = english_client(member).get(path).content.decode()
    nav = members_nav(html)
    for href in EVERY_LINK:
        assert f'href="{href}"' in nav
    assert f'<a href="{link}" aria-current="{current}">' in nav
    assert len(re.findall(r"aria-current=", nav)) == 1
    # A logout button that works without JavaScript.
    assert 'action="/members/logout/"' in nav
    assert 'name="csrfmiddlewaretoken"' in nav


@pytest.mark.parametrize(("path", "link", "current"), PAGES)
def test_the_public_menu_steps_back_but_the_quick_exit_stays(member, path, link, current):
    html = english_client(member).get(path).content.decode()
    assert 'class="site-nav"' not in html  # the public menu
    assert 'id="quick-exit"' in html
    assert html.index('id="quick-exit"') < html.index("members-nav")


def test_the_organization_is_linked_for_its_administrators_only(member, org_admin):
    assert 'href="/members/organization/"' not in members_nav(
        english_client(member).get("/members/").content.decode()
    )
    admin_nav = members_nav(
        english_client(org_admin).get("/members/organization/").content.decode()
    )
    assert '<a href="/members/organization/" aria-current="page">' in admin_nav


def test_the_nav_is_plain_links_and_forms(member):
    """Keyboard and no-JavaScript use: real links and a real form, nothing scripted."""
    nav = members_nav(english_client(member).get("/members/").content.decode())
    assert "onclick" not in nav and "<script" not in nav and "tabindex" not in nav
    assert re.search(r'<button type="submit"[^>]*>Log out</button>', nav)


def test_the_nav_wraps_on_a_narrow_screen():
    """At 320 px every section shows: the members' nav wraps instead of scrolling sideways."""
    from pathlib import Path

    css = (Path(__file__).parents[2] / "portal/static/css/portal.css").read_text()
    phones = css[css.rindex("@media (max-width: 39.99rem)") :]
    assert ".members-nav ul { flex-wrap: wrap; overflow-x: visible; }" in phones


def test_pages_for_people_not_logged_in_keep_the_public_menu(db):
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/members/login/").content.decode()
    assert "members-nav" not in html
    assert 'id="quick-exit"' in html
