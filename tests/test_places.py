"""Places to be (居場所) in the roster: hours, how to get in touch, who may come and what
it is like, in the reader's language; the rule that keeps the list fair, shown with it."""

import pytest
from django.utils.html import escape

from demo.members import PLACES, build_places
from members.forms.organization import OrganizationForm, ProfileForm
from members.models import Offer, Organization
from tests.public_pages import LANGUAGES, assert_public_page, directives

ROSTER = "/{lang}/network/organizations/"
HIDAMARI = "NPO法人 ひだまりの家"
COUNCIL = "社会福祉法人上尾市社会福祉協議会"


def place_section(html, name):
    start = html.index('class="roster-place"', html.index(f">{name}</h3>"))
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_roster_shows_each_places_details_in_the_readers_language(client, lang):
    html = assert_public_page(client.get(ROSTER.format(lang=lang)), lang)
    for name, spec in PLACES.items():
        texts = spec.get(lang, spec["ja"])
        section = place_section(html, name)
        for field in ("place_hours", "place_audience", "place_description"):
            assert escape(texts[field]) in section, (name, field)
        assert escape(texts["place_contact"].split("\n")[0]) in section, name
        # Translated text is the reader's language; only Japanese left as written is marked.
        assert 'lang="ja"' not in section


@pytest.mark.django_db
def test_an_untranslated_place_is_shown_in_japanese_and_marked_so(client):
    place = Organization.objects.get(name=HIDAMARI)
    place.place_translations = {}
    place.save()
    section = place_section(client.get("/vi/network/organizations/").content.decode(), HIDAMARI)
    assert f'<dd lang="ja">{PLACES[HIDAMARI]["ja"]["place_hours"]}</dd>' in section
    japanese = client.get("/ja/network/organizations/").content.decode()
    assert 'lang="ja"' not in place_section(japanese, HIDAMARI)


@pytest.mark.django_db
def test_a_drop_in_place_open_to_anyone_says_so(client):
    html = client.get("/en/network/organizations/").content.decode()
    assert "anyone may come" in place_section(html, HIDAMARI)
    assert "anyone may come" not in place_section(html, COUNCIL)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fair_listing_rule_and_the_way_to_the_places_are_on_the_roster(client, lang):
    html = client.get(ROSTER.format(lang=lang)).content.decode()
    assert 'id="roster-rule-heading"' in html
    assert f'href="/{lang}/network/organizations/?offer=drop_in#roster-count"' in html


@pytest.mark.django_db
def test_drop_in_places_can_be_listed_alone(client):
    html = client.get("/en/network/organizations/?offer=drop_in").content.decode()
    assert HIDAMARI in html and COUNCIL in html
    assert "あげお中央薬局" not in html
    assert html.count('class="roster-place"') == 2


@pytest.mark.django_db
def test_only_places_listed_publicly_and_offering_a_place_show_details(client):
    pharmacy = Organization.objects.get(name="あげお中央薬局")
    pharmacy.place_hours = "月曜日 9:00〜"
    pharmacy.save()
    hidden = Organization.objects.get(name=COUNCIL)
    hidden.listed_publicly = False
    hidden.save()
    html = client.get("/ja/network/organizations/").content.decode()
    assert "月曜日 9:00〜" not in html
    assert COUNCIL not in html
    assert html.count('class="roster-place"') == 1


@pytest.mark.django_db
def test_the_roster_with_places_may_be_kept_by_shared_caches(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get("/ko/network/organizations/")
    assert directives(response) == {"public": "", "max-age": "0", "s-maxage": "600"}


@pytest.mark.django_db
def test_the_demo_keeps_what_staff_wrote():
    place = Organization.objects.get(name=HIDAMARI)
    place.place_hours = "水曜日だけ"
    place.place_translations = {"en": {"place_hours": "Wednesdays only"}}
    place.save()
    assert build_places() == 0
    place.refresh_from_db()
    assert place.place_hours == "水曜日だけ"
    assert Offer.DROP_IN in place.offers


@pytest.mark.django_db
def test_staff_and_organizations_edit_their_places_details():
    for form in (OrganizationForm, ProfileForm):
        for field in ("place_open", "place_hours", "place_contact", "place_audience"):
            assert field in form.base_fields, (form, field)
        assert "place_description" in form.base_fields
