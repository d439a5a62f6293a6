from .announcements import AnnouncementConfirmation
from .events import Event, EventAnnouncement, EventAudience, EventKind, EventMaterial
from .feeds import CalendarFeed
from .responses import EventResponse

__all__ = [
    "AnnouncementConfirmation",
    "CalendarFeed",
    "Event",
    "EventAnnouncement",
    "EventAudience",
    "EventKind",
    "EventMaterial",
    "EventResponse",
]
