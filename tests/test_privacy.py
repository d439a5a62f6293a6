"""Anonymous readers get no cookies and their pages load nothing from elsewhere."""

import re

import pytest
from wagtail.models import Page

EXTERNAL = re.compile(r'(?:src|href|action|srcset)="(?:https?:)?//(?!localhost|testserver)', re.I)


@pytest.mark.django_db
def test_no_page_sets_a_cookie_or_loads_from_another_host(client):
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific())
    for page in pages:
        response = client.get(page.url)
        assert not response.cookies, page.url
        head_and_assets = re.findall(
            r"<(?:script|link|img|iframe|source|form)\b[^>]*>", response.content.decode()
        )
        for tag in head_and_assets:
            if "hreflang" in tag or 'rel="canonical"' in tag:
                continue
            assert not EXTERNAL.search(tag), (page.url, tag)
    assert not client.cookies


def test_content_security_policy_allows_only_this_site(client, db):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "http" not in policy


def test_search_sets_no_cookie_and_is_not_indexed(client, db):
    response = client.get("/en/search/", {"q": "violence"})
    assert not response.cookies
    assert 'content="noindex, nofollow"' in response.content.decode()


def test_quick_exit_leaves_without_a_referrer(client, db):
    html = client.get("/en/").content.decode()
    tag = re.search(r'<a id="quick-exit"[^>]*>', html).group(0)
    assert 'rel="noreferrer noopener"' in tag
    assert 'href="https://' in tag
