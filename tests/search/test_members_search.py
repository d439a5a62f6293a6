"""Members' search: what a verified member may see, found as the public search finds pages.

Every title below holds 鶺鴒, which no demo text has, so one query reaches
them all; the titles that must never be found are looked for in every answer.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, PageViewRestriction

from events.models import Event, EventAudience, EventKind
from home.models import ContentPage
from members.models import Organization
from resources.models import Audience, Resource
from search.models import ZeroResultQuery
from tests.auth import PASSWORD, log_in, make_user
from tests.members.event_factory import english_client, make_event, make_member
from tests.resources.factories import make_course, make_resource

URL = "/members/search/"
WORD = "鶺鴒"
CARD = "鶺鴒町の相談窓口カード"
VISIBLE = {
    "pages": "鶺鴒会員手引",  # members-only page
    "events": "鶺鴒実務者研修会",  # event for all members
    "resources": CARD,  # approved resource
    "courses": "鶺鴒研修コース",  # live course
}
HIDDEN = [
    "鶺鴒グループ限定",  # page for a group she is not in
    "鶺鴒合言葉",  # page behind a shared password
    "鶺鴒下書き",  # members-only page never published
    "鶺鴒個別ケース検討会議",  # case meeting she is not invited to
    "鶺鴒代表者会議",  # for representatives
    "鶺鴒非公開行事",  # event not published
    "鶺鴒提案中の資料",  # proposed by a colleague, not approved
    "鶺鴒代表者向け資料",  # resource for representatives
    "鶺鴒準備中コース",  # course not live
]
ENGLISH_PAGE = "Wagtailword members handbook"


def add_page(parent, title, restriction=None, *, groups=(), publish=True, **fields):
    slug = f"members-search-{ContentPage.objects.count()}"
    page = ContentPage(title=title, slug=slug, live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    if restriction is not None:
        made = PageViewRestriction.objects.create(page=page, restriction_type=restriction)
        made.groups.set(groups)
    return page


@pytest.fixture
def world(django_user_model, organization, pledge, pages):
    """A plain member (returned), a colleague, and the pages, events, resources and courses above."""
    she = make_member(django_user_model, "she", organization)
    colleague = make_member(django_user_model, "colleague", organization)
    ja, en = pages["ja"]["network"], pages["en"]["network"]
    login = PageViewRestriction.LOGIN
    add_page(ja, VISIBLE["pages"], login, lead="会員だけが読む鶺鴒の手引き")
    add_page(en, ENGLISH_PAGE, login, lead="Only members read this.")
    add_page(
        ja,
        "鶺鴒グループ限定",
        PageViewRestriction.GROUPS,
        groups=[Group.objects.create(name="鶺鴒係")],
    )
    add_page(ja, "鶺鴒合言葉", PageViewRestriction.PASSWORD)
    add_page(ja, "鶺鴒下書き", login, publish=False)
    make_event(title=VISIBLE["events"], agenda="<p>鶺鴒の議題 &amp; 報告</p>")
    make_event(
        title="鶺鴒個別ケース検討会議",
        kind=EventKind.CASE,
        audience=EventAudience.INVITEES,
        invitees=[colleague],
    )
    make_event(title="鶺鴒代表者会議", audience=EventAudience.REPRESENTATIVES)
    make_event(title="鶺鴒非公開行事", publish=False)
    make_resource(CARD, kind="card", description="鶺鴒町の相談窓口を案内するカード")
    make_resource("鶺鴒提案中の資料", status=Resource.Status.PROPOSED, proposed_by=colleague)
    make_resource("鶺鴒代表者向け資料", audience=Audience.REPRESENTATIVES)
    make_course(VISIBLE["courses"], description="鶺鴒の研修")
    make_course("鶺鴒準備中コース", live=False)
    return she


def client_for(user, client=None):
    client = client or Client()
    log_in(client, user)
    return client


def answer(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def plain(html):
    """The text without the highlights, to look for whole titles."""
    return html.replace("<mark>", "").replace("</mark>", "")


def section(html, name):
    if f'class="members-search-{name}"' not in html:
        return ""
    return html.split(f'class="members-search-{name}"')[1].split("</section>")[0]


def test_a_member_finds_what_she_may_see_and_nothing_else(world):
    html = answer(client_for(world), WORD)
    for name, title in VISIBLE.items():
        assert title in plain(section(html, name)), name
    assert f"<mark>{WORD}</mark>会員手引" in html
    assert 'href="/ja/network/members-search-' in section(html, "pages")
    for title in HIDDEN:
        assert title not in plain(html), title


@pytest.mark.parametrize("q", ["相談", "窓口", "相談窓口", "窓口カード", "カード"])
def test_a_resource_is_found_by_words_inside_its_title(world, q):
    card = Resource.objects.get(title=CARD)
    found = section(answer(client_for(world), q), "resources")
    assert f'href="/members/library/{card.pk}/"' in found
    assert f"<mark>{q}</mark>" in found


@pytest.mark.parametrize(
    ("q", "name"), [("会員", "pages"), ("実務者", "events"), ("研修", "courses")]
)
def test_two_character_words_find_pages_events_and_courses(world, q, name):
    assert VISIBLE[name] in plain(section(answer(client_for(world), q), name))


def test_results_show_link_kind_date_and_snippet(world):
    html = answer(client_for(world, english_client()), WORD)
    event = Event.objects.get(title=VISIBLE["events"])
    events = section(html, "events")
    assert f'href="/members/events/{event.pk}/"' in events
    assert "Other · <time datetime=" in events
    assert "<mark>鶺鴒</mark>の議題 &amp; 報告" in events  # the agenda as text, escaped once
    card = Resource.objects.get(title=CARD)
    resources = section(html, "resources")
    assert f'href="/members/library/{card.pk}/"' in resources
    assert "Card" in resources
    assert "<mark>鶺鴒</mark>町の相談窓口を案内するカード" in resources
    assert "Training course" in section(html, "courses")


def test_a_title_is_escaped(world):
    make_resource("鶺鴒<script>alert(1)</script>", description="<b>鶺鴒</b>")
    html = answer(client_for(world), WORD)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;<mark>鶺鴒</mark>&lt;/b&gt;" in html


def test_pages_are_those_of_her_language(world):
    english = client_for(world, english_client())
    assert ENGLISH_PAGE in plain(section(answer(english, "wagtailword"), "pages"))
    assert VISIBLE["pages"] not in plain(answer(english, WORD))
    assert ENGLISH_PAGE not in plain(answer(client_for(world), "wagtailword"))


def test_the_hidden_things_are_there_for_their_audience(world, django_user_model, organization):
    representative = make_member(django_user_model, "rep", organization, is_representative=True)
    html = plain(answer(client_for(representative), WORD))
    assert "鶺鴒代表者会議" in html and "鶺鴒代表者向け資料" in html
    assert "鶺鴒個別ケース検討会議" not in html
    colleague = django_user_model.objects.get(username="colleague")
    colleague.device = TOTPDevice.objects.get(user=colleague)
    html = plain(answer(client_for(colleague), WORD))
    assert "鶺鴒個別ケース検討会議" in html and "鶺鴒提案中の資料" in html
    assert "鶺鴒代表者会議" not in html


def test_staff_find_everything_members_may_not(world, django_user_model):
    html = plain(answer(client_for(make_user(django_user_model, "editor", staff=True)), WORD))
    assert "鶺鴒代表者会議" in html and "鶺鴒準備中コース" in html and "鶺鴒グループ限定" in html


@pytest.fixture
def outsiders(django_user_model, organization, pledge):
    """Clients one step short of a member, each logged in as far as they can get."""
    password_only, deactivated, closed = Client(), Client(), Client()
    make_user(django_user_model, "half", organization=organization)
    password_only.post("/members/login/", {"username": "half", "password": PASSWORD})
    gone = make_user(django_user_model, "gone", organization=organization)
    log_in(deactivated, gone)
    django_user_model.objects.filter(pk=gone.pk).update(is_active=False)
    organization_closed = Organization.objects.create(
        name="閉じた事業所", kind="npo", address="-", contact_name="-", email="c@example.jp"
    )
    log_in(closed, make_user(django_user_model, "closed", organization=organization_closed))
    Organization.objects.filter(pk=organization_closed.pk).update(is_active=False)
    return {
        "anonymous": Client(),
        "password only": password_only,
        "deactivated": deactivated,
        "closed organization": closed,
    }


def refused(response):
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith("/members/login/")


@pytest.mark.parametrize(
    "name", ["anonymous", "password only", "deactivated", "closed organization"]
)
def test_everyone_else_is_refused(world, outsiders, name):
    for q in (WORD, "相談"):
        response = outsiders[name].get(URL, {"q": q})
        assert refused(response), response.status_code
        html = plain(response.content.decode())
        for title in [*VISIBLE.values(), *HIDDEN]:
            assert title not in html


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_public_search_never_returns_members_only_things(world, who):
    client = Client() if who == "anonymous" else client_for(world)
    codes = Locale.objects.values_list("language_code", flat=True)
    for path in ["/search/", *(f"/{code}/search/" for code in codes)]:
        for q in (WORD, "wagtailword", CARD, "会員手引", "実務者研修会"):
            response = client.get(path, {"q": q}, follow=True)
            assert response.status_code == 200
            # What follows the heading of the results: the query itself is shown above it.
            html = plain(response.content.decode().partition('id="results-heading"')[2])
            assert html, (path, q)
            for title in [*VISIBLE.values(), *HIDDEN, ENGLISH_PAGE]:
                assert title not in html, (path, q, title)


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Search the pages, meetings and events"),
        ("   ", "Search the pages, meetings and events"),
        ("\x00", "Search the pages, meetings and events"),
        ('"', "no letters or numbers"),
        ("%", "no letters or numbers"),
        ("_", "no letters or numbers"),
        ("((()))", "no letters or numbers"),
        ("鶺" * 1000, "shortened to its first 100 characters"),
        ("violence " * 120, "shortened to its first 100 characters"),
    ],
)
def test_any_input_gets_a_calm_answer(world, q, message):
    assert message in answer(client_for(world, english_client()), q)


@pytest.mark.parametrize(
    "q", ['"鶺鴒', "鶺鴒%", "鶺鴒 AND NOT", "NEAR(鶺鴒)", "鶺鴒\x00", "💔鶺鴒"]
)
def test_operators_and_wildcards_are_only_characters(world, q):
    html = plain(answer(client_for(world), q))
    assert CARD in html
    for title in HIDDEN:
        assert title not in html


def test_a_wildcard_between_letters_matches_nothing_more(world):
    assert "0 results" in answer(client_for(world, english_client()), "qq%zz_xx")


def test_nothing_found_is_said_and_never_recorded(world):
    client = client_for(world, english_client())
    before = ZeroResultQuery.objects.count()
    html = answer(client, "qqzzxx")
    assert "0 results" in html and "Nothing was found" in html
    answer(client, "鶺鴒 qqzzxx")  # partly found
    assert ZeroResultQuery.objects.count() == before


def test_the_dashboard_has_a_labelled_search_box(world):
    html = client_for(world, english_client()).get("/members/").content.decode()
    assert 'role="search" aria-labelledby="members-q-label" action="/members/search/"' in html
    assert '<label id="members-q-label" for="members-q">Search the members area</label>' in html


def add_matches(count):
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            title=f"鶺鴒一括 {n}",
            kind=EventKind.OTHER,
            audience=EventAudience.MEMBERS,
            start=now + datetime.timedelta(days=n),
            end=now + datetime.timedelta(days=n, hours=2),
            agenda="<p>鶺鴒</p>",
            live=True,
        )
        for n in range(count)
    )
    Resource.objects.bulk_create(
        Resource(title=f"鶺鴒一括 {n}", kind="leaflet", description="鶺鴒") for n in range(count)
    )


# The same for 10 and for 50 matches of each kind: one or two queries a kind, whatever
# matches. 29–30 measured, most of them for the session, the member and the page around.
MAX_QUERIES = 32


@pytest.mark.parametrize("count", [10, 50])
def test_the_number_of_queries_is_bounded(world, django_assert_max_num_queries, count):
    client = client_for(world)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    add_matches(count)
    answer(client, WORD)  # warm Wagtail's and the session's caches first
    with django_assert_max_num_queries(MAX_QUERIES):
        html = answer(client, WORD)
    assert html.count("鶺鴒</mark>一括") == 2 * min(count, 20)
    assert ("Only the first 20 are shown" in html) == (count >= 20)


LIBRARY_LINK = re.compile(r'href="/members/library/(\d+)/"')


@pytest.mark.parametrize("q", [WORD, "相談", "窓口", "カード"])
def test_the_library_box_finds_what_the_members_search_finds(world, q):
    """The library's own search box and the members' search match alike (search.fields).

    (Of several words, the members' search also lists what has some of them,
    after the rest and under a note, as the public search does.)
    """
    client = client_for(world)
    searched = set(LIBRARY_LINK.findall(section(answer(client, q), "resources")))
    response = client.get("/members/library/", {"q": q})
    assert response.status_code == 200
    listed = set(LIBRARY_LINK.findall(response.content.decode().split("library-filter")[-1]))
    assert searched
    assert searched == listed


def test_both_search_forms_are_the_shared_one(world, client):
    """The public and the members' search pages show the same box and the same notices."""
    members = answer(client_for(world), "x" * 150)
    public = client.get("/ja/search/", {"q": "x" * 150}).content.decode()
    for html in (members, public):
        assert 'maxlength="100"' in html
        assert 'class="notice" role="status"' in html  # shortened to its first 100 characters
    assert 'action="/members/search/"' in members and 'action="/ja/search/"' in public
