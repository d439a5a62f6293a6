"""The staff dashboard's "waiting work" panels: how much of one kind of work waits, and where.

Each app configures one for its own work (members' applications, the
library's proposals, the mail queue) and adds it in its
``construct_homepage_panels`` hook, so only staff who may do that work see it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


class WaitingWorkPanel(Component):
    """A subclass names its panel and counts its work in ``counts()``, in one query.

    ``lines`` gives each count's sentence (``%(name)s`` for the number), shown
    only when that count is not zero; ``urls()`` the listing filtered to each
    (``<name>_url``), and ``url``, the listing that ``review`` links to.
    """

    template_name = "core/admin/panels/waiting_work.html"
    panel_id = ""
    heading = ""
    lines = {"waiting": _("Waiting for a decision: %(waiting)s")}
    nothing_waiting = ""
    review = None
    viewset = None
    action = "change"

    def counts(self):
        raise NotImplementedError

    def urls(self):
        return {}

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
