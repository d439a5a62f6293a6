from .base import BasePage
from .events import EventIndexPage, EventPage
from .faq import FAQPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage
from .pages import ContentPage, SectionPage
from .printables import PrintablesPage
from .settings import NetworkSettings
from .topics import TopicPage
from .windows import ConsultationWindowPage

__all__ = [
    "BasePage",
    "ConsultationWindowPage",
    "ContentPage",
    "EventIndexPage",
    "EventPage",
    "FAQPage",
    "HomePage",
    "NetworkSettings",
    "NewsIndexPage",
    "NewsPage",
    "PrintablesPage",
    "SectionPage",
    "TopicPage",
]
