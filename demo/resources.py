"""Demo library and training from the seeds: run after the pages (topics) exist.

``build_resource_demo`` is idempotent: a resource or course that exists (by
title) is left as it is, so staff edits made in the demo survive another run.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from demo.resource_files import pdf, poster_png
from home.models import TopicPage
from resources.models import (
    Audience,
    Course,
    Module,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceVersion,
    TrainingMaterial,
)

NOTE = "Demo file - Support Network Portal"
CENTRE = "上尾市男女共同参画推進センター"

# (title, kind, topic slug, audience, description, versions: [(label, days ago, languages, notes)])
RESOURCES = [
    (
        "女性のための相談窓口 案内リーフレット",
        ResourceKind.LEAFLET,
        "dv",
        Audience.ALL,
        "多様で複雑な悩みを抱える女性の相談窓口（男女共同参画推進センター）を案内するリーフレット。"
        "窓口や受付に配架してください。",
        [
            ("2024年度版", 400, ["ja", "en"], ""),
            (
                "2025年度版",
                30,
                ["ja", "en", "zh-hans", "ko", "vi", "pt-br", "tl"],
                "受付時間の変更を反映し、5言語を追加しました。",
            ),
        ],
    ),
    (
        "相談窓口カード（携帯用）",
        ResourceKind.CARD,
        "dv",
        Audience.ALL,
        "名刺サイズのカード。チラシを持ち歩き、必要な時に渡すことができます。",
        [("1", 60, ["ja", "en", "tl", "ne"], "")],
    ),
    (
        "ネットワーク協力事業所 掲示用ポスター",
        ResourceKind.POSTER,
        "",
        Audience.ALL,
        "登録事業所の店頭や待合室に掲示するポスター（A3）。ポスター掲示ならできる、という協力のかたちです。",
        [("1", 90, ["ja"], "")],
    ),
    (
        "ゲートキーパー対応の手引き",
        ResourceKind.MANUAL,
        "poverty",
        Audience.PRACTITIONERS,
        "困難を抱える女性に気づき、声をかけ、つなぐための手引き。実務者会議の資料です。",
        [("1", 120, ["ja"], "")],
    ),
    (
        "個別ケース検討会議 情報共有シート",
        ResourceKind.FORM,
        "",
        Audience.REPRESENTATIVES,
        "個別ケース検討会議で使う様式。守秘義務（要綱第10条）に従って扱ってください。",
        [("1", 150, ["ja"], "")],
    ),
]

PROPOSAL = (
    "生理用品の無料配布のお知らせ（チラシ）",
    ResourceKind.LEAFLET,
    "poverty",
    "月2回の無料配布を知らせるチラシです。店頭に置いていただける事業所を探しています。",
)

COURSE = (
    "困難女性支援の基礎",
    "ネットワークの構成員・登録事業所のかた向けの基礎研修です。特別な支援をしなければ、と難しく考えず、"
    "それぞれの立場でできることを考えるために。",
    [
        (
            "困難な問題を抱える女性とは",
            "法律（令和4年法律第52号）第2条の定義と、想定される問題。",
            [
                (
                    "資料：困難な問題を抱える女性とは",
                    [
                        "性的な被害、家庭の状況、地域社会との関係性その他の様々な事情により",
                        "日常生活又は社会生活を円滑に営む上で困難な問題を抱える女性",
                        "想定される問題：性暴力、離婚、DV、生活困窮、障害、外国籍など",
                    ],
                )
            ],
        ),
        (
            "わたしたちにできること",
            "ポスター掲示、チラシの手渡し、センターへの同行、講演会への参加。",
            [
                (
                    "資料：それぞれの立場でできること",
                    [
                        "ポスター掲示ならできる。",
                        "チラシを持ち歩き、必要な時に渡すことができる。",
                        "相談者に同行して、センターに行くことができる。",
                    ],
                ),
                (
                    "資料：守秘義務について",
                    ["ネットワークの活動や会議で知った秘密は、ほかの人に話しません。"],
                ),
            ],
        ),
    ],
)


def _topic(slug):
    if not slug:
        return None
    return TopicPage.objects.filter(slug=slug, locale__language_code="ja").first()


def _file_for(title, kind, language):
    lines = [CENTRE, f"Language: {language}"]
    if kind == ResourceKind.POSTER:
        return ContentFile(poster_png(["Support Network", f"Language: {language}"]), "poster.png")
    return ContentFile(pdf(title, lines, note=NOTE), f"{kind}-{language}.pdf")


def _add_resource(title, kind, slug, audience, description, versions):
    resource = Resource.objects.create(
        title=title, kind=kind, topic=_topic(slug), audience=audience, description=description
    )
    for label, days_ago, languages, notes in versions:
        version = ResourceVersion.objects.create(
            resource=resource,
            label=label,
            notes=notes,
            created_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
        for language in languages:
            ResourceFile.objects.create(
                version=version, language=language, file=_file_for(title, kind, language)
            )
    return resource


def _add_course(title, description, modules):
    course = Course.objects.create(title=title, description=description, live=True)
    for module_order, (module_title, module_description, materials) in enumerate(modules):
        module = Module.objects.create(
            course=course,
            title=module_title,
            description=module_description,
            sort_order=module_order,
        )
        for order, (material_title, lines) in enumerate(materials):
            TrainingMaterial.objects.create(
                module=module,
                title=material_title,
                sort_order=order,
                file=ContentFile(pdf(material_title, lines, note=NOTE), "material.pdf"),
            )
    return course


@transaction.atomic
def build_resource_demo(stdout=None):
    """Create the demo resources, the pending proposal and the course that are missing."""
    created = {"resources": 0, "courses": 0}
    for title, *rest in RESOURCES:
        if not Resource.objects.filter(title=title).exists():
            _add_resource(title, *rest)
            created["resources"] += 1
    title, kind, slug, description = PROPOSAL
    if not Resource.objects.filter(title=title).exists():
        # A registered organization's proposal, waiting for staff in the admin.
        proposal = _add_resource(
            title, kind, slug, Audience.ALL, description, [("1", 2, ["ja"], "")]
        )
        proposal.status = Resource.Status.PROPOSED
        proposal.proposal_note = "NPO法人 ひだまりの家 からの提案です。"
        proposal.save()
        created["resources"] += 1
    title, description, modules = COURSE
    if not Course.objects.filter(title=title).exists():
        _add_course(title, description, modules)
        created["courses"] += 1
    if stdout is not None:
        stdout.write(
            "Resources demo: {resources} resources, {courses} courses created.".format(**created)
        )
    return created
