"""Workarounds for gaps in the packages the site mounts, each with when it can go.

Wagtail's chooser views take any text as an object id (``chosen/<str:pk>/``)
and answer 500 when it is not a number (Wagtail 8.0). These patterns answer
404 first. They can go when Wagtail's choosers give a 404 for a malformed id.
"""

from django.http import Http404
from django.urls import re_path

NOT_A_NUMBER = r"(?P<pk>[^/]*[^\d/][^/]*)"


def not_found(request, **kwargs):
    raise Http404


urlpatterns = [
    re_path(
        rf"^(?:documents|images)/chooser/chosen/{NOT_A_NUMBER}/$",
        not_found,
        name="chooser_id_not_a_number",
    ),
    re_path(
        rf"^snippets/choose/\w+/\w+/chosen/{NOT_A_NUMBER}/$",
        not_found,
        name="snippet_chooser_id_not_a_number",
    ),
]
