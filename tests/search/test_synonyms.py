"""Search words editors keep: what readers type, searched with the words the pages use."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.users.models import UserProfile

from search import synonyms
from search.areas import PageArea
from search.models import Synonym
from tests.auth import log_in, make_user
from tests.members.event_factory import make_member

ADD = "/admin/snippets/search/synonym/add/"
INDEX = "/admin/snippets/search/synonym/"


def results(client, language, q):
    """Paths of the results, in order, and the page's HTML."""
    html = client.get(f"/{language}/search/", {"q": q}).content.decode()
    if 'class="results search-results"' not in html:
        return [], html
    listed = html.split('class="results search-results"')[1].split("</ol>")[0]
    paths = [part.split('"')[0] for part in listed.split('<a href="')[1:]]
    return paths, html


def test_the_demo_ships_search_words_in_every_language(db):
    from django.conf import settings

    codes = set(Synonym.objects.values_list("language_code", flat=True))
    assert codes == {code for code, _name in settings.LANGUAGES}
    for code in codes:
        assert Synonym.objects.filter(language_code=code).count() >= 8, code


def test_where_to_live_finds_the_living_support_window(client, db):
    found, html = results(client, "ja", "住むところ")
    assert found.index("/ja/consultation/living-support/") < 3
    assert found.index("/ja/consultation/living-support/") < found.index(
        "/ja/topics/mental-health/"
    )
    also = html.split('class="notice search-also"')[1].split("</p>")[0]
    assert "住まい" in also


def test_no_money_does_not_put_the_hide_traces_page_near_the_top(client, db):
    found, _html = results(client, "ja", "お金がない")
    assert found[:2] == ["/ja/topics/poverty/", "/ja/consultation/living-support/"]
    assert "/ja/hide-traces/" not in found[:5]


def test_shelter_in_english_finds_temporary_protection_first(client, db):
    found, html = results(client, "en", "Shelter")
    assert found[0] == "/en/topics/temporary-protection/"
    assert len(found) > 2
    assert "temporary protection" in html


def test_words_of_one_language_are_not_used_in_another(client, db):
    Synonym.objects.create(language_code="en", term="quokka", words="violence")
    found, _html = results(client, "en", "quokka")
    assert "/en/topics/dv/" in found
    found, html = results(client, "ja", "quokka")
    assert found == [] and 'class="search-nothing"' in html


def test_a_term_inside_longer_words_and_whole_words_only_in_latin_scripts(db):
    Synonym.objects.create(language_code="en", term="quokka", words="violence")
    assert [a.text for a in synonyms.alternatives("quokka help", "en")] == ["violence help"]
    assert synonyms.alternatives("quokkas", "en") == []
    found = synonyms.alternatives("シェルターに入りたい", "ja")
    assert [a.text for a in found] == ["一時保護", "避難"]


def test_at_most_a_few_alternatives_are_searched(db):
    words = "\n".join(f"word{n}" for n in range(8))
    Synonym.objects.create(language_code="en", term="quokka", words=words)
    Synonym.objects.create(language_code="en", term="wombat", words="violence")
    found = synonyms.alternatives("quokka wombat", "en")
    assert len(found) == synonyms.MAX_ALTERNATIVES


def test_a_change_is_searched_at_once(client, db):
    assert results(client, "en", "quokka")[0] == []
    synonym = Synonym.objects.create(language_code="en", term="quokka", words="divorce")
    assert "/en/topics/divorce/" in results(client, "en", "quokka")[0]
    synonym.words = "violence"
    synonym.save()
    assert "/en/topics/dv/" in results(client, "en", "quokka")[0]
    synonym.delete()
    assert results(client, "en", "quokka")[0] == []


def count_queries(client, q):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": q}).status_code == 200
    return len(queries)


def test_search_words_cost_one_query_a_language_and_then_none(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/search/", {"q": "violence"})  # warms Wagtail's and the words' caches
    warm = count_queries(client, "violence")
    synonyms.forget()
    assert count_queries(client, "violence") == warm + 1
    assert count_queries(client, "violence") == warm
    Synonym.objects.filter(language_code="en").delete()
    client.get("/en/search/", {"q": "violence"})
    assert count_queries(client, "violence") == warm


def test_searching_alternatives_costs_a_bounded_number_of_queries(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    Synonym.objects.create(language_code="en", term="quokka", words="violence\ndivorce")
    client.get("/en/search/", {"q": "violence"})
    plain = count_queries(client, "violence")
    # Each alternative is one more search of at most two backend queries; on
    # PostgreSQL all are searched together (query.search_many): at most the
    # texts of the pages shown that were not shown before.
    most = plain + 1 if connection.vendor == "postgresql" else plain + 2 * 2
    assert count_queries(client, "quokka") <= most


def test_the_members_page_search_uses_them_too(rf, django_user_model, organization, pledge):
    from django.utils import translation

    Synonym.objects.create(language_code="en", term="quokka", words="violence")
    request = rf.get("/members/search/", {"q": "quokka"})
    request.user = make_member(django_user_model, "she", organization)
    with translation.override("en"):
        section, complete = PageArea().search(request, "quokka")
    assert complete
    assert any(found.url.endswith("/en/topics/dv/") for found in section.results)


# The admin: Settings → Search words.


@pytest.fixture
def editor_client(django_user_model, pledge):
    user = make_user(django_user_model, "editor", staff=True)
    user.is_superuser = False
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the messages below, whatever the catalogues hold
    profile.save()
    client = Client()
    log_in(client, user)
    return client


def test_an_editor_adds_and_changes_search_words(editor_client):
    response = editor_client.post(
        ADD, {"language_code": "en", "term": "Quokka", "words": "violence, divorce"}
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(language_code="en", key="quokka")
    assert synonym.words == "violence\ndivorce"
    html = editor_client.get(INDEX, {"language_code": "en"}).content.decode()
    assert "Quokka" in html and "violence, divorce" in html
    edit = f"{INDEX}edit/{synonym.pk}/"
    response = editor_client.post(
        edit, {"language_code": "en", "term": "Quokka", "words": "violence"}
    )
    assert response.status_code == 302
    assert Synonym.objects.get(pk=synonym.pk).words == "violence"


def test_the_settings_menu_offers_search_words(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "search-words" in html


@pytest.mark.parametrize(
    ("term", "words", "field", "message"),
    [
        ("!!!", "violence", "term", "has no letters or numbers"),
        ("quokka", "", "words", "This field is required"),
        ("quokka", " , 、", "words", "at least one word"),
        ("quokka", "violence\n???", "words", "“???” has no letters or numbers"),
        ("quokka", "violence\nQUOKKA", "words", "is the word searched for itself"),
        ("quokka", "violence\nViolence", "words", "is given twice"),
        ("quokka", "\n".join(f"w{n}" for n in range(9)), "words", "At most 8 words"),
        ("quokka", "x" * 101, "words", "longer than 100 characters"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message_and_kept(
    editor_client, term, words, field, message
):
    data = {"language_code": "en", "term": term, "words": words}
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'name="term"' in html and f'value="{term}"' in html  # nothing typed is lost
    assert not Synonym.objects.filter(term=term).exists()


def test_a_term_has_one_entry_a_language(editor_client):
    Synonym.objects.create(language_code="en", term="quokka", words="violence")
    response = editor_client.post(
        ADD, {"language_code": "en", "term": "ＱＵＯＫＫＡ", "words": "x"}
    )
    assert "already has words in English" in response.content.decode()
    response = editor_client.post(ADD, {"language_code": "ja", "term": "quokka", "words": "暴力"})
    assert response.status_code == 302


def test_the_model_checks_entries_made_elsewhere(db):
    with pytest.raises(ValidationError) as raised:
        Synonym(language_code="en", term="quokka", words="quokka").full_clean()
    assert "words" in raised.value.message_dict


def test_people_outside_the_editors_may_not(client, django_user_model, pledge):
    group = Group.objects.create(name="Translators")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = make_user(django_user_model, "translator", staff=True)
    user.is_superuser = False
    user.save()
    user.groups.add(group)
    log_in(client, user)
    assert client.get(ADD).status_code in (302, 403)
