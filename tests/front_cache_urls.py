"""The site's URLs and two views that misbehave on purpose (tests/front_cache_settings.py)."""

import itertools

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from core.access import public
from portal.urls import urlpatterns as site_urlpatterns

answers = itertools.count(1)


def shared(text):
    """An answer that says any cache may keep it."""
    response = HttpResponse(text, content_type="text/plain")
    response["Cache-Control"] = "public, max-age=600, s-maxage=600"
    return response


@public
def sets_a_cookie(request):
    response = shared(f"answer {next(answers)}")
    response.set_cookie("chosen", "yes")
    return response


@public
@csrf_exempt
def answers_everything(request):
    return shared(f"{request.method} answer {next(answers)}")


urlpatterns = [
    path("front-cache-test/cookie/", sets_a_cookie),
    path("front-cache-test/answer/", answers_everything),
    *site_urlpatterns,
]
