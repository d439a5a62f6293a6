"""Chosen files survive a refused form, only for who chose them; a failed store leaves nothing."""

import datetime
import re

import pytest
from botocore.exceptions import EndpointConnectionError
from django.conf import settings
from django.core import signing
from django.core.files.storage import InMemoryStorage, default_storage
from django.test import Client, override_settings
from django.utils import timezone

from core import retention
from resources.models import HeldUpload, Resource, ResourceFile
from resources.uploads import SALT
from tests.auth import log_in, make_user
from tests.resources.conftest import member_with
from tests.resources.factories import pdf_bytes
from tests.resources.test_proposals import PROPOSE, form_data, upload

LEAFLET = pdf_bytes("leaflet in Japanese")


@pytest.fixture(autouse=True)
def english(member_client):
    member_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def held_token(html, row=0):
    found = re.search(rf'name="files-{row}-held" value="([^"]+)"', html)
    assert found, f"no held file in row {row}"
    return found.group(1)


def refused_keeping_the_file(client, **files):
    data = form_data(**files)
    data["title"] = ""
    response = client.post(PROPOSE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" in html
    assert "the files you chose are kept" in html
    assert not Resource.objects.exists()
    return html


def resend(client, tokens, **extra):
    """The form again, with the title now, and the held files instead of new ones."""
    data = form_data()
    for row, (language, token) in enumerate(tokens.items()):
        data[f"files-{row}-language"] = language
        data[f"files-{row}-held"] = token
        data[f"files-{row}-held_action"] = "keep"
    data.update(extra)
    return client.post(PROPOSE, data)


def test_a_refused_form_keeps_the_chosen_file_without_javascript(
    member_client, member, django_capture_on_commit_callbacks
):
    html = refused_keeping_the_file(member_client, ja=upload(LEAFLET, "チラシ.pdf"))
    assert "Already chosen: チラシ.pdf (" in html
    assert 'name="files-0-held_action" value="keep"' in html
    assert re.search(r'value="keep"[^>]*checked', html)
    held = HeldUpload.objects.get()
    assert held.user == member and held.checked and held.size == len(LEAFLET)
    assert held.file.name.startswith("pending/")

    with django_capture_on_commit_callbacks(execute=True):
        response = resend(member_client, {"ja": held_token(html)})

    assert response.status_code == 302
    stored = ResourceFile.objects.get()
    assert stored.file.name.startswith("members/")
    assert stored.file.read() == LEAFLET
    assert (stored.content_type, stored.size) == ("application/pdf", len(LEAFLET))
    assert not HeldUpload.objects.exists()
    assert not default_storage.exists(held.file.name)


def test_a_new_choice_replaces_the_held_file(member_client, django_capture_on_commit_callbacks):
    html = refused_keeping_the_file(member_client, ja=upload(LEAFLET))
    held = HeldUpload.objects.get()
    data = form_data(ja=upload(pdf_bytes("the corrected leaflet")))
    data["files-0-held"] = held_token(html)
    data["files-0-held_action"] = "keep"
    with django_capture_on_commit_callbacks(execute=True):
        assert member_client.post(PROPOSE, data).status_code == 302
    assert ResourceFile.objects.get().file.read() == pdf_bytes("the corrected leaflet")
    assert not default_storage.exists(held.file.name)


def test_a_held_file_can_be_removed(member_client):
    html = refused_keeping_the_file(member_client, ja=upload(LEAFLET))
    held = HeldUpload.objects.get()
    response = resend(member_client, {"ja": held_token(html)}, **{"files-0-held_action": "remove"})
    html = response.content.decode()
    assert "Choose a file in this language" in html
    assert "Already chosen" not in html
    assert 'name="files-0-held" value=' not in html
    assert not HeldUpload.objects.exists()
    assert not default_storage.exists(held.file.name)


def test_one_held_file_cannot_fill_two_rows(member_client):
    """Sending the same held file's token in several rows stores nothing twice."""
    token = held_token(refused_keeping_the_file(member_client, ja=upload(LEAFLET)))
    response = resend(member_client, {"ja": token, "en": token, "ko": token})
    assert response.status_code == 200
    assert "The same file is in two rows. Keep it in one row only." in response.content.decode()
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()
    # The file is still held for the member, and one row of it goes through.
    assert HeldUpload.objects.count() == 1
    assert resend(member_client, {"ja": token}).status_code == 302
    assert ResourceFile.objects.count() == 1


def test_a_refused_file_is_not_held(member_client):
    data = form_data(ja=upload(b"MZ\x90\x00" + b"\x00" * 200, "tool.pdf"))
    response = member_client.post(PROPOSE, data)
    assert "Renaming a file does not change its content" in response.content.decode()
    assert not HeldUpload.objects.exists()


def claim_refused(client, token):
    response = resend(client, {"ja": token})
    assert response.status_code in (200, 302, 403)
    assert not Resource.objects.exists()
    return response


def test_nobody_else_can_claim_a_held_file(
    member_client, member, django_user_model, organization, pledge
):
    html = refused_keeping_the_file(member_client, ja=upload(LEAFLET))
    token = held_token(html)

    from members.models import Organization

    other = Organization.objects.create(
        name="別の事業所", kind="npo", address="上尾市", contact_name="佐藤",
        email="other@example.jp", phone="048",
    )  # fmt: skip
    stranger = member_with(django_user_model, other, "stranger")
    colleague = member_with(django_user_model, organization, "colleague")
    for client in (stranger, colleague):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        page = claim_refused(client, token).content.decode()
        assert "The file chosen before is no longer here" in page
        assert "Already chosen" not in page
    anonymous = Client()
    assert claim_refused(anonymous, token).status_code in (302, 403)
    # The member herself, logged in again: another session, not hers to claim either.
    again = Client(HTTP_ACCEPT_LANGUAGE="en")
    log_in(again, member)
    assert "no longer here" in claim_refused(again, token).content.decode()
    # A token signed for another purpose, or for another row, names nothing.
    forged = signing.dumps(HeldUpload.objects.get().pk, salt="another.purpose")
    assert "no longer here" in claim_refused(member_client, forged).content.decode()
    # And the file is still hers.
    assert resend(member_client, {"ja": token}).status_code == 302
    assert ResourceFile.objects.get().file.read() == LEAFLET


def test_a_token_for_a_row_of_someone_else_is_refused(member_client, member, django_user_model):
    refused_keeping_the_file(member_client, ja=upload(LEAFLET))
    colleague = make_user(django_user_model, "other", organization=member.membership.organization)
    theirs = HeldUpload.objects.create(
        user=colleague, session_hash="x", file="pending/x/y", name="y"
    )
    token = signing.dumps(theirs.pk, salt=SALT)
    assert "no longer here" in claim_refused(member_client, token).content.decode()


def test_files_held_and_never_sent_go_with_the_retention_job(member_client):
    refused_keeping_the_file(member_client, ja=upload(LEAFLET))
    held = HeldUpload.objects.get()
    HeldUpload.objects.filter(pk=held.pk).update(
        created_at=timezone.now()
        - datetime.timedelta(days=settings.RETENTION_HELD_UPLOAD_DAYS, hours=1)
    )
    assert retention.apply()["held uploads"] == 1
    assert not HeldUpload.objects.exists()
    assert not default_storage.exists(held.file.name)


def test_the_page_loads_the_progress_script_and_nothing_else_from_elsewhere(member_client):
    response = member_client.get(PROPOSE)
    html = response.content.decode()
    assert re.search(r'<script src="/static/resources/upload\.js" defer></script>', html)
    assert "<progress" in html and 'aria-live="polite"' in html
    assert 'data-direct-upload=""' in html  # files on local disk: the ordinary upload
    # Directives in any order (django-csp does not keep one).
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    assert policy["connect-src"] == "'self'"
    assert policy["form-action"] == "'self'"


def test_the_script_is_told_where_to_go_after_a_proposal(member_client):
    response = member_client.post(
        PROPOSE, form_data(ja=upload(LEAFLET)), HTTP_ACCEPT="application/json"
    )
    resource = Resource.objects.get()
    assert response.json() == {"location": f"/members/library/{resource.pk}/"}
    page = member_client.get(response.json()["location"]).content.decode()
    assert "Staff will review" in page


# The file store failing in the middle of a proposal


class FailingStorage(InMemoryStorage):
    """Loses its connection on the Nth save, as a bucket whose endpoint went down."""

    fail_on = 2
    saves = 0

    def _save(self, name, content):
        type(self).saves += 1
        if type(self).saves == self.fail_on:
            raise EndpointConnectionError(endpoint_url="https://bucket.invalid")
        return super()._save(name, content)


@pytest.fixture
def failing_storage():
    FailingStorage.saves = 0
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "default": {"BACKEND": "tests.resources.test_uploads.FailingStorage"},
        }
    ):
        yield default_storage


def stored_names(storage, folder="members"):
    if not storage.exists(folder):
        return []
    directories, _files = storage.listdir(folder)
    return [
        f"{folder}/{directory}/{name}"
        for directory in directories
        for name in storage.listdir(f"{folder}/{directory}")[1]
    ]


@pytest.mark.parametrize("middleware", [False, True])
def test_a_store_failing_on_the_second_file_leaves_nothing_and_keeps_the_form(
    member_client, failing_storage, middleware, django_capture_on_commit_callbacks
):
    extra = ["core.files.StorageUnavailableMiddleware"] if middleware else []
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, *extra]):
        response = member_client.post(
            PROPOSE, form_data(ja=upload(LEAFLET), en=upload(pdf_bytes("in English")))
        )
    html = response.content.decode()
    # The form itself, with a clear message, rather than the middleware's bare page.
    assert response.status_code == 503
    assert "did not answer, so nothing was saved" in html
    assert 'value="生理用品の無料配布チラシ"' in html and "店頭に置けます" in html
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()
    assert FailingStorage.saves >= 2
    assert stored_names(failing_storage) == []  # the first file was deleted again
    # The store is back: the files chosen were held, nothing to choose again.
    assert HeldUpload.objects.count() == 2
    tokens = {"ja": held_token(html, 0), "en": held_token(html, 1)}
    with django_capture_on_commit_callbacks(execute=True):
        assert resend(member_client, tokens).status_code == 302
    assert sorted(f.file.read() for f in ResourceFile.objects.all()) == sorted(
        [LEAFLET, pdf_bytes("in English")]
    )
    assert len(stored_names(failing_storage)) == 2
    assert stored_names(failing_storage, "pending") == []
