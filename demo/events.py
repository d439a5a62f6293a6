"""The network's meetings and the yearly public lecture, as published demo events.

``build_event_demo`` is idempotent (by title) and emails nobody: demo events
are marked announced before they are published. The public lecture is
translated (through wagtail-localize, as a translator would) into the languages
below whose locale the demo has. ``place_demo_member`` puts the demo member account in
the audience of the practitioners' meeting and of the case meeting.
"""

import datetime
from html import escape

import polib
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from demo.builder import DemoContentError, aligned_strings
from events.models import Event, EventAnnouncement, EventAudience, EventKind, EventMaterial
from members.models import Membership

# The network's meetings (要綱 第7–9条) and the yearly lecture that follows the
# representatives' meeting (the seed: 「代表者会議・講演会」), around today.
VENUE_HALL = ("上尾市文化センター", "埼玉県上尾市")
VENUE_CITY = ("上尾市役所 会議室", "埼玉県上尾市本町三丁目1番1号")
VENUE_CENTRE = ("上尾市男女共同参画推進センター 会議室", "埼玉県上尾市")

DEMO_EVENTS = [
    {
        "title": "困難女性支援ネットワーク代表者会議",
        "kind": EventKind.REPRESENTATIVES,
        "audience": EventAudience.REPRESENTATIVES,
        "days": 45,
        "time": ("13:00", "14:15"),
        "place": VENUE_HALL,
        "agenda": [
            "ネットワークの組織及び運営について",
            "構成機関の相互の連携について",
            "困難女性の支援について（今年度の取組み報告）",
        ],
        "material": ("会議次第", "代表者会議 次第\n1. 開会\n2. 議事\n3. 情報交換\n4. 閉会\n"),
    },
    {
        "title": "講演会「困難を抱える女性に気づき、つなぐ」",
        "kind": EventKind.LECTURE,
        "audience": EventAudience.PUBLIC,
        "days": 45,
        "time": ("14:30", "16:00"),
        "place": VENUE_HALL,
        "agenda": [
            "困難な問題を抱える女性への支援に関する法律と地域の役割",
            "ゲートキーパーとしてできること（変化に気づく・耳を傾ける・つなぐ・見守る）",
            "質疑応答",
        ],
    },
    {
        "title": "実務者会議（第2回）",
        "kind": EventKind.PRACTITIONERS,
        "audience": EventAudience.PRACTITIONERS,
        "days": 20,
        "time": ("10:00", "11:30"),
        "place": VENUE_CITY,
        "online_url": "https://meet.example.jp/ageo-practitioners",
        "agenda": [
            "相談窓口の周知啓発（リーフレット・カードの配架状況）",
            "構成機関の相互の連携について",
            "困難女性の支援を地域において推進するための活動について",
        ],
        "material": ("配架状況の集計", "リーフレット・カード配架状況（集計中）\n"),
    },
    {
        "title": "実務者会議（第1回）",
        "kind": EventKind.PRACTITIONERS,
        "audience": EventAudience.PRACTITIONERS,
        "days": -60,
        "time": ("10:00", "11:30"),
        "place": VENUE_CITY,
        "agenda": ["ネットワークの運営について", "登録事業所の活動紹介"],
    },
    {
        "title": "個別ケース検討会議",
        "kind": EventKind.CASE,
        "audience": EventAudience.INVITEES,
        "days": 7,
        "time": ("15:00", "16:00"),
        "place": VENUE_CENTRE,
        "agenda": [
            "心身の状況、生活の実態その他の必要な実情の把握",
            "支援の方針と役割分担",
        ],
    },
]
CASE_MEETING = "個別ケース検討会議"
PUBLIC_LECTURE = "講演会「困難を抱える女性に気づき、つなぐ」"

# The public lecture's words in other languages, item for item.
LECTURE_TRANSLATIONS = {
    "en": {
        "title": "Lecture: “Noticing women facing difficulties, and connecting them to help”",
        "venue": "Ageo City Cultural Center (上尾市文化センター)",
        "address": "Ageo City, Saitama Prefecture",
        "agenda": [
            "The Act on Support for Women Facing Difficult Problems and the role of the community",
            "What a gatekeeper can do (notice changes, listen, connect, keep watch)",
            "Questions and answers",
        ],
    },
}


def _at(days, clock):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(clock), timezone.get_current_timezone()
    )


def _agenda(items):
    return "<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>"


def build_event_demo(stdout=None):
    """Publish the demo events that are missing (by title). Demo events email nobody."""
    created = 0
    for spec in DEMO_EVENTS:
        if Event.objects.filter(title=spec["title"]).exists():
            continue
        venue, address = spec["place"]
        start, end = (_at(spec["days"], clock) for clock in spec["time"])
        event = Event(
            title=spec["title"],
            kind=spec["kind"],
            audience=spec["audience"],
            start=start,
            end=end,
            venue=venue,
            address=address,
            online_url=spec.get("online_url", ""),
            agenda=_agenda(spec["agenda"]),
            rsvp_deadline=start - datetime.timedelta(days=3) if spec["days"] > 3 else None,
            live=False,
        )
        if "material" in spec:
            title, text = spec["material"]
            event.materials.add(
                EventMaterial(title=title, file=ContentFile(text.encode(), name="material.txt"))
            )
        event.save()
        EventAnnouncement.objects.create(event=event)  # demo events email nobody
        event.save_revision().publish()
        created += 1
    translated = translate_public_lecture()
    if stdout is not None:
        stdout.write(f"Members demo: {created} events created, {translated} translations.")
    return created


def translate_public_lecture():
    """Import and publish the lecture's translations whose locale exists and is not done."""
    lecture = Event.objects.originals().filter(title=PUBLIC_LECTURE).first()
    if lecture is None:
        return 0
    done = 0
    for locale in Locale.objects.filter(language_code__in=LECTURE_TRANSLATIONS):
        if not lecture.has_translation(locale):
            _translate(lecture, locale, LECTURE_TRANSLATIONS[locale.language_code])
            done += 1
    return done


def _translate(event, locale, words):
    source, _created = TranslationSource.get_or_create_from_instance(event)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translated = source.as_instance()
    translated.title, translated.venue, translated.address = (
        words["title"],
        words["venue"],
        words["address"],
    )
    translated.agenda = _agenda(words["agenda"])
    po = polib.POFile()
    for ctx, msgid, msgstr in aligned_strings(event, translated, "public-lecture", locale):
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr))
    warnings = translation.import_po(po)
    if warnings:
        raise DemoContentError(f"{locale.language_code}/public-lecture: {warnings}")
    # A draft first, then published like any event: publishing a translation emails nobody.
    translation.save_target(publish=False)
    event.get_translation(locale).get_latest_revision().publish()


def place_demo_member(user):
    """The demo member attends the practitioners' meeting and is invited to the case meeting."""
    Membership.objects.filter(user=user).update(is_practitioner=True)
    case_meeting = Event.objects.filter(title=CASE_MEETING).first()
    if case_meeting is not None and not case_meeting.invitees.filter(pk=user.pk).exists():
        case_meeting.invitees.add(user)
        case_meeting.save()
