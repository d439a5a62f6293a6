from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from core.access import may_see_page
from core.furigana import base_text, ruby_html
from core.links import absolute_url
from core.memo import keeps, remembered
from core.phones import dialable_links, tel_uri
from core.specific import specific, without_heavy_fields
from home.models import ConsultationWindowPage, HomePage, NetworkSettings

register = template.Library()


@register.filter
def furigana(value):
    """Render {漢字|かんじ} as <ruby>; everything else is escaped unless already safe."""
    if not value:
        return value
    text = conditional_escape(value)
    return mark_safe(ruby_html(text))  # noqa: S308 (escaped above; only <ruby> is added)


@register.filter
def plain(value):
    """Drop furigana readings: for <title>, meta tags and other attribute text."""
    return base_text(str(value or ""))


# The pages chosen in the network settings that the frame of every page links to.
CHOSEN_PAGES = (
    "hub_window",
    "traces_page",
    "privacy_page",
    "accessibility_page",
    "printables_page",
)


class Frame:
    """What the base template shows around a page: the home of every language (the
    reader's, and where an untranslated page's language switcher leads), the menu,
    the page in every language and the pages chosen in the network settings, in the
    reader's language. What is the same for every page of a language is read in one
    query and kept between requests until content changes (core.memo)."""

    def __init__(self, request, page):
        self.page = page
        code = get_language()
        network = NetworkSettings.for_reader(request)
        if keeps(request):
            shared = remembered(request, ("frame", code), lambda: _LanguageFrame(network, code))
            translations = (
                remembered(
                    request, ("translations", page.translation_key), lambda: _translations(page)
                )
                if page is not None
                else {}
            )
        else:  # the page's translations in the same query
            shared = _LanguageFrame(network, code, page)
            translations = shared.translations
        self.chosen = shared.chosen
        self.homes = shared.homes
        self.home = shared.homes.get(code)
        self.menu = [row for row in shared.menu if may_see_page(request, row)]
        self.localized = shared.localized
        self.translations = translations

    @classmethod
    def of(cls, context, page=None):
        """The frame of this request, read once (a page view and its error page each have one)."""
        request = context.get("request")
        page = page if page is not None else context.get("page")
        page = page if isinstance(page, Page) and page.pk else None
        cached = getattr(request, "_portal_frame", None)
        if cached is not None and cached.page == page:
            return cached
        frame = cls(request, page)
        if request is not None:
            request._portal_frame = frame
        return frame


FRAME_TYPES = [HomePage, ConsultationWindowPage]


class _LanguageFrame:
    """The part of the frame every page of one language shares, in one query; with
    ``page``, that page's translations in the same query."""

    def __init__(self, network, code, page=None):
        # The chosen pages themselves come in this query (by id), not joined to the settings.
        chosen_ids = {
            name: getattr(network, f"{name}_id")
            for name in CHOSEN_PAGES
            if getattr(network, f"{name}_id") is not None
        }
        wanted = Q(homepage__isnull=False, live=True) | Q(
            depth=3, live=True, show_in_menus=True, locale__language_code=code
        )
        if chosen_ids:
            ids = list(chosen_ids.values())
            keys = Page.objects.filter(pk__in=ids).values("translation_key")
            # Their translations only when published (the chosen pages themselves whatever
            # their state, for their translation key: see ``settings_page``).
            wanted |= Q(pk__in=ids) | Q(
                locale__language_code=code, translation_key__in=keys, live=True
            )
        if page is not None:
            wanted |= Q(translation_key=page.translation_key, live=True)
        # Links and the one-stop window's contacts (its channels): no page's body.
        rows = without_heavy_fields(
            Page.objects.filter(wanted), FRAME_TYPES, keep={"ConsultationWindowPage.channels"}
        ).select_related("locale")
        rows = [specific(row, FRAME_TYPES) for row in rows.order_by("path")]
        self.translations = (
            {
                row.locale.language_code: row
                for row in rows
                if row.translation_key == page.translation_key and row.live
            }
            if page is not None
            else {}
        )
        by_pk = {row.pk: row for row in rows}
        self.chosen = {name: by_pk[pk] for name, pk in chosen_ids.items() if pk in by_pk}
        self.homes = {
            row.locale.language_code: row for row in rows if isinstance(row, HomePage) and row.live
        }
        home = self.homes.get(code)
        self.menu = tuple(
            row
            for row in rows
            if home is not None
            and row.depth == home.depth + 1
            and row.path.startswith(home.path)
            and row.live
            and row.show_in_menus
        )
        self.localized = {
            row.translation_key: row
            for row in rows
            if row.locale.language_code == code and row.live
        }


def _translations(page):
    """The live page in every language, by language code: links, not pages to show."""
    rows = Page.objects.filter(translation_key=page.translation_key, live=True)
    return {row.locale.language_code: row for row in rows.select_related("locale")}


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the active language."""
    return Frame.of(context).home


@register.simple_tag(takes_context=True)
def languages(context, page=None):
    """One entry a language: its name, its code and where the same page lives in it.

    A page not translated yet links to that language's home page.
    """
    request = context.get("request")
    current = get_language()
    frame = Frame.of(context, page)
    by_code = frame.translations
    fallback = frame.homes if frame.page is not None else {}
    prefixed = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    subpage = subpage_of(request, frame.page)
    entries = []
    for code, _name in settings.LANGUAGES:
        target = by_code.get(code) or fallback.get(code)
        if target is not None:
            url = target.get_url(request=request)
            if code in by_code:
                url += subpage
        elif request is not None and request.path.startswith(prefixed):
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"  # outside the language prefixes: that language's home
        info = get_language_info(code)
        entries.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "full_url": on_site_address(url),
                "current": code == current,
                "translated": code in by_code or not isinstance(page, Page),
            }
        )
    return entries


def on_site_address(url):
    """``url`` on the site's configured address (``WAGTAILADMIN_BASE_URL``), never on the
    request's ``Host``: a forged header must not reach a canonical or alternate link.

    A page of another Wagtail site already comes with that site's root URL.
    """
    return absolute_url(url) if url.startswith("/") else url


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The absolute address of ``page`` for ``<link rel="canonical">``."""
    request = context.get("request")
    return on_site_address(page.get_url(request=request) + subpage_of(request, page))


def subpage_of(request, page):
    """The sub-page a route of ``page`` served (``lecture/2/``), else "": a lecture's
    canonical and alternate links name the lecture, not the events index. Translations
    of a page share its routes."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or not hasattr(page, "reverse_subpage"):
        return ""
    return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)


@register.simple_tag(takes_context=True)
def menu_pages(context, home):
    if home is None:
        return []
    return Frame.of(context).menu


@register.simple_tag(takes_context=True)
def settings_page(context, name):
    """A page chosen in the network settings, in the reader's language when translated."""
    frame = Frame.of(context)
    chosen = frame.chosen.get(name)
    if chosen is None:
        return None
    # A page withdrawn is linked from no page's header or footer, in no language.
    page = frame.localized.get(chosen.translation_key)
    if page is None and chosen.live:
        page = chosen
    if page is None or not may_see_page(context.get("request"), page):
        return None
    return page


@register.filter
def dialable(html):
    """Rich text whose phone numbers a phone can dial (``tel:#8891`` dials nothing).

    Numbers written as text (``#8891``, ``110``, ``0120-279-889``) become links
    too; apply it before ``furigana``, which keeps {110番|ひゃくとおばん} whole.
    """
    # Escaped unless already safe; tel: hrefs become digits, "+", "*" and "%23".
    return mark_safe(dialable_links(conditional_escape(html)))  # noqa: S308


@register.simple_tag
def tel_link(phone, css_class=""):
    """The number as written, linked so that a phone dials it (core.phones)."""
    uri = tel_uri(phone)
    if not uri:
        return phone
    return format_html('<a class="{}" href="{}">{}</a>', css_class, uri, phone)
