"""Extract figures: numeric claims ("at least 144 people dead") with their measure and qualifier,
and group them across articles so that a reader can compare what each source reported.

What a number counts comes from the measure table, data/measures.toml: a new measure is a table
entry, not code. A number about another event ("the 2004 Beslan school siege, in which 334 people
died") is set aside from the event's figure, with its reason, and so is a claim an editor excluded
or moved to another measure (editorial.toml): nothing disappears silently.
"""

from __future__ import annotations

import logging
import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from .. import lang
from ..slugs import unique_slugs

log = logging.getLogger(__name__)
MEASURES_FILE = Path(__file__).parent.parent / "data" / "measures.toml"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"

WORDS = re.compile(r"[\w’'-]+")
YEAR = re.compile(r"(?<![\w.,:/-])(1[89]\d\d|20\d\d)(?![\w%/-]|[.,]\d)")
# A year that belongs to a date ("March 22, 2024", "22 March 2024", "March 2024") is no event of its own.
DATE_BEFORE_YEAR = re.compile(rf"(?:\b(?:{MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s*)$", re.I)


# --- the measure table ------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    name: str
    key: bool = False
    casualty: bool = False
    after: tuple[tuple[str, ...], ...] = ()
    before: frozenset[str] = frozenset()
    toll: tuple[str, ...] = ()
    rising: tuple[str, ...] = ()
    nouns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MeasureTable:
    """data/measures.toml, read: the measures, and the words around a number that are not measures."""

    measures: tuple[Measure, ...]
    qualifiers: tuple[str, ...]
    vague: tuple[tuple[str, int, int], ...]
    counted: frozenset[str]
    describing: frozenset[str]
    verbs: frozenset[str]
    units: frozenset[str]
    reaching: tuple[str, ...]
    rising: tuple[str, ...]
    past: tuple[str, ...]
    comparative: tuple[str, ...]
    relative: tuple[str, ...]
    present: tuple[str, ...]
    boundaries: tuple[str, ...]
    numbers: tuple[tuple[str, int], ...] = ()  # numbers written as words ("four", 4), from [figures.numbers]
    scales: tuple[tuple[str, int], ...] = ()  # ("hundred", 100): multiply what comes before

    @cached_property
    def number_words(self) -> dict[str, int]:
        return dict(self.numbers)

    @cached_property
    def scale_words(self) -> dict[str, int]:
        return dict(self.scales)

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.measures)

    @cached_property
    def key_measures(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.measures if m.key)

    @cached_property
    def casualties(self) -> frozenset[str]:
        return frozenset(m.name for m in self.measures if m.casualty)

    @cached_property
    def after(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """(words, measure), longest first."""
        pairs = [(words, m.name) for m in self.measures for words in m.after]
        return tuple(sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def total_measure(self) -> dict[tuple[str, str], str]:
        """("toll" or "rising", phrase) -> the measure it names; the first measure in the table wins a shared one."""
        out: dict[tuple[str, str], str] = {}
        for m in self.measures:
            for p in m.toll:
                out.setdefault(("toll", p), m.name)
            for p in m.rising:
                out.setdefault(("rising", p), m.name)
        return out

    @cached_property
    def totals(self) -> dict[str, re.Pattern]:
        """Per kind, one alternation of every measure's phrases, longest first."""
        return {
            kind: re.compile(
                r"\b(?:"
                + "|".join(re.escape(p) for p in sorted({p for k, p in self.total_measure if k == kind}, key=len, reverse=True))
                + r")\b"
            )
            for kind in ("toll", "rising")
        }

    @cached_property
    def after_words(self) -> frozenset[str]:
        return frozenset(words[0] for words, _ in self.after if len(words) == 1)

    @cached_property
    def before(self) -> dict[str, str]:
        return {w: m.name for m in reversed(self.measures) for w in m.before}

    @cached_property
    def nouns(self) -> dict[str, str]:
        return {w: m.name for m in reversed(self.measures) for w in m.nouns}

    @cached_property
    def number(self) -> re.Pattern:
        vague = "|".join(v for v, _, _ in self.vague)
        word = "|".join(sorted([*self.number_words, *self.scale_words], key=len, reverse=True)) or "(?!)"
        word_number = rf"(?:(?:{word})(?:(?:[\s-]+|\s+and\s+)(?:{word}))*)"
        return re.compile(
            rf"(?<![\w./:-])(?:(?P<qual>{'|'.join(map(re.escape, self.qualifiers))})\s+)?"
            rf"(?P<num>(?P<vague>{vague})\s+of|\d{{1,3}}(?:,\d{{3}})+|\d+|{word_number})"
            rf"(?![\w.:/%-]*\d)(?!%|\s*percent|-year|\s*year-old|:\d)",
            re.I,
        )

    @cached_property
    def _ends(self) -> dict[str, re.Pattern]:
        def ending(words):
            return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s*$")

        return {"reaching": ending(self.reaching), "rising": ending(self.rising)}

    @cached_property
    def cues(self) -> dict[str, re.Pattern]:
        """One alternation per list of event cues, matched as whole words."""

        def words(phrases):
            return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")(?!\w)")

        return {
            "past": words(self.past),
            "comparative": words(self.comparative),
            "comparative_the": re.compile(words(self.comparative).pattern + r"\s+(?:the\s+|a\s+)?"),
            "relative": words(self.relative),
            "present": words(self.present),
            "label_stop": re.compile(r"[,;:()\u2014\u2013]| (?:" + "|".join(map(re.escape, self.relative)) + r") "),
        }

    @cached_property
    def _memo(self) -> dict[tuple[str, str], Any]:
        """What is read once per sentence or clause (its clause boundaries, its anchors), however many numbers
        it holds: a sentence of thousands of claims is not read again for each one. Kept small."""
        return {}

    def memo(self, kind: str, text: str, make: Callable[[], Any]) -> Any:
        key = (kind, text)
        if key not in self._memo:
            if len(self._memo) > 256:
                self._memo.clear()
            self._memo[key] = make()
        return self._memo[key]

    def has(self, cue: str, text: str) -> bool:
        return bool(self.cues[cue].search(text))

    def ends_reaching(self, text: str) -> bool:
        return bool(self._ends["reaching"].search(text, self._tail(text)))

    def ends_rising(self, text: str) -> bool:
        return bool(self._ends["rising"].search(text, self._tail(text)))

    @cached_property
    def _longest_ending(self) -> int:
        return max(map(len, (*self.reaching, *self.rising)), default=0)

    def _tail(self, text: str) -> int:
        """Where to look for a phrase that ends `text` (before trailing spaces): no further back than the longest
        such phrase, so a long sentence is not read again for each number. `\b` still sees the character before."""
        return max(0, len(text.rstrip()) - self._longest_ending - 1)


def _words(table: dict, key: str, where: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ValueError(f"{path}: {where}, key {key!r}: expected a list of non-empty strings")
    return tuple(w.lower() for w in value)


MEASURE_KEYS = {"name", "key", "casualty", "after", "before", "toll", "rising", "nouns"}
WORD_KEYS = ("after", "before", "toll", "rising", "nouns")
LIST_KEYS = {
    "words": ("qualifiers", "counted", "describing", "verbs", "units", "reaching", "rising"),
    "events": ("past", "comparative", "relative", "present", "boundaries"),
}


def _merged(path: Path, data: dict, packs: dict[str, lang.LanguagePack]) -> dict:
    """The measure table with every language pack's [figures] words added after the table's own, in the
    order of the packs' codes. A pack that names a measure the table lacks, or a key no table has, is an error."""
    names = [m.get("name") for m in data.get("measure", [])]
    out: dict[str, Any] = {
        "measure": [dict(m) for m in data.get("measure", [])],
        "words": dict(data.get("words", {})),
        "events": dict(data.get("events", {})),
        "numbers": {},
    }
    for code, pack in packs.items():
        where = f"{lang.HERE / code}.toml [figures]"
        unknown = set(pack.figures) - {"measure", "numbers", *LIST_KEYS}
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for name, words in pack.figures.get("measure", {}).items():
            if name not in names:
                raise ValueError(f"{where}: measure {name!r} is not in {path.name}; measures: {', '.join(map(str, names))}")
            bad = set(words) - set(WORD_KEYS)
            if bad:
                raise ValueError(
                    f"{where}.measure.{name}: unknown key(s) {', '.join(sorted(bad))}; allowed: {', '.join(WORD_KEYS)}"
                )
            table = out["measure"][names.index(name)]
            for key, more in words.items():
                table[key] = [*table.get(key, []), *more]
        numbers = pack.figures.get("numbers", {})
        for key, table in numbers.items():
            if key not in ("words", "scales") or not isinstance(table, dict):
                raise ValueError(f"{where}.numbers: unknown key {key!r}; allowed: words, scales (tables of word = value)")
            for word, value in table.items():
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValueError(f"{where}.numbers.{key}: {word!r} must be a whole number, got {value!r}")
            out["numbers"][key] = {**out["numbers"].get(key, {}), **table}
        for section, keys in LIST_KEYS.items():
            given = pack.figures.get(section, {})
            bad = set(given) - set(keys) - ({"vague"} if section == "words" else set())
            if bad:
                raise ValueError(f"{where}.{section}: unknown key(s) {', '.join(sorted(bad))}")
            for key, more in given.items():
                if key == "vague":
                    out[section]["vague"] = {**out[section].get("vague", {}), **more}
                else:
                    out[section][key] = [*out[section].get(key, []), *more]
    return out


def load_measures(path: Path = MEASURES_FILE, packs: dict[str, lang.LanguagePack] | None = None) -> MeasureTable:
    """The measure table in `path`, with the words of the language packs (all shipped ones by default); a
    malformed table raises ValueError naming the file, table and key."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    _measures(path, raw)  # the file's own errors first, named by its table and key
    return _table(path, _merged(path, raw, lang.packs() if packs is None else packs))


def _measures(path: Path, data: dict) -> list[Measure]:
    measures: list[Measure] = []
    seen: set[str] = set()
    for n, m in enumerate(data.get("measure", []), start=1):
        where = f"[[measure]] {n}"
        unknown = sorted(set(m) - MEASURE_KEYS)
        if unknown:
            raise ValueError(f"{path}: {where}: unknown keys {unknown}; allowed: {', '.join(sorted(MEASURE_KEYS))}")
        name = m.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z -]*", name) or name in seen:
            raise ValueError(f"{path}: {where}, key 'name': a new lower-case name is required, got {name!r}")
        seen.add(name)
        for flag in ("key", "casualty"):
            if not isinstance(m.get(flag, False), bool):
                raise ValueError(f"{path}: {where} ({name}), key {flag!r}: expected true or false")
        measures.append(
            Measure(
                name,
                m.get("key", False),
                m.get("casualty", False),
                tuple(tuple(p.split()) for p in _words(m, "after", where, path)),
                frozenset(_words(m, "before", where, path)),
                _words(m, "toll", where, path),
                _words(m, "rising", where, path),
                frozenset(_words(m, "nouns", where, path)),
            )
        )
    return measures


def _table(path: Path, data: dict) -> MeasureTable:
    words, events = data.get("words", {}), data.get("events", {})
    vague = words.get("vague", {})
    return MeasureTable(
        measures=tuple(_measures(path, data)),
        qualifiers=_words(words, "qualifiers", "[words]", path),
        vague=tuple((v, int(lo), int(hi)) for v, (lo, hi) in vague.items()),
        counted=frozenset(_words(words, "counted", "[words]", path)),
        describing=frozenset(_words(words, "describing", "[words]", path)),
        verbs=frozenset(_words(words, "verbs", "[words]", path)),
        units=frozenset(_words(words, "units", "[words]", path)),
        reaching=_words(words, "reaching", "[words]", path),
        rising=_words(words, "rising", "[words]", path),
        past=_words(events, "past", "[events]", path),
        comparative=_words(events, "comparative", "[events]", path),
        relative=_words(events, "relative", "[events]", path),
        present=_words(events, "present", "[events]", path),
        boundaries=tuple(events.get("boundaries", [])),
        numbers=tuple((w.lower(), v) for w, v in data.get("numbers", {}).get("words", {}).items()),
        scales=tuple((w.lower(), v) for w, v in data.get("numbers", {}).get("scales", {}).items()),
    )


@lru_cache(maxsize=1)
def measures() -> MeasureTable:
    """The shipped measure table."""
    return load_measures()


# --- claims ------------------------------------------------------------------------------


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
    vague: str | None = None  # "hundreds", for a vague amount
    other_event: str | None = None  # words of the sentence that name another event ("the 2004 Beslan school siege")
    other_year: int | None = None  # the year those words give, if any (compared with the article's own)
    set_aside: str | None = None  # why the claim is not counted in its figure (after grouping)
    moved_from: str | None = None  # the measure the reading gave, when an editor moved the claim
    sentence_start: int = 0  # where the sentence starts in the paragraph (start, end are paragraph offsets)

    @property
    def number(self) -> str:
        """The value as a reader should see it: "144", or "hundreds (200–999)"."""
        if self.value is not None:
            return str(self.value)
        return f"{self.vague} ({self.low}–{self.high})" if self.vague else f"{self.low}–{self.high}"

    @property
    def qualified(self) -> str:
        return f"{self.qualifier} {self.number}" if self.qualifier else self.number


def word_value(text: str, table: MeasureTable | None = None) -> int | None:
    """A number written in words ("one hundred and thirty-seven"), with the words of the language packs."""
    table = table or measures()
    numbers, scales = table.number_words, table.scale_words
    total, current = 0, 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and" or not word:
            continue
        if word in numbers:
            current += numbers[word]
        elif word in scales and scales[word] < 1000:  # "two hundred"
            current = max(current, 1) * scales[word]
        elif word in scales:  # "two thousand"
            total += max(current, 1) * scales[word]
            current = 0
        else:
            return None
    return total + current


def _value(num: str, table: MeasureTable) -> tuple[int | None, int | None, int | None, str | None]:
    lowered = num.lower()
    for vague, low, high in table.vague:
        if lowered.startswith(vague):
            return None, low, high, vague
    if num[0].isdigit():
        v = int(num.replace(",", ""))
        return v, v, v, None
    w = word_value(num, table)
    return w, w, w, None


def _is_date_or_year(sentence: str, start: int, end: int, num: str) -> bool:
    before = sentence[max(0, start - 12) : start]
    after = sentence[end : end + 12]
    if re.search(rf"({MONTHS})\.?\s*$", before) or re.match(rf"\s*({MONTHS})\b", after):
        return True
    if num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100:
        return True
    return bool(re.match(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|o'clock)", after, re.I))


def _is_number_word(word: str, table: MeasureTable) -> bool:
    return word[:1].isdigit() or word in table.number_words or any(q.split()[0] == word for q in table.qualifiers)


def _measure(sentence: str, start: int, end: int, vague: bool, table: MeasureTable) -> str | None:
    """What a number counts: a measure's word after it (past who is counted and a verb), a running total or
    a verb just before it, or a noun that counts a measure on its own. Else nothing: "4 men" counts nothing."""
    rest = sentence[end:]
    spans = [] if re.match(r"\s*[,;:.)\]]", rest) else [(m.group().lower(), m.end()) for m in islice(WORDS.finditer(rest), 8)]
    words = [w for w, _ in spans]
    i, saw_verb, saw_of, subject, noun = 0, False, False, False, None
    while i < len(words):
        w = words[i]
        if w in table.verbs:
            saw_verb = True
        elif w == "of":
            saw_of = True
        elif w in table.nouns and noun is None and not saw_verb:
            noun, subject = w, True
        elif w in table.counted:
            subject = True
        elif w not in table.describing:
            break
        i += 1
    for phrase, name in table.after:
        if tuple(words[i : i + len(phrase)]) == phrase:
            # "four men killed 137 people": the men did the killing; they are not the killed.
            follows = rest[spans[i + len(phrase) - 1][1] :]
            nxt = WORDS.match(follows.lstrip())
            active = subject and not saw_verb and nxt and follows[:1] == " " and _is_number_word(nxt.group().lower(), table)
            if not active:
                return name
    before_text = sentence[:start].lower()
    found = _before(before_text, table)
    if found:
        return found
    if noun and not (saw_of and not vague):
        return table.nouns[noun]
    return None


def _last_words(text: str, n: int) -> list[str]:
    """The last `n` words of `text`, as WORDS.findall(text)[-n:] gives them, read from a window at its end
    (a long sentence of numbers is not read again for each number)."""
    window = 40 * n
    while True:
        found = WORDS.findall(text[-window:])
        # The window's first word may be cut; words after it are whole. With more than n, the last n are whole.
        if len(found) > n or window >= len(text):
            return found[-n:]
        window *= 4


def _before(before_text: str, table: MeasureTable) -> str | None:
    """A measure named just before the number: "killed 137", "the death toll rose to 137"."""
    before = _last_words(before_text, 2)
    if before and before[-1] in table.before:
        return table.before[before[-1]]
    # "wounding another 12", but not "detained 11 people, including four": one describing word may come between.
    if len(before) == 2 and before[0] in table.before and before[1] in table.describing:
        return table.before[before[0]]
    # A running total ("the death toll ... rose to"), or a measure's word then a verb of rising
    # ("the number of people injured has risen to"): the measure named closest to the number wins.
    best, where = None, -1
    for kind in ("toll", "rising"):
        if not (table.ends_reaching(before_text) if kind == "toll" else table.ends_rising(before_text)):
            continue
        for m in table.totals[kind].finditer(before_text):
            if m.start() > where:
                best, where = table.total_measure[(kind, m.group())], m.start()
    return best


# --- claims about another event ------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    kind: str  # "past" (names another time) or "comparative" (compares this event with another)
    label: str
    year: int | None = None


def _clause(sentence: str, start: int, table: MeasureTable) -> tuple[int, int]:
    """The clause of `sentence` around offset `start`: a number is read with the words of its own clause."""
    ends, starts = table.memo("boundaries", sentence, lambda: _boundaries(sentence, table))
    i, j = bisect_right(ends, start), bisect_left(starts, start)
    return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(sentence))


def _boundaries(sentence: str, table: MeasureTable) -> tuple[list[int], list[int]]:
    """Where each clause boundary of the sentence ends, and where each starts, in order."""
    lowered = sentence.lower()
    found = [(m.start(), m.end()) for b in table.boundaries for m in re.finditer(re.escape(b), lowered)]
    return sorted(e for _, e in found), sorted(s for s, _ in found)


def _label(clause: str, start: int, table: MeasureTable) -> str:
    """The words that name the other event: from the anchor to the end of its phrase (a comma, a relative
    clause, or a verb: "last year's attack on a concert hall in Kerman")."""
    tail = clause[start:]
    stop = table.cues["label_stop"].search(tail)
    words: list[str] = []
    for word in tail[: stop.start() if stop else len(tail)].split()[:10]:
        if words and (
            (word[:1].isdigit() and not YEAR.fullmatch(word))
            or word.lower() in {"left", "said", "says"}
            or word.lower() in table.verbs
            or word.lower() in table.before
            or word.lower() in table.after_words
        ):
            break
        words.append(word)
    return " ".join(words).rstrip(".")


def _anchors(clause: str, table: MeasureTable) -> tuple[Anchor, ...]:
    return table.memo("anchors", clause, lambda: tuple(_find_anchors(clause, table)))


def _anchors_in(sentence: str, lo: int, hi: int, table: MeasureTable) -> tuple[Anchor, ...]:
    """The anchors of the clause sentence[lo:hi], found once per clause (keyed by the sentence, whose hash is kept)."""
    return table.memo(f"anchors {lo} {hi}", sentence, lambda: _anchors(sentence[lo:hi], table))


THE_BEFORE = re.compile(r"\bthe\s+$")


def _find_anchors(clause: str, table: MeasureTable) -> list[Anchor]:
    lowered = clause.lower()
    anchors = []
    for m in YEAR.finditer(clause):
        # Both patterns end at the year and span a few words: read from a window before it (`\b` still sees
        # the character before the window).
        near = max(0, m.start() - 80)
        if DATE_BEFORE_YEAR.search(clause, near, m.start()) or re.match(r"\s*[-–]\d", clause[m.end() : m.end() + 40]):
            continue
        lead = " ".join(_last_words(lowered[: m.start()], 4))
        kind = "comparative" if table.has("comparative", lead) else "past"
        the = THE_BEFORE.search(lowered, near, m.start())
        label_start = the.start() if the else m.start()
        anchors.append(Anchor(m.start(), m.end(), kind, _label(clause, label_start, table), int(m.group(1))))
    for m in table.cues["past"].finditer(lowered):
        anchors.append(Anchor(m.start(), m.end(), "past", _label(clause, m.start(), table)))
    # "since the Beslan school siege": a comparison with a named event (a capitalised name in its phrase).
    for m in table.cues["comparative_the"].finditer(lowered):
        label = _label(clause, m.end(), table)
        if YEAR.search(label):
            continue  # the year's own anchor says more
        if re.search(r"\b[A-Z][a-z]", label) and not re.match(
            rf"(?:{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", label
        ):
            anchors.append(Anchor(m.start(), m.end() + len(label), "comparative", label))
    return anchors


def other_event(sentence: str, start: int, end: int, table: MeasureTable | None = None) -> Anchor | None:
    """The words of the sentence that put the number at start:end in another event, if any.

    Read within the number's clause: words that name another time ("in 2004", "last year's attack")
    before the number, or after it with no comparison in between; words that compare the event with
    another ("since the 2004 Beslan school siege") only when a relative clause ("in which", "when")
    or the same phrase leads from them to the number. A year is checked against the article's own
    when claims are grouped (a year of the event itself names no other event)."""
    table = table or measures()
    lo, hi = _clause(sentence, start, table)
    anchors = _anchors_in(sentence, lo, hi, table)
    if not anchors:
        return None
    clause = sentence[lo:hi]
    s, e = start - lo, end - lo
    for a in sorted(anchors, key=lambda a: a.start):
        if a.end <= s:
            between = clause[a.end : s].lower()
            if table.has("present", between):
                continue
            if a.kind == "past":
                return a
            if table.has("relative", between) or "," not in between:
                return a
        elif a.start >= e and a.kind == "past":
            between = clause[e : a.start].lower()
            if not table.has("comparative", between) and not table.has("present", between):
                return a
    return None


def find_claims(
    paragraphs: list[str], sentences: list[list[tuple[int, int]]], table: MeasureTable | None = None
) -> list[FigureClaim]:
    """Claims in an article's paragraphs; `sentences` gives each paragraph's sentences as (start, end) offsets."""
    table = table or measures()
    claims = []
    for p_no, (paragraph, spans) in enumerate(zip(paragraphs, sentences, strict=True), start=1):
        for s_start, s_end in spans:
            sentence = paragraph[s_start:s_end]
            for m in table.number.finditer(sentence):
                num = m.group("num")
                if m.group("vague") is None and _is_date_or_year(sentence, m.start("num"), m.end("num"), num):
                    continue
                value, low, high, vague = _value(num.strip(), table)
                if value is None and low is None:
                    continue
                measure = _measure(sentence, m.start(), m.end(), bool(m.group("vague")), table)
                if measure is None:
                    continue
                qualifier = m.group("qual").lower() if m.group("qual") else None
                claim = FigureClaim(
                    measure,
                    value,
                    low,
                    high,
                    qualifier,
                    sentence,
                    p_no,
                    s_start + m.start(),
                    s_start + m.end(),
                    vague=vague,
                    sentence_start=s_start,
                )
                anchor = other_event(sentence, m.start(), m.end(), table)
                if anchor is not None:
                    claim.other_event, claim.other_year = anchor.label, anchor.year
                claims.append(claim)
    return claims


# --- figures -----------------------------------------------------------------------------------


@dataclass
class Figure:
    measure: str
    slug: str
    claims: list[FigureClaim] = field(default_factory=list)
    set_aside: list[FigureClaim] = field(default_factory=list)  # about another event, or by an editor

    @property
    def values(self) -> list[int]:
        return sorted({c.value for c in self.claims if c.value is not None})

    @property
    def discrepancy(self) -> bool:
        return len(self.values) > 1

    @property
    def same_day_disagreements(self) -> list[str]:
        """Dates on which sources reported different values."""
        return [d for d, _ in self.conflicts()]

    def conflicts(self) -> list[tuple[str, list[tuple[FigureClaim, list[str]]]]]:
        """Per date on which sources gave different values: each value (its first claim) and the sources that
        gave it, lowest value first."""
        by_date: dict[str, dict[int, list[FigureClaim]]] = defaultdict(lambda: defaultdict(list))
        for c in self.claims:
            if c.value is not None and c.date:
                by_date[c.date][c.value].append(c)
        out = []
        for d, by_value in sorted(by_date.items()):
            if len(by_value) > 1:
                out.append((d, [(cs[0], sorted({c.source for c in cs})) for _, cs in sorted(by_value.items())]))
        return out

    def change(self) -> tuple[FigureClaim, FigureClaim] | None:
        """The first and the last reported value, when the figure changed from one date to another: the lowest
        of the first date's values and the highest of the last date's."""
        dated = sorted((c for c in self.claims if c.value is not None and c.date), key=lambda c: (c.date, c.value))
        if not dated or dated[0].date == dated[-1].date:
            return None
        first = dated[0]
        last = max((c for c in dated if c.date == dated[-1].date), key=lambda c: c.value or 0)  # every dated claim has a value
        return (first, last) if first.value != last.value else None


def _event_year(claims: list[FigureClaim]) -> int | None:
    years = Counter(int(c.date[:4]) for c in claims if c.date)
    return min(years, key=lambda y: (-years[y], y)) if years else None


def _about_other_event(c: FigureClaim, default_year: int | None) -> bool:
    if c.other_event is None:
        return False
    if c.other_year is None:
        return True
    own = int(c.date[:4]) if c.date else default_year
    return c.other_year != own


def group(claims: list[FigureClaim], edits: dict | None = None, table: MeasureTable | None = None) -> list[Figure]:
    """Claims on the same measure, across articles, in date order. A claim about another event, or one an
    editor excluded, is set aside (listed on its figure with the reason, never counted); one an editor moved
    counts under its new measure and is listed as moved on the old one. `edits`: article slug -> the editor's
    claim edits (editorial.ClaimEdit), from the build."""
    table = table or measures()
    edits = edits or {}
    default_year = _event_year(claims)
    counted: list[FigureClaim] = []
    aside: list[FigureClaim] = []
    used: set[tuple[str, int]] = set()
    settled: set[int] = set()  # claims an editor placed: no cue moves them again
    for c in claims:
        c.set_aside, c.moved_from = None, None
        edit = _edit_for(c, edits.get(c.article, ()), used)
        if edit is not None and edit.exclude:
            c.set_aside = f"excluded by the editor: {edit.reason}"
            aside.append(c)
        elif edit is not None and edit.measure:
            settled.add(id(c))
            if edit.measure != c.measure:
                moved = FigureClaim(**{**c.__dict__, "set_aside": f"moved to {edit.measure} by the editor: {edit.reason}"})
                moved.moved_from, moved.measure = c.measure, edit.measure
                aside.append(moved)
                c.moved_from, c.measure = moved.moved_from, edit.measure
            counted.append(c)  # the editor's word settles it, whatever the sentence cues said
        elif _about_other_event(c, default_year):
            c.set_aside = f"about another event: {c.other_event}"
            aside.append(c)
        else:
            counted.append(c)
    placed = _placed_elsewhere([c for c in counted if id(c) not in settled], aside, table)
    counted = [c for c in counted if all(c is not p for p in placed)]
    aside += placed
    for slug, article_edits in sorted(edits.items()):
        for n, e in enumerate(article_edits):
            if (slug, n) not in used:
                log.warning("%s: matches no figure claim in %s; check the quote", e.where, slug)
    order = {name: i for i, name in enumerate(table.names)}
    measures_ = sorted(
        {c.measure for c in counted} | {c.moved_from or c.measure for c in aside}, key=lambda m: (order.get(m, len(order)), m)
    )
    slugs = unique_slugs(measures_)
    figures = {m: Figure(m, slugs[m]) for m in measures_}
    for c in counted:
        figures[c.measure].claims.append(c)
    for c in aside:
        figures[c.moved_from or c.measure].set_aside.append(c)
    for f in figures.values():
        f.claims.sort(key=lambda c: (c.date, c.source, c.article, c.paragraph, c.start))
        f.set_aside.sort(key=lambda c: (c.date, c.source, c.article, c.paragraph, c.start))
    return [figures[m] for m in measures_]


NAME = re.compile(r"\b[A-Z][a-z][\w-]*")
NOT_PLACES = re.compile(
    rf"^(?:{MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|In|At|On|Since|After|Before|During|Last|This|It|Its|Their|His|Her)$"
)


def _names(text: str) -> set[str]:
    return {w for w in NAME.findall(text) if not NOT_PLACES.match(w)}


AFTER_CHARS = 300  # how far after a number a place that places it is looked for


def _names_near(c: FigureClaim, table: MeasureTable) -> set[str]:
    """Names that place the claim: before its number in its clause, or right after it ("... killed in Beslan").
    Names inside a comparison ("since the Beslan school siege") compare; they do not place the number."""
    text, s, e = c.text, c.start - c.sentence_start, c.end - c.sentence_start
    lo, hi = _clause(text, s, table)
    # Keyed by the sentence (one string for all its claims, its hash kept) and the clause's place in it.
    placed = table.memo(f"names {lo} {hi}", text, lambda: _placing_names(text[lo:hi], table))
    names = {name for at, name in placed[: bisect_left(placed, (s - lo, ""))] if at + len(name) <= s - lo}
    # "... killed in Beslan": a place named within a few words after the number, before the next comma.
    after = re.match(r"[^,;]*?\b(?:in|at)\s+((?:[A-Z][\w-]+\s?)+)", text[e : min(hi, e + AFTER_CHARS)])
    return names | (_names(after.group(1)) if after else set())


def _placing_names(clause: str, table: MeasureTable) -> list[tuple[int, str]]:
    """The clause's names with where each starts, in order, those inside a comparison left out."""
    for a in _anchors(clause, table):
        if a.kind == "comparative":
            at = clause.find(a.label, max(0, a.start - 4))
            lo_, hi_ = min(a.start, at if at >= 0 else a.start), max(a.end, at + len(a.label))
            clause = clause[:lo_] + " " * (hi_ - lo_) + clause[hi_:]
    return [(m.start(), m.group()) for m in NAME.finditer(clause) if not NOT_PLACES.match(m.group())]


def _close(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 0.03 * max(a, b)


def _placed_elsewhere(counted: list[FigureClaim], aside: list[FigureClaim], table: MeasureTable) -> list[FigureClaim]:
    """Claims about an event another claim of the dossier named: a name from that claim's words ("the 2004
    Beslan school siege") placing the number ("In Beslan, 334 people were killed") and about the same value
    on the same measure. The value must agree: the event may share a place with another (Moscow, 2002 and 2024)."""
    others = [
        (c.measure, c.value, _names(c.other_event)) for c in aside if c.other_event and (c.set_aside or "").startswith("about")
    ]
    placed = []
    for c in counted:
        # Only where another claim of about this value on this measure names somewhere are this claim's names read.
        wanted = [names for measure, value, names in others if names and measure == c.measure and _close(value, c.value)]
        near = _names_near(c, table) if wanted else set()
        hits = sorted({n for names in wanted for n in names & near})
        if hits:
            c.other_event = ", ".join(hits)
            c.set_aside = f"about another event: names {c.other_event}, where another claim of the same number was set aside"
            placed.append(c)
    return placed


def _edit_for(c: FigureClaim, article_edits, used: set):
    """The first of the editor's edits for this article whose quote, found in the claim's sentence, holds
    the claim's number."""
    start, end = c.start - c.sentence_start, c.end - c.sentence_start
    for n, e in enumerate(article_edits):
        at = c.text.find(e.quote)
        while at != -1:
            if at <= start and end <= at + len(e.quote):
                used.add((c.article, n))
                return e
            at = c.text.find(e.quote, at + 1)
    return None
