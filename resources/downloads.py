"""Downloads are counted for staff and written to the audit trail.

Only downloads count. Previews (a PDF opened in the browser, a video played
on the course page) do not: a browser may ask for a video several times while
playing it, and a member looks before choosing to download.
"""

from django.db import transaction
from wagtail.log_actions import log

from resources.models import Download


def record_download(user, *, resource_file=None, material=None):
    """One Download row and one audit-trail entry, together or not at all."""
    with transaction.atomic():
        if resource_file is not None:
            resource = resource_file.version.resource
            Download.objects.create(
                resource=resource,
                resource_file=resource_file,
                language=resource_file.language,
                user=user,
            )
            data = {
                "file": resource_file.pk,
                "version": resource_file.version.label,
                "language": resource_file.language,
            }
            log(instance=resource, action="resources.download", user=user, data=data)
        else:
            Download.objects.create(material=material, user=user)
            log(instance=material, action="resources.download", user=user, data={})
