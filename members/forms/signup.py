"""The public sign-up form of an organization wanting to join the network."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Application, Offer, OrganizationKind

# Kinds an organization can choose for itself; city departments and related
# agencies are added by the hub's staff.
PUBLIC_KINDS = [
    (value, label)
    for value, label in OrganizationKind.choices
    if value not in (OrganizationKind.CITY, OrganizationKind.AGENCY)
]
MIN_PHONE_DIGITS = 6


class SignupForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Kind of organization"),
        choices=PUBLIC_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of organization.")},
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"required": _("Enter the address of the organization.")},
    )
    offers = forms.MultipleChoiceField(
        label=_("What your organization can do"),
        help_text=_("Choose everything that fits. Small things help too."),
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing your organization can do.")},
    )
    pledge = forms.BooleanField(
        label=_("I have read the pledge above and promise to keep it."),
        error_messages={"required": _("To join the network, please accept the pledge.")},
    )
    # Which text of the pledge the applicant saw, in case it changes meanwhile;
    # the template always sends the version it shows.
    pledge_shown = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A trap for bots: hidden from people and from screen readers, so only a
    # program that fills every field fills it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "kind",
            "address",
            "contact_name",
            "email",
            "phone",
            "offers",
            "offers_other",
            "listed_publicly",
        ]
        labels = {
            "name": _("Name of the organization"),
            "contact_name": _("Contact person"),
            "email": _("Email address"),
            "phone": _("Phone number"),
            "offers_other": _("If “Other”: what your organization can do"),
            "listed_publicly": _("Show our organization in the public list"),
        }
        help_texts = {
            "contact_name": _("The person the hub contacts about this application."),
            "email": _("We send a confirmation here, and later the link to the members area."),
            "listed_publicly": _(
                "The list shows the name, kind, address and what the organization can do. "
                "The contact person, email and phone are never shown."
            ),
        }
        error_messages = {
            "name": {"required": _("Enter the name of the organization.")},
            "contact_name": {"required": _("Enter the name of the contact person.")},
            "email": {
                "required": _("Enter an email address."),
                "invalid": _("Enter an email address like name@example.jp."),
            },
            "phone": {"required": _("Enter a phone number.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
        }

    def __init__(self, *args, pledge=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.pledge_version = pledge

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean_phone(self):
        phone = unicodedata.normalize("NFKC", self.cleaned_data["phone"]).strip()
        if sum(c.isdigit() for c in phone) < MIN_PHONE_DIGITS:
            raise forms.ValidationError(_("Enter a phone number with its area code."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if Offer.OTHER in cleaned.get("offers", []) and not cleaned.get("offers_other", "").strip():
            self.add_error(
                "offers_other", _("You ticked “Other”: please say what your organization can do.")
            )
        shown = cleaned.get("pledge_shown")
        if self.pledge_version is not None and shown != self.pledge_version.version:
            self.add_error(
                "pledge", _("The text of the pledge has just changed. Please read it again.")
            )
        return cleaned

    def save(self, commit=True):
        application = super().save(commit=False)
        application.pledge_version = self.pledge_version
        if commit:
            application.save()
        return application
