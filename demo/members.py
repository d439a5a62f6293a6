"""The seed's network as organizations, the confidentiality pledge and a few sign-ups.

``build_member_demo`` is idempotent: what exists (by name) is left as it is,
so staff edits made in the demo survive another run. It creates no users.
"""

from members.models import Application, Offer, Organization, OrganizationKind, PledgeVersion

CITY_HALL = "埼玉県上尾市本町三丁目1番1号"

# 構成機関 (市): the seed's 14 departments, in its order.
CITY_DEPARTMENTS = [
    "行政経営部市民税課",
    "行政経営部納税課",
    "子ども未来部子ども支援課",
    "子ども未来部子ども家庭総合支援センター",
    "子ども未来部保育課",
    "健康福祉部生活支援課",
    "健康福祉部障害福祉課",
    "健康福祉部高齢介護課",
    "健康福祉部健康増進課",
    "市民生活部市民課",
    "市民生活部市民協働推進課",
    "市民生活部保険年金課",
    "市民生活部人権男女共同参画課",
    "学校教育部学務課",
]

# 構成機関 (関係機関): the seed's 11 agencies, with what each can plausibly do.
AGENCIES = [
    (
        "埼玉県男女共同参画推進センター",
        "埼玉県さいたま市",
        [Offer.LEAFLETS, Offer.LECTURES, Offer.OUTREACH],
    ),
    ("埼玉県中央児童相談所", "埼玉県上尾市", [Offer.LEAFLETS, Offer.ACCOMPANY]),
    ("埼玉県上尾警察署", "埼玉県上尾市", [Offer.POSTERS, Offer.LEAFLETS, Offer.ACCOMPANY]),
    (
        "上尾市民生委員・児童委員協議会連合会",
        CITY_HALL,
        [Offer.OUTREACH, Offer.ACCOMPANY, Offer.LEAFLETS],
    ),
    ("上尾市人権擁護委員会", CITY_HALL, [Offer.LEAFLETS, Offer.LECTURES]),
    (
        "社会福祉法人上尾市社会福祉協議会",
        "埼玉県上尾市",
        [Offer.DROP_IN, Offer.OUTREACH, Offer.LEAFLETS],
    ),
    ("一般社団法人上尾市医師会", "埼玉県上尾市", [Offer.POSTERS, Offer.LEAFLETS, Offer.LECTURES]),
    ("埼玉県北足立歯科医師会上尾支部", "埼玉県上尾市", [Offer.POSTERS, Offer.LEAFLETS]),
    ("上尾伊奈地域薬剤師会", "埼玉県上尾市", [Offer.POSTERS, Offer.LEAFLETS]),
    ("上尾市PTA連合会", CITY_HALL, [Offer.LEAFLETS, Offer.LECTURES]),
    ("上尾市母子愛育会", CITY_HALL, [Offer.OUTREACH, Offer.LEAFLETS, Offer.ACCOMPANY]),
]

# 登録事業所: organizations that signed up and agreed to be listed.
REGISTERED = [
    {
        "name": "あげお中央薬局",
        "kind": OrganizationKind.MEDICAL,
        "address": "埼玉県上尾市宮本町1-1",
        "contact_name": "薬剤師 山田 恵子",
        "email": "info@chuo-pharmacy.example.jp",
        "offers": [Offer.POSTERS, Offer.LEAFLETS],
    },
    {
        "name": "NPO法人 ひだまりの家",
        "kind": OrganizationKind.NPO,
        "address": "埼玉県上尾市柏座2-2",
        "contact_name": "代表 佐藤 由美",
        "email": "contact@hidamari.example.jp",
        "offers": [Offer.DROP_IN, Offer.ACCOMPANY, Offer.OUTREACH, Offer.OTHER],
        "offers_other": "月2回、食料品と生理用品の無料配布をしています。",
    },
    {
        "name": "ヘアサロン みどり",
        "kind": OrganizationKind.BUSINESS,
        "address": "埼玉県上尾市緑丘3-3",
        "contact_name": "店長 鈴木 みどり",
        "email": "salon@midori.example.jp",
        "offers": [Offer.POSTERS, Offer.LEAFLETS],
    },
    {
        "name": "上尾さくらレディースクリニック",
        "kind": OrganizationKind.MEDICAL,
        "address": "埼玉県上尾市谷津4-4",
        "contact_name": "事務長 高橋 智子",
        "email": "office@sakura-clinic.example.jp",
        "offers": [Offer.POSTERS, Offer.LEAFLETS, Offer.LECTURES, Offer.ACCOMPANY],
    },
]

# Sign-ups waiting for the hub's review.
PENDING_APPLICATIONS = [
    {
        "name": "株式会社あげおフレッシュマート 上尾西店",
        "kind": OrganizationKind.BUSINESS,
        "address": "埼玉県上尾市西宮下5-5",
        "contact_name": "店長 伊藤 直美",
        "email": "nishi@freshmart.example.jp",
        "phone": "048-000-0105",
        "offers": [Offer.POSTERS, Offer.LEAFLETS],
        "listed_publicly": True,
    },
    {
        "name": "一般社団法人 こども食堂ネットあげお",
        "kind": OrganizationKind.NPO,
        "address": "埼玉県上尾市原市6-6",
        "contact_name": "事務局 渡辺 香織",
        "email": "office@kodomo-shokudo.example.jp",
        "phone": "048-000-0106",
        "offers": [Offer.DROP_IN, Offer.OUTREACH, Offer.LECTURES],
        "listed_publicly": True,
    },
    {
        "name": "上尾駅前整骨院",
        "kind": OrganizationKind.MEDICAL,
        "address": "埼玉県上尾市谷津2-7",
        "contact_name": "院長 中村 健",
        "email": "uketsuke@ekimae-seikotsu.example.jp",
        "phone": "048-000-0107",
        "offers": [Offer.POSTERS],
        "listed_publicly": False,
    },
]

PLEDGE_TEXT = """\
上尾市困難女性支援ネットワーク　守秘義務についての誓約

上尾市困難女性支援ネットワーク要綱（抜粋）
（守秘義務）
第10条　ネットワークの構成員及び構成員であった者は、第5条に定める活動及び会議を通じて知り得た秘密を他に漏らしてはならない。

わかりやすく言うと
・ネットワークの活動や会議で知った、相談する人やその家族などの秘密は、ほかの人に話したり、書いたり、SNSに載せたりしてはいけません。
・登録事業所で活動するかたも、ネットワークの構成員として、この約束を守ります。
・ネットワークをやめたあとも、この約束は続きます。
・困ったとき、迷ったときは、ネットワーク事務局（男女共同参画推進センター）に相談してください。

私（私たち）は、上記の守秘義務を理解し、これを守ることを誓約します。"""


def _phone(index):
    # 048-000-xxxx: the 000 exchange is not in use, so no real line is ever called.
    return f"048-000-{index:04d}"


def build_member_demo(stdout=None):
    """Create the demo organizations, pledge and applications that are missing."""
    created = {"organizations": 0, "applications": 0, "pledges": 0}

    pledge, new = PledgeVersion.objects.get_or_create(version=1, defaults={"text": PLEDGE_TEXT})
    created["pledges"] += new

    organizations = [
        {
            "name": name,
            "kind": OrganizationKind.CITY,
            "address": CITY_HALL,
            "contact_name": f"{name.split('部', 1)[-1]} 担当",
            "email": f"city{number:02d}@city.ageo.example.jp",
            "offers": [Offer.POSTERS, Offer.LEAFLETS],
            "listed_publicly": False,
        }
        for number, name in enumerate(CITY_DEPARTMENTS, start=1)
    ]
    organizations += [
        {
            "name": name,
            "kind": OrganizationKind.AGENCY,
            "address": address,
            "contact_name": "ネットワーク担当",
            "email": f"agency{number:02d}@agency.example.jp",
            "offers": offers,
            "listed_publicly": True,
        }
        for number, (name, address, offers) in enumerate(AGENCIES, start=1)
    ]
    organizations += [{**fields, "listed_publicly": True} for fields in REGISTERED]
    for index, fields in enumerate(organizations, start=1):
        defaults = {"phone": _phone(index), "offers_other": "", **fields}
        name = defaults.pop("name")
        _, new = Organization.objects.get_or_create(name=name, defaults=defaults)
        created["organizations"] += new

    for fields in PENDING_APPLICATIONS:
        _, new = Application.objects.get_or_create(
            name=fields["name"],
            email=fields["email"],
            defaults={**fields, "language": "ja", "pledge_version": pledge},
        )
        created["applications"] += new

    if stdout is not None:
        stdout.write(
            "Members demo: {organizations} organizations, {applications} applications, "
            "{pledges} pledge created.".format(**created)
        )
    return created
