"""Where Wagtail serves pages and documents, the access rule decides (core.access).

Also labels Wagtail and the translation editor leave in another language.
"""

import copy

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.utils.version import get_main_version

from core import access


@hooks.register("before_serve_page", order=-100)
def members_only_pages(page, request, serve_args, serve_kwargs):
    # Before Wagtail's own check, which misses translations and sends anonymous
    # readers to the login page: an answer that tells the page exists.
    if not access.may_see_page(request, page):
        return access.refuse(request)
    return None


@hooks.register("before_serve_document", order=-100)
def members_only_documents(document, request):
    if not access.may_see_collection(request, document.collection):
        return access.refuse(request)
    return None


@hooks.register("insert_editor_js")
def translation_editor_labels():
    return format_html('<script src="{}"></script>', static("core/admin/translation_editor.js"))


# Wagtail's msgid, translated by its catalogues and portal/locale_admin/ (not the site's).
WHATS_NEW = "What's new in Wagtail %(version)s"


@hooks.register("construct_help_menu")
def whats_new_in_the_editors_language(request, menu_items):
    # Wagtail 8.0 formats this label once, in the language of the first admin request
    # (Japanese): every editor then read it in Japanese. Each request gets a copy in its
    # own language. This can go when Wagtail formats the label lazily.
    version = get_main_version(include_patch=False)
    for index, item in enumerate(menu_items):
        if item.name == f"whats-new-in-wagtail-{version}":
            menu_items[index] = copy.copy(item)
            label = gettext(WHATS_NEW) % {"version": version}
            menu_items[index].label = label
