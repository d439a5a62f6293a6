"""Canonical and alternate links are on the site's configured address, never on the Host asked."""

import re

import pytest

LINKS = re.compile(r'<link rel="(canonical|alternate)"(?: hreflang="([^"]+)")? href="([^"]+)">')
SITE = "https://portal.example.jp"


@pytest.fixture
def forged(settings):
    settings.ALLOWED_HOSTS = ["*"]  # as if a proxy let any Host through
    settings.WAGTAILADMIN_BASE_URL = SITE
    settings.PAGE_CACHE_SECONDS = 0


def links(response):
    assert response.status_code == 200
    return LINKS.findall(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ja/consultation/one-stop/", "/ko/news/"])
def test_a_forged_host_never_reaches_the_links(client, forged, path):
    found = links(client.get(path, HTTP_HOST="evil.example"))
    assert found
    for _rel, _lang, href in found:
        assert href.startswith(SITE + "/"), href
        assert "evil.example" not in href and "localhost" not in href
    canonical = [href for rel, _lang, href in found if rel == "canonical"]
    assert canonical == [SITE + path]
    alternates = {lang: href for rel, lang, href in found if rel == "alternate"}
    assert alternates["x-default"] == SITE + "/ja/" + path.split("/", 2)[2]
    assert alternates[path.split("/")[1]] == SITE + path


@pytest.mark.django_db
def test_without_a_forged_host_the_links_are_the_same(client, forged):
    assert links(client.get("/en/")) == links(client.get("/en/", HTTP_HOST="127.0.0.1:8000"))


@pytest.mark.django_db
def test_a_lecture_links_to_itself_not_to_the_events_index(client, forged):
    from demo.events import PUBLIC_LECTURE
    from events.models import Event

    lecture = Event.objects.originals().get(title=PUBLIC_LECTURE)
    path = f"/en/events/lecture/{lecture.pk}/"
    found = links(client.get(path))
    assert [href for rel, _lang, href in found if rel == "canonical"] == [SITE + path]
    alternates = {lang: href for rel, lang, href in found if rel == "alternate"}
    assert alternates["ja"] == f"{SITE}/ja/events/lecture/{lecture.pk}/"
    assert alternates["x-default"] == alternates["ja"]
    # The index keeps its own address.
    index = links(client.get("/en/events/"))
    assert [href for rel, _lang, href in index if rel == "canonical"] == [SITE + "/en/events/"]
