"""Easy Japanese: Japanese dates with furigana on 年, 月 and 日 ({漢字|かんじ}, core.furigana).

Only ASCII letters are format characters in Django's date syntax, so the braces,
the bar and the kana need no backslash. The reading of 日 is the common にち;
the day's own reading (ついたち, ふつか …) cannot be chosen by a format string.
Times stay 9:00, as in every language the site has.
"""

DATE_FORMAT = "Y{年|ねん}n{月|がつ}j{日|にち}"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "Y{年|ねん}n{月|がつ}j{日|にち} G:i"
YEAR_MONTH_FORMAT = "Y{年|ねん}n{月|がつ}"
MONTH_DAY_FORMAT = "n{月|がつ}j{日|にち}"
SHORT_DATE_FORMAT = "Y/m/d"
SHORT_DATETIME_FORMAT = "Y/m/d G:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
