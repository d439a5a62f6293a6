class Previewable:
    """Files a browser shows by itself may be opened inline; others are only downloaded."""

    @property
    def can_preview(self):
        return self.is_image or self.is_video or self.content_type == "application/pdf"
