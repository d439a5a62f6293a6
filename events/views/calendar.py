"""The private calendar feed: a secret URL a calendar app subscribes to.

Calendar apps cannot log in, so the feed URL is the only key: it is shown
once, stored as a hash, and can be revoked or replaced at any time.
"""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.access import public
from core.cache import make_private
from events import ical
from events.models import CalendarFeed, Event
from events.views.events import calendar_entry
from mail.outbox import preferred_language
from members.access import member_required, token_holder_may_see

# Calendars keep what they have already; the feed repeats only the last year.
FEED_PAST = datetime.timedelta(days=365)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@member_required
def calendar_view(request):
    context = {"feed": CalendarFeed.objects.filter(user=request.user).first()}
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarFeed.objects.filter(user=request.user).delete()
            messages.success(
                request, _("Your calendar feed was turned off. Its address no longer works.")
            )
            return redirect("events:calendar")
        # The URL can be shown only now: afterwards only its hash is kept.
        feed = CalendarFeed.renew(request.user)
        url = request.build_absolute_uri(reverse("events:calendar_feed", args=[feed.token]))
        context.update(feed=feed, feed_url=url, webcal_url="webcal://" + url.split("://", 1)[1])
    return render(request, "events/calendar.html", context)


@public  # calendar apps cannot log in: the secret address is the key
@require_safe
def calendar_feed_view(request, token):
    feed = CalendarFeed.find(token)
    if feed is None or not token_holder_may_see(feed.user):
        raise Http404
    feed.record_use()
    user = feed.user
    events = Event.objects.visible_to(user).filter(end__gte=timezone.now() - FEED_PAST)
    with translation.override(preferred_language(user)):
        text = ical.calendar(
            [calendar_entry(event) for event in events.order_by("start", "pk")],
            name=_("Support network events"),
        )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return make_private(response)
