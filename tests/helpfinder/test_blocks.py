"""Editors get told when their questions cannot work."""

import pytest
from django.utils import translation
from wagtail.blocks import StreamBlockValidationError

from helpfinder.blocks import QuestionsBlock


def question(key, *nexts):
    return {
        "type": "question",
        "value": {
            "key": key,
            "question": f"Question {key}?",
            "help_text": "",
            "answers": [
                {"label": f"Answer {n}", "windows": [], "topics": [], "next_question": n}
                for n in nexts or [""]
            ],
        },
    }


def messages(error):
    """The messages as an editor working in English reads them."""
    with translation.override("en"):
        return [str(message) for e in error.non_block_errors.as_data() for message in e.messages]


def clean(*questions):
    block = QuestionsBlock()
    return block.clean(block.to_python(list(questions)))


def test_questions_that_fit_together_are_accepted():
    value = clean(question("who", "danger"), question("danger"))
    assert [child.value["key"] for child in value] == ["who", "danger"]


def test_two_questions_with_the_same_key_are_refused():
    with pytest.raises(StreamBlockValidationError) as refused:
        clean(question("who"), question("who"))
    assert messages(refused.value) == ["Each question needs its own key; used twice: who"]


def test_an_answer_leading_to_a_missing_question_is_refused():
    with pytest.raises(StreamBlockValidationError) as refused:
        clean(question("who", "nowhere"))
    assert messages(refused.value) == ["An answer leads to a question that does not exist: nowhere"]


def test_a_key_must_be_a_simple_name():
    with pytest.raises(StreamBlockValidationError):
        clean(question("Who are you?"))
