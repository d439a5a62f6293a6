"""Interface strings of translatable events, the roster and the 404 page.

Applied with ``python scripts/apply_translations.py scripts/translations/events_i18n.py``
after ``make messages`` has added the msgids to the catalogues.
"""


def t(ja, easy, en, zh, ko, vi, pt, tl, ne):
    return {
        "ja": ja,
        "ja_X-easy": easy,
        "en": en,
        "zh_Hans": zh,
        "ko": ko,
        "vi": vi,
        "pt_BR": pt,
        "tl": tl,
        "ne": ne,
    }


T = {
    # templates/home/event_lecture.html: a lecture not translated into the reader's language.
    "This event has not been translated into this language yet, so it is shown in Japanese.": t(
        "このイベントはまだこの言語に翻訳されていないため、日本語で表示しています。",
        "この イベントは まだ やさしい にほんごに なって いません。ふつうの にほんごで のせて います。",
        "This event has not been translated into this language yet, so it is shown in Japanese.",
        "此活动尚未翻译成该语言，因此以日语显示。",
        "이 행사는 아직 이 언어로 번역되지 않아 일본어로 표시합니다.",
        "Sự kiện này chưa được dịch sang ngôn ngữ này nên được hiển thị bằng tiếng Nhật.",
        "Este evento ainda não foi traduzido para este idioma, por isso aparece em japonês.",
        "Hindi pa naisasalin sa wikang ito ang event na ito, kaya ipinapakita ito sa Japanese.",
        "यो कार्यक्रम अझै यो भाषामा अनुवाद भएको छैन, त्यसैले जापानी भाषामा देखाइएको छ।",
    ),
}
