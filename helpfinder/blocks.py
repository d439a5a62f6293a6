"""The questions of the help finder, as editors write them.

Keys and the flags of an answer are shared by every translation (a
RegexBlock or BooleanBlock is not offered to translators by
wagtail-localize); question texts and answer labels are translated.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

KEY_PATTERN = r"^[a-z0-9-]+$"
KEY_ERRORS = {"invalid": _("Use lowercase letters, digits and hyphens only.")}


class AnswerBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("answer"),
        max_length=200,
        help_text=_("What the reader taps, in a few words, e.g. “Someone close to me”."),
    )
    windows = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="home.ConsultationWindowPage"),
        label=_("consultation windows that fit"),
        help_text=_("Listed in the results, in this order. The one-stop window is always shown."),
    )
    topics = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="home.TopicPage"),
        label=_("topic pages that fit"),
    )
    in_danger = blocks.BooleanBlock(
        required=False,
        label=_("she may be in danger now"),
        help_text=_(
            "The results then start with the emergency numbers and the windows "
            "for immediate danger."
        ),
    )
    next_question = blocks.RegexBlock(
        regex=KEY_PATTERN,
        required=False,
        error_messages=KEY_ERRORS,
        label=_("next question"),
        help_text=_("The key of the question to ask next. Leave empty for the question below."),
    )
    show_results = blocks.BooleanBlock(
        required=False,
        label=_("show the results now"),
        help_text=_("Skip the remaining questions, e.g. when she is in danger."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=KEY_PATTERN,
        error_messages=KEY_ERRORS,
        label=_("key"),
        max_length=40,
        help_text=_(
            "A short name answers use to jump here, e.g. “danger”. Never shown to readers; "
            "the same in every language."
        ),
    )
    question = blocks.CharBlock(label=_("question"), max_length=300)
    help_text = blocks.TextBlock(
        label=_("help text"), required=False, help_text=_("Shown under the question.")
    )
    answers = blocks.ListBlock(AnswerBlock(), min_num=1, label=_("answers"))

    class Meta:
        icon = "help"
        label = _("Question")


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        label = _("Questions")

    def clean(self, value):
        value = super().clean(value)
        keys = [child.value["key"] for child in value]
        errors = []
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            errors.append(
                ValidationError(
                    _("Each question needs its own key; used twice: %(keys)s"),
                    params={"keys": ", ".join(duplicates)},
                )
            )
        unknown = sorted(
            {
                answer["next_question"]
                for child in value
                for answer in child.value["answers"]
                if answer["next_question"] and answer["next_question"] not in keys
            }
        )
        if unknown:
            errors.append(
                ValidationError(
                    _("An answer leads to a question that does not exist: %(keys)s"),
                    params={"keys": ", ".join(unknown)},
                )
            )
        if errors:
            raise StreamBlockValidationError(non_block_errors=errors)
        return value
