"""Meetings and lectures announced to members, and who may see each one.

The audience rule lives here only: ``Event.objects.visible_to(user)`` for
listings, the calendar feed and every view, ``event.audience_users()`` for the
announcement emails.

Events are written in Japanese and may be translated (wagtail-localize), so
that a public lecture can be read in every language. A translation is a row of
its own with the same ``translation_key``; it is only for reading. Members'
lists, calendars, search, answers and announcements know the Japanese event
only (``Event.objects.originals()``), so each event is there once.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import files
from core.links import absolute_url
from core.models import MemberFile
from members.models.organizations import membership_of

# The agenda may hold links and lists, never embeds or images (no third-party requests).
AGENDA_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class EventKind(models.TextChoices):
    """The meetings of the network's rules (要綱 第7–9条), lectures and training."""

    REPRESENTATIVES = "representatives", _("Representatives' meeting")
    PRACTITIONERS = "practitioners", _("Practitioners' meeting")
    CASE = "case", _("Case meeting")
    LECTURE = "lecture", _("Lecture")
    TRAINING = "training", _("Training session")
    OTHER = "other", _("Other")


class EventAudience(models.TextChoices):
    PUBLIC = "public", _("Public (also shown on the public site)")
    MEMBERS = "members", _("All members")
    REPRESENTATIVES = "representatives", _("Those who attend the representatives' meeting")
    PRACTITIONERS = "practitioners", _("Those who attend the practitioners' meeting")
    INVITEES = "invitees", _("Named invitees only")


# Audiences that follow a Membership flag set by staff.
AUDIENCE_FLAGS = {
    EventAudience.REPRESENTATIVES: "is_representative",
    EventAudience.PRACTITIONERS: "is_practitioner",
}
EVERY_MEMBER = (EventAudience.PUBLIC, EventAudience.MEMBERS)


def may_see_events(user):
    """Active staff, or an active user of an active organization (second factor not asked)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or membership_of(user) is not None)
    )


def source_language():
    """The language events are written in (the default locale): Japanese."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class EventQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Rows made in bulk skip ``pre_save``, where Wagtail sets the locale: set it here."""
        objs = list(objs)
        missing = [obj for obj in objs if obj.locale_id is None]
        if missing:
            locale = missing[0].get_default_locale()
            for obj in missing:
                obj.locale = locale
        return super().bulk_create(objs, *args, **kwargs)

    def originals(self):
        """The events themselves, in the source language: never their translations."""
        return self.filter(locale__language_code=source_language())

    def visible_to(self, user):
        """Published events the user is in the audience of; staff see every one."""
        if not may_see_events(user):
            return self.none()
        live = self.originals().filter(live=True)
        if user.is_staff:
            return live
        membership = membership_of(user)
        audiences = Q(audience__in=EVERY_MEMBER)
        for audience, flag in AUDIENCE_FLAGS.items():
            if getattr(membership, flag):
                audiences |= Q(audience=audience)
        # A subquery, not a join: a join would repeat events with several invitees.
        invited = Event.invitees.through.objects.filter(user=user).values("event_id")
        audiences |= Q(audience=EventAudience.INVITEES, pk__in=invited)
        return live.filter(audiences)

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def public(self):
        """Published public events (lectures), once each: in the source language."""
        return self.originals().filter(live=True, audience=EventAudience.PUBLIC)

    def for_readers_of(self, language_code, fields=None):
        """These events as a reader of ``language_code`` reads them, in one query.

        Each event comes once, as the original (its pk, dates, audience and
        link), with the words (title, venue, address, agenda) of its published
        translation into that language when there is one. ``text_language``
        says which language the words are in: the reader's, or the source's
        while the event is not translated yet.
        """
        source = source_language()
        languages = {source, language_code}
        rows = (
            self.model.objects.filter(
                live=True,
                locale__language_code__in=languages,
                translation_key__in=self.values("translation_key"),
            )
            .annotate(language=models.F("locale__language_code"))
            .order_by()
        )
        if fields:
            rows = rows.only("translation_key", *fields)
        originals, translations = {}, {}
        for row in rows:
            (originals if row.language == source else translations)[row.translation_key] = row
        events = []
        for key, event in originals.items():
            translation = translations.get(key)
            event.text_language = source
            if translation is not None:
                for name in TRANSLATED_WORDS:
                    if fields is None or name in fields:
                        setattr(event, name, getattr(translation, name))
                event.text_language = language_code
            events.append(event)
        return events


# The words of an event that a translation gives; the rest is always the original's.
TRANSLATED_WORDS = ("title", "venue", "address", "agenda")


class Event(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_(
            "Shown in emails and calendars. Never put names or details of a case in the title."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=EventAudience.choices,
        default=EventAudience.MEMBERS,
        help_text=_(
            "Who sees the event and is emailed when it is first published. "
            "Staff set who attends which meeting under Meeting attendance. "
            "Case meetings are for named invitees only."
        ),
    )
    invitees = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="invited_events",
        verbose_name=_("invitees"),
        help_text=_("Only for an audience of named invitees."),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Shown only to the audience, in the members area. Never emailed."),
    )
    agenda = RichTextField(_("agenda"), features=AGENDA_FEATURES, blank=True)
    rsvp_deadline = models.DateTimeField(
        _("answers close"),
        null=True,
        blank=True,
        help_text=_("Optional. Answers are closed anyway once the event has started."),
    )
    objects = EventQuerySet.as_manager()
    # Moderation, when staff assign a workflow to events (Settings → Workflows).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="event")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="event",
        for_concrete_model=False,
    )

    # What a translator translates (wagtail-localize): the words. When, who and the
    # online link follow the Japanese event; invitees and materials are not copied.
    translatable_fields = [
        *(TranslatableField(name) for name in TRANSLATED_WORDS),
        SynchronizedField("kind"),
        SynchronizedField("audience"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("online_url"),
        SynchronizedField("rsvp_deadline"),
    ]
    NOT_COPIED_TO_TRANSLATIONS = ["invitees", "materials"]

    class Meta(TranslatableMixin.Meta):
        db_table = "members_event"  # created by the members app, before events had its own
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        indexes = [models.Index(fields=["live", "audience", "start"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == EventKind.CASE and self.audience != EventAudience.INVITEES:
            errors["audience"] = _("A case meeting is for named invitees only.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.start and self.rsvp_deadline and self.rsvp_deadline > self.start:
            errors["rsvp_deadline"] = _("Answers must close before the event starts.")
        if self.locale_id is not None and not self.is_original and not self.has_original():
            # Members, calendars and emails know the original only: one written in
            # another language would reach nobody.
            errors[NON_FIELD_ERRORS] = _(
                "Write the event in Japanese first. The other languages are translations "
                "of it, made with Translate."
            )
        if errors:
            raise ValidationError(errors)

    def copy_for_translation(self, locale, exclude_fields=None):
        exclude = [*(exclude_fields or []), *self.NOT_COPIED_TO_TRANSLATIONS]
        return super().copy_for_translation(locale, exclude_fields=exclude)

    @property
    def is_original(self):
        """Not a translation: the event members see, answer and are emailed about."""
        return self.locale.language_code == source_language()

    def has_original(self):
        return Event.objects.originals().filter(translation_key=self.translation_key).exists()

    def is_visible_to(self, user):
        return Event.objects.visible_to(user).filter(pk=self.pk).exists()

    def audience_users(self):
        """Active users who are in this event's audience, for the announcement."""
        users = get_user_model().objects.filter(is_active=True)
        if self.audience == EventAudience.INVITEES:
            # The instance's own invitees: a revision being confirmed may differ from the row.
            invited = [user.pk for user in self.invitees.all()]
            return users.filter(
                Q(is_staff=True) | Q(membership__organization__is_active=True), pk__in=invited
            )
        members = users.filter(membership__organization__is_active=True)
        flag = AUDIENCE_FLAGS.get(self.audience)
        return members.filter(**{f"membership__{flag}": True}) if flag else members

    # Previews: the event as its audience reads it in the members area, and its email.
    @property
    def preview_modes(self):
        return [("", _("Members area")), ("email", _("Announcement email"))]

    def get_preview_template(self, request, mode_name):
        if mode_name == "email":
            return "events/admin/preview_email.html"
        return "events/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        # A new event has no page of its own yet: its email links nowhere.
        link = self.members_url() if self.pk else "…"
        context = super().get_preview_context(request, mode_name)
        return {**context, "event": self, "user": request.user, "link": link, "materials": []}

    def members_url(self):
        """The event in the members area, as emails link to it."""
        return absolute_url(reverse("events:event", args=[self.pk]))

    @property
    def place(self):
        """Venue and address on one line, for emails and calendars."""
        return ", ".join(part for part in (self.venue, " ".join(self.address.split())) if part)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def answers_open(self):
        now = timezone.now()
        return self.start > now and (self.rsvp_deadline is None or self.rsvp_deadline >= now)


class EventAnnouncement(models.Model):
    """That an event's audience was emailed, which happens once: at its first publishing.

    Kept apart from the event, so that publishing an older revision, or saving
    an out-of-date copy of the event, cannot make it look unannounced.
    """

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, primary_key=True, related_name="announcement"
    )
    announced_at = models.DateTimeField(_("announced"), auto_now_add=True)

    class Meta:
        db_table = (
            "members_eventannouncement"  # created by the members app, before events had its own
        )
        verbose_name = _("event announcement")
        verbose_name_plural = _("event announcements")

    def __str__(self):
        return f"{self.event} announced {self.announced_at:%Y-%m-%d %H:%M}"


class EventMaterial(Orderable, MemberFile):
    """A document for an event, handed out only to its audience."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)

    class Meta(Orderable.Meta):
        db_table = "members_eventmaterial"  # created by the members app, before events had its own
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Saving a draft revision stores an upload before the material itself is
        # saved, so when a revision is published the kind may not be known yet.
        if self.file and getattr(self.file, "_committed", True) and not self.content_type:
            with self.file.open("rb") as handle:
                kind = files.sniff(handle)
            self.content_type = kind.mime if kind else "application/octet-stream"
            self.size = self.file.size
        super().save(*args, **kwargs)
