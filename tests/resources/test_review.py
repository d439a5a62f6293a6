"""Staff approve or reject proposals in the admin; the proposer hears of it."""

from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from mail.models import OutgoingEmail
from resources.models import Resource
from tests.auth import log_in, make_user
from tests.resources.factories import make_resource

ADMIN = "/admin/resources/library/"


def staff(django_user_model):
    client = Client()
    user = make_user(django_user_model, "librarian", staff=True)
    log_in(client, user)
    return client


def proposal(member, language="en"):
    return make_resource(
        "Proposed leaflet",
        status=Resource.Status.PROPOSED,
        proposed_by=member,
        proposal_language=language,
    )


def test_proposals_come_first_in_the_admin_list(django_user_model, member):
    make_resource("Approved one")
    pending = proposal(member)
    html = staff(django_user_model).get(ADMIN).content.decode()
    assert html.index("Proposed leaflet") < html.index("Approved one")
    assert f"{ADMIN}inspect/{pending.pk}/" in html or f"{ADMIN}edit/{pending.pk}/" in html


def test_approving_shows_the_resource_and_emails_the_proposer(
    django_user_model, member, member_client, other_member_client
):
    resource = proposal(member)
    assert (
        f"/members/library/{resource.pk}/"
        not in other_member_client.get("/members/library/").content.decode()
    )
    review = staff(django_user_model)
    page = review.get(f"{ADMIN}inspect/{resource.pk}/")
    assert page.status_code == 200 and 'value="approve"' in page.content.decode()
    response = review.post(f"{ADMIN}inspect/{resource.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.APPROVED
    email = OutgoingEmail.objects.get(to=member.email)
    assert "added to the library" in email.subject
    assert f"/members/library/{resource.pk}/" in email.body
    assert (
        f"/members/library/{resource.pk}/"
        in other_member_client.get("/members/library/").content.decode()
    )


def test_rejecting_needs_a_reason_which_is_emailed(django_user_model, member, member_client):
    resource = proposal(member)
    review = staff(django_user_model)
    refused = review.post(f"{ADMIN}inspect/{resource.pk}/", {"decision": "reject", "reason": " "})
    assert refused.status_code == 200
    with translation.override("ja"):  # the admin's language unless an editor chooses another
        assert gettext("Give a reason for rejecting: it is sent to the member.") in (
            refused.content.decode()
        )
        assert (
            gettext("Needed only to reject. It is emailed to the member who proposed the resource.")
            in refused.content.decode()
        )
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PROPOSED
    review.post(
        f"{ADMIN}inspect/{resource.pk}/",
        {"decision": "reject", "reason": "The same leaflet is already in the library."},
    )
    resource.refresh_from_db()
    assert resource.status == Resource.Status.REJECTED
    email = OutgoingEmail.objects.get(to=member.email)
    assert "The same leaflet is already in the library." in email.body
    detail = member_client.get(f"/members/library/{resource.pk}/").content.decode()
    assert "The same leaflet is already in the library." in detail


def test_a_decision_counts_once(django_user_model, member):
    resource = proposal(member)
    review = staff(django_user_model)
    review.post(f"{ADMIN}inspect/{resource.pk}/", {"decision": "approve"})
    review.post(f"{ADMIN}inspect/{resource.pk}/", {"decision": "reject", "reason": "late"})
    resource.refresh_from_db()
    assert resource.status == Resource.Status.APPROVED
    assert OutgoingEmail.objects.filter(to=member.email).count() == 1


def test_the_email_is_in_the_language_the_member_proposed_in(django_user_model, member):
    english = proposal(member, language="en")
    japanese = proposal(member, language="ja")
    review = staff(django_user_model)
    for resource in (english, japanese):
        review.post(f"{ADMIN}inspect/{resource.pk}/", {"decision": "approve"})
    first, second = OutgoingEmail.objects.filter(to=member.email).order_by("pk")
    assert first.body.strip().endswith("Support Network Portal")
    assert second.body.strip().endswith("支援ネットワークポータル")


def test_the_history_shows_the_reason_for_a_rejection(django_user_model, member):
    from wagtail.log_actions import registry
    from wagtail.models import ModelLogEntry

    resource = proposal(member)
    review = staff(django_user_model)
    review.post(
        f"{ADMIN}inspect/{resource.pk}/", {"decision": "reject", "reason": "同じ資料があります。"}
    )
    entry = ModelLogEntry.objects.get(action="resources.reject", object_id=str(resource.pk))
    assert registry.get_formatter(entry).format_comment(entry) == "同じ資料があります。"
