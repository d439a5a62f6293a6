"""Walk a reader's answers through the questions, without touching the database.

The questions are read from the StreamField's raw data, so one step costs no
query however many pages the answers point to; only the results look pages up.
A reader's answers arrive as answer ids (the ids Wagtail gives list items,
the same in every translation); anything that does not fit the questions
makes the whole walk invalid, and the reader calmly starts again.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    windows: tuple = ()
    topics: tuple = ()
    in_danger: bool = False
    next_question: str = ""
    show_results: bool = False


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    help_text: str = ""
    answers: tuple = ()

    def answer(self, answer_id):
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass(frozen=True)
class Step:
    """Where a reader is: the question to ask now (None: show the results) and the answers so far."""

    question: Question | None
    answers: tuple = field(default=())

    @property
    def number(self):
        return len(self.answers) + 1

    @property
    def is_first(self):
        return not self.answers and self.question is not None

    @property
    def in_danger(self):
        return any(answer.in_danger for answer in self.answers)


def _items(raw_list):
    """ListBlock raw data: [{"type": "item", "value": …, "id": …}, …]."""
    return [item for item in raw_list or [] if isinstance(item, dict) and "value" in item]


def _page_ids(raw_list):
    return tuple(item["value"] for item in _items(raw_list) if isinstance(item["value"], int))


class Flow:
    def __init__(self, questions):
        self.questions = list(questions)
        self.by_key = {}
        for question in self.questions:
            self.by_key.setdefault(question.key, question)

    @classmethod
    def from_raw(cls, raw_data):
        questions = []
        for block in raw_data:
            if block.get("type") != "question":
                continue
            value = block["value"]
            answers = tuple(
                Answer(
                    id=str(item["id"]),
                    label=item["value"].get("label", ""),
                    windows=_page_ids(item["value"].get("windows")),
                    topics=_page_ids(item["value"].get("topics")),
                    in_danger=bool(item["value"].get("in_danger")),
                    next_question=item["value"].get("next_question") or "",
                    show_results=bool(item["value"].get("show_results")),
                )
                for item in _items(value.get("answers"))
                if item.get("id")
            )
            questions.append(
                Question(
                    key=value.get("key", ""),
                    text=value.get("question", ""),
                    help_text=value.get("help_text", ""),
                    answers=answers,
                )
            )
        return cls(questions)

    def start(self):
        return Step(self.questions[0] if self.questions else None)

    def walk(self, answer_ids):
        """The step reached by these answers, or None if they do not fit the questions."""
        if len(answer_ids) > len(self.questions):
            return None
        step = self.start()
        asked = set()
        for answer_id in answer_ids:
            question = step.question
            answer = question.answer(answer_id) if question else None
            if answer is None:
                return None
            asked.add(question.key)
            step = Step(self.after(question, answer, asked), (*step.answers, answer))
        return step

    def after(self, question, answer, asked):
        """The question that follows an answer; None ends with the results.

        A question is never asked twice, so a loop that editors made by
        mistake ends with the results too.
        """
        if answer.show_results:
            return None
        if answer.next_question:
            following = self.by_key.get(answer.next_question)
        else:
            position = next(i for i, q in enumerate(self.questions) if q is question)
            following = next(iter(self.questions[position + 1 :]), None)
        if following is None or following.key in asked:
            return None
        return following
