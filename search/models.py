from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ZeroResultQuery(models.Model):
    """A search that found nothing: what was searched, in which language, on which day, how often.

    Nothing else: no time of day, address, session, user or referrer, so a
    row cannot be tied to the person who searched (see docs/search.md).
    """

    query = models.CharField(_("search words"), max_length=100)
    language_code = models.CharField(_("language"), max_length=20)
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language_code", "date"], name="search_zero_result_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return self.query


class Synonym(models.Model):
    """Words readers use for what the pages call otherwise, kept by editors per language.

    A search for ``term`` (or text holding it) also looks for each of ``words``
    (search.synonyms); ``key`` is the term in search's normal form.
    """

    MAX_WORDS = 8

    language_code = models.CharField(
        _("language"), max_length=20, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    term = models.CharField(
        _("when a reader searches for"),
        max_length=100,
        help_text=_("A word or phrase as readers type it, e.g. “住むところ” or “shelter”."),
    )
    words = models.TextField(
        _("also search for"),
        help_text=_(
            "The words the pages use for it: one a line, or with commas between; "
            "most useful first, at most 8. E.g. “住まい” and “住居”."
        ),
    )
    key = models.CharField(max_length=100, editable=False)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        ordering = ["language_code", "key"]
        constraints = [
            models.UniqueConstraint(fields=["language_code", "key"], name="search_synonym_once")
        ]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        from search.synonyms import key_of

        self.key = key_of(self.term)
        super().save(*args, **kwargs)

    def clean(self):
        from search.synonyms import validate

        self.key = validate(self)

    @property
    def word_list(self):
        """The words, one per line as typed, blank lines dropped."""
        return [line.strip() for line in (self.words or "").splitlines() if line.strip()]
