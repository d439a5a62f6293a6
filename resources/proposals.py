"""Members propose resources; staff approve or reject them, and the proposer is told."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from core.decisions import decide
from core.files import validate_member_file
from core.links import absolute_url
from home.models import TopicPage
from mail.outbox import email_staff, queue_email
from resources.models import Resource, ResourceFile, ResourceVersion
from resources.topics import topic_choices

REVIEW_PERMISSION = "resources.change_resource"
FILE_ROWS = 3


class ProposalForm(forms.ModelForm):
    topic = forms.TypedChoiceField(
        label=gettext_lazy("Topic"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = Resource
        fields = ["title", "description", "kind", "topic", "proposal_note"]
        labels = {"proposal_note": gettext_lazy("Note for the staff (optional)")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "proposal_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "proposal_note": gettext_lazy(
                "Where the resource comes from, who may use it, anything staff should know."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "—"), *topic_choices()]

    def clean_topic(self):
        topic = self.cleaned_data["topic"]
        return TopicPage.objects.filter(pk=topic).first() if topic else None


class FileRowForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[("", "—"), *settings.LANGUAGES],
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("File"), required=False, validators=[validate_member_file]
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not cleaned.get("language"):
            self.add_error("language", gettext_lazy("Choose the language of this file."))
        if cleaned.get("language") and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", gettext_lazy("Choose a file in this language."))
        return cleaned


class BaseFileRows(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data.get("file")]
        if not rows:
            raise forms.ValidationError(gettext_lazy("Add at least one file."))
        languages = [row["language"] for row in rows]
        if len(set(languages)) != len(languages):
            raise forms.ValidationError(
                gettext_lazy("Give one file per language: a language was chosen twice.")
            )

    def files_by_language(self):
        return [
            (form.cleaned_data["language"], form.cleaned_data["file"])
            for form in self.forms
            if form.cleaned_data.get("file")
        ]


FileRows = forms.formset_factory(
    FileRowForm, formset=BaseFileRows, extra=FILE_ROWS, max_num=FILE_ROWS, absolute_max=FILE_ROWS
)


def propose(user, form, file_rows):
    """Store a proposal with its first version and files; tell the reviewers."""
    with transaction.atomic():
        resource = form.save(commit=False)
        resource.status = Resource.Status.PROPOSED
        resource.proposed_by = user
        resource.proposal_language = translation.get_language() or settings.LANGUAGE_CODE
        resource.save()
        version = ResourceVersion.objects.create(resource=resource, label="1", created_by=user)
        for language, upload in file_rows.files_by_language():
            ResourceFile.objects.create(version=version, language=language, file=upload)
        log(instance=resource, action="resources.propose", user=user)
        _notify_reviewers(resource)
    return resource


def _notify_reviewers(resource):
    review_url = absolute_url(reverse("resources_library:inspect", args=[resource.pk]))
    email_staff(
        REVIEW_PERMISSION,
        lambda: _("A resource was proposed for the library: %(title)s") % {"title": resource.title},
        "resources/emails/proposal_staff_notice.txt",
        {"resource": resource, "review_url": review_url},
    )


def _decide(resource, status, user, reason=""):
    return decide(
        resource,
        waiting=Resource.Status.PROPOSED,
        status=status,
        rejection_reason=reason,
        updated_at=timezone.now(),
    )


def _tell_proposer(resource, subject, template):
    proposer = resource.proposed_by
    if proposer is None or not proposer.email:
        return
    library_url = absolute_url(reverse("resources:resource", kwargs={"resource_id": resource.pk}))
    with translation.override(resource.proposal_language or settings.LANGUAGE_CODE):
        queue_email(
            proposer.email,
            str(subject()),
            render_to_string(template, {"resource": resource, "url": library_url}),
        )


def approve(resource, user):
    """Show a proposal to its audience and tell the proposer. False if already decided."""
    with transaction.atomic():
        if not _decide(resource, Resource.Status.APPROVED, user):
            return False
        _tell_proposer(
            resource,
            lambda: _("Your proposal was added to the library"),
            "resources/emails/proposal_approved.txt",
        )
        log(instance=resource, action="resources.approve", user=user)
    return True


def reject(resource, user, reason):
    """Keep a proposal hidden and send the proposer the reason. False if already decided."""
    with transaction.atomic():
        if not _decide(resource, Resource.Status.REJECTED, user, reason=reason):
            return False
        _tell_proposer(
            resource,
            lambda: _("Your proposal for the library"),
            "resources/emails/proposal_rejected.txt",
        )
        log(instance=resource, action="resources.reject", user=user, data={"reason": reason})
    return True
