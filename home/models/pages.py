from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from core.access import visible_pages
from core.specific import specific, with_specific

from .base import BasePage


class ContentPage(BasePage):
    """A general page: the network, how to join, hiding browsing traces …"""

    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class SectionPage(BasePage):
    """An index that introduces a section and lists the pages inside it."""

    subpage_types = [
        "home.ContentPage",
        "home.ConsultationWindowPage",
        "home.TopicPage",
        "home.FAQPage",
    ]
    children_per_page = 30

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = visible_pages(self.get_children().live(), request)
        # Their leads, shown in the list, come in the same query, whatever their type.
        types = self.allowed_subpage_models()
        paginator = Paginator(with_specific(children, types), self.children_per_page)
        shown = paginator.get_page(request.GET.get("page"))
        shown.object_list = [specific(child, types) for child in shown.object_list]
        context["children"] = shown
        return context
