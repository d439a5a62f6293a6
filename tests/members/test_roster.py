"""The public roster: listed, active organizations only, in a fair daily order."""

import datetime
import re

import pytest
from django.core.cache import cache

from members.models import Organization
from members.views.roster import daily_order

PREFIX = "名簿テスト"


@pytest.fixture
def roster(db):
    def org(suffix, offers, **fields):
        return Organization.objects.create(
            name=f"{PREFIX}{suffix}",
            kind=fields.pop("kind", "business"),
            address="埼玉県上尾市",
            contact_name="担当",
            email="roster@example.jp",
            phone="048-000-0000",
            offers=offers,
            listed_publicly=fields.pop("listed_publicly", True),
            **fields,
        )

    return {
        "salon": org("サロン", ["posters", "leaflets"]),
        "npo": org("居場所", ["drop_in", "other"], kind="npo", offers_other="フードパントリー"),
        "clinic": org("クリニック", ["posters", "accompany"], kind="medical"),
        "shop": org("商店", ["leaflets"]),
        "cafe": org("カフェ", ["drop_in"]),
        "bakery": org("パン屋", ["posters"]),
        "unlisted": org("非掲載", ["posters"], listed_publicly=False),
        "inactive": org("退会", ["posters"], is_active=False),
    }


def names_on_page(html):
    return re.findall(rf"<h3 class=\"roster-list__name\"[^>]*>({PREFIX}[^<]*)</h3>", html)


def on_day(monkeypatch, day):
    monkeypatch.setattr("members.views.roster.timezone.localdate", lambda: day)
    cache.clear()  # the unfiltered roster is page-cached


def test_only_listed_active_organizations_are_shown(client, roster):
    html = client.get("/en/network/organizations/").content.decode()
    shown = set(names_on_page(html))
    assert shown == {o.name for key, o in roster.items() if key not in ("unlisted", "inactive")}
    assert "フードパントリー" in html
    assert "Offer a drop-in place" in html
    # Contact details are for the network only.
    assert "roster@example.jp" not in html


def test_the_page_says_why_the_order_changes(client, roster):
    html = client.get("/en/network/organizations/").content.decode()
    assert "The list is in a different order every day" in html


def test_filter_by_what_they_offer(client, roster):
    html = client.get("/en/network/organizations/", {"offer": "drop_in"}).content.decode()
    assert set(names_on_page(html)) == {roster["npo"].name, roster["cafe"].name}
    assert re.search(r'<input[^>]*value="drop_in"[^>]*checked', html)
    assert 'href="/en/network/organizations/"' in html  # the way back to everyone


def test_several_offers_show_organizations_doing_any_of_them(client, roster):
    response = client.get("/en/network/organizations/", {"offer": ["accompany", "leaflets"]})
    names = set(names_on_page(response.content.decode()))
    assert names == {roster["clinic"].name, roster["salon"].name, roster["shop"].name}


def test_an_unknown_offer_is_ignored(client, roster):
    html = client.get("/en/network/organizations/", {"offer": "<script>"}).content.decode()
    assert len(names_on_page(html)) == 6
    assert "<script>" not in html.split("<main", 1)[1]


def test_the_order_is_the_same_all_day(client, roster, monkeypatch):
    on_day(monkeypatch, datetime.date(2025, 4, 1))
    first = names_on_page(client.get("/en/network/organizations/").content.decode())
    on_day(monkeypatch, datetime.date(2025, 4, 1))
    again = names_on_page(client.get("/en/network/organizations/").content.decode())
    assert first == again
    listed = [o for k, o in roster.items() if k not in ("unlisted", "inactive")]
    assert first == [o.name for o in daily_order(listed, datetime.date(2025, 4, 1))]


def test_the_order_changes_from_day_to_day(client, roster, monkeypatch):
    orders = set()
    for day in range(1, 8):
        on_day(monkeypatch, datetime.date(2025, 4, day))
        orders.add(tuple(names_on_page(client.get("/en/network/organizations/").content.decode())))
    assert len(orders) > 1


def test_the_order_is_neither_by_name_nor_by_joining_date(roster):
    listed = [o for k, o in roster.items() if k not in ("unlisted", "inactive")]
    by_name = sorted(listed, key=lambda o: o.name)
    by_joining = sorted(listed, key=lambda o: o.joined_at)
    days = [datetime.date(2025, 4, day) for day in range(1, 8)]
    assert any(daily_order(listed, day) != by_name for day in days)
    assert any(daily_order(listed, day) != by_joining for day in days)


def test_the_roster_sets_no_cookie_and_is_cached(client, roster):
    first = client.get("/en/network/organizations/")
    assert first.status_code == 200
    assert not first.cookies
    assert "private" not in first.get("Cache-Control", "")
    second = client.get("/en/network/organizations/")
    assert second["X-Page-Cache"] == "hit"
    assert not client.cookies


def test_the_roster_in_japanese(client, roster):
    html = client.get("/ja/network/organizations/").content.decode()
    assert '<html lang="ja"' in html
    assert roster["salon"].name in html


def test_the_demo_network_lists_its_agencies_but_not_the_city_departments(client, db):
    from demo.members import AGENCIES, CITY_DEPARTMENTS, REGISTERED, build_member_demo

    build_member_demo()
    assert build_member_demo() == {"organizations": 0, "applications": 0, "pledges": 0}
    assert len(CITY_DEPARTMENTS) == 14 and len(AGENCIES) == 11
    assert Organization.objects.filter(kind="city", name__in=CITY_DEPARTMENTS).count() == 14
    html = client.get("/ja/network/organizations/").content.decode()
    for name, _address, _offers in AGENCIES:
        assert name in html
    for fields in REGISTERED:
        assert fields["name"] in html
    for name in CITY_DEPARTMENTS:
        assert f">{name}<" not in html


@pytest.mark.parametrize("lang", ["en", "zh-hans", "ko", "vi", "pt-br", "tl", "ne"])
def test_what_organizations_wrote_is_marked_japanese_in_other_languages(client, roster, lang):
    html = client.get(f"/{lang}/network/organizations/").content.decode()
    npo = roster["npo"]
    assert f'<h3 class="roster-list__name" lang="ja">{npo.name}</h3>' in html
    assert '<p lang="ja">埼玉県上尾市</p>' in html
    assert '<p lang="ja">フードパントリー</p>' in html
    assert html.count('class="roster-list__name"') == html.count(
        'class="roster-list__name" lang="ja"'
    )


@pytest.mark.parametrize("lang", ["ja", "ja-x-easy"])
def test_in_japanese_and_easy_japanese_they_are_left_as_they_are(client, roster, lang):
    html = client.get(f"/{lang}/network/organizations/").content.decode()
    assert f'<h3 class="roster-list__name">{roster["npo"].name}</h3>' in html
    assert "<p>埼玉県上尾市</p>" in html and "<p>フードパントリー</p>" in html
    assert 'lang="ja"' not in html.split("<main", 1)[1]
