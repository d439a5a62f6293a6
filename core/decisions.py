"""Staff decide on what someone asked for: an organization's application, a member's proposal.

Both reviews share the form (approve, or reject with a reason that is
emailed), the order of the list (what waits for a decision first), the view's
handling of a decision, and the form's template
(``core/decision.html``) and the history's line for a
rejection.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.log_actions import LogFormatter


def decide(instance, *, waiting, **fields):
    """Record a decision unless someone decided first; True if this one counts.

    ``instance`` must still have ``status`` ``waiting``; ``fields`` (its new
    ``status`` among them) are written in one UPDATE that only matches while it
    does, so two staff deciding at once cannot both win. ``instance`` is
    reloaded either way.
    """
    model = type(instance)
    count = model.objects.filter(pk=instance.pk, status=waiting).update(**fields)
    instance.refresh_from_db()
    return count == 1


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    # Who reads the reason, said in the field's help and in the error without one.
    reason_help_text = ""
    reason_missing = ""

    decision = forms.ChoiceField(
        choices=[(APPROVE, gettext_lazy("Approve")), (REJECT, gettext_lazy("Reject"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = self.reason_help_text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", self.reason_missing)
        return cleaned


class WaitingFirstIndexView(generic.IndexView):
    """A list where what still waits for a decision comes first (sort on ``_decided``)."""

    waiting_status = None

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                _decided=Case(
                    When(status=self.waiting_status, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )


class DecisionViewMixin:
    """For an inspect view: shows ``decision_form_class`` and carries out what staff decide.

    ``approve()`` and ``reject(reason)`` act on ``self.object`` and tell staff
    how it went.
    """

    decision_form_class = DecisionForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_form"] = kwargs.get("decision_form") or self.decision_form_class()
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        form = self.decision_form_class(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(decision_form=form))
        if form.cleaned_data["decision"] == form.APPROVE:
            self.approve()
        else:
            self.reject(form.cleaned_data["reason"].strip())
        return redirect(self.index_url_name)

    def approve(self):
        raise NotImplementedError

    def reject(self, reason):
        raise NotImplementedError


class RejectionFormatter(LogFormatter):
    """A rejection in an object's history, with the reason staff gave as its comment."""

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")
