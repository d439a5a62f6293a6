"""Results in the reader's language, with a fallback, in a bounded number of queries."""

import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ConsultationWindowPage

from .helpers import answers_on, choose, given_answers, main_part

JOURNEY = ("Myself", "Violence or abusive words from a partner or family member", "No", "Japanese")


def test_chosen_pages_are_shown_in_the_readers_language(reader, pages):
    page = main_part(choose(reader, "/en/help-finder/", *JOURNEY))
    assert pages["en"]["dv-plus"].title in page
    assert "/ja/" not in page


def test_a_window_not_translated_yet_is_shown_in_the_source_language(reader, pages):
    pages["en"]["dv-navi"].delete()
    page = main_part(choose(reader, "/en/help-finder/", *JOURNEY))
    assert 'href="/ja/consultation/dv-navi/"' in page
    assert 'href="/en/consultation/dv-plus/"' in page


def test_a_window_gone_from_every_language_is_left_out(reader, pages):
    for code in ("en", "ja"):
        pages[code]["dv-navi"].unpublish()
    page = main_part(choose(reader, "/en/help-finder/", *JOURNEY))
    assert "/consultation/dv-navi/" not in page
    assert 'href="/en/consultation/dv-plus/"' in page


def test_every_language_shares_the_answer_ids(reader, db):
    english = answers_on(reader.get("/en/help-finder/"))
    japanese = answers_on(reader.get("/ja/help-finder/"))
    assert list(english.values()) == list(japanese.values())
    # So a Japanese answer id works on the English page too.
    response = reader.post("/en/help-finder/", {"answer": [japanese["わたし自身のこと"]]})
    assert "What is troubling you?" in main_part(response)


def results_queries(client, url, labels):
    response = choose(client, url, *labels[:-1])
    chosen = [*given_answers(response), answers_on(response)[labels[-1]]]
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"answer": chosen})
    assert "Where you can get help" in main_part(response) or "相談できる窓口" in main_part(
        response
    )
    return len(queries)


def add_every_window_to_every_answer(finder):
    windows = list(
        ConsultationWindowPage.objects.filter(locale=finder.locale).values_list("pk", flat=True)
    )
    raw = copy.deepcopy(list(finder.questions.raw_data))
    for question in raw:
        for answer in question["value"]["answers"]:
            answer["value"]["windows"] = [
                {"type": "item", "value": pk, "id": f"{answer['id']}-{pk}"} for pk in windows
            ]
    finder.questions = raw
    finder.save_revision().publish()


def test_result_queries_do_not_grow_with_the_answers(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/ja/help-finder/"
    labels = ("わたし自身のこと", "お金・住まい・仕事のこと", "いいえ", "日本語")
    results_queries(client, url, labels)  # warm Wagtail's own caches
    before = results_queries(client, url, labels)
    add_every_window_to_every_answer(pages["ja"]["help-finder"])
    results_queries(client, url, labels)
    after = results_queries(client, url, labels)
    assert after == before
    assert before <= 26


def test_question_steps_make_few_queries(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/en/help-finder/"
    first = choose(client, url, "Myself")
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"answer": given_answers(first)})
    assert len(queries) <= 20


def test_a_result_shows_the_windows_ways_to_write_not_only_its_phone(reader, pages):
    """A woman who cannot speak on the phone sees the chat in the results themselves."""
    page = main_part(choose(reader, "/en/help-finder/", *JOURNEY))
    window = pages["en"]["dv-plus"]
    chat = next(c for c in window.channels if c.block_type == "chat")
    assert 'class="channel channel--chat"' in page
    assert f'href="{chat.value["url"]}"' in page
    assert "channel--in_person" not in page
