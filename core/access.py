"""Who may see what: one rule, deny by default, asked by everything that shows something.

Things. A page is members-only when a view restriction covers it: one set on
the page or on an ancestor, in any language. The language versions of a page
are one thing: a restriction on any of them covers its translations and its
aliases too. Wagtail resolves an alias's restriction when it serves the alias,
but not in ``PageQuerySet.public()``; and a page translated with
wagtail-localize is a page of its own that Wagtail gives no restriction at all.
A document or an image is members-only when its collection, or an ancestor
collection, is restricted.

People. A :class:`Viewer` is who asks (``request.viewer``, set by
``members.middleware``). The base class is nobody and may see nothing
protected. A login restriction lets in a viewer who may see members-only
things: an active user of an active organization (or staff), with both factors
in this session, within the idle and absolute timeouts, who has accepted the
current pledge. A group restriction also asks for one of its groups. A shared
password refuses everyone: it would need a cookie for anonymous readers, and
is turned off in the admin (``WAGTAIL_PRIVATE_PAGE_OPTIONS``).

Views. Every view is closed to all but verified staff unless it is marked
(:func:`public`, :func:`members_only`, :func:`verified_only`), the way
Django's ``LoginRequiredMiddleware`` works; ``core.middleware.AccessMiddleware``
enforces the marks. A public view that serves something protected (a page, a
document, an image) asks :func:`may_see_page` or :func:`may_see_collection`
and answers as if the thing did not exist (:func:`refuse`), for everyone alike.
"""

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

from core.memo import remembered

PUBLIC = "public"
VERIFIED = "verified"
MEMBERS = "members"
STAFF = "staff"


class Viewer:
    """Who is asking. This base class is nobody: it may see nothing protected."""

    user = AnonymousUser()
    is_authenticated = False
    # Both factors in this session, within the idle and absolute timeouts.
    verified = False
    # An active user of an active organization, or staff.
    is_member = False
    # May use the admin.
    is_staff = False
    # Has accepted the current confidentiality pledge.
    has_pledged = False
    group_ids = frozenset()

    @property
    def may_see_members_only(self):
        return bool(self.verified and self.is_member and self.has_pledged)

    @property
    def may_use_admin(self):
        return bool(self.verified and self.is_staff)

    @property
    def needs_only_the_pledge(self):
        """A verified member who would pass once she accepts the current pledge."""
        return bool(self.verified and self.is_member and not self.has_pledged)


ANONYMOUS = Viewer()


def viewer_of(request_or_viewer):
    if isinstance(request_or_viewer, Viewer):
        return request_or_viewer
    return getattr(request_or_viewer, "viewer", ANONYMOUS)


def passes(viewer, restriction_type, group_ids=frozenset()):
    """Whether ``viewer`` passes one view restriction (of a page or a collection)."""
    if restriction_type == BaseViewRestriction.LOGIN:
        return viewer.may_see_members_only
    if restriction_type == BaseViewRestriction.GROUPS:
        return viewer.may_see_members_only and (
            viewer.user.is_superuser or bool(viewer.group_ids & group_ids)
        )
    return False  # a shared password, or any kind Wagtail may add: nobody


# Pages


@dataclass(frozen=True)
class PageRule:
    """One page view restriction and the subtrees it covers, in every language."""

    restriction_type: str
    group_ids: frozenset
    paths: tuple

    def covers(self, path):
        return path.startswith(self.paths)


def _families(restricted, known):
    """{pk: paths of the page and of every page standing for it} for each restricted page.

    ``restricted``: {pk: (path, translation_key, alias_of_id)}; ``known``: the same
    for the pages already read that share a restricted page's translation key, are
    an alias of one of them, or the page a restricted alias stands for. A page
    stands for another when they share a translation key (the same page in another
    language, translated or aliased) or one is an alias of the other; followed
    until nothing new is found (usually nothing past ``known``: no query).
    """
    rows = dict(known) | dict(restricted)
    asked = {key for _path, key, _alias in restricted.values()}
    asked |= {alias for _path, _key, alias in restricted.values() if alias}
    while True:
        keys = {key for _path, key, _alias in rows.values()} - asked
        sources = {alias for _path, _key, alias in rows.values() if alias} - set(rows) - asked
        if not keys and not sources:
            break
        asked |= keys | sources
        found = (
            Page.objects.filter(
                Q(translation_key__in=keys)
                | Q(alias_of__translation_key__in=keys)
                | Q(pk__in=sources)
            )
            .exclude(pk__in=list(rows))
            .values_list("pk", "path", "translation_key", "alias_of_id")
        )
        rows.update({pk: rest for pk, *rest in found})

    parent = {pk: pk for pk in rows}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    first_with_key = {}
    for pk, (_path, key, alias) in rows.items():
        parent[root(pk)] = root(first_with_key.setdefault(key, pk))
        if alias in rows:
            parent[root(pk)] = root(alias)
    paths = {}
    for pk, (path, _key, _alias) in rows.items():
        paths.setdefault(root(pk), []).append(path)
    return {pk: tuple(sorted(paths[root(pk)])) for pk in restricted}


def _load_page_rules():
    # One query for the restrictions and the pages standing for the restricted ones
    # (their translations and aliases), so that a members-only page costs the public
    # pages nothing more: every page of those families, with its restrictions if any.
    restrictions = PageViewRestriction.objects.all()
    keys = restrictions.values("page__translation_key")
    rows = list(
        Page.objects.filter(
            Q(translation_key__in=keys)
            | Q(alias_of__translation_key__in=keys)
            | Q(pk__in=restrictions.values("page__alias_of_id"))
        ).values_list(
            "pk", "path", "translation_key", "alias_of_id",
            "view_restrictions__pk", "view_restrictions__restriction_type",
        )
    )  # fmt: skip
    if not rows:
        return ()
    pages = {pk: (path, key, alias) for pk, path, key, alias, _rid, _kind in rows}
    kinds = {rid: (kind, pk) for pk, *_page, rid, kind in rows if rid is not None}
    groups = {}
    if any(kind == BaseViewRestriction.GROUPS for kind, _pk in kinds.values()):
        through = PageViewRestriction.groups.through.objects.filter(
            pageviewrestriction_id__in=list(kinds)
        )
        for restriction_id, group_id in through.values_list("pageviewrestriction_id", "group_id"):
            groups.setdefault(restriction_id, set()).add(group_id)
    restricted = {page_id: pages[page_id] for _kind, page_id in kinds.values()}
    families = _families(restricted, pages)
    return tuple(
        PageRule(kind, frozenset(groups.get(rid, ())), families[page_id])
        for rid, (kind, page_id) in sorted(kinds.items())
    )


def page_rules(request=None):
    """Every page restriction as a :class:`PageRule`, read once per request (at most)."""
    cached = getattr(request, "_access_page_rules", None)
    if cached is None:
        if request is not None and not isinstance(request, Viewer):
            # Kept between requests until a restriction changes (core.memo).
            cached = request._access_page_rules = remembered(
                request, "page-rules", _load_page_rules
            )
        else:
            cached = _load_page_rules()
    return cached


def refused_q(viewer, rules):
    """A ``Q`` matching the pages ``viewer`` may not see, or None when there are none."""
    q = None
    for rule in rules:
        if passes(viewer, rule.restriction_type, rule.group_ids):
            continue
        for path in rule.paths:
            q = Q(path__startswith=path) if q is None else q | Q(path__startswith=path)
    return q


def visible_pages(queryset, request=None):
    """``queryset`` without the pages the viewer of ``request`` may not see.

    With no request (the sitemap, the public search, QR codes for posters),
    as an anonymous reader would see them.
    """
    viewer = viewer_of(request) if request is not None else ANONYMOUS
    refused = refused_q(viewer, page_rules(request))
    return queryset.exclude(refused) if refused is not None else queryset


def public_pages(queryset, request=None):
    """What anonymous readers may see, whoever asks.

    Inside a request (a topic's windows, the help finder's results, the public
    search: lists shown alike to everyone), with the restrictions the request
    has already read.
    """
    refused = refused_q(ANONYMOUS, page_rules(request))
    return queryset.exclude(refused) if refused is not None else queryset


def may_see_page(request, page):
    viewer = viewer_of(request)
    return all(
        passes(viewer, rule.restriction_type, rule.group_ids)
        for rule in page_rules(request)
        if rule.covers(page.path)
    )


# Documents and images


def may_see_collection(request, collection):
    viewer = viewer_of(request)
    restrictions = collection.get_view_restrictions().prefetch_related("groups")
    return all(
        passes(viewer, r.restriction_type, frozenset(g.pk for g in r.groups.all()))
        for r in restrictions
    )


def refuse(request):
    """The answer to someone who may not see a thing: as if it did not exist.

    The same 404 for everyone, a member who has not yet accepted the new pledge
    included: sending her to the pledge only for things that exist would tell
    them apart. The 404 page itself tells her the pledge is waiting.
    """
    raise Http404


# Views


def _mark(level):
    def decorator(view):
        view.access = level
        return view

    return decorator


def public(view):
    """Open to anyone. The view asks this rule about whatever protected thing it shows."""
    if getattr(view, "access", None) is not None and view.access != PUBLIC:
        raise ValueError(f"{view} is already marked {view.access!r}")

    @wraps(view)
    def open_view(*args, **kwargs):
        return view(*args, **kwargs)

    open_view.access = PUBLIC
    return open_view


def verified_only(view):
    """Both factors in this session, before the pledge: the pledge page itself."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        viewer = viewer_of(request)
        if not (viewer.verified and viewer.is_member):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _mark(VERIFIED)(checked)


def members_only(view):
    """Members who may see members-only things. The view checks again on its own, so it
    stays closed even where the middleware does not run (a direct call, a test)."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not viewer_of(request).may_see_members_only:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return _mark(MEMBERS)(checked)


def access_level(view):
    """The level a view is marked with; unmarked views are for verified staff only."""
    return getattr(view, "access", STAFF)


def login_redirect(request, **params):
    query = urlencode({"next": request.get_full_path(), **params}, safe="/")
    return redirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")


def pledge_redirect(request):
    query = urlencode({"next": request.get_full_path()}, safe="/")
    return redirect(f"{resolve_url(settings.PLEDGE_URL)}?{query}")
