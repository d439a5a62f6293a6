"""Resources, versions, courses and files for tests: real content, sniffed like uploads."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.resource_files import pdf, poster_png
from resources.models import (
    Course,
    Module,
    Resource,
    ResourceFile,
    ResourceVersion,
    TrainingMaterial,
)

# The first bytes of a WebM file: enough for its kind to be recognised.
WEBM = bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d") + b"\x00" * 64


def stored(member_file):
    """The bytes in storage, read afresh."""
    with member_file.file.storage.open(member_file.file.name, "rb") as handle:
        return handle.read()


def pdf_bytes(text="test"):
    return pdf(text, [text])


def make_resource(title="Leaflet", *, kind="leaflet", languages=("ja",), versions=1, **fields):
    """A resource with ``versions`` versions, each with a PDF per language, oldest first."""
    resource = Resource.objects.create(title=title, kind=kind, **fields)
    for number in range(1, versions + 1):
        version = ResourceVersion.objects.create(
            resource=resource,
            label=str(number),
            created_at=timezone.now() - datetime.timedelta(days=versions - number),
        )
        for language in languages:
            ResourceFile.objects.create(
                version=version,
                language=language,
                file=ContentFile(pdf_bytes(f"{title} v{number} {language}"), "file.pdf"),
            )
    return resource


def image_file(resource, language="ja"):
    version = resource.versions.first()
    return ResourceFile.objects.create(
        version=version, language=language, file=ContentFile(poster_png(["x"]), "poster.png")
    )


def make_course(title="Course", *, live=True, materials=(("Handout", None),), **fields):
    course = Course.objects.create(title=title, live=live, **fields)
    module = Module.objects.create(course=course, title="Module 1")
    for title_, content in materials:
        TrainingMaterial.objects.create(
            module=module,
            title=title_,
            file=ContentFile(content or pdf_bytes(title_), "material.bin"),
        )
    return course
