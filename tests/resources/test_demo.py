from demo.resources import build_resource_demo
from resources.models import Course, Resource, ResourceFile, TrainingMaterial
from tests.resources.factories import stored


def test_the_demo_builds_once_with_real_files(db, pages):
    first = build_resource_demo()
    assert first == {"resources": 6, "courses": 1}
    assert build_resource_demo() == {"resources": 0, "courses": 0}
    assert Resource.objects.filter(status=Resource.Status.PROPOSED).count() == 1
    leaflet = Resource.objects.get(kind="leaflet", status=Resource.Status.APPROVED)
    assert leaflet.topic == pages["ja"]["dv"]
    current, older = leaflet.versions.all()
    assert current.files.count() == 7 and older.files.count() == 2
    kinds = set(ResourceFile.objects.values_list("content_type", flat=True))
    assert kinds == {"application/pdf", "image/png"}
    for member_file in [*ResourceFile.objects.all(), *TrainingMaterial.objects.all()]:
        content = stored(member_file)
        assert content.startswith((b"%PDF-1.4", b"\x89PNG")), member_file
        if content.startswith(b"%PDF"):
            assert content.rstrip().endswith(b"%%EOF")
    course = Course.objects.get()
    assert course.live and course.modules.count() == 2
