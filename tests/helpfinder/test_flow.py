"""Walking answers through the questions: pure logic, no database."""

from helpfinder.flow import Answer, Flow, Question


def flow():
    return Flow(
        [
            Question(
                "who",
                "Who?",
                answers=(Answer("me", "Me"), Answer("child", "A child", next_question="danger")),
            ),
            Question(
                "what", "What?", answers=(Answer("dv", "Violence", windows=(1, 2), topics=(7,)),)
            ),
            Question(
                "danger",
                "Danger?",
                answers=(
                    Answer("yes", "Yes", windows=(3,), in_danger=True, show_results=True),
                    Answer("no", "No"),
                    Answer("again", "Loop", next_question="who"),
                ),
            ),
            Question("language", "Language?", answers=(Answer("ja", "Japanese"),)),
        ]
    )


def test_no_answers_asks_the_first_question():
    step = flow().walk([])
    assert step.question.key == "who"
    assert step.is_first and step.number == 1 and not step.answers


def test_an_answer_leads_to_the_question_below_it():
    step = flow().walk(["me"])
    assert step.question.key == "what"
    assert step.number == 2 and not step.is_first


def test_an_answer_can_jump_to_a_question_by_its_key():
    assert flow().walk(["child"]).question.key == "danger"


def test_after_the_last_question_come_the_results():
    step = flow().walk(["me", "dv", "no", "ja"])
    assert step.question is None
    assert [a.id for a in step.answers] == ["me", "dv", "no", "ja"]
    assert not step.in_danger


def test_an_answer_can_show_the_results_at_once_and_mark_danger():
    step = flow().walk(["me", "dv", "yes"])
    assert step.question is None
    assert step.in_danger


def test_a_loop_made_by_mistake_ends_with_the_results():
    step = flow().walk(["me", "dv", "again"])
    assert step.question is None


def test_an_answer_to_another_question_does_not_fit():
    assert flow().walk(["dv"]) is None
    assert flow().walk(["me", "me"]) is None


def test_unknown_answers_and_too_many_answers_do_not_fit():
    assert flow().walk(["nonsense"]) is None
    assert flow().walk(["me", "dv", "no", "ja", "ja"]) is None
    assert flow().walk(["me", "dv", "yes", "ja"]) is None


def test_a_finder_without_questions_goes_straight_to_the_results():
    assert Flow([]).walk([]).question is None


def test_questions_are_read_from_stream_field_raw_data():
    raw = [
        {
            "type": "question",
            "id": "q1",
            "value": {
                "key": "who",
                "question": "Who?",
                "help_text": "Pick one",
                "answers": [
                    {
                        "type": "item",
                        "id": "a1",
                        "value": {
                            "label": "Me",
                            "windows": [{"type": "item", "value": 5, "id": "w"}],
                            "topics": [],
                            "in_danger": True,
                            "next_question": "",
                            "show_results": False,
                        },
                    }
                ],
            },
        }
    ]
    question = Flow.from_raw(raw).walk([]).question
    assert (question.key, question.text, question.help_text) == ("who", "Who?", "Pick one")
    (answer,) = question.answers
    assert (answer.id, answer.label, answer.windows, answer.in_danger) == ("a1", "Me", (5,), True)
