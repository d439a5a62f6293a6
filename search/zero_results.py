"""Counting searches that found nothing, so editors can write what readers look for.

Only the normalised words, the language and the day are kept, as a count.
Words that look like a phone number, an email address, a postcode or a web
address are not kept at all: a reader may type her own. Rows older than
RETENTION_DAYS are deleted as new ones come in.
"""

import datetime
import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import ZeroResultQuery
from search.text import normalize

RETENTION_DAYS = 90
MAX_LENGTH = ZeroResultQuery._meta.get_field("query").max_length
PERSONAL = [
    re.compile(r"@"),  # email address
    re.compile(r"(\d[\s\-().]*){6,}"),  # phone number, postcode with its digits, ID numbers
    re.compile(r"〒|\b\d{3}-\d{4}\b"),  # Japanese postcode
    re.compile(r"https?:|www\.|\.[a-z]{2,}/"),  # web address
]


def normalized(text):
    return " ".join(normalize(text).split())[:MAX_LENGTH]


def looks_personal(text):
    return any(pattern.search(text) for pattern in PERSONAL)


def record(text, language_code):
    """Count one search for ``text`` that found nothing; False when it is not kept."""
    words = normalized(text)
    if not words or looks_personal(words):
        return False
    today = timezone.localdate()
    rows = ZeroResultQuery.objects.filter(query=words, language_code=language_code, date=today)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                ZeroResultQuery.objects.create(
                    query=words, language_code=language_code, date=today, count=1
                )
        except IntegrityError:  # another process created it in between
            rows.update(count=F("count") + 1)
        # Only when a row is added (at most once a day per search): old rows go.
        cutoff = today - datetime.timedelta(days=RETENTION_DAYS)
        ZeroResultQuery.objects.filter(date__lt=cutoff).delete()
    return True


def help_finder(pages):
    """The help finder among ``pages`` (the reader's), for a search that found nothing.

    Named by app label: the help finder's app sits above search and registers
    nothing here for one link.
    """
    return (
        pages.filter(content_type__app_label="helpfinder", content_type__model="helpfinderpage")
        .order_by("path")
        .first()
    )
