"""Downloads stream the right bytes and are counted; previews open inline and are not."""

from wagtail.models import ModelLogEntry

from resources.models import Download, Resource
from tests.resources.factories import image_file, make_resource, stored

LIBRARY = "/members/library/"


def body(response):
    return b"".join(response.streaming_content)


def test_a_download_streams_the_file_as_an_attachment_and_is_counted(member_client, member):
    resource = make_resource("相談窓口リーフレット", languages=("ja", "en"))
    english = resource.versions.first().files.get(language="en")
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{english.pk}/")
    assert response.status_code == 200
    assert body(response) == stored(english)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    download = Download.objects.get()
    assert (download.resource, download.resource_file, download.user, download.language) == (
        resource,
        english,
        member,
        "en",
    )
    entry = ModelLogEntry.objects.get(action="resources.download")
    assert entry.user == member
    assert entry.object_id == str(resource.pk)
    assert entry.data["language"] == "en"


def test_a_preview_opens_inline_and_is_not_counted(member_client):
    resource = make_resource("Poster")
    pdf_file = resource.versions.first().files.get()
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{pdf_file.pk}/preview/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert body(response).startswith(b"%PDF-")
    assert not Download.objects.exists()
    # Chrome's PDF viewer needs the file without the site's "object-src 'none'"; never HTML.
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    page = member_client.get(f"{LIBRARY}{resource.pk}/")
    assert "object-src 'none'" in page["Content-Security-Policy"]


def test_images_are_shown_on_the_page_through_the_preview(member_client):
    resource = make_resource("Poster", kind="poster", languages=("ja",))
    png = image_file(resource, language="en")
    html = member_client.get(f"{LIBRARY}{resource.pk}/").content.decode()
    assert (
        f'<img class="library-files__image" src="{LIBRARY}{resource.pk}/files/{png.pk}/preview/"'
        in html
    )
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{png.pk}/preview/")
    assert response["Content-Type"] == "image/png"


def test_files_that_a_browser_cannot_show_have_no_preview(member_client):
    from django.core.files.base import ContentFile

    from resources.models import ResourceFile

    resource = make_resource("Form", kind="form")
    text = ResourceFile.objects.create(
        version=resource.versions.first(),
        language="en",
        file=ContentFile(b"Name:\nAddress:\n", "form.txt"),
    )
    assert text.content_type == "text/plain"
    assert member_client.get(f"{LIBRARY}{resource.pk}/files/{text.pk}/preview/").status_code == 404
    html = member_client.get(f"{LIBRARY}{resource.pk}/").content.decode()
    assert f"files/{text.pk}/preview/" not in html
    assert f"files/{text.pk}/" in html
    download = member_client.get(f"{LIBRARY}{resource.pk}/files/{text.pk}/")
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert body(download) == b"Name:\nAddress:\n"


def test_older_versions_are_kept_listed_and_downloadable(member_client):
    resource = make_resource("Handbook", kind="handbook", languages=("ja",), versions=3)
    newest, middle, oldest = resource.versions.all()
    html = member_client.get(f"{LIBRARY}{resource.pk}/").content.decode()
    current, older = html.split('id="older-heading"')
    assert f"files/{newest.files.get().pk}/" in current
    assert f"files/{middle.files.get().pk}/" in older
    assert f"files/{oldest.files.get().pk}/" in older
    assert older.index(f"files/{middle.files.get().pk}/") < older.index(
        f"files/{oldest.files.get().pk}/"
    )
    old_file = oldest.files.get()
    response = member_client.get(f"{LIBRARY}{resource.pk}/files/{old_file.pk}/")
    assert response.status_code == 200
    assert body(response) == stored(old_file)
    assert Resource.objects.get().downloads.count() == 1


def test_only_get_is_allowed(member_client):
    resource = make_resource("Leaflet")
    file = resource.versions.first().files.get()
    assert member_client.post(f"{LIBRARY}{resource.pk}/files/{file.pk}/").status_code == 405
    assert not Download.objects.exists()
