"""What the events app shows on the members' dashboard (``construct_members_dashboard_panels``)."""

from wagtail.admin.ui.components import Component

from events.views.events import visible_events

NEXT_EVENTS = 5


class NextEventsPanel(Component):
    order = 100
    template_name = "events/includes/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"events": visible_events(self.user).upcoming()[:NEXT_EVENTS]}
