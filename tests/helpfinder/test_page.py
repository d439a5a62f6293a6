"""Where the help finder lives and how editors reach it."""

import json

from helpfinder.models import HelpFinderPage
from home.models import HomePage, SectionPage


def test_one_finder_per_language_home(pages):
    home = pages["ja"]["home"]
    assert isinstance(pages["ja"]["help-finder"], HelpFinderPage)
    assert not HelpFinderPage.can_create_at(home)
    assert HelpFinderPage.can_exist_under(home)
    assert not HelpFinderPage.can_exist_under(pages["ja"]["consultation"])
    assert HomePage in HelpFinderPage.allowed_parent_page_models()
    assert SectionPage not in HelpFinderPage.allowed_parent_page_models()


def test_the_finder_is_translated_with_wagtail_localize(pages):
    english = pages["en"]["help-finder"]
    source = pages["ja"]["help-finder"]
    assert english.translation_key == source.translation_key
    assert english.alias_of_id is None
    assert english.title == "Help finder"
    question = english.questions.raw_data[0]["value"]
    assert question["question"] == "Who would you like to talk about?"
    # Keys and flags are not offered to translators: they stay the source's.
    assert [q["value"]["key"] for q in english.questions.raw_data] == [
        q["value"]["key"] for q in source.questions.raw_data
    ]


def test_every_page_links_to_the_finder_in_the_main_menu(client, db):
    for url, finder in (("/ja/", "/ja/help-finder/"), ("/en/faq/", "/en/help-finder/")):
        menu = client.get(url).content.decode().split('class="site-nav"')[1].split("</nav>")[0]
        assert f'href="{finder}"' in menu


def test_editors_edit_the_questions_in_the_admin(staff_client, pages):
    finder = pages["ja"]["help-finder"]
    response = staff_client.get(f"/admin/pages/{finder.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    # The stream editor gets its blocks as JSON with non-ASCII escaped.
    assert json.dumps("相談したいのは、どなたのことですか。")[1:-1] in content
    assert "next_question" in content


def test_editors_preview_the_finder(pages):
    response = pages["en"]["help-finder"].make_preview_request()
    assert response.status_code == 200
    assert "Who would you like to talk about?" in response.content.decode()
