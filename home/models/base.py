from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from search import indexing

# Page fields every translation shares or translates, per wagtail-localize.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("show_in_menus"),
]


class BasePage(Page):
    """Fields and behaviour every public page shares."""

    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences under the title, also shown in listings and search."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("lead"),
        index.SearchField("body"),
        *indexing.term_fields(),
    ]
    translatable_fields = PAGE_TRANSLATABLE_FIELDS + [
        TranslatableField("lead"),
        TranslatableField("body"),
    ]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail checks restrictions again after the access rule (core.access), one
        # query an ancestor. The rule has read every restriction of this request, in
        # every language (HomePage.route keeps them on the page): when none covers
        # this page, Wagtail has nothing to find.
        rules = getattr(self, "_request_page_rules", None)
        if rules is not None and not any(rule.covers(self.path) for rule in rules):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        # The frame and the home page's lists are kept between requests (core.memo) and
        # link to the same pages from every page; Wagtail works an address out anew on
        # each call (a fifth of a page's work). Kept on the page for the address, site
        # and language it was worked out for.
        if request is None:
            return super().get_url_parts(request)
        site = Site.find_for_request(request)
        key = (self.url_path, site.pk if site else None, translation.get_language())
        kept = self.__dict__.get("_portal_url_parts")
        if kept is not None and kept[0] == key:
            return kept[1]
        parts = super().get_url_parts(request)
        self.__dict__["_portal_url_parts"] = (key, parts)
        return parts

    @property
    def listing_text(self):
        return self.search_description or self.lead

    # Words inside Japanese, Chinese and Korean text, for the search index (search.ngrams).
    def search_title_terms(self):
        return indexing.title_terms(self)

    def search_text_terms(self):
        return indexing.text_terms(self)
