"""The mail queue in the Wagtail admin: what failed or waits too long, for staff to look into.

A list only: the sender retries by itself, and bodies (invitation and reset
links) are never shown.
"""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from mail.models import OutgoingEmail

# Sent within a minute when all is well: longer than this, the queue is stuck.
STUCK_AFTER = datetime.timedelta(minutes=10)
FAILED, STUCK = "failed", "stuck"


def unsent():
    return OutgoingEmail.objects.filter(sent_at__isnull=True)


def failed():
    return unsent().exclude(last_error="")


def stuck(now=None):
    return unsent().filter(last_error="", created_at__lt=(now or timezone.now()) - STUCK_AFTER)


class MailFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[(FAILED, _("Failed")), (STUCK, _("Waiting too long"))],
        method="filter_state",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = OutgoingEmail
        fields = []

    def filter_state(self, queryset, name, value):
        wanted = failed() if value == FAILED else stuck()
        return queryset.filter(pk__in=wanted.values("pk"))


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    name = "mail"
    url_prefix = "mail/queue"
    url_namespace = "mail_queue"
    icon = "mail"
    menu_label = _("Mail queue")
    add_to_admin_menu = False
    list_display = [
        "to",
        "subject",
        DateColumn("created_at", label=_("Queued"), sort_key="created_at"),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        Column("last_error", label=_("Last error")),
    ]
    filterset_class = MailFilterSet
    ordering = "-created_at"
    search_fields = ["to", "subject"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["to", "subject"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        # The list only: emails are neither written nor changed here.
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results")
        ]


mail_viewset = OutgoingEmailViewSet()
