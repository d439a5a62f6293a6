"""What a model gives the search index besides its own fields.

A model adds ``term_fields()`` to its ``search_fields`` and two methods,
``search_title_terms`` and ``search_text_terms``, that return
``title_terms(self)`` and ``text_terms(self)``; any Wagtail search backend then
indexes the character pairs of its Japanese, Chinese and Korean text (see
search.ngrams). ``plain_text`` is the same
text, read back for result snippets.
"""

from django.db.models.signals import pre_save
from django.utils.encoding import force_str
from wagtail.search import index

from search import ngrams

TITLE_TERMS = "search_title_terms"
TEXT_TERMS = "search_text_terms"
# Where an object keeps its texts and terms once read (see ``_remembered``).
REMEMBERED = "_search_indexing_texts"


def term_fields(title_boost=2):
    # The title's terms weigh as much as the title itself (Page's title has boost 2).
    return [index.SearchField(TITLE_TERMS, boost=title_boost), index.SearchField(TEXT_TERMS)]


def _text(value):
    """A field's value as one string, the way the database backend flattens it."""
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_text(item) for item in value.values())
    return force_str(value) if value is not None else ""


def _remembered(obj, key, compute):
    """``compute()``, once per object until it is saved again.

    Wagtail's database backend reads every search field of an object five
    times to index it once (title, body, autocomplete and their plain
    texts), and the term fields read all the others again: the rich text's
    HTML was parsed ten times and the pairs cut five. Remembered on the
    object, dropped before each save (``forget``), so what is indexed is what
    is saved.
    """
    remembered = obj.__dict__.setdefault(REMEMBERED, {})
    if key not in remembered:
        remembered[key] = compute()
    return remembered[key]


def forget(sender, instance, **kwargs):
    instance.__dict__.pop(REMEMBERED, None)


pre_save.connect(forget, dispatch_uid="search.indexing.forget")


def field_texts(obj, title_field="title", title=False):
    """The texts of ``obj``'s own search fields: the title, or all the others."""
    return _remembered(
        obj, ("texts", title_field, title), lambda: _field_texts(obj, title_field, title)
    )


def _field_texts(obj, title_field, title):
    texts = []
    for field in obj.get_searchable_search_fields():
        if (
            field.field_name in (TITLE_TERMS, TEXT_TERMS)
            or (field.field_name == title_field) != title
        ):
            continue
        text = _text(field.get_value(obj))
        if text:
            texts.append(text)
    return texts


def _terms(texts):
    return " ".join(term for text in texts for term in ngrams.ANALYZER.index_terms(text))


def title_terms(obj, title_field="title"):
    return _remembered(
        obj, ("terms", title_field, True), lambda: _terms(field_texts(obj, title_field, True))
    )


def text_terms(obj, title_field="title"):
    return _remembered(
        obj, ("terms", title_field, False), lambda: _terms(field_texts(obj, title_field))
    )


def plain_text(obj, title_field="title"):
    """Everything indexed except the title, as plain text (furigana markup kept)."""
    return "\n".join(field_texts(obj, title_field))
