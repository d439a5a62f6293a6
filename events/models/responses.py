from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from .events import Event

MAX_PEOPLE = 20


class EventResponseQuerySet(models.QuerySet):
    def counts(self):
        """Attending answers, the people they bring, and answers of not attending."""
        return self.aggregate(
            attending_answers=Count("pk", filter=Q(attending=True)),
            attending_people=Sum("people", filter=Q(attending=True), default=0),
            not_attending_answers=Count("pk", filter=Q(attending=False)),
        )


class EventResponse(models.Model):
    """A member's answer to an event: one per person and event, changed as often as needed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_responses"
    )
    attending = models.BooleanField(_("attending"))
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=0, help_text=_("0 when not attending.")
    )
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    objects = EventResponseQuerySet.as_manager()

    class Meta:
        db_table = "members_eventresponse"  # created by the members app, before events had its own
        verbose_name = _("answer to an event")
        verbose_name_plural = _("answers to events")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_answer_per_event"),
            models.CheckConstraint(
                condition=(
                    Q(attending=True, people__gte=1, people__lte=MAX_PEOPLE)
                    | Q(attending=False, people=0)
                ),
                name="people_match_answer",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.event}"

    @property
    def person(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def organization_name(self):
        membership = getattr(self.user, "membership", None)
        return membership.organization.name if membership else ""

    @property
    def answer(self):
        return _("Attending") if self.attending else _("Not attending")
