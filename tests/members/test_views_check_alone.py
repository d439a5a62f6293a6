"""Events, calendar, search, library and training views refuse outsiders on their own.

The members' middleware asks for both factors before any of them runs; each
view checks again, so that a view moved, reused or reached some other way
never hands members' things to someone who is not a member.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import URLPattern, get_resolver

from events.views import calendar, events
from members.access import viewer_for
from members.models import Organization
from resources.views import library
from tests.auth import make_user

CHECKED_MODULES = (
    "events.views.events",
    "events.views.calendar",
    "members.views.search",
    "resources.views.library",
    "resources.views.training",
    "resources.views.propose",
)
# Reached by its secret token alone, for calendar apps that cannot log in.
TOKEN_VIEWS = (calendar.calendar_feed_view,)


def checked_views():
    for entry in (
        get_resolver("members.urls").url_patterns
        + get_resolver("resources.urls").url_patterns
        + get_resolver("events.urls").url_patterns
    ):
        assert isinstance(entry, URLPattern)
        view = entry.callback
        if view.__module__ in CHECKED_MODULES and view not in TOKEN_VIEWS:
            yield pytest.param(view, dict.fromkeys(entry.pattern.converters, 1), id=entry.name)


def request_as(user, method):
    request = getattr(RequestFactory(), method)("/members/")
    request.user = user
    request.session = SessionBase()
    request.viewer = viewer_for(request)  # as members.middleware does
    return request


def refused(view, request, kwargs):
    try:
        response = view(request, **kwargs)
    except PermissionDenied:
        return True
    # A view that does not take this method answers 405 before it looks at anything.
    return response.status_code == 405


@pytest.fixture
def password_only(django_user_model):
    # Logged in with a password, but the second factor was never given.
    user = make_user(
        django_user_model, "halfway", organization=Organization.objects.create(name="団体")
    )
    user.is_verified = lambda: False
    return user


@pytest.fixture
def member(django_user_model):
    user = make_user(
        django_user_model, "member", organization=Organization.objects.create(name="団体")
    )
    user.is_verified = lambda: True
    return user


def test_the_walk_finds_the_views():
    names = {param.id for param in checked_views()}
    assert {"events", "event", "event_ics", "calendar", "search", "library", "course"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("view", "kwargs"), list(checked_views()))
def test_an_anonymous_visitor_is_refused(view, kwargs, method):
    assert refused(view, request_as(AnonymousUser(), method), kwargs)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("view", "kwargs"), list(checked_views()))
def test_a_user_without_the_second_factor_is_refused(password_only, view, kwargs, method):
    assert refused(view, request_as(password_only, method), kwargs)


@pytest.mark.parametrize(
    "view", [events.event_list_view, calendar.calendar_view, library.library_view]
)
def test_a_verified_member_gets_in(member, view):
    # The positive control: the same call with a member is answered.
    response = view(request_as(member, "get"))
    assert response.status_code == 200
