from .applications import Application
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
    "PledgeAcceptance",
    "PledgeVersion",
]
