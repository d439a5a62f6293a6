"""Language table entries Django does not ship.

Django's ``LANG_INFO`` has no Tagalog and, naturally, no easy Japanese
(やさしい日本語). ``get_language_info`` and the ``language_name_local`` filters
need an entry for every code in ``LANGUAGES``. Remove an entry here once
Django ships it.
"""

from django.conf.locale import LANG_INFO

EXTRA_LANG_INFO = {
    # Easy Japanese is Japanese; a private-use subtag keeps it a valid BCP 47 tag.
    "ja-x-easy": {
        "bidi": False,
        "code": "ja-x-easy",
        "name": "Easy Japanese",
        "name_local": "やさしい にほんご",
    },
    "tl": {
        "bidi": False,
        "code": "tl",
        "name": "Tagalog",
        "name_local": "Tagalog",
    },
    # Browsers in the Philippines ask for Filipino (``fil``, ``fil-PH``), which Django
    # does not know: they read the Tagalog pages. A fallback is looked up for the
    # code the browser sent only, not for its generic part, hence both.
    "fil": {"fallback": ["tl"]},
    "fil-ph": {"fallback": ["tl"]},
}


def install():
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)
