"""Each step of the help finder, through the demo's questions, in Japanese and English."""

import re

from .helpers import answers_on, choose, given_answers, main_part, step_heading

URL = "/en/help-finder/"
DANGER = ("Myself", "Violence or abusive words from a partner or family member")


def test_the_page_shows_the_first_question_and_its_answers(reader, db):
    response = reader.get(URL)
    assert response.status_code == 200
    assert step_heading(response) == "Who would you like to talk about?"
    assert list(answers_on(response)) == [
        "Myself",
        "Someone close to me, such as family or a friend",
        "A child",
    ]
    assert "Your answers are not saved" in main_part(response)
    assert 'id="quick-exit"' in response.content.decode()


def test_each_answer_leads_to_the_next_question(reader, db):
    response = choose(reader, URL, "Myself")
    assert step_heading(response) == "What is troubling you?"
    assert len(given_answers(response)) == 1
    response = choose(reader, URL, "Myself", "Money, housing or work")
    assert step_heading(response) == "Do you feel in danger right now?"
    response = choose(reader, URL, "Myself", "Money, housing or work", "No")
    assert (
        step_heading(response) == "Which language would you like to use when you talk to someone?"
    )
    assert 'id="quick-exit"' in response.content.decode()


def test_an_answer_can_skip_questions(reader, db):
    response = choose(reader, URL, "A child")
    assert step_heading(response) == "Do you feel in danger right now?"


def test_the_results_list_the_windows_and_topics_that_fit(reader, db):
    response = choose(
        reader, URL, "Myself", "Money, housing or work", "No", "A language other than Japanese"
    )
    page = main_part(response)
    assert step_heading(response) == "Where you can get help"
    assert 'href="/en/consultation/living-support/"' in page
    assert 'href="/en/consultation/foreign-residents/"' in page
    assert page.index("/en/consultation/living-support/") < page.index(
        "/en/consultation/foreign-residents/"
    )
    assert 'href="/en/topics/poverty/"' in page
    assert 'href="/en/topics/foreign-residents/"' in page
    assert 'href="tel:' in page
    assert "An interpreter can be arranged." in page
    assert "If you are in danger now" not in page


def test_the_one_stop_window_is_always_there_and_only_once(reader, db):
    response = choose(
        reader, URL, "Myself", "I can't put it into words / I'm not sure", "No", "Japanese"
    )
    page = main_part(response)
    assert page.count('href="/en/consultation/one-stop/"') == 1
    assert 'href="tel:0480000000"' in page


def test_danger_puts_the_emergency_numbers_first(reader, db):
    response = choose(reader, URL, *DANGER, "Yes, I am in danger right now")
    page = main_part(response)
    step = page[page.index("data-finder>") :]
    assert step_heading(response) == "If you are in danger now"
    assert step.index('href="tel:110"') < step.index("Where you can get help")
    windows = re.findall(
        r'<li class="card( card--urgent)?">\s*<a class="card__link" href="(/en/consultation/[^"]+)"',
        step,
    )
    # Windows for immediate danger first, then the rest in the editors' order.
    assert [href for _, href in windows] == [
        "/en/consultation/dv-plus/",
        "/en/consultation/police/",
        "/en/consultation/dv-navi/",
    ]
    assert [bool(urgent) for urgent, _ in windows] == [True, True, False]


def test_without_danger_urgent_windows_keep_the_editors_order(reader, db):
    response = choose(reader, URL, *DANGER, "No", "Japanese")
    windows = re.findall(r'class="card__link" href="(/en/consultation/[^"]+)"', main_part(response))
    assert windows[:2] == ["/en/consultation/dv-plus/", "/en/consultation/dv-navi/"]
    assert "If you are in danger now" not in main_part(response)


def test_back_returns_to_the_previous_question(reader, db):
    response = choose(reader, URL, "Myself", "Money, housing or work")
    response = reader.post(URL, {"answer": given_answers(response), "back": "1"})
    assert step_heading(response) == "What is troubling you?"
    assert len(given_answers(response)) == 1


def test_start_again_shows_the_first_question(reader, db):
    choose(reader, URL, "Myself")
    response = reader.post(URL, {})
    assert step_heading(response) == "Who would you like to talk about?"
    assert given_answers(response) == []


def test_japanese_journey(reader, db):
    response = choose(
        reader, "/ja/help-finder/", "わたし自身のこと", "性暴力・性被害", "はい、今すぐ危ない"
    )
    page = main_part(response)
    assert 'href="tel:110"' in page
    assert 'href="/ja/consultation/one-stop-sexual-violence/"' in page
    assert 'href="/ja/topics/sexual-violence/"' in page
