"""Public lectures published as events appear on the public events index, nothing else."""

import pytest

from events.models import EventAudience, EventKind

from .event_factory import PDF, make_event

INDEX = "/ja/events/"


@pytest.fixture
def lecture(db):
    return make_event(
        title="講演会「地域で支える」",
        kind=EventKind.LECTURE,
        audience=EventAudience.PUBLIC,
        venue="上尾市文化センター",
        address="埼玉県上尾市",
        agenda="<p>講師による講演と質疑応答。当日の連絡先 048-830-3111</p>",
        online_url="https://stream.example.jp/lecture",
        materials=[("講演資料", PDF)],
    )


@pytest.mark.django_db
def test_a_public_lecture_is_listed_and_has_its_own_page(client, lecture, pages):
    index = client.get(INDEX)
    assert index.status_code == 200
    url = f"{INDEX}lecture/{lecture.pk}/"
    text = index.content.decode()
    assert "講演会「地域で支える」" in text and f'href="{url}"' in text
    # The events built as pages are still there.
    assert pages["ja"]["events"].get_children().live().exists()

    detail = client.get(url)
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "講演会「地域で支える」" in text
    assert "上尾市文化センター" in text and "講師による講演と質疑応答" in text
    assert "https://stream.example.jp/lecture" in text
    assert '<a href="tel:0488303111">048-830-3111</a>' in text
    assert "講演資料" not in text and "/materials/" not in text
    assert 'id="quick-exit"' in text
    assert not detail.cookies
    # Every language's index lists it, in its own language (Japanese).
    assert 'lang="ja"' in client.get("/en/events/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "audience",
    [
        EventAudience.MEMBERS,
        EventAudience.REPRESENTATIVES,
        EventAudience.PRACTITIONERS,
        EventAudience.INVITEES,
    ],
)
def test_members_only_events_never_reach_the_public_site(client, audience):
    event = make_event(title="会員限定の会議", audience=audience)
    assert "会員限定の会議" not in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}lecture/{event.pk}/").status_code == 404


@pytest.mark.django_db
def test_drafts_are_not_public_and_publishing_clears_the_page_cache(
    client, settings, lecture, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    draft = make_event(title="準備中の講演", audience=EventAudience.PUBLIC, publish=False)
    assert client.get(f"{INDEX}lecture/{draft.pk}/").status_code == 404
    assert "準備中の講演" not in client.get(INDEX).content.decode()
    assert client.get(INDEX)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert "準備中の講演" in client.get(INDEX).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        lecture.unpublish()
    assert "講演会「地域で支える」" not in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}lecture/{lecture.pk}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert "準備中の講演" not in client.get(INDEX).content.decode()


@pytest.mark.django_db
def test_lectures_are_in_the_sitemap(client, lecture):
    text = client.get("/sitemap.xml").content.decode()
    assert f"/ja/events/lecture/{lecture.pk}/" in text
