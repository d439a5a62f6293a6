import pytest
from django.core.management import call_command
from wagtail.models import Page

from demo import content_files


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    before = Page.objects.count()
    call_command("load_demo", languages="en", no_users=True, stdout=None)
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_every_source_page_exists_in_english():
    source = content_files.load("ja")
    english = content_files.load("en")
    assert set(english) == set(source)
    built = set(
        Page.objects.filter(locale__language_code="en", alias_of__isnull=True).values_list(
            "title", flat=True
        )
    )
    assert {spec["title"] for spec in english.values()} <= built


def test_every_translation_file_covers_every_page():
    source = content_files.load("ja")
    codes = content_files.available_translations()
    assert sorted(codes) == sorted(["en", "ja-x-easy", "zh-hans", "ko", "vi", "pt-br", "tl", "ne"])
    for code in codes:
        assert list(content_files.load(code)) == list(source), code


@pytest.mark.django_db
def test_every_translation_imports_into_wagtail_localize():
    call_command("load_demo", no_users=True, stdout=None)
    for code in content_files.available_translations():
        translated = Page.objects.filter(
            locale__language_code=code, alias_of__isnull=True, depth__gt=1
        )
        assert translated.count() == len(content_files.load("ja")), code
