"""The admin asks no other host for anything: no avatars, fonts or update checks."""

import re

import pytest
from django.urls import reverse

from tests.auth import make_user

EXTERNAL = re.compile(r'(?:src|href|srcset|action)="(?:https?:)?//(?!testserver)[^"]*"', re.I)
LOADED = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>", re.I)


def screens(pages):
    hub, english = pages["ja"]["one-stop"], pages["en"]["one-stop"]
    return [
        "/admin/",
        f"/admin/pages/{hub.get_parent().pk}/",
        f"/admin/pages/{hub.pk}/edit/",
        f"/admin/pages/{english.pk}/edit/",  # the translation editor
        "/admin/users/",
        "/admin/account/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/reports/site-history/",
        reverse("wagtaillocales:index"),
    ]


@pytest.mark.django_db
def test_no_admin_screen_loads_anything_from_another_host(staff_client, pages, django_user_model):
    make_user(django_user_model, "someone")  # a second face in the users list
    for url in screens(pages):
        response = staff_client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html, url
        for tag in LOADED.findall(html):
            assert not EXTERNAL.search(tag), (url, tag)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "http" not in policy, url
