"""Members propose resources; files are checked by content; nothing typed is lost."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import ModelLogEntry

from mail.models import OutgoingEmail
from resources.models import Resource
from tests.resources.factories import pdf_bytes

PROPOSE = "/members/library/propose/"


@pytest.fixture(autouse=True)
def english(member_client):
    # The messages below are checked in English; the members area follows the browser.
    member_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def form_data(pages=None, **files):
    data = {
        "title": "生理用品の無料配布チラシ",
        "description": "月2回の配布のお知らせ",
        "kind": "leaflet",
        "topic": "",
        "proposal_note": "店頭に置けます",
        "files-TOTAL_FORMS": "3",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "3",
    }
    if pages:
        data["topic"] = str(pages["ja"]["poverty"].pk)
    for index, (language, upload) in enumerate(files.items()):
        data[f"files-{index}-language"] = language.replace("_", "-")
        data[f"files-{index}-file"] = upload
    return data


def upload(content, name="leaflet.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_form_is_accessible_without_javascript(member_client):
    html = member_client.get(PROPOSE).content.decode()
    form = html.split('class="stack library-propose"')[1].split("</form>")[0]
    assert 'enctype="multipart/form-data"' in html
    for name in ("title", "description", "kind", "topic", "proposal_note"):
        assert f'<label for="id_{name}"' in form, name
    assert form.count('<label for="id_files-') == 6
    assert "<script" not in form


def test_a_proposal_with_a_file_per_language_waits_for_staff(member_client, member, pages):
    response = member_client.post(
        PROPOSE, form_data(pages, ja=upload(pdf_bytes("ja")), en=upload(pdf_bytes("en")))
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/members/library/{resource.pk}/"
    assert resource.status == Resource.Status.PROPOSED
    assert resource.proposed_by == member
    assert resource.topic == pages["ja"]["poverty"]
    assert resource.proposal_note == "店頭に置けます"
    version = resource.versions.get()
    assert sorted(version.files.values_list("language", flat=True)) == ["en", "ja"]
    assert {f.content_type for f in version.files.all()} == {"application/pdf"}
    assert ModelLogEntry.objects.filter(action="resources.propose", user=member).exists()
    page = member_client.get(response["Location"]).content.decode()
    assert resource.title in page
    assert '<p class="notice">' in page  # waiting for review


def refused_with_fields_kept(response, message):
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="生理用品の無料配布チラシ"' in html
    assert "月2回の配布のお知らせ" in html
    assert "店頭に置けます" in html
    assert not Resource.objects.exists()
    return html


def test_a_program_or_web_page_named_pdf_is_refused_clearly(member_client):
    for content in (
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
        b"<!DOCTYPE html><script>x</script>",
    ):
        response = member_client.post(PROPOSE, form_data(ja=upload(content)))
        refused_with_fields_kept(response, "Renaming a file does not change its content")


@override_settings(MEMBER_FILE_MAX_SIZE=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused(member_client):
    big = pdf_bytes() + b"\x00" * (1024 * 1024)
    response = member_client.post(PROPOSE, form_data(ja=upload(big)))
    html = refused_with_fields_kept(response, "files can be at most 1 MB")
    assert "1.0 MB" in html or "1 MB" in html


def test_a_file_needs_a_language_and_a_language_once(member_client):
    data = form_data()
    data.update({"files-0-language": "en", "files-0-file": upload(pdf_bytes())})
    data.update({"files-1-language": "en", "files-1-file": upload(pdf_bytes())})
    response = member_client.post(PROPOSE, data)
    refused_with_fields_kept(response, "a language was chosen twice")
    data = form_data()
    data["files-0-file"] = upload(pdf_bytes())
    refused_with_fields_kept(member_client.post(PROPOSE, data), "Choose the language of this file")


def test_a_proposal_needs_a_file(member_client):
    refused_with_fields_kept(member_client.post(PROPOSE, form_data()), "Add at least one file")


def test_staff_reviewers_are_told_of_a_proposal(member_client, django_user_model):
    from tests.auth import make_user

    reviewer = make_user(django_user_model, "librarian", staff=True)
    member_client.post(PROPOSE, form_data(ja=upload(pdf_bytes())))
    resource = Resource.objects.get()
    notice = OutgoingEmail.objects.get(to=reviewer.email)
    assert resource.title in notice.subject
    assert re.search(rf"/admin/resources/library/inspect/{resource.pk}/", notice.body)
