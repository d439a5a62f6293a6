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
from resources import uploads
from resources.models import HeldUpload, Resource, ResourceFile, ResourceVersion
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
    # A file chosen before (held after a refused form, or sent straight to the bucket).
    held = forms.CharField(required=False, widget=forms.HiddenInput)
    held_action = forms.ChoiceField(
        label=gettext_lazy("The file already chosen"),
        choices=[
            ("keep", gettext_lazy("Keep it")),
            ("remove", gettext_lazy("Remove it")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.held_upload = None  # the held file this row uses
        self.dropped = []  # held files removed or replaced by a new choice

    def clean(self):
        cleaned = super().clean()
        self._use_held_file(cleaned)
        if cleaned.get("file") and not cleaned.get("language"):
            self.add_error("language", gettext_lazy("Choose the language of this file."))
        if cleaned.get("language") and not cleaned.get("file") and "file" not in self.errors:
            self.add_error("file", gettext_lazy("Choose a file in this language."))
        return cleaned

    def _use_held_file(self, cleaned):
        token = cleaned.get("held")
        if not token:
            return
        held = uploads.claim(self.owner, token)
        if "file" in self.errors:
            self.held_upload = held  # the new choice was refused: offer the old one again
            return
        if cleaned.get("file"):
            if held is not None:
                self.dropped.append(held)  # a new choice replaces it
            return
        if held is None:
            self.add_error(
                "file", gettext_lazy("The file chosen before is no longer here. Choose it again.")
            )
            return
        if cleaned.get("held_action") == "remove":
            self.dropped.append(held)
            return
        try:
            cleaned["file"] = self.held_upload = uploads.check(held)
        except forms.ValidationError as error:
            self.add_error("file", error)

    @property
    def new_upload(self):
        """A newly chosen file that passed the checks, worth holding if the form is refused."""
        file = getattr(self, "cleaned_data", {}).get("file")
        if file is None or isinstance(file, HeldUpload) or "file" in self.errors:
            return None
        return file


class BaseFileRows(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        held = [form.held_upload.pk for form in self.forms if form.held_upload is not None]
        if len(set(held)) != len(held):
            # One held file is one file: a second row naming it would store it twice.
            raise forms.ValidationError(
                gettext_lazy("The same file is in two rows. Keep it in one row only.")
            )
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data.get("file")]
        if not rows:
            raise forms.ValidationError(gettext_lazy("Add at least one file."))
        languages = [row["language"] for row in rows]
        if len(set(languages)) != len(languages):
            raise forms.ValidationError(
                gettext_lazy("Give one file per language: a language was chosen twice.")
            )

    def held_pks(self):
        """Held files this submission used, removed or replaced: none is needed once it is saved."""
        pks = []
        for form in self.forms:
            pks.extend(held.pk for held in form.dropped)
            if form.held_upload is not None:
                pks.append(form.held_upload.pk)
        return pks

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
    """Store a proposal with its first version and files; tell the reviewers.

    All or nothing: when a file cannot be stored (the bucket does not answer),
    the files already stored for it are deleted and the transaction is rolled
    back, then the error goes up to the view. Held files are kept until the
    proposal is saved, so the member can send the form again.
    """
    stored = []
    try:
        with transaction.atomic():
            resource = form.save(commit=False)
            resource.status = Resource.Status.PROPOSED
            resource.proposed_by = user
            resource.proposal_language = translation.get_language() or settings.LANGUAGE_CODE
            resource.save()
            version = ResourceVersion.objects.create(resource=resource, label="1", created_by=user)
            for language, upload in file_rows.files_by_language():
                row = ResourceFile(version=version, language=language)
                name, content_type, size = uploads.store(upload, row)
                stored.append(name)
                row.file.name = name
                row.content_type, row.size = content_type, size
                row.save()
            log(instance=resource, action="resources.propose", user=user)
            _notify_reviewers(resource)
            held = file_rows.held_pks()
            transaction.on_commit(lambda: _release(held))
    except BaseException:
        uploads.forget(stored)
        raise
    return resource


def _release(pks):
    # One by one, so that each stored file is deleted with its row (post_delete).
    for held in HeldUpload.objects.filter(pk__in=pks):
        held.delete()


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
