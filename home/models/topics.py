from django.db.models import Q
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["windows"] = self.help_windows(request)
        return context

    def help_windows(self, request=None):
        """The chosen windows in this page's language, in order, in one query.

        wagtail-localize keeps page choices pointing at the source pages, so
        they are localized here rather than one by one in the template.
        """
        from .windows import ConsultationWindowPage

        chosen = [block["value"] for block in self.windows.raw_data if block["value"]]
        windows = ConsultationWindowPage.objects.all()
        found = public_pages(
            windows.filter(
                Q(pk__in=chosen)
                | Q(
                    live=True,
                    locale_id=self.locale_id,
                    translation_key__in=windows.filter(pk__in=chosen).values("translation_key"),
                )
            ),
            request,
        )
        keys, by_key = {}, {}
        for window in found:
            if window.pk in chosen:
                keys[window.pk] = window.translation_key
            if window.live and window.locale_id == self.locale_id:
                by_key[window.translation_key] = window
        return [by_key[keys[pk]] for pk in chosen if pk in keys and keys[pk] in by_key]
