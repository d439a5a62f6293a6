"""A browser's Accept-Language leads to the nearest of the site's nine languages."""

import pytest

NEAREST = {
    "fil": "tl",
    "fil-PH": "tl",
    "fil-PH,fil;q=0.9,en;q=0.8": "tl",
    "tl-PH": "tl",
    "zh-CN": "zh-hans",
    "zh-CN,zh;q=0.9": "zh-hans",
    "pt-PT": "pt-br",
    "pt-BR": "pt-br",
    "ko-KR": "ko",
    "vi-VN": "vi",
    "ne-NP": "ne",
    "en-US,en;q=0.9": "en",
    "ja-JP": "ja",
}


@pytest.mark.django_db
@pytest.mark.parametrize("accept", NEAREST)
def test_the_home_address_leads_to_the_nearest_language(client, accept):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{NEAREST[accept]}/"


@pytest.mark.django_db
def test_a_language_the_site_does_not_have_leads_to_japanese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.8")
    assert response["Location"] == "/ja/"


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["fil-PH", "fil"])
def test_the_members_area_speaks_tagalog_to_filipino_browsers(client, accept):
    response = client.get("/members/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert response["Content-Language"] == "tl"
    assert '<html lang="tl"' in response.content.decode()


@pytest.mark.django_db
def test_the_address_still_wins_over_the_browser(client):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="fil-PH")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
