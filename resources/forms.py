"""Upload forms for Wagtail's documents: accepted by content, like every member file."""

from wagtail.documents.forms import BaseDocumentForm

from core.files import validate_member_file


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            validate_member_file(file)
        return file

    def _post_clean(self):
        if self.has_error("file"):
            # The model's own check would add "File extension “” is not allowed"
            # to the refusal: the rejected file never reached the instance.
            return
        super()._post_clean()
