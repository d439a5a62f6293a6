"""How long the site keeps what it records about people, and the job that enforces it.

Each app says what it keeps and for how long through the
``register_retention_rule`` hook (a :class:`Rule`); ``manage.py
apply_retention``, run daily by deploy/systemd/portal-retention.timer, deletes
what is older. Periods are settings (``RETENTION_*_DAYS``) read when the job
runs. Deleting is done in small batches by primary key, so two runs at once
only share the work.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail import hooks

BATCH_SIZE = 1000


@dataclass(frozen=True)
class Rule:
    name: str
    # The setting holding the number of days to keep.
    setting: str
    # The rows older than a cutoff (an aware datetime): what the job deletes.
    expired: Callable


def rules():
    return [make() for make in hooks.get_hooks("register_retention_rule")]


def days_kept(rule):
    return int(getattr(settings, rule.setting))


def apply(now=None, progress=None):
    """Delete what every rule says has been kept long enough; ``{rule name: rows deleted}``.

    ``progress`` wraps the rules in a bar (core.progress) when run by hand.
    """
    now = now or timezone.now()
    deleted = {}
    for rule in (progress or list)(rules()):
        cutoff = now - datetime.timedelta(days=days_kept(rule))
        deleted[rule.name] = _delete_in_batches(rule.expired(cutoff))
    return deleted


def _delete_in_batches(queryset):
    total = 0
    while True:
        batch = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
        if not batch:
            return total
        total += (
            queryset.model.objects.filter(pk__in=batch)
            .delete()[1]
            .get(queryset.model._meta.label, 0)
        )
