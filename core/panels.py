"""The staff dashboard's "waiting work" panels: how much of one kind of work waits, and where.

Each app configures one for its own work (members' applications, the
library's proposals, the mail queue) and adds it in its
``construct_homepage_panels`` hook, so only staff who may do that work see it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


class WaitingWorkPanel(Component):
    """A subclass names its panel and says what waits.

    By default the work is the rows of ``model`` in ``status``, waiting for a
    decision in the listing ``index_url_name``. Other work overrides
    ``counts()`` (one query) and ``urls()``: ``lines`` gives each count's
    sentence (``%(name)s`` for the number), shown when that count is not zero,
    linked to ``<name>_url`` if there is one; ``review`` links to ``url``.
    """

    template_name = "core/admin/panels/waiting_work.html"
    panel_id = ""
    heading = ""
    lines = {"waiting": _("Waiting for a decision: %(waiting)s")}
    nothing_waiting = ""
    review = None
    viewset = None
    action = "change"
    model = None
    status = None
    index_url_name = None

    def counts(self):
        return {"waiting": self.model.objects.filter(status=self.status).count()}

    def urls(self):
        return {"url": f"{reverse(self.index_url_name)}?status={self.status}"}

    @classmethod
    def add_for(cls, request, panels):
        """The hook's work: the panel for staff who may do what it counts."""
        if cls.viewset.permission_policy.user_has_permission(request.user, cls.action):
            panels.append(cls())

    def get_context_data(self, parent_context=None):
        counts, urls = self.counts(), self.urls()
        return {
            **counts,
            **urls,
            "panel_id": self.panel_id,
            "heading": self.heading,
            "work": [
                (self.lines[name] % {name: count}, urls.get(f"{name}_url"))
                for name, count in counts.items()
                if count
            ],
            "nothing_waiting": self.nothing_waiting,
            "review": self.review,
        }
