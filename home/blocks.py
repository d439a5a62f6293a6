import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from core.phones import dial_string

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "home/blocks/callout.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "home/blocks/question.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        template="home/blocks/heading.html",
        help_text=_("A section heading. Easy Japanese may use {漢字|かんじ} for furigana."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )
    callout = CalloutBlock()
    image = ImageBlock(label=_("Image"), template="home/blocks/image.html")

    class Meta:
        label = _("Body")


class FAQBlock(blocks.StreamBlock):
    question = QuestionBlock()
    heading = BodyBlock.base_blocks["heading"]

    class Meta:
        label = _("Questions")


# --- Consultation windows: ways to get in touch and opening hours ----------------

SAFE_URL_SCHEMES = ("http", "https", "tel", "geo")
TEL_URI = re.compile(r"^tel:\+?[0-9*#%().\- ]*[0-9][0-9*#%().\- ]*$", re.IGNORECASE)
GEO_URI = re.compile(r"^geo:(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)(?:[;?][^\s]*)?$")


def validate_safe_url(value):
    """Only addresses a reader can safely follow: http(s), tel: and geo:."""
    message = _("Use an address starting with https://, http://, tel: or geo:.")
    text = str(value or "").strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme in ("http", "https"):
        URLValidator(schemes=["http", "https"], message=message)(text)
    elif scheme == "tel":
        if not TEL_URI.match(text):
            raise ValidationError(message, code="invalid")
    elif scheme == "geo":
        match = GEO_URI.match(text)
        if not match or abs(float(match[1])) > 90 or abs(float(match[2])) > 180:
            raise ValidationError(message, code="invalid")
    else:
        raise ValidationError(message, code="invalid")


def validate_dialable(value):
    if not dial_string(value):
        raise ValidationError(_("Write a number a phone can dial, e.g. 0120-279-889 or #8008."))


class SafeURLBlock(blocks.FieldBlock):
    """A link for readers: http(s), tel: or geo: only. The same in every language."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=500,
            validators=[validate_safe_url],
        )
        super().__init__(**kwargs)


class SharedTextBlock(blocks.FieldBlock):
    """A short value that is not translated (a number, an account ID)."""

    def __init__(self, required=True, help_text=None, max_length=80, validators=(), **kwargs):
        self.field = forms.CharField(
            required=required, help_text=help_text, max_length=max_length, validators=validators
        )
        super().__init__(**kwargs)


def _label():
    return blocks.CharBlock(
        label=_("label"),
        max_length=120,
        help_text=_("What the reader sees, e.g. 'Chat consultation'. {漢字|かんじ} for furigana."),
    )


def _note():
    return blocks.CharBlock(
        label=_("note"), max_length=300, required=False, help_text=_("Optional, e.g. the hours.")
    )


def _number():
    return SharedTextBlock(label=_("number"), max_length=40, validators=[validate_dialable])


class ChannelBlock(blocks.StructBlock):
    """One way to reach a window: a label, what to use and an optional note."""


class NumberChannelBlock(ChannelBlock):
    """A channel reached by dialling a number: phone or FAX."""

    label = _label()
    number = _number()
    note = _note()


class PhoneChannelBlock(NumberChannelBlock):
    class Meta:
        icon = "mobile-alt"
        label = _("Phone")


class LinkChannelBlock(ChannelBlock):
    label = _label()
    url = SafeURLBlock(label=_("address (URL)"))
    note = _note()


class ChatChannelBlock(LinkChannelBlock):
    class Meta:
        icon = "comment"
        label = _("Chat")


class EmailFormChannelBlock(LinkChannelBlock):
    class Meta:
        icon = "mail"
        label = _("Email form")


class SNSChannelBlock(ChannelBlock):
    label = _label()
    url = SafeURLBlock(label=_("address (URL)"), required=False)
    account = SharedTextBlock(label=_("account ID"), required=False)
    note = _note()

    class Meta:
        icon = "group"
        label = _("SNS / LINE")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("url") and not value.get("account"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give an address or an account ID."))}
            )
        return value


class FaxChannelBlock(NumberChannelBlock):
    class Meta:
        icon = "doc-full"
        label = _("FAX")


class ServiceChannelBlock(ChannelBlock):
    """A service used through its own app or site, whose address is optional."""

    label = _label()
    url = SafeURLBlock(label=_("address (URL)"), required=False)
    note = _note()


class RelayChannelBlock(ServiceChannelBlock):
    class Meta:
        icon = "user"
        label = _("Sign language or relay service")


class EmergencyAppChannelBlock(ServiceChannelBlock):
    class Meta:
        icon = "warning"
        label = _("Net119 / 110 app")


class InPersonChannelBlock(ChannelBlock):
    label = _label()
    note = _note()

    class Meta:
        icon = "home"
        label = _("In person")


class ChannelsBlock(blocks.StreamBlock):
    phone = PhoneChannelBlock()
    chat = ChatChannelBlock()
    sns = SNSChannelBlock()
    email_form = EmailFormChannelBlock()
    fax = FaxChannelBlock()
    relay = RelayChannelBlock()
    emergency_app = EmergencyAppChannelBlock()
    in_person = InPersonChannelBlock()

    class Meta:
        label = _("Ways to get in touch")


WEEKDAY_CHOICES = [
    ("1", pgettext_lazy("weekday", "Monday")),
    ("2", pgettext_lazy("weekday", "Tuesday")),
    ("3", pgettext_lazy("weekday", "Wednesday")),
    ("4", pgettext_lazy("weekday", "Thursday")),
    ("5", pgettext_lazy("weekday", "Friday")),
    ("6", pgettext_lazy("weekday", "Saturday")),
    ("7", pgettext_lazy("weekday", "Sunday")),
]


class OpeningRangeBlock(blocks.StructBlock):
    days = blocks.MultipleChoiceBlock(
        label=_("days"), choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    opens = blocks.TimeBlock(label=_("opens"))
    closes = blocks.TimeBlock(label=_("closes"))

    class Meta:
        icon = "time"
        label = _("Opening hours")

    def clean(self, value):
        value = super().clean(value)
        opens, closes = value.get("opens"), value.get("closes")
        if opens is not None and closes is not None and closes <= opens:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "closes": ValidationError(_("Closing time must be after opening time."))
                }
            )
        return value


class OpeningHoursBlock(blocks.StreamBlock):
    hours = OpeningRangeBlock()

    class Meta:
        label = _("Weekly opening hours")
