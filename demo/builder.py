"""Builds the demo site from the content files, through Wagtail and wagtail-localize.

Japanese pages are created and published as editors would; each other
language is then imported as a wagtail-localize translation (the same path
as a PO upload in the admin), so the demo's translations stay editable and
in sync in Wagtail. Pages that exist already are left alone: running the
build again never overwrites what editors changed.
"""

import datetime
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from demo import content_files
from demo import helpfinder as finder_demo
from helpfinder.models import HelpFinderPage
from home import models

TOKYO = ZoneInfo("Asia/Tokyo")
BLOCK_ID_NAMESPACE = uuid.UUID("6f1d3c52-8f0e-4d5b-9a38-2f6d7f0c1e11")

PAGE_TYPES = {
    "home": models.HomePage,
    "section": models.SectionPage,
    "content": models.ContentPage,
    "window": models.ConsultationWindowPage,
    "topic": models.TopicPage,
    "news_index": models.NewsIndexPage,
    "news": models.NewsPage,
    "event_index": models.EventIndexPage,
    "event": models.EventPage,
    "faq": models.FAQPage,
    "help_finder": HelpFinderPage,
    "printables": models.PrintablesPage,
}
TEXT_FIELDS = {
    "window": ["hours", "address", "access", "nearest_station", "languages", "what_to_expect"],
    "event": ["venue", "address", "fee", "how_to_join"],
}
SHARED_FIELDS = {
    "window": [
        "phone",
        "email",
        "interpreter_available",
        "urgent",
        "open_24_hours",
        "closed_on_public_holidays",
        "closed_at_year_end",
        "year_end_from",
        "year_end_until",
        "last_checked",
    ],
}
# A window's ways to get in touch: what each kind holds besides its label and note,
# shared by every language (content/README.md).
CHANNEL_VALUES = {
    "phone": ["number"],
    "chat": ["url"],
    "sns": ["url", "account"],
    "email_form": ["url"],
    "fax": ["number"],
    "relay": ["url"],
    "emergency_app": ["url"],
    "in_person": [],
}
MENU_TYPES = {"section", "news_index", "event_index", "faq", "help_finder"}


class DemoContentError(Exception):
    pass


def block_id(key, field, index):
    # The same block keeps the same id in every language, so segments line up.
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{key}:{field}:{index}"))


def stream_data(key, field, blocks):
    data = []
    for index, block in enumerate(blocks):
        kind = block["type"]
        if kind in ("heading", "paragraph"):
            value = block["text"]
        elif kind == "callout":
            value = {"title": block["title"], "text": block["text"]}
        elif kind == "question":
            value = {"question": block["question"], "answer": block["answer"]}
        else:
            raise DemoContentError(f"{key}: unknown block type {kind!r} in {field}")
        data.append({"type": kind, "value": value, "id": block_id(key, field, index)})
    return data


def channels_data(key, spec):
    """A window's channels: label and note from ``spec``, the rest from the Japanese source."""
    source = content_files.load(content_files.SOURCE_LANGUAGE)[key].get("channels", [])
    translated = spec.get("channels", [])
    if len(translated) != len(source):
        raise DemoContentError(
            f"{key}: {len(translated)} channels, but the source has {len(source)}"
        )
    data = []
    for index, (shared, text) in enumerate(zip(source, translated, strict=True)):
        kind = shared["type"]
        if kind not in CHANNEL_VALUES:
            raise DemoContentError(f"{key}: unknown channel type {kind!r}")
        value = {name: shared.get(name, "") for name in CHANNEL_VALUES[kind]}
        value |= {"label": text["label"], "note": text.get("note", "")}
        data.append({"type": kind, "value": value, "id": block_id(key, "channels", index)})
    return data


def opening_hours_data(key, ranges):
    return [
        {
            "type": "hours",
            "value": {
                "days": [str(day) for day in entry["days"]],
                "opens": entry["opens"],
                "closes": entry["closes"],
            },
            "id": block_id(key, "opening_hours", index),
        }
        for index, entry in enumerate(ranges)
    ]


def apply_text(page, spec):
    """Set the fields a translator translates; the same for source and translations."""
    kind = page_kind(page)
    page.title = spec["title"]
    page.lead = spec.get("lead", "")
    page.search_description = spec.get("search_description", "")
    page.body = stream_data(spec["key"], "body", spec.get("body", []))
    for field in TEXT_FIELDS.get(kind, []):
        setattr(page, field, spec.get(field, ""))
    if kind == "window":
        page.channels = channels_data(spec["key"], spec)
    if kind == "faq":
        page.questions = stream_data(spec["key"], "questions", spec.get("questions", []))
    elif kind == "help_finder":
        page.questions = finder_demo.questions_data(spec["key"], spec.get("questions", []))


def page_kind(page):
    for kind, model in PAGE_TYPES.items():
        if type(page) is model:
            return kind
    raise DemoContentError(f"not a demo page type: {type(page).__name__}")


def event_times(spec):
    if "start" in spec:
        start = datetime.datetime.fromisoformat(spec["start"]).replace(tzinfo=TOKYO)
        end = spec.get("end") and datetime.datetime.fromisoformat(spec["end"]).replace(tzinfo=TOKYO)
        return start, end or None
    day = datetime.date.today() + datetime.timedelta(days=spec["start_in_days"])
    start = datetime.datetime.combine(day, datetime.time.fromisoformat(spec["start_time"]), TOKYO)
    end = None
    if spec.get("end_time"):
        end = datetime.datetime.combine(day, datetime.time.fromisoformat(spec["end_time"]), TOKYO)
    return start, end


class DemoBuilder:
    def __init__(self, languages=None, stdout=None, progress=None):
        known = content_files.available_translations()
        self.languages = (
            known if languages is None else [code for code in languages if code in known]
        )
        self.stdout = stdout
        # Wraps each loop in a bar (core.progress), or leaves it as it is.
        self.progress = progress or (lambda iterable, **options: iterable)
        self.pages = {}  # key -> source page
        self.created = 0

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def build(self):
        self.source_locale = self.ensure_locales()
        with transaction.atomic():
            self.build_source()
            self.configure_site()
        for code in self.progress(self.languages, desc="languages", unit=" languages"):
            locale = Locale.objects.get(language_code=code)
            count = 0
            specs = content_files.load(code).values()
            for spec in self.progress(specs, desc=code, unit=" pages", leave=False):
                with transaction.atomic():
                    count += self.translate(spec, locale)
            self.log(f"{code}: {count} pages translated")
        self.enable_sync()
        return self.created

    def ensure_locales(self):
        source, _ = Locale.objects.get_or_create(language_code=content_files.SOURCE_LANGUAGE)
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        return source

    def build_source(self):
        specs = content_files.load(content_files.SOURCE_LANGUAGE).items()
        for key, spec in self.progress(
            specs, desc=content_files.SOURCE_LANGUAGE, unit=" pages", leave=False
        ):
            self.pages[key] = self.source_page(spec)

    def source_page(self, spec):
        kind = spec["type"]
        model = PAGE_TYPES[kind]
        if kind == "home":
            parent = Page.get_first_root_node()
        else:
            # A fresh copy: treebeard places children by the parent's numchild.
            parent = Page.objects.get(pk=self.pages[spec["parent"]].pk)
        existing = (
            parent.get_children().filter(slug=spec["slug"], locale=self.source_locale).first()
        )
        if existing is not None:
            existing = existing.specific
            if isinstance(existing, model):
                return existing
            if kind != "home":
                raise DemoContentError(f"{spec['key']}: {existing} is in the way")
            # Wagtail's welcome page from the initial migration gives way to the demo home.
            existing.delete()
        page = model(slug=spec["slug"], locale=self.source_locale, show_in_menus=kind in MENU_TYPES)
        apply_text(page, spec)
        for field in SHARED_FIELDS.get(kind, []):
            setattr(page, field, spec.get(field, model._meta.get_field(field).get_default()))
        if kind == "topic":
            page.windows = [
                {
                    "type": "window",
                    "value": self.pages[k].pk,
                    "id": block_id(spec["key"], "windows", i),
                }
                for i, k in enumerate(spec.get("windows", []))
            ]
        elif kind == "window":
            page.opening_hours = opening_hours_data(spec["key"], spec.get("opening_hours", []))
            for field in ("latitude", "longitude"):
                if field in spec:
                    setattr(page, field, Decimal(str(spec[field])))
        elif kind == "news":
            page.date = datetime.date.fromisoformat(str(spec["date"]))
        elif kind == "event":
            page.start, page.end = event_times(spec)
        elif kind == "help_finder":
            page.questions = finder_demo.questions_data(spec["key"], spec["questions"], self.pages)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def configure_site(self):
        home = self.pages["home"]
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = home.title
        site.save()
        network = models.NetworkSettings.load()
        if network.hub_window is None and "window-hub" in self.pages:
            network.hub_window = self.pages["window-hub"]
        if network.traces_page is None and "hide-traces" in self.pages:
            network.traces_page = self.pages["hide-traces"]
        if network.privacy_page is None and "privacy" in self.pages:
            network.privacy_page = self.pages["privacy"]
        if network.accessibility_page is None and "accessibility" in self.pages:
            network.accessibility_page = self.pages["accessibility"]
        if network.printables_page is None and "printables" in self.pages:
            network.printables_page = self.pages["printables"]
        network.save()

    def translate(self, spec, locale):
        """Import one page's translation into wagtail-localize and publish it."""
        page = self.pages.get(spec["key"])
        if page is None:
            raise DemoContentError(f"{locale.language_code}: no source page {spec['key']!r}")
        if page.has_translation(locale) and not page.get_translation(locale).alias_of_id:
            return 0
        source, _ = TranslationSource.get_or_create_from_instance(page)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        translated = source.as_instance()
        apply_text(translated, spec | {"key": spec["key"]})
        po = polib.POFile()
        for ctx, msgid, msgstr in aligned_strings(page, translated, spec["key"], locale):
            po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr))
        warnings = translation.import_po(po)
        if warnings:
            raise DemoContentError(f"{locale.language_code}/{spec['key']}: {warnings}")
        # Saved as a draft, then published from a fresh copy: save_target(publish=True)
        # publishes on commit from a stale in-memory page, which would undo
        # the tree bookkeeping of children created in the same transaction.
        translation.save_target(publish=False)
        page.get_translation(locale).get_latest_revision().publish()
        self.created += 1
        return 1

    def enable_sync(self):
        """New Japanese pages are copied to each built locale, ready for translation."""
        for locale in Locale.objects.filter(language_code__in=self.languages):
            LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": self.source_locale}
            )


def string_segments(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def aligned_strings(source_page, translated, key, locale):
    """Pair each source string with its translation by content path and position."""
    source = string_segments(source_page)
    target = string_segments(translated)
    source_paths = [s.path for s in source]
    target_paths = [t.path for t in target]
    if source_paths != target_paths:
        first = next(
            (
                i
                for i, pair in enumerate(zip(source_paths, target_paths, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(source_paths), len(target_paths)),
        )
        raise DemoContentError(
            f"{locale.language_code}/{key}: the translation's blocks do not match the source "
            f"({len(source)} strings in the source, {len(target)} in the translation); "
            f"first difference at string {first + 1}: source {source[first : first + 1]!r}, "
            f"translation {target[first : first + 1]!r}"
        )
    for s, t in zip(source, target, strict=True):
        yield s.path, s.string.data, t.string.data
