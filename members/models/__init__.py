from .applications import Application, OutgoingEmail
from .organizations import Membership, Offer, Organization, OrganizationKind
from .pledges import PledgeAcceptance, PledgeVersion
from .security import BackupCode, BackupCodeDevice, Invitation

__all__ = [
    "Application",
    "BackupCode",
    "BackupCodeDevice",
    "Invitation",
    "Membership",
    "Offer",
    "Organization",
    "OrganizationKind",
    "OutgoingEmail",
    "PledgeAcceptance",
    "PledgeVersion",
]
