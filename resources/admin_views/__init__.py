from .library import resource_viewset
from .report import DownloadReportView
from .training import course_viewset

__all__ = ["DownloadReportView", "course_viewset", "resource_viewset"]
