"""Recognise a line that is only a date (with an optional 'Published'/'Updated' label)."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from .. import lang

# Formats tried in order, after labels, weekdays and times are peeled off.
FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%d %B, %Y",
    "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y", "%A, %B %d, %Y", "%A %d %B %Y",
)  # fmt: skip
_LABEL = re.compile(r"^(?P<label>published( on)?|updated( on)?|last updated|posted( on)?|date)\s*:?\s*", re.I)
_TIME = re.compile(
    r"(,?\s*(\d{1,2}:\d{2}|\d{1,2}\.\d{2}(?=\s*[ap]\.?m))(\s*[ap]\.?m\.?)?(\s*\(?(GMT|UTC|CET|CEST|MSK|EST|EDT|BST)([+-]\d{1,2})?\)?)?,?\s*)",
    re.I,
)
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


_HAS_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def parse_date(text: str) -> str | None:
    text = " ".join(text.split()).strip(" .")
    if not _HAS_YEAR.search(text):
        return None  # every format holds a four-digit year: no need to try them one by one
    for fmt in FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def date_line(line: str) -> tuple[str, str] | None:
    """('published'|'updated', 'YYYY-MM-DD') if the line is only a date, else None."""
    if len(line) > 80:
        return None
    kind = "published"
    rest = line.strip()
    label = _LABEL.match(rest)
    if label:
        kind = "updated" if "updat" in label.group("label").lower() else "published"
        rest = rest[label.end() :]
    rest = _TIME.sub(" ", rest).strip(" ,")
    rest = _WEEKDAY.sub("", rest)
    date = parse_date(rest)
    if date:
        return kind, date
    return _date_only_in_any_language(line)


_LEFTOVER = re.compile(r"[\d\W_]+")


# Words a line that is only a date may hold besides it, in any language pack: its "updated" labels' words and
# its small date words ("de", "года").
_DATE_LINE_WORDS = frozenset(
    [w for label in lang.every("updated_labels") for w in label.lower().split()] + [w.lower() for w in lang.every("date_words")]
)


def _date_only_in_any_language(line: str) -> tuple[str, str] | None:
    """ "22 марта 2024", "Обновлено 22.03.2024 14:05", "02 Ago 2017": a line that is a date and
    at most a label, in any language pack's words."""
    found = dates_in_line(line)
    if len(found) != 1:
        return None
    words = [w for w in _LEFTOVER.split(line.lower()) if w]
    other = [w for w in words if w not in MONTHS and w not in _DATE_LINE_WORDS]
    if len(other) > 1:
        return None
    return ("updated" if UPDATED.search(line) else "published"), found[0]


# --- dates inside a line ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "02 Ago 2017") -------------

# Month names and their abbreviations, from every language pack (data/lang/*.toml); a month word no
# pack holds is given to dateparser, which knows many more languages.
MONTHS: dict[str, int] = {}
for _pack in lang.packs().values():
    for _n, _names in enumerate(_pack.months, start=1):
        for _name in _names:
            MONTHS.setdefault(_name.lower(), _n)

_M = r"(?P<month>[^\W\d_]{3,10})\.?"
_Y = r"(?P<year>(19|20)\d\d)"
_D = r"(?P<day>[0-3]?\d)(st|nd|rd|th|º|er)?"
# The year ends the date, or runs into the time of day that a page set right after it ("20195:45 AM").
_YEAR_END = r"(?!\d(?!\d?[:.]\d\d))"
IN_LINE = (
    re.compile(rf"(?<![\w/]){_M}\s+{_D},?\s+(at\s+)?{_Y}{_YEAR_END}", re.I),  # Nov 18, 2019
    re.compile(rf"(?<![\w/]){_D}\.?\s+(de\s+)?{_M},?\s+(de\s+)?{_Y}{_YEAR_END}", re.I),  # 18 Nov 2019, 02 Ago 2017, 22 марта 2024
    re.compile(rf"(?<!\d){_Y}-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),  # 2019-11-18
    re.compile(rf"(?<![\d.]){_Y}\.\s?(?P<m>\d\d)\.\s?(?P<d>\d\d)(?!\d|\.\d)"),  # 2016.12.01, 2019. 11. 19 (not 2019.11.3)
    re.compile(rf"(?<!\d){_Y}\s?年\s?(?P<m>\d\d?)\s?月\s?(?P<d>\d\d?)\s?日"),  # 2013年04月09日
    re.compile(rf"(?<![\d.]){_D}\.(?P<m>\d\d?)\.{_Y}(?!\d)"),  # 18.11.2019
    re.compile(rf"(?<![\d/]){_D}/(?P<m>\d\d?)/{_Y}(?!\d)"),  # 18/11/2019 or 11/18/2019 (read as it can only be)
)
UPDATED = re.compile("|".join(re.escape(label) for label in lang.every("updated_labels")), re.I)
# Lines longer than this are prose, where a date is something the article talks about.
MAX_DATE_LINE_WORDS = 25


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    return _dateparser_month(word)


@lru_cache(maxsize=512)
def _dateparser_month(word: str) -> int | None:
    import dateparser  # type: ignore[import-untyped]  # no stubs; ignore_missing_imports does not cover an installed untyped package

    parsed = dateparser.parse(f"15 {word} 2001", settings={"STRICT_PARSING": True, "PREFER_LOCALE_DATE_ORDER": False})
    return parsed.month if parsed else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def dates_in_line(line: str, max_words: int = MAX_DATE_LINE_WORDS) -> list[str]:
    """Every calendar date written in a short line, in the order they appear."""
    if len(line.split()) > max_words:
        return []
    found: list[tuple[int, str]] = []
    for pattern in IN_LINE:
        for m in pattern.finditer(line):
            groups = m.groupdict()
            year = int(groups["year"])
            if groups.get("month"):
                month = _month(groups["month"])
                date = _valid(year, month, int(groups["day"])) if month else None
            elif groups.get("d"):
                date = _valid(year, int(groups["m"]), int(groups["d"]))
            else:  # 18.11.2019, 11.14.2019, 27/09/2018: day first unless that cannot be
                day, month = int(groups["day"]), int(groups["m"])
                date = _valid(year, month, day) or _valid(year, day, month)
            if date:
                found.append((m.start(), date))
    return [d for _, d in sorted(found)]


def line_date(line: str) -> tuple[str, str] | None:
    """('published'|'updated', date) for a short line that carries a date: a dateline, a byline
    with its date, "Published 4:00 am CST, Wednesday, November 20, 2019"."""
    found = dates_in_line(line)
    if not found:
        return None
    if len(found) > 1 and UPDATED.search(line):
        return "published", min(found)  # "Updated ... / Original ...": the earliest is the original
    return ("updated" if UPDATED.search(line) else "published"), found[0]


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|-|$)")


def url_date(url: str | None) -> str | None:
    """A full date in an article's address ('/2019/11/19/slug'), which many sites put there."""
    m = _URL_DATE.search(url or "")
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
