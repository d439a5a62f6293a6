import pytest
from django.test import Client


@pytest.fixture
def reader():
    """A browser-like client: Django checks CSRF for it as it would for a real reader."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def finder(pages):
    """The help finder of each demo language: finder["en"]."""
    return {
        code: by_slug["help-finder"] for code, by_slug in pages.items() if "help-finder" in by_slug
    }
