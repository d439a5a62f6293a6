"""Interface text no catalogue of a language has falls back to English, not Japanese.

Django fills the gaps of every language's catalogue from ``LANGUAGE_CODE``
(Japanese here): Wagtail's Vietnamese translates a few hundred of the admin's
strings, and an editor who keeps Vietnamese got the rest in Japanese (下書きを保存
for "Save draft"); a Tagalog reader got Django's form errors in Japanese. The
English msgid is what people who do not read Japanese can best read. Easy
Japanese keeps Japanese as its fallback. Django has no setting for the fallback
language (Django 5.2), so ``DjangoTranslation._add_fallback`` is wrapped; this
can go if Django lets a project choose it.
"""

from django.utils.translation import trans_real

JAPANESE_FALLBACK = ("ja",)

_add_fallback = trans_real.DjangoTranslation._add_fallback


def _english_fallback(self, localedirs=None):
    if self.language().split("-")[0] in JAPANESE_FALLBACK:
        _add_fallback(self, localedirs)


def install():
    if trans_real.DjangoTranslation._add_fallback is not _english_fallback:
        trans_real.DjangoTranslation._add_fallback = _english_fallback
        trans_real._translations = {}  # any catalogue built before is built again
