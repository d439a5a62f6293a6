from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail_localize.fields import TranslatableField

from core.access import public_pages

from .base import BasePage


class TopicPage(BasePage):
    """One kind of difficulty (DV, poverty …), leading to the windows that help."""

    windows = StreamField(
        [
            (
                "window",
                blocks.PageChooserBlock(
                    page_type="home.ConsultationWindowPage", label=_("Consultation window")
                ),
            )
        ],
        blank=True,
        verbose_name=_("windows that help"),
        help_text=_("In the order a reader should try them."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("windows")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("windows")]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("topic page")
        verbose_name_plural = _("topic pages")

    def help_windows(self):
        """The chosen windows in this page's language, in order, in two queries.

        wagtail-localize keeps page choices pointing at the source pages, so
        they are localized here rather than one by one in the template.
        """
        from .windows import ConsultationWindowPage

        chosen = [block["value"] for block in self.windows.raw_data if block["value"]]
        keys = dict(
            ConsultationWindowPage.objects.filter(pk__in=chosen).values_list(
                "pk", "translation_key"
            )
        )
        found = public_pages(
            ConsultationWindowPage.objects.live().filter(
                translation_key__in=keys.values(), locale_id=self.locale_id
            )
        )
        by_key = {window.translation_key: window for window in found}
        return [by_key[keys[pk]] for pk in chosen if pk in keys and keys[pk] in by_key]
