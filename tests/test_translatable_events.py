"""Events are translatable: a public lecture reads in the reader's language when translated,
in Japanese (marked lang="ja", with a notice) when not; members still see each event once."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Locale

from demo.events import LECTURE_TRANSLATIONS, PUBLIC_LECTURE
from events.models import Event, EventAudience, EventKind
from mail.models import OutgoingEmail
from tests.auth import log_in

from .members.event_factory import PDF, make_event

ENGLISH = LECTURE_TRANSLATIONS["en"]
NOTICE = 'id="not-translated"'


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # on_commit never comes inside a test's transaction


@pytest.fixture
def lecture(db):
    return Event.objects.originals().get(title=PUBLIC_LECTURE)


def lecture_url(lang, event):
    return f"/{lang}/events/lecture/{event.pk}/"


def header(html):
    return re.search(r'<header class="page-header"[^>]*>', html).group(0)


def translate(event, language_code, **words):
    """What publishing a translation in wagtail-localize's editor makes: a row of its own."""
    translation = event.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in words.items():
        setattr(translation, name, value)
    translation.live = False
    translation.save()
    translation.save_revision().publish()
    return translation


def test_the_demo_lecture_is_translated_into_english_through_wagtail_localize(lecture):
    from wagtail_localize.models import Translation

    english = lecture.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.title == ENGLISH["title"]
    assert english.start == lecture.start and english.audience == EventAudience.PUBLIC
    assert Translation.objects.filter(
        source__object_id=lecture.translation_key, target_locale__language_code="en"
    ).exists()


def test_the_lecture_reads_in_english(client, lecture):
    response = client.get(lecture_url("en", lecture))
    assert response.status_code == 200
    html = response.content.decode()
    assert ENGLISH["title"] in html
    assert "What a gatekeeper can do" in html and "Ageo City Cultural Center" in html
    assert PUBLIC_LECTURE not in html
    assert "lang=" not in header(html)
    assert NOTICE not in html
    assert 'lang="ja"' not in html.split("<main", 1)[1].split("</main>")[0]
    # The index of events lists it in English too, unmarked.
    index = client.get("/en/events/").content.decode()
    assert f'href="{lecture_url("en", lecture)}"' in index
    assert "What a gatekeeper" not in index  # the agenda is not listed
    assert "Noticing women facing difficulties" in index


@pytest.mark.parametrize("lang", ["ko", "ja-x-easy"])
def test_an_untranslated_lecture_is_shown_in_japanese_marked_and_with_a_notice(
    client, lecture, lang
):
    response = client.get(lecture_url(lang, lecture))
    assert response.status_code == 200
    html = response.content.decode()
    assert PUBLIC_LECTURE in html
    assert 'lang="ja"' in header(html)
    assert NOTICE in html
    assert "Noticing women" not in html
    index = client.get(f"/{lang}/events/").content.decode()
    card = index.split(f'href="{lecture_url(lang, lecture)}"')[0].rsplit("<li", 1)[1]
    assert 'lang="ja"' in card


def test_in_japanese_the_original_needs_no_notice(client, lecture):
    html = client.get(lecture_url("ja", lecture)).content.decode()
    assert PUBLIC_LECTURE in html
    assert "lang=" not in header(html)
    assert NOTICE not in html


def test_a_translation_has_no_page_of_its_own_and_a_draft_is_not_shown(client, lecture):
    english = lecture.get_translation(Locale.objects.get(language_code="en"))
    assert client.get(lecture_url("en", english)).status_code == 404
    english.title = "A draft nobody reads yet"
    english.save_revision()  # a draft of the translation: the published words stay
    assert "A draft nobody reads" not in client.get(lecture_url("en", lecture)).content.decode()
    english.unpublish()
    html = client.get(lecture_url("en", lecture)).content.decode()
    assert PUBLIC_LECTURE in html and NOTICE in html


def test_the_lecture_keeps_the_originals_time_and_audience(client, db):
    event = make_event(
        title="日本語の講演会", kind=EventKind.LECTURE, audience=EventAudience.PUBLIC
    )
    translate(event, "ko", title="한국어 강연회")
    html = client.get(lecture_url("ko", event)).content.decode()
    assert "한국어 강연회" in html and NOTICE not in html
    # A members-only event stays off the public site, translated or not.
    hidden = make_event(title="会員向け", audience=EventAudience.MEMBERS)
    translate(hidden, "en", title="For members")
    assert client.get(lecture_url("en", hidden)).status_code == 404
    assert "For members" not in client.get("/en/events/").content.decode()


def test_publishing_a_translation_emails_nobody(member, db):
    event = make_event(
        title="翻訳される講演会", kind=EventKind.LECTURE, audience=EventAudience.PUBLIC
    )
    emails = OutgoingEmail.objects.count()
    assert OutgoingEmail.objects.filter(subject__contains="翻訳される講演会").exists()
    translate(event, "en", title="A translated lecture")
    assert OutgoingEmail.objects.count() == emails
    assert not OutgoingEmail.objects.filter(subject__contains="A translated lecture").exists()


@pytest.fixture
def lecture_member(member_client, lecture):
    return member_client


def test_the_members_event_list_shows_the_lecture_once(lecture_member, lecture):
    english = lecture.get_translation(Locale.objects.get(language_code="en"))
    html = lecture_member.get("/members/events/").content.decode()
    assert html.count(f'href="/members/events/{lecture.pk}/"') == 1
    assert f"/members/events/{english.pk}/" not in html
    assert ENGLISH["title"] not in html
    assert lecture_member.get(f"/members/events/{english.pk}/").status_code == 404
    dashboard = lecture_member.get("/members/").content.decode()
    assert f"/members/events/{english.pk}/" not in dashboard


def test_the_calendar_feed_has_the_lecture_once(lecture_member, lecture):
    response = lecture_member.post("/members/calendar/", {"action": "renew"})
    text = Client().get(response.context["feed_url"]).content.decode().replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == len(re.findall(r"^UID:event-\d+@", text, re.M))
    assert text.count(f"UID:event-{lecture.pk}@") == 1
    assert "Noticing women" not in text
    english = lecture.get_translation(Locale.objects.get(language_code="en"))
    assert f"UID:event-{english.pk}@" not in text


def _results(response):
    """The page's main content: the members' navigation links every area on every page."""
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def test_the_members_search_finds_the_lecture_once(lecture_member, lecture):
    html = _results(lecture_member.get("/members/search/", {"q": "ゲートキーパー"}))
    assert html.count(f'href="/members/events/{lecture.pk}/"') == 1
    # The English words are not searched: they belong to a translation.
    html = _results(lecture_member.get("/members/search/", {"q": "gatekeeper"}))
    assert "/members/events/" not in html


def test_staff_can_translate_an_event_in_wagtail_localize(client, staff, member, lecture):
    log_in(client, staff)
    url = f"/admin/localize/submit/snippet/events/event/{lecture.pk}/"
    assert client.get(url).status_code == 200
    event = make_event(
        title="資料のある講演会",
        kind=EventKind.LECTURE,
        audience=EventAudience.PUBLIC,
        materials=[("講演資料", PDF)],
    )
    emails = OutgoingEmail.objects.count()
    korean = Locale.objects.get(language_code="ko")
    response = client.post(
        f"/admin/localize/submit/snippet/events/event/{event.pk}/", {"locales": [korean.pk]}
    )
    assert response.status_code == 302
    translation = event.get_translation(korean)
    assert translation.title == event.title  # to be translated in the editor
    assert abs(translation.start - event.start) < datetime.timedelta(milliseconds=1)
    # Materials and invitees stay with the original; nobody is emailed.
    assert not translation.materials.exists() and event.materials.count() == 1
    assert OutgoingEmail.objects.count() == emails
    assert Event.objects.public().filter(translation_key=event.translation_key).count() == 1


def test_an_event_is_written_in_japanese_first(db):
    english = Locale.objects.get(language_code="en")
    start = datetime.datetime(2030, 5, 1, 14, tzinfo=datetime.UTC)
    written_in_english = Event(
        title="A lecture in English only",
        kind=EventKind.LECTURE,
        audience=EventAudience.PUBLIC,
        start=start,
        end=start + datetime.timedelta(hours=2),
        locale=english,
    )
    with pytest.raises(ValidationError) as refused:
        written_in_english.full_clean()
    assert "__all__" in refused.value.message_dict
    # A translation of a Japanese event is fine.
    original = make_event(title="日本語で書いた講演会", audience=EventAudience.PUBLIC)
    original.copy_for_translation(english).full_clean()


def test_deleting_the_original_deletes_its_translations(client, staff, db):
    from wagtail_localize.models import TranslationSource

    event = make_event(title="消す講演会", kind=EventKind.LECTURE, audience=EventAudience.PUBLIC)
    other = make_event(title="残る講演会", kind=EventKind.LECTURE, audience=EventAudience.PUBLIC)
    log_in(client, staff)
    for target in (event, other):
        client.post(
            f"/admin/localize/submit/snippet/events/event/{target.pk}/",
            {"locales": [Locale.objects.get(language_code="en").pk]},
        )
    assert Event.objects.filter(translation_key=event.translation_key).count() == 2
    response = client.post(f"/admin/snippets/events/event/delete/{event.pk}/")
    assert response.status_code == 302
    assert not Event.objects.filter(translation_key=event.translation_key).exists()
    assert not TranslationSource.objects.filter(object_id=event.translation_key).exists()
    # Another event and its translation stay; deleting a translation keeps the original.
    assert Event.objects.filter(translation_key=other.translation_key).count() == 2
    assert TranslationSource.objects.filter(object_id=other.translation_key).exists()
    other.get_translation(Locale.objects.get(language_code="en")).delete()
    assert Event.objects.filter(pk=other.pk).exists()
