"""Searches that found nothing: counted without the reader, shown to editors."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from search.models import ZeroResultQuery
from tests.auth import log_in, make_user


def test_a_search_that_finds_nothing_is_counted_by_words_language_and_day(client, db):
    client.get("/en/search/", {"q": "Zebra  Quokka"})
    client.get("/en/search/", {"q": "ＺＥＢＲＡ quokka"})
    client.get("/ja/search/", {"q": "zebra quokka"})
    rows = ZeroResultQuery.objects.order_by("language_code")
    assert list(rows.values_list("query", "language_code", "count")) == [
        ("zebra quokka", "en", 2),
        ("zebra quokka", "ja", 1),
    ]
    assert {row.date for row in rows} == {timezone.localdate()}


def test_nothing_else_is_kept_about_the_search(client, db):
    fields = {field.name for field in ZeroResultQuery._meta.get_fields()}
    assert fields == {"id", "query", "language_code", "date", "count"}
    response = client.get("/en/search/", {"q": "zebra quokka"}, HTTP_REFERER="https://x.example/")
    assert not response.cookies
    assert ZeroResultQuery.objects.get().date == timezone.localdate()


@pytest.mark.parametrize(
    "q", ["090-1234-5678", "0120 279 889", "me@example.jp", "〒362-0000", "https://x.example/a"]
)
def test_what_looks_like_a_readers_own_details_is_not_kept(client, db, q):
    client.get("/en/search/", {"q": q})
    assert not ZeroResultQuery.objects.exists()


def test_searches_that_find_something_are_not_counted(client, db):
    client.get("/en/search/", {"q": "violence"})
    assert not ZeroResultQuery.objects.exists()


def test_old_counts_are_deleted(client, db):
    old = timezone.localdate() - datetime.timedelta(days=91)
    ZeroResultQuery.objects.create(query="old", language_code="en", date=old, count=5)
    client.get("/en/search/", {"q": "zebra quokka"})
    assert list(ZeroResultQuery.objects.values_list("query", flat=True)) == ["zebra quokka"]


REPORT = "/admin/reports/searches-found-nothing/"


@pytest.fixture
def counts(db):
    today = timezone.localdate()
    for query, language, days_ago, count in [
        ("quokka", "en", 0, 2),
        ("quokka", "en", 3, 4),
        ("相談所 夜", "ja", 1, 3),
        ("zebra", "en", 0, 1),
    ]:
        ZeroResultQuery.objects.create(
            query=query,
            language_code=language,
            date=today - datetime.timedelta(days=days_ago),
            count=count,
        )


def test_editors_see_the_searches_most_often_made_first(staff_client, counts):
    html = staff_client.get(REPORT).content.decode()
    assert html.index("quokka") < html.index("相談所 夜") < html.index("zebra")
    assert "日本語" in html and ">6<" in html.replace(" ", "").replace("\n", "")


def test_the_report_filters_by_language(staff_client, counts):
    html = staff_client.get(REPORT, {"language_code": "ja"}).content.decode()
    assert "相談所 夜" in html and "quokka" not in html


def test_the_report_exports_a_spreadsheet(staff_client, counts):
    response = staff_client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "quokka,en,6," in body


def admin_user(django_user_model, username, group):
    """Staff who may use the admin, with only their group's permissions."""
    user = make_user(django_user_model, username, staff=True)
    user.is_superuser = False
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_editors_group_may_see_the_report(client, django_user_model, pledge, counts):
    log_in(client, admin_user(django_user_model, "editor", "Editors"))
    assert client.get(REPORT).status_code == 200


def test_other_admin_users_may_not(client, django_user_model, pledge, counts):
    group = Group.objects.create(name="Translators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    log_in(client, admin_user(django_user_model, "translator", "Translators"))
    assert client.get(REPORT).status_code in (302, 403)


def test_the_admin_menu_offers_this_report_not_search_promotions_hit_report(staff_client, db):
    html = staff_client.get("/admin/").content.decode()
    assert "searches-found-nothing" in html
    assert "/admin/searchpicks/search-terms/" not in html


def nothing_found(client, language):
    html = client.get(f"/{language}/search/", {"q": "qqzzxx"}).content.decode()
    assert 'class="search-nothing"' in html
    return html.split('class="search-nothing"')[1].split("</main>")[0]


@pytest.mark.parametrize("language", ["ja", "en", "ko", "ne"])
def test_nothing_found_leads_to_the_one_stop_window_and_the_help_finder(client, pages, language):
    shown = nothing_found(client, language)
    hub, finder = pages[language]["one-stop"], pages[language]["help-finder"]
    assert f'href="{hub.url}"' in shown
    assert 'href="tel:' in shown  # its phone, dialable
    assert f'href="{finder.url}"' in shown
    assert 'href="tel:110"' in shown


def test_nothing_found_in_easy_japanese_keeps_the_readings(client, pages):
    shown = nothing_found(client, "ja-x-easy")
    assert f'href="{pages["ja-x-easy"]["help-finder"].url}"' in shown


def test_a_search_that_finds_something_shows_no_dead_end_box(client, db):
    html = client.get("/en/search/", {"q": "violence"}).content.decode()
    assert 'class="search-nothing"' not in html
