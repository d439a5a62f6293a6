"""Training: courses of ordered modules, each with ordered documents and videos."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from core.models import MemberFile

from .audience import Audience
from .previews import Previewable


class Course(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    sort_order = models.IntegerField(
        _("order"), default=0, help_text=_("Courses with a smaller number are listed first.")
    )
    live = models.BooleanField(
        _("shown to members"), default=False, help_text=_("Leave unticked while preparing.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("sort_order"),
        FieldPanel("live"),
        InlinePanel("modules", heading=_("Modules"), label=_("Module")),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["sort_order", "title", "pk"]

    def __str__(self):
        return self.title


class Module(Orderable, ClusterableModel):
    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        InlinePanel("materials", heading=_("Materials"), label=_("Material")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self):
        return self.title


class TrainingMaterial(Previewable, Orderable, MemberFile):
    """A document or a video (which it is comes from the file's content)."""

    module = ParentalKey(Module, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    def __str__(self):
        return self.title
