from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.blocks import FAQBlock

from .base import BasePage


class FAQPage(BasePage):
    """Questions and answers, each answer under its question."""

    questions = StreamField(FAQBlock(), blank=True, verbose_name=_("questions"))

    content_panels = BasePage.content_panels + [FieldPanel("questions")]
    search_fields = BasePage.search_fields + [index.SearchField("questions")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("questions")]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")
