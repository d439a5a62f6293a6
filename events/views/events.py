"""Events in the members area: lists, details, answers, .ics downloads and materials.

Every view finds its event through ``Event.objects.visible_to``: someone
outside the audience gets a 404, as if the event did not exist.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from core.cache import make_private
from core.links import absolute_url
from events import ical
from events.forms import ResponseForm
from events.models import Event, EventMaterial, EventResponse
from members.access import member_required

PAST_PER_PAGE = 20


def visible_events(user):
    """The user's events, each with the user's own answer (``my_attending``, ``my_people``)."""
    mine = EventResponse.objects.filter(event=OuterRef("pk"), user=user)
    return Event.objects.visible_to(user).annotate(
        my_attending=Subquery(mine.values("attending")[:1]),
        my_people=Subquery(mine.values("people")[:1]),
    )


def visible_event(user, event_id):
    return get_object_or_404(Event.objects.visible_to(user), pk=event_id)


def event_url(event):
    return absolute_url(reverse("events:event", args=[event.pk]))


def calendar_entry(event):
    """What a calendar gets of an event: a pointer to the members area, nothing confidential."""
    url = event_url(event)
    description = "{kind}\n{more}\n{url}".format(
        kind=event.get_kind_display(),
        more=_("Agenda, online link and materials are in the members area:"),
        url=url,
    )
    return event, url, description


@never_cache
@require_safe
@member_required
def event_list_view(request):
    events = visible_events(request.user)
    past = Paginator(events.past(), PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {"upcoming": events.upcoming(), "past": past},
    )


def closed_message(event):
    if event.start <= timezone.now():
        return _("This event has already started, so answers are closed.")
    deadline = formats.date_format(timezone.localtime(event.rsvp_deadline), "DATETIME_FORMAT")
    return _("Answers for this event closed on %(deadline)s.") % {"deadline": deadline}


def render_detail(request, event, form=None, status=200):
    response = EventResponse.objects.filter(event=event, user=request.user).first()
    if form is None:
        form = ResponseForm(initial=ResponseForm.initial_for(response))
    context = {
        "event": event,
        "materials": EventMaterial.objects.filter(event=event),
        "response": response,
        "form": form,
        "closed_message": None if event.answers_open else closed_message(event),
    }
    return render(request, "events/event_detail.html", context, status=status)


@never_cache
@require_safe
@member_required
def event_detail_view(request, event_id):
    return render_detail(request, visible_event(request.user, event_id))


@require_POST
@member_required
def respond_view(request, event_id):
    event = visible_event(request.user, event_id)
    if not event.answers_open:
        messages.error(request, closed_message(event))
        return redirect("events:event", event_id=event.pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return render_detail(request, event, form=form, status=400)
    EventResponse.objects.update_or_create(
        event=event,
        user=request.user,
        defaults={"attending": form.attending, "people": form.cleaned_data["people"]},
    )
    if form.attending:
        messages.success(request, _("Thank you: your answer was saved. You will attend."))
    else:
        messages.success(request, _("Thank you: your answer was saved. You will not attend."))
    return redirect("events:event", event_id=event.pk)


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return make_private(response)


@require_safe
@member_required
def event_ics_view(request, event_id):
    event = visible_event(request.user, event_id)
    return ics_response(ical.calendar([calendar_entry(event)]), f"event-{event.pk}.ics")


@require_safe
@member_required
def material_view(request, event_id, material_id):
    event = visible_event(request.user, event_id)
    material = get_object_or_404(EventMaterial, event=event, pk=material_id)
    return material.serve(request, material.title)
