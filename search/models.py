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
