"""The audience is emailed once, when an event is first published, in their language."""

import datetime

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from events.models import EventAnnouncement, EventAudience, EventKind
from mail.models import OutgoingEmail

from .event_factory import make_event, make_member


@pytest.fixture
def audience(django_user_model, organization, pledge):
    practitioner = make_member(django_user_model, "prac", organization, is_practitioner=True)
    UserProfile.objects.update_or_create(user=practitioner, defaults={"preferred_language": "en"})
    return {
        "practitioner": practitioner,
        "member": make_member(django_user_model, "plain", organization),
        "representative": make_member(
            django_user_model, "rep", organization, is_representative=True
        ),
    }


def mails_to(user):
    return list(OutgoingEmail.objects.filter(to=user.email))


@pytest.mark.django_db
def test_publishing_emails_the_audience_once(audience):
    event = make_event(
        title="実務者会議（テスト）",
        audience=EventAudience.PRACTITIONERS,
        online_url="https://meet.example.jp/secret-room",
        materials=[("資料", b"confidential notes")],
    )
    [mail] = mails_to(audience["practitioner"])
    assert not mails_to(audience["member"])
    assert not mails_to(audience["representative"])
    assert mail.subject == "New event: 実務者会議（テスト）"
    assert f"http://testserver/members/events/{event.pk}/" in mail.body
    assert "上尾市役所, 埼玉県上尾市本町3-1-1" in mail.body
    assert "(also online: the link is in the members area)" in mail.body
    assert "secret-room" not in mail.body
    assert "資料" not in mail.body and "/materials/" not in mail.body

    # Changes published later, or unpublishing and publishing again, email nobody.
    event.title = "実務者会議（変更）"
    event.save_revision().publish()
    event.unpublish()
    event.save_revision().publish()
    assert OutgoingEmail.objects.filter(subject__contains="実務者会議").count() == 1
    assert EventAnnouncement.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_the_first_publication_counts_even_from_an_older_revision(audience):
    event = make_event(audience=EventAudience.PRACTITIONERS, publish=False)
    old = event.save_revision()
    event.save_revision().publish()
    old.publish()  # an editor publishes the older revision again
    event.save()  # and an out-of-date copy of the event is saved
    event.save_revision().publish()
    assert len(mails_to(audience["practitioner"])) == 1


@pytest.mark.django_db
def test_emails_are_in_each_members_language_else_japanese(audience):
    make_event(title="全員向け", audience=EventAudience.MEMBERS)
    english = mails_to(audience["practitioner"])[0]
    japanese = mails_to(audience["member"])[0]  # chose no language
    assert "\nWhen: " in english.body and "\n日時: " not in english.body
    assert "\n日時: " in japanese.body and "\nWhen: " not in japanese.body
    assert "http://testserver/members/events/" in japanese.body


@pytest.mark.django_db
def test_public_events_email_every_member_and_invitee_events_only_invitees(audience):
    make_event(title="公開講演会", audience=EventAudience.PUBLIC, kind=EventKind.LECTURE)
    for user in audience.values():
        assert len(mails_to(user)) == 1
    make_event(
        title="ケース会議",
        audience=EventAudience.INVITEES,
        kind=EventKind.CASE,
        invitees=[audience["member"]],
    )
    assert len(mails_to(audience["member"])) == 2
    assert len(mails_to(audience["practitioner"])) == 1


@pytest.mark.django_db
def test_closed_organizations_and_past_events_get_no_email(audience, organization):
    make_event(title="終わった会議", days=-3)
    assert not OutgoingEmail.objects.filter(subject__contains="終わった会議").exists()
    organization.is_active = False
    organization.save()
    make_event(title="閉じた後の会議")
    assert not OutgoingEmail.objects.filter(subject__contains="閉じた後の会議").exists()


@pytest.mark.django_db
def test_a_scheduled_event_emails_when_it_goes_live(audience):
    event = make_event(publish=False, audience=EventAudience.REPRESENTATIVES)
    event.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = event.save_revision()
    revision.publish()
    assert not mails_to(audience["representative"])
    event.refresh_from_db()
    event.go_live_at = None
    event.save_revision().publish()
    assert len(mails_to(audience["representative"])) == 1
