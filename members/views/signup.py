"""The public sign-up form: stored first, then the emails about it are queued."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import throttle
from core.access import public
from core.links import absolute_url
from mail.outbox import email_staff, queue_email
from members.forms.signup import SignupForm
from members.models import PledgeVersion

MAX_APPLICATIONS_PER_HOUR = 5
SIGNUP_COUNTER = "signup"
REVIEW_PERMISSION = "members.change_application"


def _signup_check(request):
    return (SIGNUP_COUNTER, throttle.client_address(request), MAX_APPLICATIONS_PER_HOUR)


def _is_rate_limited(request):
    return throttle.over_limit(_signup_check(request))


def _count_application(request):
    throttle.spend(_signup_check(request))


@public
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup_view(request):
    pledge = PledgeVersion.current()
    context = {"pledge": pledge}
    if pledge is None:
        # Nothing can be accepted before the hub publishes a pledge.
        return render(request, "members/signup_form.html", context, status=503)
    if request.method != "POST":
        context["form"] = SignupForm(pledge=pledge)
        return render(request, "members/signup_form.html", context)

    if _is_rate_limited(request):
        context["limited"] = True
        return render(request, "members/signup_form.html", context, status=429)
    form = SignupForm(request.POST, pledge=pledge)
    if form.is_bot:
        # Look like a success, so the program learns nothing.
        _count_application(request)
        return redirect("signup_done")
    if form.is_valid():
        with transaction.atomic():
            application = form.save(commit=False)
            application.language = translation.get_language()
            application.save()
            notify_new_application(application)
        _count_application(request)
        return redirect("signup_done")
    context["form"] = form
    return render(request, "members/signup_form.html", context)


@public
@never_cache
@require_safe
def signup_done_view(request):
    return render(request, "members/signup_done.html")


def notify_new_application(application):
    """Queue the applicant's confirmation, in their language, and a notice to each reviewer."""
    with translation.override(application.language):
        queue_email(
            application.email,
            _("We received your application to the support network"),
            render_to_string(
                "members/emails/application_received.txt", {"application": application}
            ),
        )
    review_url = absolute_url(reverse("members_applications:inspect", args=[application.pk]))
    email_staff(
        REVIEW_PERMISSION,
        lambda: _("New application to the network: %(name)s") % {"name": application.name},
        "members/emails/application_staff_notice.txt",
        {"application": application, "review_url": review_url},
    )
