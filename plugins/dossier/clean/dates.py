"""Recognise a line that is only a date (with an optional 'Published'/'Updated' label)."""

from __future__ import annotations

import re
from datetime import datetime

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


def parse_date(text: str) -> str | None:
    text = " ".join(text.split()).strip(" .")
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
    return (kind, date) if date else None
