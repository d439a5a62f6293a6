"""Phone numbers of national and prefectural services shown by the demo content.

Every number a reader of the demo site sees for a real service is listed here with
the official page it was checked against (the same address is a comment next to
the page in ``content/ja.toml``). ``tests/test_official_numbers.py`` fails when the
content shows a number that is not listed, or names a service without giving its
number. The demo city's own windows are invented: they use ``PLACEHOLDER_PREFIX``.
"""

PLACEHOLDER_PREFIX = "048-000-"

# number as written in the content: (service, official source)
OFFICIAL = {
    "110": (
        "警察への緊急通報（110番）",
        "https://www.gov-online.go.jp/pr/media/cd/201511/201511_08.html",
    ),
    "119": (
        "消防・救急への通報（119番）、上尾市を管轄する埼玉県央広域消防本部",
        "https://www.ken-o.or.jp/firehead/preparation/safety/tekisei.html",
    ),
    "#9110": (
        "警察相談専用電話",
        "https://www.gov-online.go.jp/pr/media/cd/201511/201511_08.html",
    ),
    "0120-279-889": (
        "DV相談＋（プラス）",
        "https://soudanplus.jp/",
    ),
    "#8008": (
        "DV相談ナビ（配偶者暴力相談支援センターにつながる）",
        "https://www.gender.go.jp/policy/no_violence/e-vaw/soudankikan/01.html",
    ),
    "#8891": (
        "性犯罪・性暴力被害者のためのワンストップ支援センター",
        "https://www.npa.go.jp/hanzaihigai/whitepaper/w-2021/html/zenbun/part2/b2_s2_1t03.html",
    ),
    "189": (
        "児童相談所虐待対応ダイヤル",
        "https://www.gov-online.go.jp/cam/no_dvca/ca03/",
    ),
    "048-833-3296": (
        "外国人総合相談センター埼玉",
        "https://www.pref.saitama.lg.jp/a0001/news/page/2019/1128-02.html",
    ),
    "048-600-3700": (
        "埼玉県男女共同参画推進センター With You さいたま DV相談",
        "https://mykoho.jp/article/112127/9984421/10071629",
    ),
    "0570-078374": (
        "法テラス・サポートダイヤル",
        "https://www.houterasu.or.jp/madoguchi_info/call_center/index.html",
    ),
    "0120-279-338": (
        "よりそいホットライン",
        "https://www.since2011.net/yorisoi/",
    ),
    "0120-0-78310": (
        "24時間子供SOSダイヤル",
        "https://www.mext.go.jp/a_menu/shotou/seitoshidou/1306988.htm",
    ),
    "0570-064-556": (
        "こころの健康相談統一ダイヤル",
        "https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000117743.html",
    ),
    "0120-783-556": (
        "いのちの電話（フリーダイヤル）",
        "https://www.city.akiruno.tokyo.jp/0000015267.html",
    ),
    "0120-061-338": (
        "#いのちSOS",
        "https://mykoho.jp/article/滋賀県野洲市/%e5%ba%83%e5%a0%b1%e3%82%84%e3%81%99-%e4%bb%a4%e5%92%8c6%e5%b9%b49%e6%9c%881%e6%97%a5%e5%8f%b7/9%e6%9c%8810%e6%97%a5%e7%81%ab%ef%bd%9e16%e6%97%a5%e7%a5%9d%e3%81%af%e3%80%8c%e8%87%aa%e6%ae%ba%e4%ba%88%e9%98%b2%e9%80%b1%e9%96%93%e3%80%8d-3",
    ),
}

# How the content names each service, in the languages it is written in. A page
# that names one of these services must also give its number (in its text, as its
# own phone, or as the phone of a window it lists).
NAMES = {
    "0120-279-889": ("DV相談＋", "DV Soudan Plus", "DV咨询＋", "DV 상담 플러스", "DV परामर्श प्लस"),
    "#8008": ("DV相談ナビ", "DV Consultation Navi", "DV Soudan Navi", "DV咨询导航", "DV 상담 내비"),
    "048-833-3296": (
        "外国人総合相談センター",
        "General Consultation Center for Foreign Residents",
    ),
    "048-600-3700": ("With You さいたま", "With You Saitama"),
    "0570-078374": ("法テラス", "Houterasu", "法Terrace", "법테라스", "होउतेरासु"),
    "0120-279-338": (
        "よりそいホットライン",
        "Yorisoi Hotline",
        "依偎热线",
        "요리소이 핫라인",
        "योरिसोइ हटलाइन",
    ),
    "0120-0-78310": (
        "子供SOSダイヤル",
        "Children's SOS Dial",
        "儿童SOS专线",
        "어린이 SOS 다이얼",
        "SOS trẻ em",
        "SOS Criança",
        "SOS Dial para sa mga Bata",
        "बालबालिका SOS डायल",
    ),
    "0570-064-556": (
        "こころの健康相談統一ダイヤル",
        "Kokoro no Kenko Sodan Unified Dial",
        "心理健康咨询统一号码",
        "마음 건강 상담 통일 다이얼",
        "thống nhất tư vấn sức khỏe tinh thần",
        "Número Unificado de Saúde Mental",
        "मानसिक स्वास्थ्य परामर्श एकीकृत नम्बर",
    ),
    "0120-783-556": ("いのちの電話", "Inochi no Denwa", "生命电话", "생명의 전화", "इनोचि नो देन्वा"),
    "0120-061-338": ("いのちSOS", "Inochi SOS", "生命SOS", "생명 SOS", "इनोचि SOS"),
}
