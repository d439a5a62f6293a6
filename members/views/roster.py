"""The public list of registered organizations that agreed to be listed.

Organizations write their name, address and what else they offer in Japanese:
outside Japanese (and easy Japanese, whose readers read it as it is) that text
is marked ``lang="ja"``, so that screen readers and translators know.
"""

import hashlib

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.access import public
from members.models import Offer, Organization
from members.models.organizations import PLACE_FIELDS

# What the roster shows of a place to be (members/includes/roster_place.html).
PLACE_SHOWN = ("place_open", "place_translations", *PLACE_FIELDS)


def their_language():
    """The ``lang`` of what organizations wrote, when the page is in another language."""
    source = settings.LANGUAGE_CODE
    return None if (get_language() or source).split("-")[0] == source else source


def daily_order(organizations, day):
    """A fair order: shuffled by a hash of the day, the same all day, new the next day.

    Neither the date an organization joined nor its name puts it first.
    """
    return sorted(
        organizations,
        key=lambda org: hashlib.sha256(f"{day.isoformat()}:{org.pk}".encode()).hexdigest(),
    )


@public
@require_safe
def roster_view(request):
    chosen = [value for value in Offer.values if value in request.GET.getlist("offer")]
    organizations = Organization.objects.filter(is_active=True, listed_publicly=True).only(
        "pk", "name", "kind", "address", "offers", "offers_other", *PLACE_SHOWN
    )
    # Few organizations, and JSON lookups differ between databases: filter here.
    if chosen:
        organizations = [org for org in organizations if set(org.offers) & set(chosen)]
    return TemplateResponse(
        request,
        "members/roster.html",
        {
            "organizations": daily_order(organizations, timezone.localdate()),
            "offers": [(value, label, value in chosen) for value, label in Offer.choices],
            "chosen": chosen,
            "their_language": their_language(),
        },
    )
