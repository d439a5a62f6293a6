from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from home import admin_views


@hooks.register("register_admin_urls")
def register_qr_urls():
    return [path("", include((admin_views.urlpatterns, "home_qr"), namespace="home_qr"))]


def qr_button(page, user, priority):
    # Root and locale roots have no public address; only editors of the page may print for it.
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("QR code"),
        reverse("home_qr:page", kwargs={"page_id": page.pk}),
        icon_name="mobile-alt",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_qr_button(page, user, view_name, next_url=None):
    yield from qr_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_listing_qr_button(page, user, next_url=None):
    yield from qr_button(page, user, priority=45)


@hooks.register("register_admin_menu_item")
def register_cards_menu_item():
    return MenuItem(
        _("Consultation cards"),
        reverse("home_qr:windows"),
        icon_name="mobile-alt",
        order=450,  # after images and documents
    )


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_from_the_source_language(pages, action):
    """Unpublishing, deleting or moving a Japanese page does the same to the page in
    every other language: the same page, translated (wagtail-localize makes
    translations from Japanese). A window withdrawn in Japanese must not stay open
    in English. The confirmation page says how many translations go with it.

    Unpublishing takes the translated pages (aliases follow their source on their
    own); deleting and moving take aliases too, as Wagtail's synchronised trees do.
    A page in another language is unpublished, deleted or moved on its own.
    """
    cascaded = {}
    for page in pages:
        if page.locale.language_code != settings.LANGUAGE_CODE:
            continue
        others = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            cascaded[page] = others.filter(alias_of__isnull=True).live()
        elif action in ("delete", "move"):
            cascaded[page] = others
    return cascaded
