"""Furigana on every easy-Japanese page, whatever put the markup there.

Catalogue strings, date formats and content write furigana as {漢字|かんじ}
(core.furigana). Templates need not pipe each string through ``|furigana``:
this step converts what is left in an easy-Japanese response, once, before
the page cache keeps it (it sits inside ``core.cache.FetchFromCacheMiddleware``,
so a cached page is served as stored, at no further cost). Other languages,
streamed and file responses pass untouched.
"""

from django.utils import translation

from core.furigana import base_text, json_base_text, page_with_ruby

LANGUAGE = "ja-x-easy"
CONVERTERS = {
    "text/html": page_with_ruby,
    "application/json": json_base_text,
    # Plain text has no <ruby>: the reading is dropped.
    "text/plain": base_text,
}


def is_easy_japanese(response):
    language = response.get("Content-Language") or translation.get_language() or ""
    return language.lower() == LANGUAGE


class FuriganaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or response.has_header("Content-Encoding"):
            return response
        media_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        convert = CONVERTERS.get(media_type)
        if convert is None or not is_easy_japanese(response):
            return response
        charset = response.charset
        text = response.content.decode(charset)
        converted = convert(text)
        if converted != text:
            response.content = converted.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
