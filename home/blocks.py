from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "home/blocks/callout.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "home/blocks/question.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        template="home/blocks/heading.html",
        help_text=_("A section heading. Easy Japanese may use {漢字|かんじ} for furigana."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )
    callout = CalloutBlock()
    image = ImageBlock(label=_("Image"), template="home/blocks/image.html")

    class Meta:
        label = _("Body")


class FAQBlock(blocks.StreamBlock):
    question = QuestionBlock()
    heading = BodyBlock.base_blocks["heading"]

    class Meta:
        label = _("Questions")
