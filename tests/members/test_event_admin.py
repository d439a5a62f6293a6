"""Staff publish events in the admin, set who attends which meeting, and export answers."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from events.models import Event, EventAudience, EventResponse
from mail.models import OutgoingEmail
from members.models import Membership
from tests.auth import log_in, make_user

from .event_factory import make_event, make_member

ADD = "/admin/snippets/events/event/add/"


def answers_url(event):
    return f"/admin/members/events/{event.pk}/answers/"


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def event_form(**overrides):
    start = timezone.now() + datetime.timedelta(days=14)
    data = {
        "title": "管理画面からの会議",
        "kind": "practitioners",
        "audience": "practitioners",
        "start": local(start),
        "end": local(start + datetime.timedelta(hours=2)),
        "rsvp_deadline": "",
        "venue": "上尾市役所",
        "address": "",
        "online_url": "",
        "go_live_at": "",
        "expire_at": "",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_staff_publish_an_event_and_its_audience_is_emailed(
    staff_client, django_user_model, organization
):
    practitioner = make_member(django_user_model, "prac", organization, is_practitioner=True)
    response = staff_client.post(ADD, {**event_form(), "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get(title="管理画面からの会議")
    # Staff are asked first who is emailed (tests/members/test_event_publish_confirm.py).
    assert not event.live and not OutgoingEmail.objects.exists()
    response = staff_client.post(response["Location"], {"recipients": "1"})
    event.refresh_from_db()
    assert event.live
    assert OutgoingEmail.objects.filter(to=practitioner.email).count() == 1


@pytest.mark.django_db
def test_a_case_meeting_needs_named_invitees(staff_client, member):
    form = event_form(kind="case", audience="practitioners")
    response = staff_client.post(ADD, form)
    assert response.status_code == 200
    assert "audience" in response.context["form"].errors
    response = staff_client.post(ADD, {**form, "audience": "invitees"})
    assert "invitees" in response.context["form"].errors
    response = staff_client.post(
        ADD, {**form, "audience": "invitees", "invitees": [str(member.pk)]}
    )
    assert response.status_code == 302
    assert list(Event.objects.get(title="管理画面からの会議").invitees.all()) == [member]


@pytest.mark.django_db
def test_the_event_list_filters_by_kind_audience_and_time(staff_client):
    make_event(title="これからの講演", kind="lecture", audience="public")
    make_event(title="終わった講演", kind="lecture", audience="public", days=-10)
    index = "/admin/snippets/events/event/"
    text = staff_client.get(index, {"kind": "lecture", "when": "upcoming"}).content.decode()
    assert "これからの講演" in text and "終わった講演" not in text
    text = staff_client.get(index, {"audience": "public", "when": "past"}).content.decode()
    assert "終わった講演" in text and "これからの講演" not in text


@pytest.mark.django_db
def test_staff_see_and_export_the_answers(staff_client, staff, django_user_model, organization):
    event = make_event(title="回答の集計", audience=EventAudience.MEMBERS)
    yes = make_member(django_user_model, "yes", organization)
    yes.first_name, yes.last_name = "Hanako", "Yamada"
    yes.save()
    no = make_member(django_user_model, "no", organization)
    EventResponse.objects.create(event=event, user=yes, attending=True, people=3)
    EventResponse.objects.create(event=event, user=no, attending=False, people=0)
    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "en"})

    page = staff_client.get(answers_url(event))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Attending: 1 answers, 3 people in all. Not attending: 1 answers." in text
    assert "<table" in text and "Hanako Yamada" in text

    response = staff_client.get(answers_url(event), {"export": "csv"})
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}-answers.csv"'
    assert response.content.startswith("\ufeff".encode())  # for Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[0] == ["Name", "Email", "Organization", "Answer", "Number of people", "Answered"]
    assert rows[1][:5] == ["Hanako Yamada", "yes@example.jp", organization.name, "Attending", "3"]
    assert rows[2][:5] == ["no", "no@example.jp", organization.name, "Not attending", "0"]
    assert ModelLogEntry.objects.filter(
        action="members.export_responses", object_id=str(event.pk), user=staff
    ).exists()
    assert staff_client.get(answers_url(event), {"export": "xlsx"}).status_code == 200
    assert ModelLogEntry.objects.filter(action="members.export_responses").count() == 2


@pytest.mark.django_db
def test_only_staff_who_may_change_events_see_answers(client, django_user_model, organization):
    event = make_event()
    editor = make_user(django_user_model, "other-editor")
    editor.is_staff = True
    editor.save()
    group = Group.objects.create(name="reviewers only")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(codename="change_application"),
    )
    editor.groups.add(group)
    log_in(client, editor)
    assert client.get(answers_url(event)).status_code in (302, 403)


@pytest.mark.django_db
def test_staff_set_who_attends_which_meeting(staff_client, member):
    membership = Membership.objects.get(user=member)
    url = f"/admin/members/memberships/edit/{membership.pk}/"
    listing = staff_client.get("/admin/members/memberships/").content.decode()
    assert member.email in listing
    response = staff_client.post(url, {"is_representative": "on", "is_practitioner": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.is_representative, membership.is_practitioner) == (True, False)
    assert staff_client.get("/admin/members/memberships/add/").status_code == 404


@pytest.mark.django_db
def test_the_event_form_shows_invitees_only_for_named_invitees(staff_client, member):
    event = make_event(title="編集する会議", materials=[("次第", b"agenda")])
    for url in (ADD, f"/admin/snippets/events/event/edit/{event.pk}/"):
        text = staff_client.get(url).content.decode()
        assert 'data-controller="w-rules"' in text
        assert 'data-w-rules="{&quot;audience&quot;: [&quot;invitees&quot;]}"' in text
        # Grouped by organization (tests/members/test_invitee_picker.py).
        assert f"<legend>{member.membership.organization.name}</legend>" in text
    assert f"/admin/members/events/{event.pk}/answers/" in text
