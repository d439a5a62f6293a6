from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.phones import tel_uri
from home.blocks import RICH_TEXT_FEATURES, ChannelsBlock, OpeningHoursBlock
from home.hours import OpeningHours, format_day, parse_month_day

from .base import BasePage

MONTH_DAY = RegexValidator(
    r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", _("Write MM-DD, e.g. 12-29.")
)


class ConsultationWindowPage(BasePage):
    """A place to ask for help (相談窓口): how to reach it and what to expect."""

    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As dialled in Japan, e.g. 048-775-9061."),
    )
    email = models.EmailField(_("email"), blank=True)
    hours = models.TextField(
        _("hours"),
        blank=True,
        help_text=_(
            "A note on the hours, one line each, e.g. for the chat. The weekly table is "
            "built from the opening hours below."
        ),
    )
    channels = StreamField(
        ChannelsBlock(),
        blank=True,
        verbose_name=_("other ways to get in touch"),
        help_text=_("In the order readers should try them: phone, chat, LINE, FAX, relay service…"),
    )
    open_24_hours = models.BooleanField(_("open 24 hours, every day"), default=False)
    opening_hours = StreamField(
        OpeningHoursBlock(),
        blank=True,
        verbose_name=_("weekly opening hours"),
        help_text=_("Several ranges a day are allowed, e.g. 9:00–12:00 and 13:00–16:00."),
    )
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=False)
    closed_at_year_end = models.BooleanField(_("closed at the year end"), default=False)
    year_end_from = models.CharField(
        _("year-end closure from"),
        max_length=5,
        default="12-29",
        validators=[MONTH_DAY],
        help_text=_("Month and day, MM-DD."),
    )
    year_end_until = models.CharField(
        _("year-end closure until"),
        max_length=5,
        default="01-03",
        validators=[MONTH_DAY],
        help_text=_("Month and day, MM-DD."),
    )
    address = models.TextField(_("address"), blank=True)
    access = models.TextField(_("access"), blank=True, help_text=_("How to get there."))
    nearest_station = models.CharField(
        _("nearest station"),
        max_length=255,
        blank=True,
        help_text=_("E.g. 'JR Ageo Station, 10 minutes on foot'."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_(
            "With the latitude: a link that opens the reader's own map app. No map is embedded."
        ),
    )
    last_checked = models.DateField(
        _("details checked on"),
        null=True,
        blank=True,
        help_text=_("The day someone confirmed these details with the window."),
    )
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
                FieldPanel("channels"),
                FieldPanel("last_checked"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("open_24_hours"),
                FieldPanel("opening_hours"),
                FieldPanel("closed_on_public_holidays"),
                FieldPanel("closed_at_year_end"),
                FieldRowPanel([FieldPanel("year_end_from"), FieldPanel("year_end_until")]),
                FieldPanel("hours"),
            ],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("access"),
                FieldPanel("nearest_station"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place and directions"),
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
        TranslatableField("channels"),
        SynchronizedField("open_24_hours"),
        SynchronizedField("opening_hours"),
        SynchronizedField("closed_on_public_holidays"),
        SynchronizedField("closed_at_year_end"),
        SynchronizedField("year_end_from"),
        SynchronizedField("year_end_until"),
        TranslatableField("address"),
        TranslatableField("access"),
        TranslatableField("nearest_station"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("last_checked"),
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

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Give both the latitude and the longitude, or neither.")
        if self.open_24_hours and self.opening_hours:
            errors["opening_hours"] = _(
                "A line open 24 hours has no weekly hours: clear them or untick 24 hours."
            )
        for field in ("year_end_from", "year_end_until"):
            try:
                parse_month_day(getattr(self, field))
            except ValueError:
                errors.setdefault(field, _("There is no such day."))
        if errors:
            raise ValidationError(errors)

    @cached_property
    def opening(self):
        """The opening hours as a table and as data for opening-hours.js (home.hours)."""
        return OpeningHours(self)

    @property
    def geo_uri(self):
        """A geo: link (RFC 5870) that opens the reader's own map app; '' without a place."""
        if self.latitude is None or self.longitude is None:
            return ""
        point = f"{self.latitude.normalize():f},{self.longitude.normalize():f}"
        return f"geo:{point}?q={point}"

    @property
    def last_checked_text(self):
        return format_day(self.last_checked) if self.last_checked else ""
