"""Training courses: audience, live flag, materials to download and videos to play."""

import pytest

from resources.models import Audience, Download
from tests.resources.factories import WEBM, make_course, stored

TRAINING = "/members/training/"


def material_url(course, material, preview=False):
    return f"{TRAINING}{course.pk}/materials/{material.pk}/" + ("preview/" if preview else "")


def test_members_see_live_courses_in_order_with_modules_and_materials(member_client):
    second = make_course("Second course", sort_order=2)
    first = make_course("First course", sort_order=1)
    make_course("Being prepared", live=False)
    html = member_client.get(TRAINING).content.decode()
    assert html.index("First course") < html.index("Second course")
    assert "Being prepared" not in html
    page = member_client.get(f"{TRAINING}{first.pk}/").content.decode()
    assert "Module 1" in page and "Handout" in page
    assert second.pk != first.pk


def test_a_course_being_prepared_is_hidden_from_members_but_not_staff(
    member_client, own_staff_client
):
    course = make_course("Draft", live=False)
    material = course.modules.get().materials.get()
    assert member_client.get(f"{TRAINING}{course.pk}/").status_code == 404
    assert member_client.get(material_url(course, material)).status_code == 404
    assert own_staff_client.get(f"{TRAINING}{course.pk}/").status_code == 200
    assert "Draft" in own_staff_client.get(TRAINING).content.decode()


@pytest.mark.parametrize("audience", [Audience.REPRESENTATIVES, Audience.PRACTITIONERS])
def test_courses_for_an_audience(
    member_client, representative_client, practitioner_client, audience
):
    course = make_course("For one meeting", audience=audience)
    material = course.modules.get().materials.get()
    allowed = representative_client if audience == Audience.REPRESENTATIVES else practitioner_client
    refused = practitioner_client if audience == Audience.REPRESENTATIVES else representative_client
    for client, status in ((allowed, 200), (refused, 404), (member_client, 404)):
        assert client.get(f"{TRAINING}{course.pk}/").status_code == status
        assert client.get(material_url(course, material)).status_code == status
        assert ("For one meeting" in client.get(TRAINING).content.decode()) is (status == 200)


def test_a_document_downloads_and_is_counted(member_client, member):
    course = make_course("Basics")
    material = course.modules.get().materials.get()
    response = member_client.get(material_url(course, material))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == stored(material)
    download = Download.objects.get()
    assert (download.material, download.resource, download.user) == (material, None, member)


def test_a_video_plays_on_the_page_from_the_checked_view(member_client):
    course = make_course("Videos", materials=[("Welcome video", WEBM)])
    material = course.modules.get().materials.get()
    assert material.is_video
    html = member_client.get(f"{TRAINING}{course.pk}/").content.decode()
    assert (
        f'<video class="training-materials__video" controls preload="metadata" src="{material_url(course, material, preview=True)}">'
        in html
    )
    response = member_client.get(material_url(course, material, preview=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Disposition"].startswith("inline;")
    assert not Download.objects.exists()


def test_a_material_belongs_to_its_course(member_client):
    open_course = make_course("Open")
    other = make_course("Other", live=False)
    hidden = other.modules.get().materials.get()
    assert member_client.get(material_url(open_course, hidden)).status_code == 404
