"""Extract figures: numeric claims ("at least 144 people dead") with their measure and qualifier,
and group them across articles so that a reader can compare what each source reported."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .slugs import unique_slugs

QUALIFIERS = (
    "at least", "more than", "over", "nearly", "almost", "about", "around", "approximately",
    "up to", "some", "fewer than", "less than", "as many as", "roughly", "at most",
)  # fmt: skip
KILLED = {"killed", "dead", "deaths", "died", "dying", "death", "lives", "fatalities", "bodies"}
WOUNDED = {"wounded", "injured", "hurt", "injuries"}
SKIP_AFTER = {"people", "persons", "others", "other", "more", "civilians", "of", "them"}
ADJECTIVES = {"suspected", "alleged", "more", "other", "foreign", "further", "additional", "armed"}
VERBS = {"were", "have", "had", "been", "was", "are", "is", "being", "reportedly", "confirmed"}
NOT_MEASURES = {
    "days", "weeks", "months", "years", "hours", "minutes", "seconds", "decades", "times", "miles", "kilometres",
    "kilometers", "km", "metres", "meters", "percent", "per", "points", "rubles", "roubles", "dollars", "euros",
    "yards", "feet", "degrees", "times.", "pages", "words", "a.m.", "p.m.",
}  # fmt: skip
IRREGULAR_PLURALS = {"people", "men", "women", "children", "gunmen", "policemen", "police"}
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999)}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"

UNITS = {
    w: i for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}  # fmt: skip
TENS = {
    w: 10 * i
    for i, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    if w != "_"
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
WORD_NUMBER = rf"(?:(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)"
NUMBER = re.compile(
    rf"(?<![\w./:-])(?:(?P<qual>{'|'.join(QUALIFIERS)})\s+)?"
    rf"(?P<num>(?P<vague>dozens|scores|hundreds|thousands)\s+of|\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUMBER})"
    rf"(?![\w.:/%-]*\d)(?!%|\s*percent|-year|\s*year-old|:\d)",
    re.I,
)


@dataclass
class FigureClaim:
    measure: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    text: str  # the sentence it was said in
    paragraph: int
    start: int
    end: int
    article: str = ""
    source: str = ""
    date: str = ""


@dataclass
class Figure:
    measure: str
    slug: str
    claims: list[FigureClaim] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"figures/{self.slug}.html"

    @property
    def values(self) -> list[int]:
        return sorted({c.value for c in self.claims if c.value is not None})

    @property
    def discrepancy(self) -> bool:
        return len(self.values) > 1

    @property
    def same_day_disagreements(self) -> list[str]:
        """Dates on which sources reported different values."""
        by_date: dict[str, set[int]] = defaultdict(set)
        for c in self.claims:
            if c.value is not None:
                by_date[c.date].add(c.value)
        return sorted(d for d, vals in by_date.items() if len(vals) > 1)


def word_value(text: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and" or not word:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return total + current


def _value(num: str) -> tuple[int | None, int | None, int | None]:
    lowered = num.lower()
    for vague, (low, high) in VAGUE.items():
        if lowered.startswith(vague):
            return None, low, high
    if num[0].isdigit():
        v = int(num.replace(",", ""))
        return v, v, v
    v = word_value(num)
    return v, v, v


def _is_date_or_year(sentence: str, start: int, end: int, num: str) -> bool:
    before = sentence[max(0, start - 12) : start]
    after = sentence[end : end + 12]
    if re.search(rf"({MONTHS})\.?\s*$", before) or re.match(rf"\s*({MONTHS})\b", after):
        return True
    if num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100:
        return True
    return bool(re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|o'clock)", after, re.I))


def _measure(sentence: str, start: int, end: int, vague: bool) -> str | None:
    """What a number counts, from the words right after it, or a death toll or verb just before it."""
    rest = sentence[end:]
    words = [] if re.match(r"\s*[,;:.)\]]", rest) else re.findall(r"[\w’'-]+", rest.lower())[:6]
    before_text = sentence[:start].lower()
    before = re.findall(r"[\w’'-]+", before_text)[-8:]
    i, saw_verb = 0, False
    while i < len(words) and words[i] in SKIP_AFTER | ADJECTIVES | VERBS:
        saw_verb = saw_verb or words[i] in VERBS
        i += 1
    head = words[i] if i < len(words) else ""
    if head in KILLED:
        return "killed"
    if head in WOUNDED:
        return "wounded"
    if head in {"detained", "arrested"}:
        return "detained"
    if "death toll" in before_text and re.search(r"\b(to|at|of|reached|is|was|hit|stood at|stands at)\s*$", before_text):
        return "killed"
    rising = re.search(r"\b(rose|risen|climbed|increased|reached|grown|stood at|stands at)( to)?\s*$", before_text)
    if rising and re.search(r"\b(killed|dead|deaths)\b", before_text):
        return "killed"
    if rising and re.search(r"\b(wounded|injured)\b", before_text):
        return "wounded"
    if len(before) and (before[-1] in {"killed", "killing"} or (len(before) > 1 and before[-2] in {"killed", "killing"})):
        return "killed"
    if len(before) and (
        before[-1] in {"wounded", "wounding", "injuring"} or (len(before) > 1 and before[-2] in {"wounding", "injuring"})
    ):
        return "wounded"
    if saw_verb or head in NOT_MEASURES or not head:
        return None
    if head in IRREGULAR_PLURALS or (head.endswith("s") and not head.endswith("ss") and len(head) > 3):
        if head == "people" or (i > 0 and words[i - 1] == "of" and not vague):
            return None
        return head
    return None


def find_claims(paragraphs: list[str], sentences: list[list[tuple[int, int]]]) -> list[FigureClaim]:
    """Claims in an article's paragraphs; `sentences` gives each paragraph's sentences as (start, end) offsets."""
    claims = []
    for p_no, (paragraph, spans) in enumerate(zip(paragraphs, sentences, strict=True), start=1):
        for s_start, s_end in spans:
            sentence = paragraph[s_start:s_end]
            for m in NUMBER.finditer(sentence):
                num = m.group("num")
                if m.group("vague") is None and _is_date_or_year(sentence, m.start("num"), m.end("num"), num):
                    continue
                value, low, high = _value(num.strip())
                if value is None and low is None:
                    continue
                measure = _measure(sentence, m.start(), m.end(), bool(m.group("vague")))
                if measure is None:
                    continue
                qualifier = m.group("qual").lower() if m.group("qual") else None
                claims.append(
                    FigureClaim(measure, value, low, high, qualifier, sentence, p_no, s_start + m.start(), s_start + m.end())
                )
    return claims


def group(claims: list[FigureClaim]) -> list[Figure]:
    """Claims on the same measure, across articles, in date order."""
    figures: dict[str, Figure] = {}
    slugs = unique_slugs([c.measure for c in claims])
    for c in claims:
        figures.setdefault(c.measure, Figure(c.measure, slugs[c.measure]))
        figures[c.measure].claims.append(c)
    for f in figures.values():
        f.claims.sort(key=lambda c: (c.date, c.source, c.article, c.paragraph, c.start))
    return sorted(figures.values(), key=lambda f: (f.measure not in {"killed", "wounded"}, f.measure))
