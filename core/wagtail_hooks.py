"""Where Wagtail serves pages and documents, the access rule decides (core.access).

Also a label the translation editor leaves in English (its script says why).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

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
