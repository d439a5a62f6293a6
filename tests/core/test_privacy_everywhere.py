"""Members-only stays members-only in every language and every way the site shows a page.

An editor works in the admin, in Japanese, as the hub's staff do: she creates
and publishes pages, then sets their privacy. The other languages hold the
same pages as wagtail-localize makes them: English as translations, the
other seven as aliases that sync from Japanese. Then every reader who must
not see them looks for them in every language: the page itself, the section
listing, the menu, the home page's lists, the public search and its
promotions, the members' search, the sitemap and the help finder's answers.
Each reader was served those lists before the change, so a stale copy in the
page cache would show too.
"""

import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import ContentPage
from members.models import Organization, PledgeAcceptance, PledgeVersion
from tests.auth import age_session, log_in, log_in_password_only, make_user
from tests.helpfinder.helpers import choose, main_part

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SECRET = "Zyxquorum"  # a word only the members-only pages hold
HELP_FINDER_JOURNEY = (
    "Myself",
    "Violence or abusive words from a partner or family member",
    "No",
    "Japanese",
)


def create_page(editor, parent, *, title, slug, lead, in_menu=False):
    """Create and publish a content page through the admin, as an editor does."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": lead,
            "body": streamfield([("paragraph", rich_text(f"<p>{SECRET}の議事録と資料。</p>"))]),
            "comments": inline_formset([]),
            "show_in_menus": "on" if in_menu else "",
            "action-publish": "action-publish",
        }
    )
    response = editor.post(f"/admin/pages/add/home/contentpage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ContentPage.objects.get(locale__language_code="ja", slug=slug)


def set_privacy(editor, page, restriction_type, groups=()):
    response = editor.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": restriction_type, "password": "", "groups": [g.pk for g in groups]},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done", response.content.decode()[:2000]


def visible_text(response):
    """What a reader can read or follow in an answer: its text and its links."""
    return unescape(response.content.decode())


@pytest.fixture
def editor(client, django_user_model, pledge):
    staff = make_user(django_user_model, "editor", staff=True)
    log_in(client, staff)
    assert 'lang="ja"' in client.get("/admin/").content.decode()  # the admin in Japanese
    return client


@pytest.fixture
def case_group(db):
    return Group.objects.create(name="ケース会議の出席者")


@pytest.fixture
def readers(django_user_model, organization, pledge, case_group):
    """Everyone who must not see a group's pages, each one step short, and one who may."""
    other_org = Organization.objects.create(
        name="他の団体", kind="npo", address="-", contact_name="-", email="o@example.jp", phone="-"
    )
    insider = make_user(django_user_model, "insider", organization=organization)
    insider.groups.add(case_group)
    people = {
        "anonymous": Client(),
        "password only": log_in_password_only(
            Client(), make_user(django_user_model, "halfway", organization=organization)
        ),
        "another organization": Client(),
        "timed out": Client(),
        "before the pledge": Client(),
    }
    log_in(
        people["another organization"],
        make_user(django_user_model, "outsider", organization=other_org),
    )
    timed_out = make_user(django_user_model, "sleeper", organization=organization)
    timed_out.groups.add(case_group)
    log_in(people["timed out"], timed_out)
    age_session(people["timed out"], idle=settings.MEMBERS_IDLE_TIMEOUT + 60)
    unpledged = make_user(django_user_model, "unpledged", organization=organization)
    unpledged.groups.add(case_group)
    log_in(people["before the pledge"], unpledged)
    PledgeAcceptance.objects.filter(user=unpledged).delete()  # accepted an older text only
    insider_client = Client()
    log_in(insider_client, insider)
    return people, insider_client


@pytest.fixture
def secret_pages(editor, pages, case_group, django_capture_on_commit_callbacks):
    """Made in Japanese through the admin: a case-meeting page for one group, and a
    members-only page in the menu. Then an existing translated news item made members-only."""
    network, home = pages["ja"]["network"], pages["ja"]["home"]
    with django_capture_on_commit_callbacks(execute=True):
        case = create_page(
            editor,
            network,
            title="ケース会議の議事録",
            slug="case-minutes",
            lead=f"{SECRET}の会議のまとめ",
        )
        menu_page = create_page(
            editor,
            home,
            title="会員のページ",
            slug="members-corner",
            lead=f"{SECRET}の案内",
            in_menu=True,
        )
    return {"case": case, "menu": menu_page, "news": pages["ja"]["registration-opens"]}


def restrict(editor, secret_pages, case_group, capture):
    with capture(execute=True):
        set_privacy(editor, secret_pages["case"], PageViewRestriction.GROUPS, [case_group])
        set_privacy(editor, secret_pages["menu"], PageViewRestriction.LOGIN)
        set_privacy(editor, secret_pages["news"], PageViewRestriction.LOGIN)


def every_version(page):
    return list(Page.objects.filter(translation_key=page.translation_key).select_related("locale"))


def marks_of(*pages):
    """What would give each page away: its title and address in every language, its lead."""
    marks = set()
    for page in pages:
        for version in every_version(page):
            marks |= {version.title, version.url, version.specific.lead}
    return {mark for mark in marks if mark}


def places(language):
    return [
        f"/{language}/",
        f"/{language}/network/",
        f"/{language}/news/",
        f"/{language}/search/?q={SECRET}",
        f"/{language}/search/?q=ケース会議",
        "/sitemap.xml",
    ]


def test_the_other_languages_hold_translations_and_aliases(secret_pages):
    kinds = {
        v.locale.language_code: bool(v.alias_of_id) for v in every_version(secret_pages["case"])
    }
    assert set(kinds) == set(LANGUAGES)
    news = {
        v.locale.language_code: bool(v.alias_of_id) for v in every_version(secret_pages["news"])
    }
    assert news["en"] is False and news["ko"] is True  # a translation and an alias


def test_no_reader_finds_a_members_only_page_in_any_language(
    editor, secret_pages, readers, case_group, django_capture_on_commit_callbacks
):
    people, insider = readers
    # Before the change every reader sees the pages where they are listed (and the
    # page cache keeps those answers).
    for language in ("ja", "en", "ko"):
        listing = visible_text(people["anonymous"].get(f"/{language}/network/"))
        assert (
            every_version(secret_pages["case"])[0].title in listing
            or "ケース会議の議事録" in listing
        )
    SearchPromotion.objects.create(
        query=Query.get(SECRET), page=secret_pages["case"], description="pinned"
    )

    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    every_page = list(secret_pages.values())
    # A member of another organization may see members-only pages, not the group's.
    hidden_from = dict.fromkeys(people, every_page) | {
        "another organization": [secret_pages["case"]]
    }
    leaks = []
    for name, client in people.items():
        marks = marks_of(*hidden_from[name])
        for language in LANGUAGES:
            for url in places(language):
                text = visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
                leaks += [f"{name}: {url} shows {mark!r}" for mark in marks if mark in text]
            for page in hidden_from[name]:
                for version in every_version(page):
                    if client.get(version.url).status_code == 200:
                        leaks.append(f"{name}: {version.url} answers 200")
    assert not leaks, "\n".join(sorted(set(leaks))[:40])


def test_members_search_keeps_a_groups_page_from_other_members_in_every_language(
    editor, secret_pages, readers, case_group, django_capture_on_commit_callbacks
):
    people, insider = readers
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    outsider = people["another organization"]
    for language in LANGUAGES:
        found = visible_text(
            outsider.get(f"/members/search/?q={SECRET}", HTTP_ACCEPT_LANGUAGE=language)
        )
        for version in every_version(secret_pages["case"]):
            assert version.title not in found and version.url not in found, (language, version.url)
    # The positive control: the group's member finds it, in her language too.
    for language in ("ja", "en", "ko"):
        found = visible_text(
            insider.get(f"/members/search/?q={SECRET}", HTTP_ACCEPT_LANGUAGE=language)
        )
        version = next(
            v for v in every_version(secret_pages["case"]) if v.locale.language_code == language
        )
        assert version.url in found, language


def test_the_groups_member_still_sees_the_pages_everywhere(
    editor, secret_pages, readers, case_group, django_capture_on_commit_callbacks
):
    _people, insider = readers
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    for version in every_version(secret_pages["case"]):
        assert insider.get(version.url).status_code == 200, version.url
    for language in ("ja", "en", "vi"):
        listing = visible_text(insider.get(f"/{language}/network/"))
        case = next(
            v for v in every_version(secret_pages["case"]) if v.locale.language_code == language
        )
        assert case.url in listing
        menu = next(
            v for v in every_version(secret_pages["menu"]) if v.locale.language_code == language
        )
        assert menu.url in visible_text(insider.get(f"/{language}/"))


def test_a_refused_page_answers_as_a_page_that_does_not_exist(
    editor, secret_pages, case_group, django_capture_on_commit_callbacks
):
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    for version in every_version(secret_pages["case"]):
        refused = Client().get(version.url)
        missing_url = version.url.replace("case-minutes", "no-such-page")
        missing = Client().get(missing_url)
        assert refused.status_code == missing.status_code == 404
        # The same page, but for the address asked for (in the language switcher).
        assert refused.content.decode().replace("case-minutes", "?") == (
            missing.content.decode().replace("no-such-page", "?")
        )
        assert not refused.cookies


def test_the_help_finder_leaves_out_a_members_only_window(
    editor, pages, django_capture_on_commit_callbacks
):
    window = pages["ja"]["dv-plus"]
    before = main_part(choose(Client(), "/en/help-finder/", *HELP_FINDER_JOURNEY))
    assert "/en/consultation/dv-plus/" in before  # the journey leads to it while it is public
    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(editor, window, PageViewRestriction.LOGIN)
    after = main_part(choose(Client(), "/en/help-finder/", *HELP_FINDER_JOURNEY))
    assert "/consultation/dv-plus/" not in after
    assert pages["en"]["dv-plus"].title not in after


def test_making_a_page_public_again_brings_it_back(
    editor, secret_pages, case_group, django_capture_on_commit_callbacks
):
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    reader = Client()
    assert secret_pages["menu"].url not in visible_text(reader.get("/ja/"))
    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(editor, secret_pages["menu"], PageViewRestriction.NONE)
    assert secret_pages["menu"].url in visible_text(reader.get("/ja/"))


def test_a_shared_password_cannot_be_chosen(editor, secret_pages):
    form = editor.get(f"/admin/pages/{secret_pages['case'].pk}/privacy/").json()["html"]
    assert 'value="password"' not in form
    response = editor.post(
        f"/admin/pages/{secret_pages['case'].pk}/privacy/",
        {"restriction_type": "password", "password": "shared"},
    )
    assert response.json()["step"] != "set_privacy_done"
    assert not PageViewRestriction.objects.filter(page=secret_pages["case"]).exists()


def test_a_password_restriction_made_elsewhere_refuses_everyone(secret_pages, readers):
    people, insider = readers
    PageViewRestriction.objects.create(
        page=secret_pages["case"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for client in [*people.values(), insider]:
        assert client.get(secret_pages["case"].url).status_code == 404
    assert not re.search(
        r"authenticate_with_password", Client().get(secret_pages["case"].url).content.decode()
    )


def test_a_new_pledge_closes_members_only_pages_until_accepted(
    editor, secret_pages, readers, case_group, django_capture_on_commit_callbacks
):
    _people, insider = readers
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    assert insider.get(secret_pages["menu"].url).status_code == 200
    PledgeVersion.objects.create(version=PledgeVersion.current().version + 1, text="新しい誓約")
    response = insider.get(secret_pages["menu"].url)
    assert response.status_code == 404
    made_up = insider.get(secret_pages["menu"].url + "no-such-page/")
    assert response.content == made_up.content.replace(b"no-such-page/", b"")
    assert secret_pages["menu"].url not in visible_text(insider.get("/ja/"))


def test_an_old_address_does_not_lead_outsiders_to_a_members_only_page(
    editor, secret_pages, readers, case_group, django_capture_on_commit_callbacks
):
    """Renamed after it was restricted: Wagtail keeps a redirect from each old address
    (an editor may add one too). To whoever may not see the page, each stays a 404."""
    from wagtail.contrib.redirects.models import Redirect

    people, insider = readers
    restrict(editor, secret_pages, case_group, django_capture_on_commit_callbacks)
    case = secret_pages["case"]
    old_urls = [version.url for version in every_version(case)]
    with django_capture_on_commit_callbacks(execute=True):
        page = case.get_latest_revision_as_object()
        page.slug = "minutes-december"
        page.save_revision().publish()
    Redirect.objects.create(old_path="/ja/latest-minutes", redirect_page=case)
    assert Redirect.objects.filter(redirect_page=case).count() >= 2
    old_urls.append("/ja/latest-minutes/")
    for who, client in people.items():
        for url in old_urls:
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert "minutes-december" not in response.content.decode(), (who, url)
    for url in old_urls[:1] + old_urls[-1:]:
        response = insider.get(url)
        assert response.status_code in (301, 302), url
        assert "minutes-december" in response["Location"]
