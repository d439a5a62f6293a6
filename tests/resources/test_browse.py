"""Members browse the library: facets with counts, search, pages."""

import datetime
import re

from django.core.files.base import ContentFile
from django.utils import timezone

from resources.models import Resource, ResourceFile, ResourceVersion
from tests.resources.factories import make_resource, pdf_bytes

LIBRARY = "/members/library/"


def titles(response):
    return re.findall(
        r'class="card__link" href="/members/library/\d+/">([^<]+)</a>', response.content.decode()
    )


def facet_count(response, facet, value):
    """The count shown next to a facet's choice, found by its value (labels get translated)."""
    html = response.content.decode()
    match = re.search(
        rf'name="{facet}" value="{value}" id="[^"]+"[^>]*>\s*<label[^>]*>[^<]* '
        r'<span class="library-filter__count">\((\d+)\)</span>',
        html,
    )
    return int(match.group(1)) if match else None


def test_the_library_lists_approved_resources_with_their_languages(member_client):
    make_resource("相談窓口リーフレット", languages=("ja", "en", "vi"))
    response = member_client.get(LIBRARY)
    assert response.status_code == 200
    assert titles(response) == ["相談窓口リーフレット"]
    assert "日本語, English, Tiếng Việt" in response.content.decode()


def test_facets_filter_and_count_what_the_other_filters_leave(member_client, pages):
    dv = pages["ja"]["dv"]
    make_resource("Leaflet A", kind="leaflet", languages=("ja", "en"), topic=dv)
    make_resource("Leaflet B", kind="leaflet", languages=("ja",))
    make_resource("Card", kind="card", languages=("en",), topic=dv)

    everything = member_client.get(LIBRARY)
    assert facet_count(everything, "kind", "leaflet") == 2
    assert facet_count(everything, "kind", "card") == 1
    assert facet_count(everything, "kind", "poster") is None  # no poster: no choice
    assert facet_count(everything, "language", "en") == 2
    assert facet_count(everything, "language", "ja") == 2
    assert facet_count(everything, "topic", dv.pk) == 2
    assert dv.title in everything.content.decode()

    leaflets = member_client.get(LIBRARY, {"kind": "leaflet"})
    assert sorted(titles(leaflets)) == ["Leaflet A", "Leaflet B"]
    # The language facet counts only leaflets now; the kind facet still counts every kind.
    assert facet_count(leaflets, "language", "en") == 1
    assert facet_count(leaflets, "kind", "card") == 1
    assert 'value="leaflet" id="facet-kind-1" checked' in leaflets.content.decode()

    english_dv = member_client.get(LIBRARY, {"language": "en", "topic": dv.pk})
    assert sorted(titles(english_dv)) == ["Card", "Leaflet A"]


def test_the_language_facet_follows_the_current_version(member_client):
    resource = make_resource("Was in English", languages=("en",))
    newest = ResourceVersion.objects.create(
        resource=resource, label="2", created_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    ResourceFile.objects.create(
        version=newest, language="ja", file=ContentFile(pdf_bytes(), "new.pdf")
    )
    make_resource("Other", languages=("ja",))

    assert titles(member_client.get(LIBRARY, {"language": "en"})) == []
    assert sorted(titles(member_client.get(LIBRARY, {"language": "ja"}))) == [
        "Other",
        "Was in English",
    ]


def test_search_finds_words_and_words_inside_japanese_text(member_client):
    make_resource("相談窓口のご案内", description="ひとりで悩まずに")
    make_resource("Poster for shops", description="Display in the waiting room")
    assert titles(member_client.get(LIBRARY, {"q": "相談"})) == ["相談窓口のご案内"]
    assert titles(member_client.get(LIBRARY, {"q": "悩まず"})) == ["相談窓口のご案内"]
    assert titles(member_client.get(LIBRARY, {"q": "waiting"})) == ["Poster for shops"]
    assert titles(member_client.get(LIBRARY, {"q": "poster waiting"})) == ["Poster for shops"]
    assert titles(member_client.get(LIBRARY, {"q": "poster 相談"})) == []


def test_odd_filters_and_searches_do_not_break_the_list(member_client):
    make_resource("Leaflet")
    for params in (
        {"kind": "spaceship"},
        {"topic": "abc"},
        {"language": "xx"},
        {"q": '"unbalanced ((*'},
        {"page": "999"},
        {"q": "x" * 500},
    ):
        assert member_client.get(LIBRARY, params).status_code == 200, params
    assert titles(member_client.get(LIBRARY, {"kind": "spaceship"})) == ["Leaflet"]


def test_the_list_is_paged_and_pages_keep_the_filters(member_client):
    for number in range(25):
        make_resource(f"Card {number:02d}", kind="card")
    make_resource("A leaflet", kind="leaflet")
    first = member_client.get(LIBRARY, {"kind": "card"})
    assert len(titles(first)) == 20
    assert "kind=card&amp;page=2" in first.content.decode()
    second = member_client.get(LIBRARY, {"kind": "card", "page": 2})
    assert len(titles(second)) == 5
    assert Resource.objects.count() == 26


def test_the_filter_form_is_labelled_and_works_without_javascript(member_client):
    make_resource("Leaflet")
    html = member_client.get(LIBRARY).content.decode()
    form = html.split('class="library-filter"')[1].split("</form>")[0]
    assert 'method="get"' in html.split('class="library-filter"')[0][-80:] + form[:80]
    assert form.count("<fieldset") == 3 and form.count("<legend>") == 3
    assert '<label for="library-q">' in form
    main = html.split("<main")[1].split("</main>")[0]
    assert "<script" not in main and "style=" not in main
