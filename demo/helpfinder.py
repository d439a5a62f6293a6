"""The help finder's questions in the demo content files.

A ``type = "help_finder"`` page in ``ja.toml`` lists ``[[page.questions]]``
(``key``, ``question``, ``help_text``), each with ``[[page.questions.answers]]``
(``label``; optional ``windows`` and ``topics``, lists of page keys;
``in_danger``, ``show_results`` (bools); ``next``, a question key). A
translation file repeats only ``question``, ``help_text`` and ``label``, one
for one. Block ids come from the page key and positions, so a translation's
answers line up with the source's and wagtail-localize can import them.
"""

import uuid

BLOCK_ID_NAMESPACE = uuid.UUID("0c8f5a3e-7d51-4a8e-b6a2-3f9d2c1e7b40")


def block_id(key, path, index):
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}:{path}:{index}"))


def _item(key, path, index, value):
    return {"type": "item", "value": value, "id": block_id(key, path, index)}


def questions_data(key, questions, pages=None):
    """Stream data for HelpFinderPage.questions; page choices only when ``pages`` is given."""
    pages = pages or {}
    data = []
    for q, question in enumerate(questions):
        answers = []
        for a, answer in enumerate(question.get("answers", [])):
            path = f"questions:{q}:answers"
            value = {
                "label": answer["label"],
                "windows": [
                    _item(key, f"{path}:{a}:windows", i, pages[k].pk)
                    for i, k in enumerate(answer.get("windows", []))
                    if k in pages
                ],
                "topics": [
                    _item(key, f"{path}:{a}:topics", i, pages[k].pk)
                    for i, k in enumerate(answer.get("topics", []))
                    if k in pages
                ],
                "in_danger": answer.get("in_danger", False),
                "next_question": answer.get("next", ""),
                "show_results": answer.get("show_results", False),
            }
            answers.append(_item(key, path, a, value))
        value = {
            "key": question.get("key", ""),
            "question": question["question"],
            "help_text": question.get("help_text", ""),
            "answers": answers,
        }
        data.append({"type": "question", "value": value, "id": block_id(key, "questions", q)})
    return data
