from urllib.parse import urlsplit

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.access import public_pages
from core.links import absolute_url


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists the site's tree in every language.

    As an anonymous reader may see it, whoever asks: it is cached and public. Its
    addresses are on the site's configured address (``WAGTAILADMIN_BASE_URL``), like
    the canonical links, not on the Wagtail site's hostname (``localhost`` unless an
    operator changes it in Settings → Sites).
    """

    def _urls(self, page, protocol, domain):
        # Django's and Wagtail's hook for the entries of one sitemap page.
        urls = super()._urls(page, protocol, domain)
        for entry in urls:
            entry["location"] = absolute_url(urlsplit(entry["location"]).path)
        return urls

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots.only("path"):
            in_any_tree |= Q(path__startswith=root.path)
        return (
            public_pages(Page.objects.filter(in_any_tree).live())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
