"""Staff's admin dashboard shows the work waiting, each panel to those who may do that work."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from events.models import Event, EventResponse
from events.panels import TranslationsBehindPanel, UpcomingEventsPanel, translations_behind
from mail.models import OutgoingEmail
from mail.wagtail_hooks import MailQueuePanel
from members.models import Application, PledgeVersion
from members.wagtail_hooks import ApplicationsPanel
from resources.models import Resource
from resources.wagtail_hooks import ProposalsPanel
from tests.auth import log_in, make_user

from .members.event_factory import make_event, make_member

PANELS = {
    "applications-waiting": "members.change_application",
    "proposals-waiting": "resources.change_resource",
    "mail-queue": "mail.view_outgoingemail",
    "upcoming-events": "events.change_event",
    "translations-behind": "wagtail_localize.submit_translation",
}


def queries(component):
    with CaptureQueriesContext(connection) as captured:
        component.render_html({})
    return len(captured)


def application(name):
    return Application.objects.create(
        pledge_version=PledgeVersion.current(),
        name=name,
        kind="npo",
        address="上尾市",
        contact_name="山田",
        email=f"{len(name)}@example.jp",
        phone="048",
    )


def proposal(title, status=Resource.Status.PROPOSED):
    return Resource.objects.create(title=title, kind="other", status=status)


def stale_email(minutes, error=""):
    email = OutgoingEmail.objects.create(to="x@example.jp", subject="s", body="b", last_error=error)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    return email


@pytest.mark.django_db
def test_every_panel_is_on_the_dashboard_of_staff_who_may_do_everything(staff_client):
    html = staff_client.get("/admin/").content.decode()
    for panel in PANELS:
        assert f'id="{panel}' in html, panel


@pytest.mark.django_db
@pytest.mark.parametrize("panel", list(PANELS))
def test_each_panel_only_for_staff_with_the_permission_for_its_work(
    client, django_user_model, panel
):
    editor = make_user(django_user_model, "editor")
    editor.is_staff = True
    editor.save()
    group = Group.objects.create(name="panel test")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    app_label, codename = PANELS[panel].split(".")
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    editor.groups.add(group)
    log_in(client, editor)
    html = client.get("/admin/").content.decode()
    for other in PANELS:
        assert (f'id="{other}' in html) == (other == panel), other


@pytest.mark.django_db
def test_applications_and_proposals_waiting(staff_client, pledge):
    before = Application.objects.filter(status="pending").count()
    application("待っている事業所")
    decided = application("決まった事業所")
    decided.status = Application.Status.REJECTED
    decided.save()
    panel = ApplicationsPanel().get_context_data()
    assert panel["waiting"] == before + 1
    assert panel["url"] == "/admin/members/applications/?status=pending"
    assert staff_client.get(panel["url"]).status_code == 200

    waiting = Resource.objects.filter(status="proposed").count()
    proposal("提案された資料")
    proposal("決まった資料", Resource.Status.APPROVED)
    panel = ProposalsPanel().get_context_data()
    assert panel["waiting"] == waiting + 1
    assert panel["url"] == "/admin/resources/library/?status=proposed"
    assert staff_client.get(panel["url"]).status_code == 200
    assert queries(ApplicationsPanel()) == 1 and queries(ProposalsPanel()) == 1


@pytest.mark.django_db
def test_mail_that_failed_or_is_stuck(staff_client):
    stale_email(1)  # just queued: not stuck
    stale_email(30)  # stuck
    stale_email(2, error="Connection refused")  # failed
    sent = stale_email(60)
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    panel = MailQueuePanel().get_context_data()
    assert (panel["failed"], panel["stuck"]) == (1, 1)
    html = staff_client.get(panel["failed_url"]).content.decode()
    assert "Connection refused" in html
    listed = staff_client.get(panel["stuck_url"]).context["object_list"]
    assert len(listed) == 1
    for _ in range(5):
        stale_email(30)
    assert queries(MailQueuePanel()) == 1


@pytest.mark.django_db
def test_upcoming_events_with_their_answers(staff_client, django_user_model, organization):
    event = make_event(title="答えのある会議", days=1)
    make_event(title="終わった会議", days=-5)
    for name, attending, people in [("a", True, 2), ("b", True, 1), ("c", False, 0)]:
        user = make_member(django_user_model, name, organization)
        EventResponse.objects.create(event=event, user=user, attending=attending, people=people)
    context = UpcomingEventsPanel().get_context_data()
    rows = {row[0].title: row for row in context["events"]}
    assert "終わった会議" not in rows
    listed, edit_url, answers_url, announce_url = rows["答えのある会議"]
    assert announce_url is None  # announced when published
    assert (listed.attending, listed.people, listed.declined) == (2, 3, 1)
    assert answers_url == f"/admin/members/events/{event.pk}/answers/"
    assert staff_client.get(edit_url).status_code == 200
    first = queries(UpcomingEventsPanel())
    for day in range(2, 6):
        make_event(title=f"会議{day}", days=day)
    assert queries(UpcomingEventsPanel()) == first == 1


@pytest.mark.django_db
def test_translations_whose_japanese_changed_since_they_were_synced(staff_client):
    lecture = (
        Event.objects.originals()
        .filter(
            translation_key__in=Event.objects.exclude(locale__language_code="ja").values(
                "translation_key"
            )
        )
        .first()
    )
    source = TranslationSource.objects.get(object_id=lecture.translation_key, locale=lecture.locale)
    TranslationSource.objects.filter(pk=source.pk).update(last_updated_at=timezone.now())
    assert source not in translations_behind()
    lecture.title = "変わった講演会"
    lecture.save_revision().publish()
    assert source in translations_behind()
    context = TranslationsBehindPanel().get_context_data()
    assert context["count"] >= 1
    sync_url = f"/admin/localize/update/{source.pk}/"
    assert any(url == sync_url for _source, url in context["sources"]) or context["count"] > 5
    assert staff_client.get(sync_url).status_code == 200
    assert queries(TranslationsBehindPanel()) <= 2
    assert Locale.objects.filter(language_code="en").exists()


@pytest.mark.django_db
def test_the_dashboard_makes_as_many_queries_however_much_waits(
    staff_client, django_user_model, organization, pledge
):
    def dashboard_queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get("/admin/").status_code == 200
        return len(captured)

    make_event(title="最初の会議", days=1)
    dashboard_queries()  # the first request fills the session and the caches
    before = dashboard_queries()
    for number in range(4):
        application(f"事業所{number}")
        proposal(f"資料{number}")
        stale_email(30)
        stale_email(30, error="refused")
        event = make_event(title=f"会議{number}", days=number + 2)
        member = make_member(django_user_model, f"m{number}", organization)
        EventResponse.objects.create(event=event, user=member, attending=True, people=1)
    assert dashboard_queries() == before
