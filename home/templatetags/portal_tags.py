import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from core.access import may_see_page, visible_pages
from core.phones import dialable_links, tel_uri
from home.models import HomePage

register = template.Library()

# {漢字|かんじ}: base text and reading, as editors write furigana in easy Japanese.
RUBY_MARKUP = re.compile(r"\{([^{}|<>]+)\|([^{}|<>]+)\}")


@register.filter
def furigana(value):
    """Render {漢字|かんじ} as <ruby>; everything else is escaped unless already safe."""
    if not value:
        return value
    text = conditional_escape(value)
    return mark_safe(RUBY_MARKUP.sub(r"<ruby>\1<rp>(</rp><rt>\2</rt><rp>)</rp></ruby>", text))  # noqa: S308


@register.filter
def plain(value):
    """Drop furigana readings: for <title>, meta tags and other attribute text."""
    return RUBY_MARKUP.sub(r"\1", str(value or ""))


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the active language (cached on the request)."""
    request = context.get("request")
    cached = getattr(request, "_locale_home", None)
    if cached is not None:
        return cached
    home = (
        HomePage.objects.live()
        .filter(locale__language_code=get_language())
        .only("id", "path", "depth", "url_path", "title", "locale_id")
        .first()
    )
    if request is not None:
        request._locale_home = home
    return home


@register.simple_tag(takes_context=True)
def languages(context, page=None):
    """One entry a language: its name, its code and where the same page lives in it.

    A page not translated yet links to that language's home page.
    """
    request = context.get("request")
    current = get_language()
    by_code = {}
    if isinstance(page, Page) and page.pk:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        by_code = {p.locale.language_code: p for p in translations}
    missing = [code for code, _ in settings.LANGUAGES if code not in by_code]
    if missing and isinstance(page, Page) and page.pk:
        homes = HomePage.objects.live().filter(locale__language_code__in=missing)
        homes = homes.select_related("locale")
        fallback = {p.locale.language_code: p for p in homes}
    else:
        fallback = {}
    prefixed = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    entries = []
    for code, _name in settings.LANGUAGES:
        target = by_code.get(code) or fallback.get(code)
        if target is not None:
            url = target.get_url(request=request)
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
                "full_url": request.build_absolute_uri(url) if request else url,
                "current": code == current,
                "translated": code in by_code or not isinstance(page, Page),
            }
        )
    return entries


@register.simple_tag(takes_context=True)
def menu_pages(context, home):
    if home is None:
        return []
    return visible_pages(home.get_children().live().in_menu(), context.get("request"))


def active_locale(request):
    """The Locale of the request's language, looked up once per request."""
    code = get_language()
    cached = getattr(request, "_active_locale", None)
    if cached is None or cached.language_code != code:
        cached = Locale.objects.get_for_language(code)
        if request is not None:
            request._active_locale = cached
    return cached


@register.simple_tag(takes_context=True)
def settings_page(context, name):
    """A page chosen in the network settings, in the reader's language when translated."""
    network = context["settings"]["home"]["NetworkSettings"]
    chosen = getattr(network, name)
    request = context.get("request")
    if chosen is None or not may_see_page(request, chosen):
        return None
    active = active_locale(request)
    if chosen.locale_id == active.pk:
        return chosen
    return chosen.get_translation_or_none(active) or chosen


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
