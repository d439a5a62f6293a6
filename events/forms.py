from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.models import EventAudience
from events.models.responses import MAX_PEOPLE


class ResponseForm(forms.Form):
    """A member's answer: attending or not, and with how many people."""

    ATTEND = "yes"
    DECLINE = "no"

    answer = forms.ChoiceField(
        label=_("Will you attend?"),
        choices=[(ATTEND, _("I will attend")), (DECLINE, _("I will not attend"))],
        widget=forms.RadioSelect,
    )
    people = forms.IntegerField(
        label=_("Number of people, you included"),
        min_value=1,
        max_value=MAX_PEOPLE,
        required=False,
        help_text=_("Only when attending: from 1 to %(max)d.") % {"max": MAX_PEOPLE},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == self.ATTEND:
            if not cleaned.get("people"):
                self.add_error("people", _("Tell us how many people will come."))
        else:
            cleaned["people"] = 0
        return cleaned

    @property
    def attending(self):
        return self.cleaned_data["answer"] == self.ATTEND

    @classmethod
    def initial_for(cls, response):
        if response is None:
            return {"people": 1}
        return {
            "answer": cls.ATTEND if response.attending else cls.DECLINE,
            "people": response.people or 1,
        }


def organization_of(user):
    membership = getattr(user, "membership", None)
    return membership.organization.name if membership else None


class OrganizationGroups(ModelChoiceIterator):
    """The people grouped by organization, in the queryset's order; staff in a group of their own."""

    def __iter__(self):
        groups = {}
        for user in self.queryset.all():  # a fresh query: never the field's cached rows
            name = organization_of(user) or gettext("Staff")
            groups.setdefault(name, []).append(self.choice(user))
        yield from groups.items()


class InviteePicker(forms.CheckboxSelectMultiple):
    """Checkboxes grouped by organization, with a search box that narrows them down.

    Without JavaScript the search box stays hidden and the groups are all there.
    """

    template_name = "events/admin/widgets/invitee_picker.html"

    class Media:
        js = ["events/admin/invitee_picker.js"]


class InviteeField(forms.ModelMultipleChoiceField):
    iterator = OrganizationGroups

    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def invitable_users():
    """Active people who could see an event: members of active organizations and staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(membership__organization__is_active=True))
        .select_related("membership__organization")
        .order_by("membership__organization__name", "last_name", "first_name", "username")
    )


class EventAdminForm(WagtailAdminModelForm):
    """The event form in the admin: invitees are chosen among members and required for
    an audience of named invitees."""

    invitees = InviteeField(
        label=_("Invitees"),
        queryset=invitable_users(),
        required=False,
        widget=InviteePicker,
        help_text=_("Only for an audience of named invitees. They are the only ones to see it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == EventAudience.INVITEES and not cleaned.get("invitees"):
            self.add_error("invitees", _("Choose at least one invitee."))
        return cleaned
