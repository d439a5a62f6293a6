"""Publishing an event that emails its audience waits for staff to confirm who is emailed."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from events.models import AnnouncementConfirmation, Event, EventAudience
from events.panels import UpcomingEventsPanel
from mail.models import OutgoingEmail
from members.models import Organization
from tests.auth import make_user

from .event_factory import make_event, make_member
from .test_event_admin import ADD, event_form


def confirm_url(event):
    return f"/admin/snippets/events/event/publish/{event.pk}/{event.latest_revision_id}/"


@pytest.fixture
def audience(django_user_model, organization, pledge):
    other = Organization.objects.create(
        name="別の事業所",
        kind="npo",
        address="上尾市",
        contact_name="佐藤",
        email="other@example.jp",
        phone="048",
    )
    return [
        make_member(django_user_model, "prac1", organization, is_practitioner=True),
        make_member(django_user_model, "prac2", organization, is_practitioner=True),
        make_member(django_user_model, "prac3", other, is_practitioner=True),
        make_member(django_user_model, "plain", organization),  # not a practitioner
    ]


@pytest.mark.django_db
def test_publishing_stops_at_a_draft_and_shows_who_is_emailed(staff_client, audience):
    response = staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")
    assert response.status_code == 302
    assert response["Location"] == confirm_url(event)
    assert not event.live
    assert not OutgoingEmail.objects.exists()

    page = staff_client.get(confirm_url(event))
    assert page.status_code == 200
    summary = page.context["summary"]
    assert summary["count"] == 3
    assert summary["organizations"] == [("テスト事業所", 2), ("別の事業所", 1)]
    text = page.content.decode()
    assert "テスト事業所" in text and "別の事業所" in text
    # Leaving the page sends nothing.
    assert not OutgoingEmail.objects.exists()
    assert not Event.objects.get(pk=event.pk).live


@pytest.mark.django_db
def test_confirming_publishes_and_queues_exactly_the_audience(staff_client, staff, audience):
    staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")
    response = staff_client.post(confirm_url(event), {"recipients": "3"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(
        user.email for user in audience[:3]
    )
    assert AnnouncementConfirmation.objects.get(event=event).confirmed_by == staff
    # Publishing changes later asks nothing more and emails nobody again.
    response = staff_client.post(
        f"/admin/snippets/events/event/edit/{event.pk}/",
        {**event_form(title="変更した会議"), "action-publish": "action-publish"},
    )
    assert response.status_code == 302 and "/publish/" not in response["Location"]
    assert OutgoingEmail.objects.count() == 3


@pytest.mark.django_db
def test_a_changed_audience_is_shown_again_before_anything_is_sent(
    staff_client, audience, django_user_model, organization
):
    staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")
    make_member(django_user_model, "late", organization, is_practitioner=True)
    response = staff_client.post(confirm_url(event), {"recipients": "3"})
    assert response.status_code == 302 and response["Location"] == confirm_url(event)
    assert not OutgoingEmail.objects.exists()
    assert not Event.objects.get(pk=event.pk).live


@pytest.mark.django_db
def test_an_older_revision_cannot_be_confirmed(staff_client, audience):
    staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")
    url = confirm_url(event)
    event.save_revision()  # someone saved the event again meanwhile
    assert "is_latest" in staff_client.get(url).context
    assert not staff_client.get(url).context["is_latest"]
    staff_client.post(url, {"recipients": "3"})
    assert not OutgoingEmail.objects.exists()
    assert not Event.objects.get(pk=event.pk).live


@pytest.mark.django_db
def test_publishing_without_confirmation_anywhere_emails_nobody(audience):
    event = make_event(audience=EventAudience.PRACTITIONERS, confirmed=False)
    assert event.live
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_an_event_nobody_would_be_emailed_about_publishes_at_once(staff_client, audience):
    form = event_form(audience="invitees", kind="case", invitees=[str(audience[3].pk)])
    audience[3].email = ""
    audience[3].save()
    response = staff_client.post(ADD, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302 and "/publish/" not in response["Location"]
    assert Event.objects.get(title="管理画面からの会議").live


@pytest.mark.django_db
def test_confirming_needs_the_publish_permission(client, django_user_model, audience, staff_client):
    staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")
    from tests.auth import log_in

    editor = make_user(django_user_model, "editor", staff=False)
    editor.is_staff = True
    editor.save()
    log_in(client, editor)
    assert client.post(confirm_url(event), {"recipients": "3"}).status_code in (302, 403)
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_the_preview_shows_the_event_as_members_will_see_it(staff_client):
    form = {**event_form(title="プレビューの会議"), "agenda": '{"blocks": [], "entityMap": {}}'}
    url = "/admin/snippets/events/event/preview/"
    assert staff_client.post(url, form).json()["is_valid"]
    html = staff_client.get(url).content.decode()
    assert "プレビューの会議" in html and "上尾市役所" in html
    email = staff_client.get(url, {"mode": "email"}).content.decode()
    assert "プレビューの会議" in email


@pytest.fixture
def moderated(db):
    """Events go through a moderator's approval, as when staff assign them a workflow."""
    moderators = Group.objects.get(name="Moderators")
    workflow = Workflow.objects.create(name="会議の確認")
    task = GroupApprovalTask.objects.create(name="事務局長の承認")
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Event)
    )
    return workflow


def approve(event, user):
    event = Event.objects.get(pk=event.pk)
    event.current_workflow_task.on_action(event.current_workflow_task_state, user, "approve")


@pytest.mark.django_db
def test_an_event_in_moderation_emails_nobody_until_approved(
    staff_client, staff, audience, moderated
):
    response = staff_client.post(ADD, {**event_form(), "action-submit": "action-submit"})
    event = Event.objects.get(title="管理画面からの会議")
    assert event.workflow_in_progress and not event.live
    assert response["Location"] == confirm_url(event)
    page = staff_client.get(confirm_url(event))
    assert page.context["mode"] == "moderation" and page.context["summary"]["count"] == 3
    staff_client.post(confirm_url(event), {"recipients": "3"})
    event.refresh_from_db()
    assert event.workflow_in_progress and not event.live
    assert not OutgoingEmail.objects.exists()

    approve(event, staff)
    event.refresh_from_db()
    assert event.live
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(
        user.email for user in audience[:3]
    )


@pytest.mark.django_db
def test_an_approved_event_nobody_confirmed_waits_on_the_dashboard(
    staff_client, staff, audience, moderated
):
    staff_client.post(ADD, {**event_form(), "action-submit": "action-submit"})
    event = Event.objects.get(title="管理画面からの会議")
    approve(event, staff)  # the submitter left the confirmation page
    event.refresh_from_db()
    assert event.live and not OutgoingEmail.objects.exists()

    [row] = [r for r in UpcomingEventsPanel().get_context_data()["events"] if r[0].pk == event.pk]
    announce_url = row[3]
    assert (
        announce_url == f"/admin/snippets/events/event/publish/{event.pk}/{event.live_revision_id}/"
    )
    assert staff_client.get(announce_url).context["mode"] == "live"
    staff_client.post(announce_url, {"recipients": "3"})
    assert OutgoingEmail.objects.count() == 3
    [row] = [r for r in UpcomingEventsPanel().get_context_data()["events"] if r[0].pk == event.pk]
    assert row[3] is None


@pytest.mark.django_db
def test_the_confirmation_page_makes_as_many_queries_however_large_the_audience(
    staff_client, audience, django_user_model
):
    staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    event = Event.objects.get(title="管理画面からの会議")

    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(confirm_url(event)).status_code == 200
        return len(captured)

    before = page_queries()
    for number in range(5):
        other = Organization.objects.create(
            name=f"事業所{number}",
            kind="npo",
            address="上尾市",
            contact_name="林",
            email=f"o{number}@example.jp",
            phone="048",
        )
        make_member(django_user_model, f"p{number}", other, is_practitioner=True)
    assert page_queries() == before
    assert staff_client.get(confirm_url(event)).context["summary"]["count"] == 8
