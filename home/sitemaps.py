from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.access import public_pages


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists one tree; this one lists the site's tree in every language.

    As an anonymous reader may see it, whoever asks: it is cached and public.
    """

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
