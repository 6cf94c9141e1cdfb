"""Where the article is in a pasted page: a general line classifier for text captures.

A paste ("select all, copy") carries menus, link lists, share bars, cookie and app banners,
"latest" and "related" lists, comment threads and footers around the article, anywhere in the
text. Each line is judged from its own features (length, stop-word density, closing punctuation,
repetition) and its neighbours', in the manner of jusText for HTML blocks, and the article is
the main run of prose after the headline. Pure functions over plain data: no outlet rules here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

WORD = re.compile(r"\w+")
YEAR = re.compile(r"(19|20)\d\d")
# jusText's thresholds (characters and stop-word density), which it tuned on web pages.
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
# A long line of several sentences is prose with fewer stop words than that (see classify).
STOPWORDS_PROSE = 0.2
SENTENCE_END = re.compile(r"[.!?…。！？](?:\s|$)")
# A run of this many lines without prose after the article's last good line ends the article.
MAX_GAP = 6
# A further run of prose at most FAR_GAP lines after the article, with at least FAR_SHARE of the
# article's prose, goes on with it.
FAR_GAP, FAR_SHARE = 15, 0.5
# The article's run holds at least this share of the characters of the largest run of prose.
MAIN_SHARE = 0.4
# A byline or date this many lines above the article's prose heads the article; the headline is
# among the few lines above it.
ANCHOR_REACH, HEADLINE_REACH, ANCHOR_UNDER = 30, 4, 5
# Lines that match the slug at least this share of the best match's score are its peers, and one
# with a byline or date at most SIGNED_REACH lines under it is preferred.
SLUG_PEERS, SIGNED_REACH = 0.5, 6
# A slug of at most this many words is short (see find_title).
SHORT_SLUG = 3
# A list of this many headlines in a row ends the article when less than this share of its prose
# is below it.
LINK_LIST, LINK_LIST_TAIL = 3, 0.25
# A list the article introduces has at most this many items.
LIST_ITEMS = 60
# Consent, cookie and sign-up banners: prose by their features, never the article.
BANNER = re.compile(
    r"\bcookies?\b.{0,120}\b(use|uses|accept|consent|agree|policy|continu\w*|settings)\b"
    r"|\b(accept|consent|agree)\w*\b.{0,80}\bcookies?\b|\bby (signing up|subscribing|clicking)\b",
    re.I,
)
CLOSING = re.compile(r"[.!?…:;\"'”’»)\]。！？]$")


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {lang: frozenset(justext.get_stoplist(lang)) for lang in sorted(justext.get_stoplists())}


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def stoplist_for(lines: list[str]) -> frozenset[str]:
    """The stop-word list of the language whose stop words cover most of the text."""
    from ..lang import most_used

    best, _ = most_used(Counter(w for line in lines for w in words(line)), ((s, s) for s in _stoplists().values()))
    return best or frozenset()


# Cyrillic letters as addresses spell them ("53-летняя модель" -> "53-letnyaya-model"): the common
# transliteration, so that a Russian, Ukrainian or Bulgarian headline can be matched to its slug.
_CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye", strict=True)),
        **{"ё": "e", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""},
        **{"і": "i", "ї": "i", "є": "e", "ґ": "g"},
    }
)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower().translate(_CYRILLIC)).encode("ascii", "ignore").decode()


def slug_words(url: str | None) -> list[str]:
    """The words of an address's slug: '/2019/11/new-suvs-highlight-la-auto-show.html' -> [new, suvs, ...]."""
    if not url:
        return []
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    best: list[str] = []
    for segment in path.split("/"):
        segment = re.sub(r"\.\w{2,5}$", "", segment)
        parts = [p for p in re.split(r"[-_+ ]+", ascii_fold(segment)) if p]
        named = [p for p in parts if not p.isdigit() or YEAR.fullmatch(p)]  # "2018" names; "14848382" does not
        if sum(not p.isdigit() for p in named) >= 2 and len(named) > len(best):
            best = named
    return best


@dataclass(frozen=True)
class LineFeatures:
    chars: int
    words: int
    stop_density: float
    closes: bool  # ends like a sentence
    repeated: bool  # the same text occurs elsewhere in the paste
    block_size: int  # lines in its block (no blank line between them)


def features(texts: list[str], blocks: list[int], stops: frozenset[str]) -> list[LineFeatures]:
    seen = Counter(t.casefold() for t in texts)
    size = Counter(blocks)
    out = []
    for text, block in zip(texts, blocks, strict=True):
        ws = words(text)
        density = sum(1 for w in ws if w in stops) / len(ws) if ws else 0.0
        out.append(LineFeatures(len(text), len(ws), density, bool(CLOSING.search(text)), seen[text.casefold()] > 1, size[block]))
    return out


def classify(f: LineFeatures, cjk: bool = False, text: str = "") -> str:
    """jusText's first pass: 'good', 'near-good', 'short' or 'bad'."""
    if BANNER.search(text):
        return "bad"
    if f.repeated and f.chars < LENGTH_HIGH:
        return "bad"
    if cjk:
        # No spaces between words: length alone, in characters that carry more meaning each.
        if f.chars >= 60 and f.closes:
            return "good"
        return "near-good" if f.chars >= 25 else "short"
    if f.chars < LENGTH_LOW:
        return "short"
    if f.stop_density >= STOPWORDS_HIGH:
        return "good" if f.chars > LENGTH_HIGH or f.closes else "near-good"
    if f.stop_density >= STOPWORDS_LOW:
        return "near-good"
    if f.chars > LENGTH_HIGH and f.closes and f.stop_density >= STOPWORDS_PROSE and len(SENTENCE_END.findall(text)) >= 3:
        # A long run of sentences with fewer stop words than jusText asks (a recipe, a list of
        # results, a language whose stop-word list is short): prose if its neighbours are.
        return "near-good"
    return "bad"


def _neighbours(classes: list[str], ignore: set[str]) -> tuple[list[str], list[str]]:
    """For each line, the class of the nearest line before and after it that is not in `ignore`
    ("bad" at the edges): two linear sweeps, so long runs of short lines cost no more than others."""
    before, after = ["bad"] * len(classes), ["bad"] * len(classes)
    last = "bad"
    for i, c in enumerate(classes):
        before[i] = last
        if c not in ignore:
            last = c
    last = "bad"
    for i in range(len(classes) - 1, -1, -1):
        after[i] = last
        if classes[i] not in ignore:
            last = classes[i]
    return before, after


def revise(classes: list[str]) -> list[str]:
    """jusText's context pass: short and near-good lines take the class of their surroundings."""
    before, after = _neighbours(classes, {"short", "near-good"})
    out = [("good" if before[i] == after[i] == "good" else "bad") if c == "short" else c for i, c in enumerate(classes)]
    before, after = _neighbours(out, {"near-good"})
    return [("good" if "good" in (before[i], after[i]) else "bad") if c == "near-good" else c for i, c in enumerate(out)]


# Words of page furniture that a headline next to them never is made of alone.
INTERFACE_WORDS = re.compile(
    r"\b(share|sharing|tweet|copy link|copied|follow|comments?|gallery|subscribe|sign (in|up)|print|e-?mail|"
    r"image copyright|getty images|media caption|\d+ (minutes?|hours?|days?) ago|read more|advertisement|"
    r"external links?|new window|commented|most read|pular para|saltar a|aller au|zum inhalt|copy (this )?link|"
    r"add to|playback|baixar|signed in|(updated|posted)\b.*\d)\b|^media caption",
    re.I,
)
# "Reed Saxon / Associated Press", "BLOG > Weight Loss > Tips": credits and breadcrumbs.
CREDIT_LIKE = re.compile(r"\w\s+/\s+[A-Z]|\s[>»]\s")
URLISH = re.compile(r"://|%2F|www\.|\.(com|org|net)\b", re.I)


def furniture_like(text: str) -> bool:
    """A short line that names the page's interface, a banner, a credit or a breadcrumb."""
    return bool(
        INTERFACE_WORDS.search(text)
        or BANNER.search(text)
        or CREDIT_LIKE.search(text)
        or (text.startswith("(") and text.endswith(")"))
    )


def _label(text: str) -> bool:
    """ "Author:", "Publish date:": a label whose value is the next line."""
    return text.endswith(":") and len(text.split()) <= 3


def _heading_like(text: str) -> bool:
    n = len(text.split())
    return (
        not URLISH.search(text)
        and 3 <= n <= 30
        and len(text) <= 300
        and not CLOSING.search(text.rstrip("?!\"'”’"))
        and not text.lower().startswith("by ")
    )


def find_title(
    texts: list[str],
    url: str | None,
    first_prose: int,
    excluded: frozenset[int] | set[int] = frozenset(),
    fallback: bool = True,
    stops: frozenset[str] = frozenset(),
    threshold: float = 0.4,
    marks: frozenset[int] | set[int] = frozenset(),
) -> int | None:
    """The headline's index: among the lines up to the article's first prose, the one that best
    matches the address's slug words (the earliest of equals, or one with a byline or date
    under it); else the heading-like line above the byline and date (`marks`) or the prose."""
    slug = set(slug_words(url)) - stops  # "to", "for", "the": shared by any two lines
    best, best_score = None, 0.0
    scores: dict[int, float] = {}
    whole: list[int] = []
    if len(slug) >= 2:
        # The headline comes before the article's prose: a matching line further down is a teaser.
        for i, text in enumerate(texts[: first_prose + 1]):
            ws = set(WORD.findall(ascii_fold(text))) - stops
            if i in excluded or not ws or len(ws) > 40 or len(text) > 300 or URLISH.search(text) or text.endswith((",", ";")):
                continue
            if text.endswith(".") and len(text.split()) > 12:
                continue  # a first paragraph, not a headline
            common = len(ws & slug)
            if common < 2:
                continue
            precision, recall = common / len(ws), common / len(slug)
            score = 2 * precision * recall / (precision + recall)
            scores[i] = score
            if common == len(slug):
                whole.append(i)
            if score > best_score + 1e-9:
                best, best_score = i, score
        if best is not None and best_score >= threshold:
            # A menu item may say what the address says as well as the headline does: of the lines
            # that say it about as well, the one with a byline or date under it is the headline.
            # Of equals, the nearest above its byline or date.
            below = {i: min((m - i for m in marks if i < m <= i + SIGNED_REACH), default=None) for i in scores}
            signed = [i for i, score in scores.items() if score >= max(threshold, SLUG_PEERS * best_score) and below[i]]
            if signed:
                return max(signed, key=lambda i: (scores[i], -(below[i] or 0)))
            # A short slug ("/dieta-atkinsa") is said whole by menu items and by the headline: of the
            # lines that say all of it, the nearest to the prose that reads like a headline.
            if len(slug) <= SHORT_SLUG and best in whole:
                return next((i for i in reversed(whole) if i > best and _heading_like(texts[i])), best)
            return best
    if not fallback:
        return None
    candidate = [
        i < len(texts)
        and i not in excluded
        and _heading_like(texts[i])
        and not texts[i].endswith((",", ";"))
        and not furniture_like(texts[i])
        and not (i > 0 and _label(texts[i - 1]))  # "Author:" then a name: a value, not a headline
        for i in range(len(texts))
    ]

    def most_headline_like(window: Iterable[int]) -> int | None:
        # A section label in capitals ("EARNINGS REPORT") weighs as little as a one-word line.
        return max(
            (i for i in window if candidate[i]),
            key=lambda i: (1 if texts[i].isupper() and len(texts[i].split()) <= 3 else min(len(texts[i].split()), 20), i),
            default=None,
        )

    # A headline has its byline or date under it: above the article's prose, the nearest line that
    # carries one marks the article's header, and the headline is among the few lines above that
    # header (a standfirst, a photo credit, a share bar or a "Published:" label may come between).
    # (The byline may also come just under the first line the classifier took for prose: a
    # standfirst, or a teaser above the headline.)
    above = [m for m in marks if first_prose - ANCHOR_REACH <= m < first_prose]
    under = [m for m in marks if first_prose <= m <= first_prose + ANCHOR_UNDER]
    if above or under:
        anchor = max(above) if above else min(under)
        while anchor - 1 in marks:
            anchor -= 1  # the top of a byline-and-date block
        window: list[int] = []
        i = anchor - 1
        while i >= 0 and len(window) < HEADLINE_REACH:
            if not (i in marks or _label(texts[i]) or (i > 0 and _label(texts[i - 1]))):
                window.append(i)
            i -= 1
        found = most_headline_like(window)
        if found is not None:
            return found
    # No slug to go by: the most headline-like line just above the prose, longer lines first
    # (menu items, share buttons and credits are short), never one that names an interface.
    return most_headline_like(range(min(first_prose, len(texts)) - 1, max(-1, first_prose - 12), -1))


def article_span(
    classes: list[str], start: int, sizes: list[int] | None = None, footer: Callable[[int], bool] | None = None
) -> tuple[int, int] | None:
    """First and last index of the main run of good lines from `start`: the run holding the
    most prose, where runs are split by more than MAX_GAP lines that are not good. A run with a
    `footer` line in it (a copyright line) is the page's footer: it is the article only if no
    other run is."""
    runs: list[list[int]] = []
    for i in range(start, len(classes)):
        if classes[i] != "good":
            continue
        if runs and i - runs[-1][-1] - 1 <= MAX_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    if not runs:
        return None
    # The article is the first run that holds a fair share of the page's prose; a banner or a
    # teaser with a sentence or two may come before it.
    weight = [sum(sizes[i] for i in run) if sizes else len(run) for run in runs]
    if footer is not None:
        marked = [any(footer(i) for i in range(run[0], run[-1] + 1)) for run in runs]
        if not all(marked):
            weight = [0 if m else w for w, m in zip(weight, marked, strict=True)]
    chosen = next(run for run, w in zip(runs, weight, strict=True) if w >= MAIN_SHARE * max(weight))
    return chosen[0], chosen[-1]


def continue_span(
    span: tuple[int, int], classes: list[str], texts: list[str], sizes: list[int], ends: Callable[[str], bool]
) -> tuple[int, int]:
    """The article may go on after a box inside it (a table, an embedded post, a list of other
    articles) longer than MAX_GAP: take in the next run of prose when it is near (at most FAR_GAP
    lines on), as large as a good share of the article so far, and no line between them or in it
    `ends` the article (a footer line, a copyright notice, a "Follow us", the readers' comments)."""
    first, last = span
    while True:
        nxt = next((i for i in range(last + 1, min(len(classes), last + 2 + FAR_GAP)) if classes[i] == "good"), None)
        if nxt is None or any(ends(texts[i]) for i in range(last + 1, nxt + 1)):
            return first, last
        end = nxt
        while (
            more := next((i for i in range(end + 1, min(len(classes), end + 2 + MAX_GAP)) if classes[i] == "good"), None)
        ) is not None:
            end = more
        ours = sum(sizes[i] for i in range(first, last + 1) if classes[i] == "good")
        theirs = sum(sizes[i] for i in range(nxt, end + 1) if classes[i] == "good")
        if theirs < FAR_SHARE * ours or any(ends(texts[i]) for i in range(nxt, end + 1)):
            return first, last
        last = end


def widen(span: tuple[int, int], first_pass: list[str], texts: list[str], floor: int) -> tuple[int, int]:
    """Take in the sentences at either edge of the article ("A claim that Kyiv vehemently denies.",
    a long last paragraph with few stop words, a first line that runs on into the next), which
    the context pass judges by the page beyond them."""

    def prose(i: int) -> bool:
        text = texts[i]
        if first_pass[i] == "bad" and len(text.split()) < 10:
            return False
        runs_on = i + 1 < len(texts) and texts[i + 1][:1].islower()
        return bool(CLOSING.search(text)) or runs_on

    first, last = span
    while last + 1 < len(texts) and prose(last + 1):
        last += 1
    while first - 1 > floor and prose(first - 1):
        first -= 1
    return first, last


def thread_start(texts: list[str], first_pass: list[str], first: int, last: int) -> int | None:
    """The first line in the article's span that opens the readers' comments, once some of the
    article's prose is above it (a "0 Comments" counter by the headline opens nothing): a line a
    language pack names, or the first of three or more short lines stamped with a date and a time
    ("Jane on November 19, 2019 at 6:34 am said:"), which head comments and lists of other
    articles, never the paragraphs of one."""
    stamped = [i for i in range(first, last + 1) if _stamped(texts[i]) and first_pass[i] != "good"]
    after = {i: len(stamped) - n for n, i in enumerate(stamped)}  # stamped lines from this one on
    prose = 0
    for i in range(first, last + 1):
        if prose >= 2 and opens_comments(texts[i]):
            return i
        if prose and after.get(i, 0) >= 3:
            return i
        prose += first_pass[i] == "good"  # judged on its own, not by its neighbours
    return None


def comments_open_before(texts: list[str], start: int, first: int) -> int | None:
    """A line that opens the readers' comments between the headline (`start`) and the run of prose
    taken for the article (`first`, included): that run is the comment section and the page's
    side columns, and the article (a table, a calendar, a list: no prose) is above the opener."""
    return next((i for i in range(start, first + 1) if opens_comments(texts[i])), None)


def opens_comments(text: str) -> bool:
    """A short line a language pack names as the opening of the readers' comments."""
    from .. import lang

    return len(text) < 200 and bool(_thread_pattern(lang.every("thread_starts")).search(text))


CLOCK = re.compile(r"(?<![\d:])\d{1,2}[:.]\d\d(?![\d:])")


def _stamped(text: str) -> bool:
    """A short line with a date and a time of day in it."""
    from .dates import dates_in_line

    return len(text.split()) <= 16 and bool(CLOCK.search(text)) and bool(dates_in_line(text))


NUMBERED = re.compile(r"^[#(]?(\d{1,3})[.):]?\s+\S|^[#(]?(\d{1,3})[.)]\S")


def list_after(texts: list[str], blocks: list[int], last: int, stop: Callable[[str], bool]) -> int:
    """The article's last line, taking in the list right under it that it introduces: the block
    after a line ending in ':' ("Tour dates:"), or items numbered 1, 2, 3, ... (a listicle, each
    item with lines of its own), up to a line that `stop`s the article (a footer, the comments)."""
    j = last + 1
    if j >= len(texts):
        return last
    if texts[last].endswith(":") and len(texts[last].split()) > 3 and not stop(texts[last]):
        end = last
        while j < len(texts) and blocks[j] == blocks[last + 1] and not stop(texts[j]) and j - last <= LIST_ITEMS:
            end = j
            j += 1
        return end
    if (m := NUMBERED.match(texts[last])) and int(m.group(1) or m.group(2)) == 1:
        j = last  # the first item is the article's last line
    first_item = NUMBERED.match(texts[j])
    if not first_item or int(first_item.group(1) or first_item.group(2)) != 1:
        return last
    end, expected = j, 2
    for k in range(j + 1, min(len(texts), j + 1 + LIST_ITEMS * 4)):
        if stop(texts[k]):
            break
        m = NUMBERED.match(texts[k])
        if m and int(m.group(1) or m.group(2)) == expected:
            end, expected = k, expected + 1
        elif k - end > 4:  # an item has at most a few lines of its own
            break
    if expected <= 3:
        return last  # "1 comment" or a lone number: no list
    # the last item's own lines, up to the next block
    while (
        end + 1 < len(texts)
        and blocks[end + 1] == blocks[end]
        and not stop(texts[end + 1])
        and not NUMBERED.match(texts[end + 1])
    ):
        end += 1
    return end


def link_list_start(texts: list[str], first_pass: list[str], first: int, last: int) -> int | None:
    """Where the article's span ends in a list of other articles' headlines: a run of LINK_LIST
    lines in a row that are titles, not sentences (a few words each, no closing punctuation, not
    prose on their own), with most of the article's prose above it and little below."""
    # Prose: lines good on their own, and sentences of a few words (the article may go on in short ones).
    prose = [
        len(texts[i]) if first_pass[i] == "good" or (CLOSING.search(texts[i]) and len(texts[i].split()) >= 5) else 0
        for i in range(len(texts))
    ]
    run = 0
    # The list may begin inside the span: its first headline, long enough, is taken in by the context pass.
    for i in range(first, min(len(texts), last + LINK_LIST)):
        titled = first_pass[i] != "good" and 3 <= len(texts[i].split()) <= 20 and not CLOSING.search(texts[i])
        run = run + 1 if titled else 0
        if run == LINK_LIST and (start := i - LINK_LIST + 1) <= last:
            above, below = sum(prose[first:start]), sum(prose[i + 1 : last + 1])
            # "What you need:" and the list under it (its first item may end like a sentence) are the article's
            introduced = any(texts[j].endswith(":") for j in range(max(first, start - 2), start))
            if above and below < LINK_LIST_TAIL * above and not introduced:
                return start
    return None


@lru_cache(maxsize=4)
def _thread_pattern(parts: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:^{p})" for p in parts) or "(?!)", re.I)
