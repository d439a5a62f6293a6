"""Read the help finder's HTML and answer it like a browser does: hidden fields plus the button."""

import html
import re

ANSWER_BUTTON = re.compile(
    r'<button class="finder-answer" type="submit" name="answer" value="([^"]+)">(.*?)</button>',
    re.S,
)
HIDDEN_ANSWER = re.compile(r'<input type="hidden" name="answer" value="([^"]+)">')
RUBY_READING = re.compile(r"<rp>.*?</rp>|<rt>.*?</rt>|</?ruby>", re.S)


def text(fragment):
    return html.unescape(RUBY_READING.sub("", fragment)).strip()


def answers_on(response):
    """The answers the step offers: label -> answer id."""
    content = response.content.decode()
    return {text(label): value for value, label in ANSWER_BUTTON.findall(content)}


def given_answers(response):
    return HIDDEN_ANSWER.findall(response.content.decode())


def step_heading(response):
    content = response.content.decode()
    step = content[content.index("data-finder>") :]
    return text(re.search(r"<h2[^>]*>(.*?)</h2>", step, re.S).group(1))


def choose(client, url, *labels):
    """Answer the questions by their labels, as a reader clicks, and return the last response."""
    response = client.get(url)
    for label in labels:
        chosen = answers_on(response)[label]
        response = client.post(url, {"answer": [*given_answers(response), chosen]})
        assert response.status_code == 200
    return response


def main_part(response):
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]
