"""The admin in Japanese: no screen staff use shows an English interface string.

Staff log in with both factors, their admin language left to the default
(Japanese; the browser asks for English), and open every screen they work
in. The visible text and the interface attributes of each screen are looked
up in the English msgids of Wagtail's, wagtail-localize's and the project's
catalogues: one found there is a string the Japanese admin left in English
(the admin's catalogue, ``portal/locale_admin/``, kept by
``scripts/admin_catalogue.py``, should have it). What editors wrote — titles,
names, field values — is not interface and is left aside.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from wagtail.admin.admin_url_finder import AdminURLFinder

from scripts.admin_catalogue import DOMAINS, SOURCES, package_locale

ROOT = Path(settings.BASE_DIR)

# Attributes whose text people read (or hear) as interface.
READ_ATTRIBUTES = {
    "title",
    "aria-label",
    "aria-description",
    "placeholder",
    "data-w-tooltip-content-value",
    "label",
}
BUTTON_TYPES = {"submit", "button", "reset"}
SKIPPED_ELEMENTS = {"script", "style", "textarea", "noscript"}

# Argument-free admin URLs that are not screens: data, files, actions, upstream
# test views, the login that the site does not use (``/members/login/`` is).
NOT_SCREENS = re.compile(
    r"^admin/(api/|test404/|failwhale/|logout/|login/|password_reset/|dismissibles/"
    r"|block-preview/|sprite/|jsi18n/|localize/jsi18n/|tag-autocomplete/|\^)"
    r"|/results/$|/chosen-multiple/$|/import/process/$"
)


# English no catalogue can translate, written by code outside the admin's
# catalogue: each needs a fix in the code that writes it (see core/upstream.py
# for where workarounds for the packages go); until then the check leaves it.
KNOWN_GAPS = {
    # Wagtail 8.0 writes these in its templates without {% trans %}: the hidden
    # submit button of the search boxes (wagtailadmin/shared/header.html, home.html).
    "Search",
    # Form fields without a label, named from the field: the rich-text link
    # choosers (wagtail.admin.forms.choosers: also "Link text", "Subject"), the
    # page choosers of group page permissions and of a workflow's pages.
    "Email address",
    "Body",
    "Phone number",
    "Page",
    # Wagtail's Locale model has no verbose_name: group permissions, the locale
    # form's subtitle, the locale filter of choosers.
    "Locale",
    # The project's Membership.organization has no verbose_name (filter and column
    # of Meeting attendance).
    "Organization",
    # Python's None written by templates for missing data (a page published by
    # no user, an empty counter): not a catalogue's "None".
    "None",
}


def english_msgids():
    """Every English msgid staff could meet, and whether Japanese keeps it as it is."""
    msgids = set()
    for module in SOURCES:
        for domain in DOMAINS:
            path = package_locale(module) / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                msgids |= {e.msgid for e in polib.pofile(str(path)) if e.msgid}
    project = ROOT / "portal" / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    msgids |= {e.msgid for e in polib.pofile(str(project)) if e.msgid and not e.obsolete}
    return msgids - KNOWN_GAPS


def same_in_japanese(msgids):
    """Msgids whose Japanese is the msgid itself ("ID", "Wagtail API v2")."""
    from django.utils import translation

    with translation.override("ja"):
        return {m for m in msgids if translation.gettext(m) == m}


def placeholder_patterns(msgids):
    """Msgids with placeholders as patterns for whole texts, when they have words of their own."""
    placeholder = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-zA-Z_0-9]*\}")
    patterns = []
    for msgid in msgids:
        if not placeholder.search(msgid) or "<" in msgid:
            continue
        literal = placeholder.sub(" ", msgid)
        if len(re.findall(r"[A-Za-z]{2,}", literal)) < 2:
            continue
        parts = [re.escape(" ".join(p.split())) for p in placeholder.split(msgid)]
        patterns.append((msgid, re.compile("^" + ".+?".join(parts) + "$")))
    return patterns


class InterfaceText(HTMLParser):
    """Text nodes and read attributes, leaving out form values and scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.props = []
        self.skipping = []
        self.json_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
        if tag == "script":
            self.json_script = attrs.get("id") == "wagtail-sidebar-props"
        for name in READ_ATTRIBUTES & attrs.keys():
            if tag in {"input"} and name == "title":
                continue
            self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
            self.texts.append(attrs["value"])
        if "data-props" in attrs:  # wagtail-localize's translation editor
            self.props.append(json.loads(attrs["data-props"]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)
        elif self.skipping[-1] == "script" and self.json_script:
            # The sidebar (menus, account) is drawn from JSON: its labels are interface.
            self.texts += labels(json.loads(data))


def labels(value):
    if isinstance(value, dict):
        found = [value["label"]] if isinstance(value.get("label"), str) else []
        return found + [t for v in value.values() for t in labels(v)]
    if isinstance(value, list):
        return [t for v in value for t in labels(v)]
    return []


def interface_texts(html):
    parser = InterfaceText()
    parser.feed(html)
    texts = parser.texts
    for props in parser.props:
        texts += props_interface(props)
    return {" ".join(t.split()) for t in texts} - {""}


# In the translation editor's props, what the editors wrote: the source text
# and the translations, the object's title, people and addresses.
# The rest of them are data: paths, kinds and codes.
PROPS_CONTENT_KEYS = {"source", "data", "value", "object", "lastPublishedBy", "links", "comment"}
PROPS_DATA_KEYS = {"contentPath", "type", "blockId", "code", "id", "order", "isRoot"}


def props_interface(value, key=None):
    if key in PROPS_CONTENT_KEYS | PROPS_DATA_KEYS or (
        isinstance(key, str) and key.lower().endswith("url")
    ):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in props_interface(v, k)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in props_interface(v, key)]
    return []


def editor_content():
    """What editors wrote and the demo built: names and titles of everything in the admin."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page, Site, Task, Workflow

    from events.models import Event
    from members.models import Application, Organization
    from resources.models import Course, Resource

    content = set()
    for page in Page.objects.all():
        content |= {page.title, page.draft_title, page.seo_title, page.slug}
    for model in (Event, Organization, Application, Resource, Course, Collection, Task, Workflow):
        content |= {str(obj) for obj in model.objects.all()}
    content |= {d.title for d in get_document_model().objects.all()}
    content |= {i.title for i in get_image_model().objects.all()}
    content |= {g.name for g in Group.objects.all()}
    content |= {s.site_name for s in Site.objects.all() if s.site_name}
    for user in get_user_model().objects.all():
        content |= {user.username, user.get_full_name(), user.email, user.first_name}
    return {" ".join(c.split()) for c in content if c}


def screens(pages, staff):
    """The URLs of the screens staff work in."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Locale, Site, Task, Workflow
    from wagtail_localize.models import Translation

    from events.models import Event
    from members.models import Application, Organization
    from resources.models import Course, Resource

    urls = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif "<" not in route and "(?P" not in route:
                urls.append(route)

    # Every admin screen without an argument: indexes, reports, "add" forms,
    # choosers, the account; the project's own (applications, organizations,
    # memberships, library, courses, events, QR cards, its reports) among them.
    walk(get_resolver().url_patterns)
    urls = [
        "/" + u for u in dict.fromkeys(urls) if u.startswith("admin/") and not NOT_SCREENS.search(u)
    ]

    page = pages["ja"]["one-stop"]
    home = page.get_parent()
    revision = page.latest_revision
    urls += [
        f"/admin/pages/{home.pk}/",
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse(
            "wagtailadmin_pages:add",
            args=[page._meta.app_label, page._meta.model_name, home.pk],
        ),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:move", args=[page.pk]),
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:usage", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        # wagtail-localize: the translation editor of the English demo page,
        # "translate this page" and "sync translations".
        reverse("wagtailadmin_pages:edit", args=[pages["en"]["one-stop"].pk]),
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        reverse(
            "wagtail_localize:update_translations",
            args=[
                Translation.objects.filter(source__object_id=page.translation_key).first().source_id
            ],
        ),
        "/admin/settings/home/networksettings/",
        reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.first().pk]),
        reverse("wagtailadmin_workflows:edit_task", args=[Task.objects.first().pk]),
        reverse("wagtailusers_groups:edit", args=[Group.objects.first().pk]),
        # The project's screens that take an object.
        reverse("events_responses", args=[Event.objects.first().pk]),
        reverse("members_organizations:activation", args=[Organization.objects.first().pk]),
        reverse("home_qr:page", args=[page.pk]),
    ]
    finder = AdminURLFinder(staff)
    objects = [
        staff,
        Event.objects.first(),
        Organization.objects.first(),
        Application.objects.first(),
        Resource.objects.first(),
        Course.objects.first(),
        get_image_model().objects.create(title="写真", file=get_test_image_file()),
        get_document_model().objects.create(title="資料", file=ContentFile(b"memo", "memo.txt")),
        Locale.objects.get(language_code="en"),
        Site.objects.first(),
        Redirect.objects.create(old_path="/old-address", redirect_page=page),
    ]
    promotion = SearchPromotion.objects.create(query=Query.get("相談"), page=page, sort_order=0)
    urls.append(reverse("wagtailsearchpromotions:edit", args=[promotion.query_id]))
    for obj in objects:
        assert obj is not None, "the demo should build one of each"
        url = finder.get_edit_url(obj)
        assert url, f"no admin edit screen for {obj!r}"
        urls.append(url)
    return urls


def untranslated(client, urls):
    """{url: [English msgids shown]} over the screens, and the screens that did not open."""
    msgids = english_msgids()
    allowed = same_in_japanese(msgids)
    patterns = placeholder_patterns(msgids - allowed)
    content = editor_content()
    found, broken = {}, []
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", follow=True)
        kind = response.get("Content-Type", "")
        if response.status_code != 200:
            broken.append(f"{url}: {response.status_code}")
            continue
        if kind.startswith("application/json"):
            html = response.json().get("html") or ""
        elif kind.startswith("text/html"):
            html = response.content.decode()
        else:
            continue
        texts = interface_texts(html) - content
        english = {t for t in texts if t in msgids and t not in allowed}
        english |= {m for t in texts for m, p in patterns if t not in allowed and p.match(t)}
        if english:
            found[url] = sorted(english)
    return found, broken


@pytest.mark.django_db
def test_every_screen_staff_use_is_in_japanese(client, pages, staff):
    from tests.auth import log_in

    log_in(client, staff)
    urls = screens(pages, staff)
    assert len(urls) > 80  # the walk found the admin's screens
    found, broken = untranslated(client, urls)
    report = "\n".join(f"{url}: {strings}" for url, strings in found.items())
    assert not found and not broken, (
        f"English interface text on the Japanese admin:\n{report}\n"
        "screens that did not open:\n" + "\n".join(broken)
    )


def test_the_check_sees_english(client, pages, staff):
    """The same look-up on a screen in English finds it: the check can fail."""
    from wagtail.users.models import UserProfile

    from tests.auth import log_in

    log_in(client, staff)
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    url = reverse("wagtailadmin_pages:edit", args=[pages["ja"]["one-stop"].pk])
    found, broken = untranslated(client, [url])
    assert not broken
    assert {"Save draft", "Publish"} <= set(found[url])


def test_an_editor_may_keep_the_admin_in_english(client, pages, staff):
    from wagtail.users.models import UserProfile

    from tests.auth import log_in

    log_in(client, staff)
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    url = reverse("wagtailadmin_pages:edit", args=[pages["ja"]["one-stop"].pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
    html = response.content.decode()
    assert 'lang="en"' in html
    texts = interface_texts(html)
    assert {"Save draft", "Reports"} <= texts
    assert not {"下書きを保存", "レポート"} & texts
    catalogue = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert "セグメント翻訳済み" not in catalogue


def test_the_admin_scripts_speak_japanese(staff_client):
    """The strings the admin's and the translation editor's scripts show (JavaScriptCatalog)."""
    for name, module in (
        ("wagtailadmin_javascript_catalog", "wagtail.admin"),
        ("wagtail_localize:javascript_catalog", "wagtail_localize"),
    ):
        source = package_locale(module) / "en" / "LC_MESSAGES" / "djangojs.po"
        wanted = {e.msgid for e in polib.pofile(str(source)) if e.msgid}
        body = staff_client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)[1])
        missing = sorted(m for m in wanted if not catalog.get(m))
        assert not missing, f"{name}: untranslated for the scripts: {missing}"
