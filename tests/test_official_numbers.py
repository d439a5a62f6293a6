"""Every phone number the demo shows for a real service is one checked against its
official source (demo/official_numbers.py); the demo city's invented windows use
the placeholder range. A page that names a service gives its number."""

import re

import pytest

from core.furigana import base_text
from demo import content_files
from demo.official_numbers import NAMES, OFFICIAL, PLACEHOLDER_PREFIX

CODES = [content_files.SOURCE_LANGUAGE, *content_files.available_translations()]

# Japanese phone numbers as people write them: short codes (#8008), free and
# navigation dials and area codes with hyphens (0120-279-889, 0570-078374,
# 048-833-3296), and three-digit emergency and hotline numbers (110, 118, 119, 171,
# 177, 188, 189).
PHONE = re.compile(
    r"#\d{4}(?!\d)"
    r"|(?<![\d,.\-])0\d{1,4}-\d{1,6}(?:-\d{1,6})?(?![\d-])"
    r"|(?<![\d,.:/#\-+])1(?:1[089]|7[17]|8[89])(?![\d,.:/\-])"
)


def phone_numbers(text):
    return set(PHONE.findall(base_text(text)))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def page_text(spec):
    return base_text("\n".join(strings(spec)))


def shown_numbers(code, key):
    """Numbers a reader of this page sees: in its text, as its phone, on its windows."""
    source = content_files.load(content_files.SOURCE_LANGUAGE)
    spec = content_files.load(code)[key]
    numbers = phone_numbers(page_text(spec))
    numbers |= {source[key].get("phone", "")}
    numbers |= {source[k].get("phone", "") for k in source[key].get("windows", [])}
    return numbers - {""}


def test_the_number_finder_finds_japanese_phone_numbers():
    text = (
        "電話 0120-999-999、#7119、03-1234-5678、0570-123456、110{番|ばん}。"
        "受付 9:00〜16:00、5,500円、300万円、2024年4月、1年、100人。"
    )
    assert phone_numbers(text) == {"0120-999-999", "#7119", "03-1234-5678", "0570-123456", "110"}


@pytest.mark.parametrize("code", CODES)
def test_every_number_shown_is_official_or_a_placeholder(code):
    unknown = {}
    for key, spec in content_files.load(code).items():
        for number in phone_numbers(page_text(spec)):
            if number not in OFFICIAL and not number.startswith(PLACEHOLDER_PREFIX):
                unknown.setdefault(key, set()).add(number)
    assert not unknown, f"{code}: numbers without an official source: {unknown}"


def test_every_window_phone_is_official_or_a_placeholder():
    source = content_files.load(content_files.SOURCE_LANGUAGE)
    for key, spec in source.items():
        phone = spec.get("phone")
        if phone:
            assert phone in OFFICIAL or phone.startswith(PLACEHOLDER_PREFIX), key


@pytest.mark.parametrize("code", CODES)
def test_a_page_that_names_a_service_gives_its_number(code):
    missing = []
    for key, spec in content_files.load(code).items():
        text = page_text(spec)
        shown = shown_numbers(code, key)
        for number, names in NAMES.items():
            if any(name in text for name in names) and number not in shown:
                missing.append((key, number))
    assert not missing, f"{code}: pages naming a service without its number: {missing}"


def test_every_official_number_is_used_and_cited_in_the_source_file():
    source_text = (content_files.CONTENT_DIR / "ja.toml").read_text()
    shown = set()
    for code in CODES:
        for key in content_files.load(code):
            shown |= shown_numbers(code, key)
    for number, (service, url) in OFFICIAL.items():
        assert number in shown, f"{number} ({service}) is listed but no page shows it"
        assert url.startswith("https://"), number
        comments = [line for line in source_text.splitlines() if line.lstrip().startswith("#")]
        assert any(url in line for line in comments), f"{number}: cite {url} in ja.toml"
    assert set(NAMES) <= set(OFFICIAL)
