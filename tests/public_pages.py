"""What every public page of the site promises a reader, checked on one response."""

import re
from urllib.parse import urlsplit

from django.conf import settings

from home.models import NetworkSettings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ADDRESS = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")


def other_hosts(html):
    """Hosts named in the HTML other than the site's own and the quick exit's destination."""
    own = {urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc, "testserver"}
    allowed = own | {urlsplit(NetworkSettings.load().quick_exit_url).netloc}
    found = {
        urlsplit(url if url.startswith("http") else "http:" + url).netloc
        for url in ADDRESS.findall(html)
    }
    # XML namespaces name a standard, they are never fetched.
    return found - allowed - {"www.w3.org"}


def assert_public_page(response, lang):
    """Status, language, quick exit, no cookie, nothing from another host."""
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert 'id="quick-exit"' in html
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert other_hosts(html) == set()
    return html


def directives(response):
    found = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = value
    return found
