from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Offer, Organization
from members.models.organizations import OrganizationFields

# What an organization tells the network about itself, in sign-ups and profiles.
SHARED_FIELDS = [field.name for field in OrganizationFields._meta.fields]


class OrganizationForm(forms.ModelForm):
    """An organization's profile, as staff edit it in the admin."""

    offers = forms.MultipleChoiceField(
        label=_("What the organization can do"),
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organization
        fields = SHARED_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ProfileForm(OrganizationForm):
    """The same profile as an organization administrator edits it: its kind is set by staff."""

    class Meta(OrganizationForm.Meta):
        fields = [name for name in SHARED_FIELDS if name != "kind"]
