from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.memo import remembered

DEFAULT_QUICK_EXIT_URL = "https://tenki.jp/"


@register_setting(icon="site")
class NetworkSettings(BaseGenericSetting):
    """Site-wide choices: the one-stop window every page points to, the quick exit."""

    hub_window = models.ForeignKey(
        "home.ConsultationWindowPage",
        verbose_name=_("one-stop consultation window"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Its phone, email and hours appear in the header and footer of every page, "
            "in the reader's language."
        ),
    )
    traces_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page on hiding browsing traces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked beside the quick exit on every page."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    printables_page = models.ForeignKey(
        "home.PrintablesPage",
        verbose_name=_("cards and posters to print"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )
    quick_exit_url = models.URLField(
        _("quick exit destination"),
        default=DEFAULT_QUICK_EXIT_URL,
        help_text=_("A neutral site that reveals nothing, e.g. a weather forecast."),
    )

    # The one-stop window comes with the settings (the printables and the admin use it);
    # every page's frame reads all the chosen pages by id in its own query
    # (home.templatetags.portal_tags.Frame): joining five pages here cost a sixth of
    # an uncached page's CPU time (docs/benchmark.md).
    select_related = ["hub_window"]

    panels = [
        PageChooserPanel("hub_window"),
        PageChooserPanel("traces_page"),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("printables_page"),
        FieldPanel("quick_exit_url"),
    ]

    @classmethod
    def for_reader(cls, request):
        """The settings as the public pages show them: read once a request and kept
        between requests until content changes (core.memo). Not for editing."""

        def load():
            return cls.load(request_or_site=request)

        settings = remembered(request, "network-settings", load)
        if request is not None:
            # The settings context processor ({{ settings.home.NetworkSettings }}) reads them here.
            request.__dict__.setdefault(cls.get_cache_attr_name(), settings)
        return settings

    class Meta:
        verbose_name = _("network settings")
