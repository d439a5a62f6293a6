"""Staff add resources, versions and courses in the admin, files inline."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.users.models import UserProfile

from resources.models import Course, Resource
from tests.auth import log_in, make_user
from tests.resources.factories import WEBM, pdf_bytes

LIBRARY = "/admin/resources/library/"
COURSES = "/admin/resources/courses/"


def editor(django_user_model):
    user = make_user(django_user_model, "librarian", staff=True)
    client = Client()
    log_in(client, user)
    client.user = user
    # The messages below are checked in English; the admin is in Japanese unless an editor chooses.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return client


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def version_data(index, label, files, version_id=""):
    data = {
        f"versions-{index}-id": str(version_id),
        f"versions-{index}-label": label,
        f"versions-{index}-notes": "",
        **management(f"versions-{index}-files", len(files), 0),
    }
    for number, (language, upload) in enumerate(files):
        prefix = f"versions-{index}-files-{number}"
        data.update({f"{prefix}-id": "", f"{prefix}-language": language, f"{prefix}-file": upload})
    return data


def pdf_upload(name="leaflet.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes(name), content_type="application/pdf")


def resource_data(pages, **extra):
    return {
        "title": "Consultation card",
        "description": "",
        "kind": "card",
        "topic": str(pages["en"]["dv"].pk),
        "audience": "all",
        **extra,
    }


def test_staff_add_a_resource_with_a_version_and_files(django_user_model, pages):
    client = editor(django_user_model)
    data = resource_data(
        pages,
        **management("versions", 1),
        **version_data(0, "2025", [("ja", pdf_upload()), ("en", pdf_upload("card-en.pdf"))]),
    )
    response = client.post(f"{LIBRARY}new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.APPROVED
    # An English topic page is stored as its Japanese source.
    assert resource.topic == pages["ja"]["dv"]
    version = resource.versions.get()
    assert version.created_by == client.user
    assert sorted(version.files.values_list("language", "content_type")) == [
        ("en", "application/pdf"),
        ("ja", "application/pdf"),
    ]


def test_a_new_version_keeps_the_old_one(django_user_model, pages):
    client = editor(django_user_model)
    client.post(
        f"{LIBRARY}new/",
        resource_data(
            pages, **management("versions", 1), **version_data(0, "1", [("ja", pdf_upload())])
        ),
    )
    resource = Resource.objects.get()
    old = resource.versions.get()
    old_file = old.files.get()
    data = resource_data(pages, **management("versions", 2, initial=1))
    data.update(
        {
            "versions-0-id": str(old.pk),
            "versions-0-label": "1",
            "versions-0-notes": "",
            **management("versions-0-files", 1, initial=1),
            "versions-0-files-0-id": str(old_file.pk),
            "versions-0-files-0-language": "ja",
        }
    )
    data.update(version_data(1, "2", [("ja", pdf_upload("v2.pdf"))]))
    response = client.post(f"{LIBRARY}edit/{resource.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    newest, oldest = resource.versions.all()
    assert (newest.label, oldest.label) == ("2", "1")
    assert oldest.files.get() == old_file


def test_the_admin_refuses_a_file_by_its_content(django_user_model, pages):
    client = editor(django_user_model)
    fake = pdf_upload("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    data = resource_data(pages, **management("versions", 1), **version_data(0, "1", [("ja", fake)]))
    response = client.post(f"{LIBRARY}new/", data)
    assert response.status_code == 200
    assert "Renaming a file does not change its content" in response.content.decode()
    assert not Resource.objects.exists()


def test_staff_build_a_course_with_modules_and_materials(django_user_model):
    client = editor(django_user_model)
    data = {
        "title": "Basics",
        "description": "",
        "audience": "practitioners",
        "sort_order": "1",
        "live": "on",
        **management("modules", 1),
        "modules-0-id": "",
        "modules-0-ORDER": "1",
        "modules-0-title": "Who we help",
        "modules-0-description": "",
        **management("modules-0-materials", 2),
    }
    for number, (title, upload) in enumerate(
        [
            ("Handout", pdf_upload("handout.pdf")),
            ("Video", SimpleUploadedFile("v.webm", WEBM, content_type="video/webm")),
        ]
    ):
        prefix = f"modules-0-materials-{number}"
        data.update(
            {
                f"{prefix}-id": "",
                f"{prefix}-ORDER": str(number + 1),
                f"{prefix}-title": title,
                f"{prefix}-description": "",
                f"{prefix}-file": upload,
            }
        )
    response = client.post(f"{COURSES}new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    course = Course.objects.get()
    module = course.modules.get()
    handout, video = module.materials.all()
    assert (handout.title, handout.is_video, video.title, video.is_video) == (
        "Handout",
        False,
        "Video",
        True,
    )
