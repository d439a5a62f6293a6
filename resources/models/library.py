"""The shared library: resources, their versions, and one file per language per version."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale
from wagtail.search import index

from core.models import MemberFile

from .audience import Audience
from .previews import Previewable


class ResourceKind(models.TextChoices):
    LEAFLET = "leaflet", _("Leaflet")
    POSTER = "poster", _("Poster")
    CARD = "card", _("Card")
    HANDBOOK = "handbook", _("Handbook")
    MANUAL = "manual", _("Manual")
    FORM = "form", _("Form")
    OTHER = "other", _("Other")


class ResourceQuerySet(models.QuerySet):
    def with_current_version(self):
        """Annotate ``current_version_id``: the newest version is the one shown."""
        newest = ResourceVersion.objects.filter(resource=OuterRef("pk")).order_by(
            "-created_at", "-pk"
        )
        if "current_version_id" in self.query.annotations:
            return self
        return self.annotate(current_version_id=Subquery(newest.values("pk")[:1]))

    def in_language(self, language):
        """Resources whose current version has a file in this language."""
        files = ResourceFile.objects.filter(
            version_id=OuterRef("current_version_id"), language=language
        )
        return self.with_current_version().filter(Exists(files))


class Resource(index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    topic = models.ForeignKey(
        "home.TopicPage",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The public site's topic this resource is about; its title is shown in each language."
        ),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    # Resources added by staff are approved; members' proposals wait for a decision.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_resources",
        editable=False,
    )
    proposal_note = models.TextField(_("note from the proposer"), blank=True)
    # The proposer hears of the decision in the language they proposed in.
    proposal_language = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("topic"),
        FieldPanel("audience"),
        InlinePanel("versions", heading=_("Versions"), label=_("Version"), min_num=1),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # One topic page per topic, whichever translation an editor chose.
        if self.topic_id and self.topic.locale_id != Locale.get_default().pk:
            self.topic = self.topic.get_translation_or_none(Locale.get_default()) or self.topic
        super().save(*args, **kwargs)


class ResourceVersion(ClusterableModel):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(
        _("version"), max_length=60, help_text=_("For example “2025 edition” or “2”.")
    )
    notes = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("notes"),
        InlinePanel("files", heading=_("Files"), label=_("File"), min_num=1),
    ]

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        # Newest first: the first version is the current one.
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.resource} — {self.label}"


class ResourceFile(Previewable, MemberFile):
    """The file of one version in one language."""

    version = ParentalKey(ResourceVersion, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=20, choices=settings.LANGUAGES)

    panels = [FieldPanel("language"), FieldPanel("file")]

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="one_file_per_language")
        ]

    def __str__(self):
        return f"{self.version} ({self.get_language_display()})"
