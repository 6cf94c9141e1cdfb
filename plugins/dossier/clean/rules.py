"""Boilerplate and credit patterns, as data. Each removal rule has a name the log shows."""

from __future__ import annotations

import re

from .. import lang

# Lines removed when they match exactly (case-insensitive, after whitespace folding): every language pack's.
INTERFACE_LINES = frozenset(s.lower() for s in lang.every("interface_lines"))
_STARTS = "|".join(re.escape(s) for s in lang.every("interface_starts")) or "(?!)"

REMOVE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("skip-link", re.compile(r"^(\d+\.\s*)?Skip (to|navigation)\b", re.I)),
    ("interface", re.compile(rf"^({_STARTS})\b", re.I)),  # "Поделиться ВКонтакте Одноклассники"
    ("interface", re.compile(r"^\d+\s*(min|mins|minutes?)( read| listen)?$", re.I)),
    ("interface", re.compile(r"^(listen|watch)( now)?\s*[(:]?\s*\d+:\d+\)?$", re.I)),
    ("interface", re.compile(r"^\d+ (comments?|shares?)$", re.I)),
    ("footer", re.compile(r"^(©|\(c\)\s|copyright\b)", re.I)),
    ("footer", re.compile(r"all rights reserved\.?$", re.I)),
    ("footer", re.compile(r"^Our Standards:", re.I)),
    ("footer", re.compile(r"^(Terms of (Use|Service)|Privacy Policy|Cookie (Policy|Settings)|Contact us|About us)$", re.I)),
    ("footer", re.compile(r"^(Follow|Subscribe to) (us|our)\b.{0,60}$", re.I)),
    ("footer", re.compile(r"^Sign up (for|to) (our|the)\b.{0,80}newsletter", re.I)),
)

# A site's copyright notice, with its year ("© 2019 ...", "Copyright 1996-2019"): a photo credit ("© AFP") has none.
COPYRIGHT = re.compile(r"(©|\(c\)|\bcopyright\b)\s*(\d{4}\b|\d{4}\s*[-–]\s*\d{4})", re.I)

# "Source: Al Jazeera and news agencies": an attribution, removed; it also names the outlet.
ATTRIBUTION = re.compile(r"^Source:\s*(?P<source>.{2,80})$", re.I)
ORIGINAL_URL = re.compile(r"^Original\s+(url|link|address)\s*:\s*(?P<url>.*)$", re.I)
URL_START = re.compile(r"^https?://", re.I)

# Teasers: a single "Related article: Title" line, or a heading followed by a list of titles.
TEASER_INLINE = re.compile(rf"^({'|'.join(lang.every('teaser_labels'))})\s*:\s*(?P<title>\S.*)$", re.I)
TEASER_HEADING = re.compile(rf"^({'|'.join(lang.every('teaser_headings'))})\s*:?$", re.I)
# A line that starts like a teaser heading or label ("Related coverage from ...:").
TEASER_START = re.compile(rf"^({'|'.join([*lang.every('teaser_headings'), *lang.every('teaser_labels')])})\b", re.I)

# Credit and caption styles, by name. An outlet opts into the styles it uses (`credit_styles`,
# `caption_styles` in outlets.toml); an outlet the registry does not know is read with every style.
CREDIT_STYLES: dict[str, re.Pattern] = {
    # "lo/rc (AP, AFP, Reuters)": editors' initials and the agencies the report draws on
    "initials-and-agencies": re.compile(r"^(?P<initials>[a-z]{2,4}(?:/[a-z]{2,4})*)\s*\((?P<agencies>[^()]{2,80})\)$"),
    # "Reporting by ...; Editing by ...": a contributors line
    "reporting-by": re.compile(r"^(Reporting|Writing|Editing|Additional reporting|Compiled|Produced)( by)?\b.*\bby\b", re.I),
}
CONTRIBUTOR_NAMES = re.compile(r"(?:^|;\s*)(?:Reporting|Writing|Additional reporting) by (?P<names>[^;]+)", re.I)
CAPTION_STYLES: dict[str, re.Pattern] = {
    # "... near MoscowImage: Sputnik/Reuters": the credit glued to the caption after "Image:"
    "glued-image": re.compile(r"^(?P<text>.*?\S)\s*Image:\s*(?P<credit>\S.{0,150})$"),
    # "... the venue [File: Maxim Shemetov/Reuters]": the credit in square brackets
    "bracket": re.compile(
        r"^(?P<text>[^\[\]]+?)\s*\[(?:File:\s*)?(?P<credit>[^\[\]]*(?:/|Getty|AP Photo|AFP|Reuters|EPA|Photo|via|Handout)[^\[\]]*)\]$"
    ),
    # "... outside Crocus City Hall. Kirill Zykov / Moskva News Agency": photographer / agency
    "slash": re.compile(
        r"^(?P<text>.*[.!?\"”’])\s+(?P<credit>[A-ZА-Я][\w.'’-]*(?:\s+[A-ZА-Я][\w.'’-]*){0,4}\s*/\s*[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5})$"
    ),
}
_BYLINE_PREFIXES = "|".join(re.escape(p) for p in sorted(lang.every("byline_prefixes"), key=len, reverse=True))
BYLINE = re.compile(rf"^({_BYLINE_PREFIXES})\s+(?P<byline>[A-ZА-ЯЁ][^.!?]{{1,120}})$")
# "MOSCOW (AP) —": the agency in brackets is checked against the agency registry (agencies.toml).
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .,'’-]{1,60}\((?P<agency>[^()]{2,40})\)\s*[—–-]")

# Captions that are the credit alone.
IMAGE_CREDIT_ONLY = re.compile(r"^(Image|Photo|Picture|Photograph)\s*:\s*(?P<credit>\S.{0,150})$", re.I)
SLASH_CREDIT_ONLY = re.compile(r"^[A-ZА-Я][\w.'’-]*(?:\s+[A-ZА-Я][\w.'’-]*){0,4}\s*/\s*[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5}$")

# Text that ends a sentence (or a quote, or an introduction to one).
CLOSING = re.compile(r"[.!?:;…\"'”’»)\]]$")
