from django.db import connection
from django.test.utils import CaptureQueriesContext


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache(client, db):
    first, _ = get(client, "/en/faq/")
    second, queries = get(client, "/en/faq/")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert queries <= 1


def test_publishing_clears_the_cache(client, pages):
    client.get("/en/faq/")
    faq = pages["en"]["faq"]
    faq.title = "Questions people often ask"
    faq.save_revision().publish()
    response = client.get("/en/faq/")
    assert "X-Page-Cache" not in response
    assert "Questions people often ask" in response.content.decode()


def test_logged_in_editors_are_never_served_cached_pages(client, django_user_model, db):
    client.get("/en/faq/")
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    response = client.get("/en/faq/")
    assert "X-Page-Cache" not in response


def test_search_results_are_never_cached(client, db):
    client.get("/en/search/", {"q": "violence"})
    response = client.get("/en/search/", {"q": "violence"})
    assert "X-Page-Cache" not in response
