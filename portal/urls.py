"""Every URL the site answers.

Only the views of Wagtail's packages that the site needs are mounted, each
marked for the access rule (core.access): page serving and document serving,
but not ``wagtail.urls``' login and shared-password views, which would be a
second login without our throttle and would set cookies for anonymous readers.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents.views import serve as document_serve

from core import upstream
from core.access import public
from home.sitemaps import AllLanguagesSitemap
from resources.views.images import ServeView
from search import views as search_views

from . import views

urlpatterns = [
    path("admin/", include(upstream)),  # before the admin: see core.upstream
    path("admin/", include(wagtailadmin_urls)),
    path("members/", include("members.urls")),
    path("members/", include("resources.urls")),
    path("members/", include("events.urls")),
    # Wagtail's document view, told never to let a browser or proxy keep a copy:
    # a shared computer's cache must not hold what was read or downloaded.
    re_path(
        r"^documents/(\d+)/(.*)$",
        public(never_cache(document_serve.serve)),
        name="wagtaildocs_serve",
    ),
    re_path(
        r"^images/([^/]+)/(\d+)/([^/]+)/[^/]*$",
        public(ServeView.as_view()),
        name="wagtailimages_serve",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.readiness, name="readiness"),
    path(
        "sitemap.xml",
        public(sitemap),
        {"sitemaps": {"pages": AllLanguagesSitemap}},
        name="sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include("members.public_urls")),
    # Wagtail's page serving (wagtail.urls without its login and password views).
    re_path(r"^((?:[\w\-]+/)*)$", public(wagtail_views.serve), name="wagtail_serve"),
    prefix_default_language=True,
)

handler500 = "portal.views.server_error"
