"""Admin views: QR codes of a page in each language, and printable consultation cards.

Everything is drawn here (segno, HTML and CSS); no outside service sees the URLs.
Editors who can edit a page may print for it: a QR code or a card goes out
under the network's name, so it is made by the people responsible for the page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.models import Locale, Page

from core.access import public_pages
from home import qr
from home.models import ConsultationWindowPage, NetworkSettings

CARDS_PER_SHEET = 10  # 2 × 5 business cards of 91 × 55 mm on A4
MAX_EMERGENCY_NUMBERS = 4  # what fits at the foot of a card


def editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def locales():
    """Every locale, in the order of settings.LANGUAGES (the order readers see)."""
    order = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    found = Locale.objects.all()
    return sorted(found, key=lambda locale: order.get(locale.language_code, len(order)))


def status_of(translated):
    """(code, label) of a page's version in one locale."""
    if translated is None:
        return "missing", _("No page in this language")
    if translated.alias_of_id:
        # wagtail-localize keeps an untranslated copy that still shows the original text.
        return "untranslated", _("Not translated yet")
    if not translated.live:
        return "draft", _("Translated, not published")
    if qr.public_url(translated) is None:
        return "unrouted", _("Published, but not reachable on the site")
    return "live", _("Live")


def live_translation(page, locale):
    """The page as readers of this locale see it, or None when it cannot go on paper."""
    translated = page.get_translation_or_none(locale)
    if translated is None or status_of(translated)[0] != "live":
        return None
    return translated.specific


def translation_or_refuse(request, page_id, lang):
    """(page, translation, redirect): the redirect says why nothing can be printed."""
    page = editable_page(request, page_id)
    locale = get_object_or_404(Locale, language_code=lang)
    translated = live_translation(page, locale)
    if translated is None:
        messages.error(
            request,
            _("“%(title)s” has no live translation in %(language)s: nothing to print yet.")
            % {"title": page.get_admin_display_title(), "language": locale.get_display_name()},
        )
        return page, None, redirect("home_qr:page", page_id=page.pk)
    return page, translated, None


def download(content, content_type, translated, lang, extension):
    response = HttpResponse(content, content_type=content_type)
    filename = f"{translated.slug}-{lang}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def qr_svg(request, page_id, lang):
    _page, translated, refusal = translation_or_refuse(request, page_id, lang)
    if refusal:
        return refusal
    url = qr.public_url(translated)
    return download(qr.svg(qr.make(url), title=url), "image/svg+xml", translated, lang, "svg")


def qr_png(request, page_id, lang):
    _page, translated, refusal = translation_or_refuse(request, page_id, lang)
    if refusal:
        return refusal
    return download(
        qr.png(qr.make(qr.public_url(translated))), "image/png", translated, lang, "png"
    )


class QRCodesView(WagtailAdminTemplateMixin, TemplateView):
    """One row per locale: the page's state there, downloads, a preview, card sheets."""

    template_name = "home/admin/qr_codes.html"
    page_title = gettext_lazy("QR codes")
    header_icon = "mobile-alt"
    _show_breadcrumbs = True

    def dispatch(self, request, page_id):
        self.object = editable_page(request, page_id)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.object.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return get_breadcrumbs_items_for_page(self.object, self.request.user) + [
            {"url": "", "label": self.get_page_title()}
        ]

    def rows(self):
        page = self.object
        is_window = isinstance(page, ConsultationWindowPage)
        translations = {p.locale_id: p for p in page.get_translations(inclusive=True)}
        for locale in locales():
            translated = translations.get(locale.pk)
            status, label = status_of(translated)
            row = {"locale": locale, "status": status, "label": label, "page": translated}
            if status == "live":
                url = qr.public_url(translated)
                args = {"page_id": page.pk, "lang": locale.language_code}
                row |= {
                    "url": url,
                    # segno escapes the title; the rest is drawn by segno, not from user input.
                    "preview": mark_safe(qr.svg_inline(qr.make(url), title=url, scale=3)),  # noqa: S308
                    "svg_url": reverse("home_qr:svg", kwargs=args),
                    "png_url": reverse("home_qr:png", kwargs=args),
                    "cards_url": reverse("home_qr:cards", kwargs=args) if is_window else None,
                }
            yield row

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.object, rows=list(self.rows()), **kwargs)


def emergency_windows(window):
    """Lines for immediate danger (police, 24-hour lines) in the card's language."""
    urgent = (
        public_pages(ConsultationWindowPage.objects.live())
        .filter(urgent=True, locale_id=window.locale_id)
        .exclude(pk=window.pk)
        .exclude(phone="")
        .order_by("path")
    )
    return urgent[:MAX_EMERGENCY_NUMBERS]


def cards(request, page_id, lang):
    """An A4 sheet of business-size cards for one consultation window, in one language."""
    page, translated, refusal = translation_or_refuse(request, page_id, lang)
    if refusal:
        return refusal
    if not isinstance(translated, ConsultationWindowPage):
        messages.error(request, _("Cards can only be printed for consultation windows."))
        return redirect("home_qr:page", page_id=page.pk)
    url = qr.public_url(translated)
    context = {
        "window": translated,
        "lang": lang,
        "url": url,
        "qr_svg": mark_safe(qr.svg_inline(qr.make(url), title=url)),  # noqa: S308
        "emergency": emergency_windows(translated),
        "cards": range(CARDS_PER_SHEET),
        "back_url": reverse("home_qr:page", kwargs={"page_id": page.pk}),
        "admin_language": translation.get_language(),
    }
    # The card speaks the reader's language; the admin around it stays the editor's.
    with translation.override(lang):
        response = TemplateResponse(request, "home/admin/cards.html", context)
        response.render()
    return response


class WindowsView(WagtailAdminTemplateMixin, TemplateView):
    """Consultation windows the editor can print cards for, the one-stop window first."""

    template_name = "home/admin/windows.html"
    page_title = gettext_lazy("Consultation cards")
    header_icon = "mobile-alt"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        hub = NetworkSettings.load(request_or_site=self.request).hub_window
        hub_key = hub.translation_key if hub else None
        default = Locale.get_default()
        windows = [
            window
            for window in ConsultationWindowPage.objects.filter(locale=default).order_by("path")
            if window.permissions_for_user(self.request.user).can_edit()
        ]
        windows.sort(key=lambda window: window.translation_key != hub_key)
        return super().get_context_data(windows=windows, hub_key=hub_key, **kwargs)


urlpatterns = [
    path("qr/windows/", WindowsView.as_view(), name="windows"),
    path("qr/pages/<int:page_id>/", QRCodesView.as_view(), name="page"),
    path("qr/pages/<int:page_id>/<str:lang>/qr.svg", qr_svg, name="svg"),
    path("qr/pages/<int:page_id>/<str:lang>/qr.png", qr_png, name="png"),
    path("qr/pages/<int:page_id>/<str:lang>/cards/", cards, name="cards"),
]
