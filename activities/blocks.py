"""StreamField blocks for activity descriptions: kept few and plain on purpose."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class DescriptionBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = ImageBlock(label=_("Image"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))

    class Meta:
        required = False
