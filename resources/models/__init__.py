from .audience import Audience
from .downloads import Download
from .held import HeldUpload
from .images import PortalImage, PortalRendition
from .library import Resource, ResourceFile, ResourceKind, ResourceVersion
from .training import Course, Module, TrainingMaterial

__all__ = [
    "Audience",
    "Course",
    "Download",
    "HeldUpload",
    "Module",
    "PortalImage",
    "PortalRendition",
    "Resource",
    "ResourceFile",
    "ResourceKind",
    "ResourceVersion",
    "TrainingMaterial",
]
