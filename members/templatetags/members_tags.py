"""The frame of the members' pages: their navigation and their language switcher."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.access import viewer_of
from members.forms.account import language_choices
from members.middleware import ASKED_LANGUAGE, asked_language, member_language

register = template.Library()

# (section, label, URL name); the organization is shown to its administrators only.
SECTIONS = [
    ("dashboard", _("Dashboard"), "members:dashboard"),
    ("events", _("Events"), "events:events"),
    ("library", _("Library"), "resources:library"),
    ("training", _("Training"), "resources:training"),
    ("organization", _("Organization"), "members:organization"),
    ("search", _("Search"), "members:search"),
    ("account", _("Account"), "members:account"),
]
TRAINING_VIEWS = {"training", "course", "material", "material_preview"}
MEMBERS_VIEWS = {
    "dashboard": "dashboard",
    "organization": "organization",
    "invite": "organization",
    "remove": "organization",
    "search": "search",
    "account": "account",
    "security": "account",
}


def section_of(match):
    """Which part of the members area a resolved URL belongs to."""
    if match is None:
        return None
    if match.namespace == "events":
        return "events"
    if match.namespace == "resources":
        return "training" if match.url_name in TRAINING_VIEWS else "library"
    if match.namespace == "members":
        return MEMBERS_VIEWS.get(match.url_name)
    return None


@register.inclusion_tag("members/includes/nav.html", takes_context=True)
def members_nav(context):
    request = context["request"]
    membership = getattr(viewer_of(request), "membership", None)
    current = section_of(request.resolver_match)
    items = []
    for section, label, name in SECTIONS:
        if section == "organization" and not (membership and membership.is_admin):
            continue
        url = reverse(name)
        mark = ""
        if url == request.path:
            mark = "page"
        elif section == current:
            mark = "true"
        items.append({"label": label, "url": url, "current": mark})
    return {"items": items, "csrf_token": context.get("csrf_token")}


def _language_context(context):
    request = context["request"]
    return {
        "languages": language_choices(),
        "current": get_language(),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("members/includes/language_switcher.html", takes_context=True)
def members_language_switcher(context):
    return _language_context(context)


@register.inclusion_tag("members/includes/language_offer.html", takes_context=True)
def members_language_offer(context):
    """Until she chooses, the language her browser asked for, offered to keep."""
    return {**_language_context(context), "offer": not member_language(context["request"])}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def members_language_links(context):
    """Before logging in: the same page in another language, kept in its address
    (the public pages' menu, with these links)."""
    request = context["request"]
    links = []
    for code, name in language_choices():
        query = request.GET.copy()
        query[ASKED_LANGUAGE] = code
        url = f"{request.path}?{query.urlencode()}"
        links.append({"code": code, "name": name, "url": url, "current": code == get_language()})
    return {"language_links": links, "LANGUAGE_CODE": get_language()}


@register.simple_tag(takes_context=True)
def asked_language_query(context):
    """``?lang=vi`` for links between the pages before logging in."""
    code = asked_language(context["request"])
    return f"?{ASKED_LANGUAGE}={code}" if code else ""
