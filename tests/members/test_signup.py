"""The public sign-up form: stored first, emails queued, spam kept out."""

import re

import pytest
from django import forms
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from demo.members import build_member_demo
from mail.models import OutgoingEmail
from members.models import Application, PledgeVersion
from members.views.signup import MAX_APPLICATIONS_PER_HOUR

NAME = "テスト用 みなみ薬局"


@pytest.fixture
def pledge(db):
    build_member_demo()
    return PledgeVersion.current()


def form_data(pledge_version, **overrides):
    data = {
        "name": NAME,
        "kind": "medical",
        "address": "埼玉県上尾市本町1-2-3",
        "contact_name": "山本 花子",
        "email": "hanako@minami.example.jp",
        "phone": "０４８－０００－１２３４",
        "offers": ["posters", "leaflets"],
        "offers_other": "",
        "listed_publicly": "on",
        "pledge": "on",
        "pledge_shown": str(pledge_version.version),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def reviewers(django_user_model, db):
    """Who is told about a new application, and who is not."""
    group = Group.objects.create(name="Sign-up reviewers")
    group.permissions.add(Permission.objects.get(codename="change_application"))
    reviewer = django_user_model.objects.create_user("reviewer", "reviewer@example.jp", "pw")
    reviewer.groups.add(group)
    django_user_model.objects.create_superuser("chief", "chief@example.jp", "pw")
    django_user_model.objects.create_user("editor", "editor@example.jp", "pw")
    gone = django_user_model.objects.create_superuser("gone", "gone@example.jp", "pw")
    gone.is_active = False
    gone.save()
    return {"reviewer@example.jp", "chief@example.jp"}


def test_the_form_is_shown_in_english(client, pledge):
    response = client.get("/en/join/apply/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Apply to join the network" in html
    assert 'name="pledge"' in html
    # The pledge is shown in Japanese, marked as such for screen readers.
    assert 'id="pledge-text" lang="ja"' in html
    assert "第10条" in html


def test_the_form_is_shown_in_japanese(client, pledge):
    response = client.get("/ja/join/apply/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja"' in html
    with translation.override("ja"):
        assert str(translation.gettext("Apply to join the network")) in html
        assert str(translation.gettext("Display posters")) in html
    assert "第10条" in html


def test_without_a_pledge_no_application_can_be_taken(client, pledge, monkeypatch):
    monkeypatch.setattr(PledgeVersion, "current", classmethod(lambda cls: None))
    response = client.get("/en/join/apply/")
    assert response.status_code == 503
    assert "Applications are not open yet" in response.content.decode()
    assert client.post("/en/join/apply/", form_data(pledge)).status_code == 503
    assert not Application.objects.filter(name=NAME).exists()


def test_every_field_has_a_label_and_the_groups_a_legend(client, pledge):
    html = client.get("/en/join/apply/").content.decode()
    for field in ("name", "address", "contact_name", "email", "phone", "offers_other"):
        assert f'for="id_{field}"' in html
    assert html.count("<legend") >= 5  # sections, kind, offers
    assert 'autocomplete="email"' in html
    assert 'type="tel"' in html


def test_the_honeypot_is_hidden_from_people(client, pledge):
    html = client.get("/en/join/apply/").content.decode()
    start = html.index('class="signup-hp"')
    trap = html[start : html.index("</div>", start)]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


def test_the_form_page_is_never_cached_and_sets_no_cookie(client, pledge):
    response = client.get("/en/join/apply/")
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert not response.cookies
    assert "X-Page-Cache" not in client.get("/en/join/apply/")


def test_a_valid_application_is_saved_and_emails_are_queued(
    client, pledge, reviewers, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/join/apply/", form_data(pledge))
    assert response.status_code == 302
    assert response["Location"] == "/en/join/apply/thanks/"

    application = Application.objects.get(name=NAME)
    assert application.status == Application.Status.PENDING
    assert application.language == "en"
    assert application.pledge_version == pledge
    assert application.offers == ["posters", "leaflets"]
    assert application.listed_publicly is True
    assert application.phone == "048-000-1234"  # full-width digits normalised

    queued = OutgoingEmail.objects.filter(created_at__gte=application.submitted_at)
    recipients = {email.to for email in queued}
    assert recipients == {"hanako@minami.example.jp"} | reviewers
    assert all(email.sent_at and email.body == "" for email in queued)  # delivered, not kept
    sent = {message.to[0]: message for message in mailoutbox}
    confirmation = sent["hanako@minami.example.jp"]
    assert confirmation.subject == "We received your application to the support network"
    assert "山本 花子" in confirmation.body
    notice = sent["reviewer@example.jp"]
    assert f"/admin/members/applications/inspect/{application.pk}/" in notice.body
    assert "hanako@minami.example.jp" not in notice.body  # contact details stay in the admin
    # After the commit, the queue was sent.
    assert {m.to[0] for m in mail.outbox} == recipients
    assert all(email.sent_at for email in queued)

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your application" in thanks.content.decode()


def test_the_confirmation_is_in_the_applicants_language(client, pledge):
    client.post("/ja/join/apply/", form_data(pledge))
    application = Application.objects.get(name=NAME)
    assert application.language == "ja"
    email = OutgoingEmail.objects.get(to="hanako@minami.example.jp")
    with translation.override("ja"):
        subject = translation.gettext("We received your application to the support network")
    assert email.subject == subject


def test_invalid_input_shows_errors_and_keeps_what_was_typed(client, pledge):
    data = form_data(pledge, email="not-an-address", offers=["other"], offers_other="", pledge=None)
    response = client.post("/en/join/apply/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Application.objects.filter(name=NAME).exists()
    assert "<title>Error: " in html
    assert 'class="error-summary"' in html
    assert "Enter an email address like name@example.jp." in html
    assert "You ticked “Other”: please say what your organization can do." in html
    assert "To join the network, please accept the pledge." in html
    # Errors are announced with their field.
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html
    # What was typed is still there.
    assert f'value="{NAME}"' in html
    assert 'value="not-an-address"' in html
    assert "埼玉県上尾市本町1-2-3</textarea>" in html
    other = re.search(r'<input[^>]*name="offers" value="other"[^>]*>', html).group(0)
    assert "checked" in other


def test_errors_are_in_the_readers_language(client, pledge):
    too_long = "あ" * 201
    with translation.override("ja"):
        try:
            forms.CharField(max_length=200).clean(too_long)
        except ValidationError as error:
            japanese = error.messages[0]
    with translation.override("en"):
        try:
            forms.CharField(max_length=200).clean(too_long)
        except ValidationError as error:
            english = error.messages[0]
    assert japanese != english

    html = client.post("/ja/join/apply/", form_data(pledge, name=too_long)).content.decode()
    assert japanese in html
    assert english not in html


def test_other_needs_words_but_no_other_field_does(client, pledge):
    data = form_data(pledge, offers=["other"], offers_other="地域の掲示板に載せます")
    assert client.post("/en/join/apply/", data).status_code == 302
    assert Application.objects.get(name=NAME).offers_other == "地域の掲示板に載せます"


def test_a_changed_pledge_must_be_read_again(client, pledge):
    data = form_data(pledge, pledge_shown=str(pledge.version - 1))
    response = client.post("/en/join/apply/", data)
    assert response.status_code == 200
    assert "The text of the pledge has just changed" in response.content.decode()
    assert not Application.objects.filter(name=NAME).exists()


def test_a_filled_honeypot_pretends_success_and_saves_nothing(client, pledge):
    emails_before = OutgoingEmail.objects.count()
    response = client.post("/en/join/apply/", form_data(pledge, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/en/join/apply/thanks/"
    assert not Application.objects.filter(name=NAME).exists()
    assert OutgoingEmail.objects.count() == emails_before


def test_applications_from_one_address_are_limited(client, pledge):
    for number in range(MAX_APPLICATIONS_PER_HOUR):
        response = client.post(
            "/en/join/apply/", form_data(pledge, name=f"{NAME} {number}"), REMOTE_ADDR="192.0.2.7"
        )
        assert response.status_code == 302
    response = client.post(
        "/en/join/apply/", form_data(pledge, name=f"{NAME} extra"), REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert not Application.objects.filter(name=f"{NAME} extra").exists()
    # Someone else is not held back.
    other = client.post(
        "/en/join/apply/", form_data(pledge, name=f"{NAME} other"), REMOTE_ADDR="192.0.2.8"
    )
    assert other.status_code == 302


def test_the_rate_limit_does_not_store_the_address(client, pledge):
    from django.core.cache import cache

    client.post("/en/join/apply/", form_data(pledge), REMOTE_ADDR="192.0.2.9")
    keys = list(cache._cache.keys())  # locmem in tests
    assert keys and not any("192.0.2.9" in key for key in keys)


def test_a_mail_failure_loses_no_application(
    client, pledge, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.members.test_emails.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/join/apply/", form_data(pledge))
    assert response.status_code == 302
    assert Application.objects.filter(name=NAME).exists()
    email = OutgoingEmail.objects.get(to="hanako@minami.example.jp")
    assert email.sent_at is None
    assert email.attempts == 1
    assert "mail server is on fire" in email.last_error
