"""Clean: a decoded Capture -> a CleanArticle, with every line accounted for.

The passes run in order. Each one looks at the lines no earlier pass has claimed,
and either keeps a line in a role (title, date, byline, caption, ...) or removes it
under a named rule. What is left at the end is body text. Words are never changed:
body lines are joined with single spaces and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .. import lang
from ..model import Block, Caption, Capture, CleanArticle, Line, Removal
from ..outlets import Outlet, Registry
from . import rules, textblocks
from .dates import date_line, line_date, url_date


@dataclass
class Work:
    capture: Capture
    registry: Registry
    article: CleanArticle
    roles: dict[int, str] = field(default_factory=dict)  # line number -> kept role
    removed: dict[int, tuple[str, str]] = field(default_factory=dict)  # line number -> (rule, text)
    outlet: Outlet | None = None
    source_hint: str | None = None
    # Text captures: where each line sits in the page ("before", "header", "article", "after")
    # and how the line classifier judged it ("good", "bad").
    zone: dict[int, str] = field(default_factory=dict)
    judged: dict[int, str] = field(default_factory=dict)
    title_line: Line | None = None

    @property
    def lines(self) -> list[Line]:
        return self.capture.lines

    def free(self) -> list[Line]:
        return [ln for ln in self.lines if ln.number not in self.roles and ln.number not in self.removed]

    def keep(self, line: Line, role: str) -> None:
        self.roles[line.number] = role

    def remove(self, line: Line, rule: str) -> None:
        self.removed[line.number] = (rule, line.text)

    @cached_property
    def _position(self) -> dict[int, int]:
        return {ln.number: i for i, ln in enumerate(self.lines)}

    def after(self, line: Line) -> Line | None:
        idx = self._position[line.number]
        return self.lines[idx + 1] if idx + 1 < len(self.lines) else None

    def before(self, line: Line) -> Line | None:
        idx = self._position[line.number]
        return self.lines[idx - 1] if idx > 0 else None


# --- passes -----------------------------------------------------------------


def html_chrome(w: Work) -> None:
    """HTML blocks outside the extracted article: navigation, footers, widgets."""
    for ln in w.free():
        if ln.hint == "chrome":
            w.remove(ln, "html-navigation")
        elif ln.hint == "outside":
            w.remove(ln, "html-boilerplate")


def original_url(w: Work) -> None:
    for ln in w.free():
        m = rules.ORIGINAL_URL.match(ln.text)
        if not m:
            continue
        w.keep(ln, "original-url")
        url_text, url_line = m.group("url"), ln
        if not url_text:
            nxt = w.after(ln)
            if nxt and rules.URL_START.match(nxt.text):
                url_text, url_line = nxt.text, nxt
                w.keep(nxt, "original-url")
        url = re.sub(r"\s+", "", url_text)
        if rules.URL_START.match(url) and url_line is not None:
            w.article.original_url = url


def text_layout(w: Work) -> None:
    """Text captures: find the headline and the article's run of prose with the line classifier;
    lines are only marked here, and removed by later passes if nothing else claims them."""
    if w.capture.kind != "text":
        return
    free = w.free()
    if not free:
        return
    texts = [ln.text for ln in free]
    stops = textblocks.stoplist_for(texts)
    cjk = sum(1 for ch in "".join(texts) if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af") > 0.2 * sum(map(len, texts))
    feats = textblocks.features(texts, [ln.block for ln in free], stops)
    first_pass = [textblocks.classify(f, cjk, t) for f, t in zip(feats, texts, strict=True)]
    classes = textblocks.revise(first_pass)
    sizes = [f.chars for f in feats]
    span = textblocks.article_span(classes, 0, sizes)
    dated = {i for i, t in enumerate(texts) if date_line(t) or line_date(t)}
    excluded = dated | {i for i, t in enumerate(texts) if _interface(t) or _masthead(w, t)}
    ascii_stops = frozenset(textblocks.ascii_fold(w) for w in stops)
    # A line that says what the address says, anywhere, with prose after it: the article is there,
    # whatever larger run of teasers comes before it.
    url, first_prose = w.article.original_url, span[0] if span else len(free)
    marks = dated | {i for i, t in enumerate(texts) if rules.BYLINE.match(t)}
    title = textblocks.find_title(texts, url, first_prose, excluded, fallback=False, stops=ascii_stops, marks=marks)
    if title is None:
        # Nothing above the first prose says what the address says: that prose was a run of teasers
        # if a line further down says it closely and has prose after it.
        title = textblocks.find_title(
            texts, url, len(free), excluded, fallback=False, stops=ascii_stops, threshold=0.7, marks=marks
        )
        if title is not None and textblocks.article_span(classes, title + 1, sizes) is None:
            title = None
    if title is None:
        title = textblocks.find_title(texts, url, first_prose, excluded, stops=ascii_stops, marks=marks)
    if title is not None:
        classes[title] = "title"
    start = title + 1 if title is not None else 0
    span = textblocks.article_span(classes, start, sizes, lambda i: bool(rules.COPYRIGHT.search(texts[i])))
    if span is None:
        return  # no run of prose to go by (a short, clean capture): the other passes decide alone
    span = textblocks.continue_span(span, classes, texts, sizes, _ends_article)
    first, last = textblocks.widen(span, first_pass, texts, start - 1)
    opener = textblocks.comments_open_before(texts, start, span[0]) if title is not None else None
    if opener is not None and _some_content(texts[start:opener], excluded | marks, start):
        # The prose is the comment section: the article is what lies between the headline and it
        # (a "Leave a comment" link by the byline opens nothing: there is no content above it).
        first, last = start, opener - 1
        span = (first, last)
        for i in range(first, last + 1):
            classes[i] = "bad" if textblocks.furniture_like(texts[i]) else "good"
    elif (thread := textblocks.thread_start(texts, first_pass, first, last)) is not None:
        last = thread - 1  # the readers' comments are not the article
    if (teasers := textblocks.link_list_start(texts, first_pass, first, last)) is not None:
        last = teasers - 1  # nor is a list of other articles' headlines under it
    else:
        last = textblocks.list_after(
            texts, [ln.block for ln in free], last, lambda t: _ends_article(t) or bool(rules.TEASER_START.match(t))
        )
    for i in [*range(first, span[0]), *range(span[1] + 1, last + 1)]:
        classes[i] = "good"
    for i in range(first, last + 1):
        # A sentence inside the article is its prose, whatever its stop words (scores, figures, names).
        if classes[i] != "good" and _inner_sentence(texts[i], feats[i]):
            classes[i] = "good"
    for i in range(first, last + 1):
        # A short line the context pass took in that names the page's interface or is a credit
        # ("Share this story", "Jane Doe / Agency"), and is no sentence: page furniture inside the article.
        text = texts[i]
        if (
            first_pass[i] != "good"
            and len(text.split()) <= 5
            and not rules.CLOSING.search(text)
            and textblocks.furniture_like(text)
        ):
            classes[i] = "bad"
    for i, ln in enumerate(free):
        w.judged[ln.number] = classes[i]
        w.zone[ln.number] = (
            "before" if title is not None and i < title else "header" if i < first else "article" if i <= last else "after"
        )
    if title is not None:
        w.title_line = free[title]
        w.zone[free[title].number] = "title"


FOOTER_PATTERNS = tuple(p for rule, p in rules.REMOVE_PATTERNS if rule == "footer")


def _ends_article(text: str) -> bool:
    """A footer line or the opening of the readers' comments: the article is above it."""
    return any(p.search(text) for p in FOOTER_PATTERNS) or bool(rules.COPYRIGHT.search(text)) or textblocks.opens_comments(text)


def _inner_sentence(text: str, f: textblocks.LineFeatures) -> bool:
    return (
        f.words >= INNER_SENTENCE_WORDS
        and not f.repeated
        and bool(SENTENCE_CLOSE.search(text))
        and not text.endswith(("...", "…"))  # a teaser cut short
        and not textblocks.BANNER.search(text)
    )


SENTENCE_CLOSE = re.compile(r"[.!?。！？][\"'”’»)]?$")


# A line of this many words that ends like a sentence, inside the article, is the article's.
INNER_SENTENCE_WORDS = 10


def _some_content(texts: list[str], skip: set[int], offset: int, lines: int = 3) -> bool:
    """At least `lines` lines of a few words that are no date, byline or piece of the interface."""
    return (
        sum(
            1
            for i, t in enumerate(texts, start=offset)
            if i not in skip and len(t.split()) >= 3 and not textblocks.furniture_like(t)
        )
        >= lines
    )


def _interface(text: str) -> bool:
    return text.lower() in rules.INTERFACE_LINES or any(p.search(text) for _, p in rules.REMOVE_PATTERNS)


def text_furniture(w: Work) -> None:
    """Text captures: what no pass claimed and the classifier judged not to be the article's prose:
    the page around the article, and link lists, share bars and banners inside it."""
    if w.capture.kind != "text" or not w.zone:
        return
    for ln in w.free():
        zone = w.zone.get(ln.number)
        if zone == "after":
            w.remove(ln, "after-article")
        elif zone == "before":
            w.remove(ln, "menu")
        elif w.judged.get(ln.number) != "good":
            w.remove(ln, "page-furniture")


def boilerplate(w: Work) -> None:
    for ln in w.free():
        if ln.text.lower() in rules.INTERFACE_LINES:
            w.remove(ln, "interface")
            continue
        for rule, pattern in rules.REMOVE_PATTERNS:
            if pattern.search(ln.text):
                w.remove(ln, rule)
                break
        else:
            m = rules.ATTRIBUTION.match(ln.text)
            if m:
                w.remove(ln, "attribution")
                w.source_hint = w.source_hint or m.group("source")


def teasers(w: Work) -> None:
    free = w.free()
    for ln in free:
        if ln.number in w.roles or ln.number in w.removed:
            continue
        m = rules.TEASER_INLINE.match(ln.text)
        if m:
            w.keep(ln, "related")
            w.article.related.append(m.group("title").strip())
            continue
        if rules.TEASER_HEADING.match(ln.text):
            w.remove(ln, "teaser-heading")
            for item in _teaser_list(w, ln):
                w.keep(item, "related")
                w.article.related.append(item.text)


def _teaser_list(w: Work, heading: Line) -> list[Line]:
    """Titles listed under a teaser heading: short lines without a closing full stop."""
    items: list[Line] = []
    nxt = w.after(heading)
    first_block = nxt.block if nxt else None
    while nxt and nxt.number not in w.roles and nxt.number not in w.removed:
        if len(nxt.text.split()) > 20 or nxt.text.endswith(".") or w.zone.get(nxt.number) == "title":
            break
        if nxt.block != first_block and items and nxt.block != items[-1].block:
            break
        items.append(nxt)
        nxt = w.after(nxt)
    return items


def _styles(w: Work, kind: str) -> tuple[str, ...]:
    """The credit or caption styles to read this capture with: its outlet's, or all of them."""
    chosen = getattr(w.outlet, f"{kind}_styles", None) if w.outlet else None
    table = rules.CREDIT_STYLES if kind == "credit" else rules.CAPTION_STYLES
    return tuple(table) if chosen is None else chosen


def outlet_hint(w: Work) -> None:
    """The outlet, as early as the capture shows it (signature, address, site name, "Source:" line),
    so that credits and captions are read in its styles."""
    reg = w.registry
    w.outlet = (
        reg.by_signature("\n".join(ln.text for ln in w.lines))
        or reg.by_url(w.article.original_url)
        or reg.by_url(w.capture.meta.get("url"))
        or reg.by_mention(w.capture.meta.get("site_name") or "")
        or reg.by_mention(w.source_hint or "")
    )


def credits(w: Work) -> None:
    styles = _styles(w, "credit")
    agency_credit = rules.CREDIT_STYLES["initials-and-agencies"] if "initials-and-agencies" in styles else None
    contributors = rules.CREDIT_STYLES["reporting-by"] if "reporting-by" in styles else None
    for ln in w.free():
        text = ln.text
        if agency_credit and (m := agency_credit.match(text)):
            agencies = [w.registry.agency(a) or a.strip() for a in m.group("agencies").split(",") if a.strip()]
            if all(w.registry.agency(a) for a in m.group("agencies").split(",") if a.strip()):
                w.keep(ln, "credit")
                _add(w.article.authors, m.group("initials").split("/"))
                _add(w.article.agencies, agencies)
        elif contributors and contributors.match(text):
            w.keep(ln, "credit")
            for names in rules.CONTRIBUTOR_NAMES.finditer(text):
                _add(w.article.authors, _split_names(names.group("names")))
        elif ((m := rules.BYLINE.match(text)) or ln.hint == "byline") and len(text.split()) <= 14 and not w.article.byline:
            w.keep(ln, "byline")
            w.article.byline = text
            authors, agencies = _parse_byline(w.registry, m.group("byline") if m else text)
            _add(w.article.authors, authors)
            _add(w.article.agencies, agencies)


def _split_names(text: str) -> list[str]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", text.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


def _parse_byline(registry: Registry, byline: str) -> tuple[list[str], list[str]]:
    authors, agencies = [], []
    byline = re.sub(r"\s+(in|for)\s+[A-Z][\w ]+$", "", byline)
    for part in _split_names(re.sub(r"[()]", ",", byline)):
        if agency := registry.agency(part):
            agencies.append(agency)
        elif registry.by_name(part):
            continue  # "..., CNN": the outlet, not a person
        elif len(part.split()) <= 4:
            authors.append(part)
    return authors, agencies


def _add(target: list[str], items: list[str]) -> None:
    for item in items:
        if item and item not in target:
            target.append(item)


def captions(w: Work) -> None:
    styles = _styles(w, "caption")
    patterns = [(name, rules.CAPTION_STYLES[name]) for name in styles]
    for fig in w.capture.figures:
        w.article.captions.append(Caption(fig["text"], fig["credit"], fig.get("alt")))
    for ln in w.free():
        if ln.hint in {"figure-caption", "figure-credit"}:
            w.keep(ln, "caption" if ln.hint == "figure-caption" else "caption-credit")
    for ln in w.free():
        if ln.number in w.roles:
            continue
        before = w.before(ln)
        prev_free = (
            before is not None and before.block == ln.block and before.number not in w.roles and before.number not in w.removed
        )
        prev = before if before is not None else ln  # read only when prev_free
        if m := rules.IMAGE_CREDIT_ONLY.match(ln.text):
            if prev_free:
                w.keep(prev, "caption")
                w.keep(ln, "caption-credit")
                w.article.captions.append(Caption(prev.text, m.group("credit").strip()))
            else:
                w.keep(ln, "caption-credit")
                w.article.captions.append(Caption("", m.group("credit").strip()))
            continue
        if len(ln.text) > 1500:
            continue  # a caption is never this long, and the patterns need not be tried on it
        style, m = next(((name, found) for name, p in patterns if (found := p.match(ln.text))), (None, None))
        if m and len(ln.text.split()) <= 80:
            alt = None
            if prev_free and style == "glued-image":
                w.keep(prev, "caption-alt")
                alt = prev.text
            w.keep(ln, "caption")
            w.article.captions.append(Caption(m.group("text").strip(), m.group("credit").strip(), alt))
        elif prev_free and "slash" in styles and rules.SLASH_CREDIT_ONLY.match(ln.text) and len(ln.text.split()) <= 10:
            w.keep(prev, "caption")
            w.keep(ln, "caption-credit")
            w.article.captions.append(Caption(prev.text, ln.text))


def title_and_dates(w: Work) -> None:
    free = w.free()
    dated = []
    for ln in free:
        found = date_line(ln.text)
        if found:
            w.keep(ln, "date")
            dated.append(found)
        elif ln.hint == "time":
            w.remove(ln, "html-time")
    near = _paste_date(w) if w.zone else None
    if near is not None:
        dated = [near]  # a paste: the date next to the headline wins over any in a sidebar
    elif w.zone and (labelled := _labelled_date(w)):
        dated = [labelled]
    if not dated and w.capture.kind == "text" and (from_url := url_date(w.article.original_url)):
        dated.append(("published", from_url))  # "/2019/11/19/..." in the article's address
    published = [d for kind, d in dated if kind == "published"]
    updated = [d for kind, d in dated if kind == "updated"]
    w.article.date = w.capture.meta.get("html_date") or (published[0] if published else None) or (updated[0] if updated else None)
    w.article.updated = updated[0] if updated else None

    if w.capture.kind == "html":
        _html_title(w)
        return
    title_line = w.title_line if w.title_line is not None and w.title_line.number not in w.roles else _text_title(w)
    if title_line is not None:
        w.keep(title_line, "title")
        w.article.title = title_line.text
        for ln in w.free():
            if ln.number < title_line.number:
                w.remove(ln, "menu")


def _near_title(w: Work, before: int = 3, after: int = 15) -> list[Line]:
    """The lines around the headline of a paste, where its date and byline are, nearest first."""
    if w.title_line is None:
        return [ln for ln in w.lines if w.zone.get(ln.number) == "header"]
    i = w.lines.index(w.title_line)
    around = [j for j in range(max(0, i - before), min(len(w.lines), i + after + 1)) if j != i]
    return [w.lines[j] for j in sorted(around, key=lambda j: (abs(j - i), j < i))]


def _date_of(w: Work, ln: Line) -> tuple[str, str] | None:
    """The date a line of a paste carries, if it is a line a date may be taken from: a date line,
    a byline with its date, or a line no pass has claimed."""
    role = w.roles.get(ln.number)
    if ln.number in w.removed or role not in {None, "date", "byline"}:
        return None
    # Without a known headline, a line with more than a date in it may be the headline itself.
    found = date_line(ln.text) or (line_date(ln.text) if w.title_line is not None or role == "byline" else None)
    if found and role is None:
        w.keep(ln, "date")
    return found


def _paste_date(w: Work) -> tuple[str, str] | None:
    for ln in _near_title(w):
        if found := _date_of(w, ln):
            return found
    return None


LABELLED_DATE = re.compile(r"^(published|posted|written|updated|by)\b|\b(published|posted|written by)\b", re.I)


def _labelled_date(w: Work) -> tuple[str, str] | None:
    """Far from the headline, a date only where a label says it is the article's own
    ("Written by Rachael Link, MS, RD on November 14, 2019")."""
    for ln in w.lines:
        if LABELLED_DATE.search(ln.text) and (found := _date_of(w, ln)):
            return found
    return None


def _html_title(w: Work) -> None:
    """The page's headline from its metadata; the <h1> is the title line when it says the same."""
    meta_title = w.capture.meta.get("html_title")
    h1 = next((ln for ln in w.lines if ln.hint == "title" and ln.number not in w.removed and ln.number not in w.roles), None)
    if h1 is not None and (not meta_title or _same_words(h1.text, meta_title)):
        w.keep(h1, "title")
        w.article.title = h1.text
        return
    if h1 is not None:
        w.remove(h1, "html-boilerplate")
    w.article.title = meta_title or None
    if meta_title:
        first = next((ln for ln in w.free() if ln.hint in {"body", "heading"}), None)
        if first is not None and _same_words(first.text, meta_title):
            w.keep(first, "title")


def _same_words(a: str, b: str) -> bool:
    words = re.compile(r"\w+")
    return words.findall(a.lower()) == words.findall(b.lower())


def _text_title(w: Work) -> Line | None:
    """The headline when the page's layout did not show it (a short, clean capture; a headline line
    another pass claimed): the same search as text_layout's (textblocks.find_title) over the lines
    left, with the date and byline lines found since as its marks; else the first line of a few
    words above the prose, or any line of four words or more."""
    lines = [ln for ln in w.lines if ln.number not in w.removed and w.roles.get(ln.number) in {None, "date", "byline"}]
    texts = [ln.text for ln in lines]
    marks = {i for i, ln in enumerate(lines) if ln.number in w.roles}
    excluded = marks | {
        i for i, ln in enumerate(lines) if _masthead(w, ln.text) or (w.zone and textblocks.furniture_like(ln.text))
    }
    prose = next((i for i, ln in enumerate(lines) if i not in marks and _prose_line(w, ln)), len(lines))
    stops = frozenset(textblocks.ascii_fold(s) for s in textblocks.stoplist_for(texts))
    found = textblocks.find_title(texts, w.article.original_url, prose, excluded, stops=stops, marks=marks)
    if found is not None:
        return lines[found]
    head = [
        ln
        for i, ln in enumerate(lines[:prose])
        if i not in excluded and (len(ln.text.split()) >= 2 or len(ln.text) >= 8) and len(ln.text) <= 300
    ]
    if head:
        # A clean capture starts with its headline; in a noisy paste it is the nearest to the prose.
        return head[-1] if w.zone else head[0]
    return next((ln for i, ln in enumerate(lines) if i not in marks and len(ln.text.split()) >= 4), None)


def _prose_line(w: Work, ln: Line) -> bool:
    """Where a paste's article starts: the classifier's article zone, or else the first sentence of some length."""
    if w.zone:
        return w.zone.get(ln.number) == "article"
    return bool(rules.CLOSING.search(ln.text)) and len(ln.text) >= textblocks.LENGTH_LOW


def _masthead(w: Work, text: str) -> bool:
    return len(text.split()) <= 6 and (w.registry.by_name(text) is not None or w.registry.by_signature(text) is not None)


def outlet(w: Work) -> None:
    reg = w.registry
    found = w.outlet or next((o for o in map(reg.by_name, w.article.agencies) if o and o.is_agency), None)
    if not w.article.original_url and w.capture.meta.get("url"):
        w.article.original_url = w.capture.meta["url"]
    w.outlet = found
    if found:
        w.article.source = found.name
    elif w.capture.meta.get("site_name") and not re.match(r"https?://", w.capture.meta["site_name"]):
        w.article.source = w.capture.meta["site_name"]
    elif domain := _site_domain(w.article.original_url):
        w.article.source = domain  # an outlet the registry does not know is named by its address
    if w.article.title:
        for candidate in [found, *reg.outlets]:
            if candidate:
                stripped = candidate.strip_title(w.article.title)
                if stripped != w.article.title:
                    w.article.title = stripped
                    break
    if found and found.is_agency:
        _add(w.article.agencies, [found.name])


def _site_domain(url: str | None) -> str | None:
    """'https://www.ctpost.com/news/...' -> 'ctpost.com' (the registered domain, via tld)."""
    if not url:
        return None
    from tld import get_fld

    try:
        return get_fld(url, fail_silently=True) or None
    except Exception:  # an address tld cannot read: no name from it
        return None


def outlet_boilerplate(w: Work) -> None:
    if not w.outlet:
        return
    for ln in w.free():
        if any(re.search(p, ln.text) for p in w.outlet.boilerplate):
            w.remove(ln, f"boilerplate ({w.outlet.name})")


def lede(w: Work) -> None:
    """A standfirst: marked as such in HTML, between the headline and the date, or the outlet's first paragraph."""
    hinted = [ln for ln in w.free() if ln.hint == "lede"]
    if hinted:
        w.keep(hinted[0], "lede")
        w.article.lede = hinted[0].text
        return
    title_no = next((n for n, r in w.roles.items() if r == "title"), None)
    marks = sorted(n for n, r in w.roles.items() if r in {"date", "byline"})
    if title_no is not None and marks and w.capture.kind == "text":
        between = [ln for ln in w.free() if title_no < ln.number < marks[0]]
        if w.zone and len(between) > 3:
            between = []  # in a noisy paste a standfirst is a line or three, not the article down to a far date
        if w.zone:  # and it is sentences, not a photo credit or a writer's name and title
            between = [ln for ln in between if rules.CLOSING.search(ln.text) and not textblocks.furniture_like(ln.text)]
        if between and len(" ".join(ln.text for ln in between).split()) >= 6:
            for ln in between:
                w.keep(ln, "lede")
            w.article.lede = " ".join(ln.text for ln in between)
            return
    if w.outlet and w.outlet.lede == "first_paragraph":
        first = next((ln for ln in w.free() if ln.hint in {"", "body"}), None)
        if first is not None:
            block = [ln for ln in w.free() if ln.block == first.block]
            for ln in block:
                w.keep(ln, "lede")
            w.article.lede = " ".join(ln.text for ln in block)


def question_teasers(w: Work) -> None:
    if not (w.outlet and w.outlet.question_teasers):
        return
    free = w.free()
    for ln in free:
        alone = sum(1 for other in w.lines if other.block == ln.block) == 1
        if alone and ln.text.endswith("?") and len(ln.text.split()) <= 12 and not re.search(r"[\"“”«]", ln.text):
            w.keep(ln, "related")
            w.article.related.append(ln.text)


def datelines(w: Work) -> None:
    for ln in w.free():
        if (m := rules.DATELINE.match(ln.text)) and (agency := w.registry.agency(m.group("agency"))):
            _add(w.article.agencies, [agency])


def html_leftovers(w: Work) -> None:
    """In a saved page only trafilatura's body is body: a second byline, a related link or a date
    block that no pass took is page furniture."""
    if w.capture.kind != "html":
        return
    for ln in w.free():
        if ln.hint not in {"body", "heading"}:
            w.remove(ln, "html-boilerplate")


def body(w: Work) -> None:
    """What is left is body text: blocks, joined where a sentence was broken, then subheadings."""
    groups: list[list[Line]] = []
    for ln in w.free():
        next_to = bool(groups) and w._position[ln.number] == w._position[groups[-1][-1].number] + 1
        if groups and next_to and groups[-1][-1].block == ln.block and ln.hint not in {"heading"}:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    # Pieces of each block, joined once at the end: a paragraph rebuilt at every join is quadratic.
    pieces: list[tuple[str, list[str], list[int]]] = []
    for group in groups:
        text = " ".join(ln.text for ln in group)
        numbers = [ln.number for ln in group]
        heading = group[0].hint == "heading"
        prev = pieces[-1] if pieces else None
        adjacent = prev is not None and w._position[group[0].number] == w._position[prev[2][-1]] + 1
        if (
            prev
            and adjacent
            and prev[0] == "paragraph"
            and not heading
            and not rules.CLOSING.search(prev[1][-1])
            and text[:1].islower()
        ):
            prev[1].append(text)
            prev[2].extend(numbers)
            continue
        pieces.append(("subheading" if heading else "paragraph", [text], numbers))
    blocks = [Block(kind, " ".join(texts), tuple(numbers)) for kind, texts, numbers in pieces]
    for i, block in enumerate(blocks):
        inner = 0 < i < len(blocks) - 1
        if block.kind == "paragraph" and inner and _is_subheading(block.text) and w.capture.kind == "text":
            blocks[i] = Block("subheading", block.text, block.lines)
    for block in blocks:
        for number in block.lines:
            w.roles[number] = block.kind
    w.article.blocks = blocks


def _is_subheading(text: str) -> bool:
    return len(text.split()) <= 12 and not rules.CLOSING.search(text) and text[:1].isupper()


PASSES = (
    original_url, text_layout, boilerplate, outlet_hint, teasers, credits, captions, html_chrome, title_and_dates,
    outlet, outlet_boilerplate, lede, question_teasers, datelines, html_leftovers, text_furniture, body,
)  # fmt: skip


def clean(capture: Capture, registry: Registry) -> CleanArticle:
    article = CleanArticle(capture=capture.name, sha256=capture.sha256)
    work = Work(capture=capture, registry=registry, article=article)
    for step in PASSES:
        step(work)
    article.language = (work.outlet.language if work.outlet else None) or lang.detect(
        [article.title or "", article.lede or "", *article.paragraphs]
    )
    article.removed = [Removal(n, text, rule) for n, (rule, text) in sorted(work.removed.items())]
    article.kept = dict(sorted(work.roles.items()))
    return article


def problem(article: CleanArticle) -> str | None:
    """Why a cleaned capture is not a recognisable article, or None if it is one."""
    if not article.title:
        return "no recognisable article: no headline found"
    if not article.paragraphs and not article.lede:
        return "no recognisable article: no body text left after cleaning"
    return None
