from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.phones import tel_uri
from home.blocks import RICH_TEXT_FEATURES

from .base import BasePage


class ConsultationWindowPage(BasePage):
    """A place to ask for help (相談窓口): how to reach it and what to expect."""

    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As dialled in Japan, e.g. 048-775-9061."),
    )
    email = models.EmailField(_("email"), blank=True)
    hours = models.TextField(_("hours"), blank=True, help_text=_("Days and times, one per line."))
    address = models.TextField(_("address"), blank=True)
    access = models.TextField(_("access"), blank=True, help_text=_("How to get there."))
    languages = models.TextField(
        _("languages"), blank=True, help_text=_("Languages in which consultations are held.")
    )
    interpreter_available = models.BooleanField(_("interpreter can be arranged"), default=False)
    urgent = models.BooleanField(
        _("for immediate danger"),
        default=False,
        help_text=_(
            "Shown first to readers who may be in danger now, e.g. police or a 24-hour line."
        ),
    )
    what_to_expect = RichTextField(
        _("what happens when you get in touch"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = BasePage.content_panels[:2] + [
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("hours"),
                FieldPanel("address"),
                FieldPanel("access"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpreter_available"), FieldPanel("urgent")],
            heading=_("Languages and urgency"),
        ),
        FieldPanel("what_to_expect"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("what_to_expect"),
        index.SearchField("languages"),
        index.FilterField("urgent"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("phone"),
        SynchronizedField("email"),
        TranslatableField("hours"),
        TranslatableField("address"),
        TranslatableField("access"),
        TranslatableField("languages"),
        SynchronizedField("interpreter_available"),
        SynchronizedField("urgent"),
        TranslatableField("what_to_expect"),
    ]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation window")
        verbose_name_plural = _("consultation windows")

    @property
    def phone_href(self):
        return tel_uri(self.phone)
