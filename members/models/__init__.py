from .applications import Application, OutgoingEmail
from .events import Event, EventAnnouncement, EventAudience, EventKind, EventMaterial
from .feeds import CalendarFeed
from .organizations import Membership, Offer, Organization, OrganizationKind
from .pledges import PledgeAcceptance, PledgeVersion
from .responses import EventResponse
from .security import BackupCode, BackupCodeDevice, Invitation

__all__ = [
    "Application",
    "BackupCode",
    "BackupCodeDevice",
    "CalendarFeed",
    "Event",
    "EventAnnouncement",
    "EventAudience",
    "EventKind",
    "EventMaterial",
    "EventResponse",
    "Invitation",
    "Membership",
    "Offer",
    "Organization",
    "OrganizationKind",
    "OutgoingEmail",
    "PledgeAcceptance",
    "PledgeVersion",
]
