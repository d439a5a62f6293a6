from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_serve

from home.sitemaps import AllLanguagesSitemap
from resources.views.images import ServeView
from search import views as search_views

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("members/", include("members.urls")),
    path("members/", include("resources.urls")),
    # Wagtail's document view, told never to let a browser or proxy keep a copy:
    # a shared computer's cache must not hold what was read or downloaded.
    re_path(r"^documents/(\d+)/(.*)$", never_cache(document_serve.serve), name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include("members.public_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
