"""Language packs (data/lang/<code>.toml): the words and patterns of each language in one place.

The cleaner matches the interface, teaser and byline patterns of every pack (a Russian share bar is
never English text), the date reader knows every pack's month names, figures and names read every
pack's words, and each article's language is detected from its text (English where the text is too
short to tell) and written to the export and the page's `lang`. The search chooses a word's stemmer
by its script (site/index.py and search.js), not by the pack.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

K = TypeVar("K")
HERE = Path(__file__).parent / "data" / "lang"
DEFAULT_LANGUAGE = "en"
# Below this many stop words in the text, the language is not told from it.
MIN_EVIDENCE = 8


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    stoplist: str
    months: tuple[tuple[str, ...], ...] = ()
    updated_labels: tuple[str, ...] = ()
    byline_prefixes: tuple[str, ...] = ()
    interface_lines: tuple[str, ...] = ()
    interface_starts: tuple[str, ...] = ()
    teaser_headings: tuple[str, ...] = ()
    teaser_labels: tuple[str, ...] = ()
    thread_starts: tuple[str, ...] = ()
    date_words: tuple[str, ...] = ()  # small words a date line may hold beside the date ("at", "de", "года")
    # The words of figures (extract/figures.py reads them: [figures.measure.<name>], [figures.words],
    # [figures.events]) and of names (extract/lexicon.py: [names]), as the pack has them.
    figures: dict[str, Any] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def packs() -> dict[str, LanguagePack]:
    out = {}
    for path in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        known = set(LanguagePack.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {
            k: tuple(tuple(m) for m in v) if k == "months" else tuple(v) if isinstance(v, list) else v for k, v in data.items()
        }
        out[data["code"]] = LanguagePack(**values)
    return out


@cache
def every(key: str) -> tuple[str, ...]:
    """A list from every pack, in the order of the packs' codes: the patterns the cleaner matches."""
    return tuple(item for pack in packs().values() for item in getattr(pack, key))


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    import justext

    return {code: frozenset(justext.get_stoplist(p.stoplist)) for code, p in packs().items()}


def most_used(counts: Counter[str], lists: Iterable[tuple[K, frozenset[str]]]) -> tuple[K | None, int]:
    """Of stop-word lists (each with a key), the first whose words the counted words hold most often, and how
    often; (None, 0) when they hold none. The cleaner's prose judge and language detection both ask this."""
    best, best_hits = None, 0
    for key, stops in lists:
        hits = sum(n for w, n in counts.items() if w in stops)
        if hits > best_hits:
            best, best_hits = key, hits
    return best, best_hits


def detect(texts: list[str]) -> str:
    """The pack whose stop words the text uses most; English when it holds too few to tell."""
    counts = Counter(w for t in texts for w in re.findall(r"\w+", t.lower()))
    code, hits = most_used(counts, sorted(_stopwords().items()))
    return code if code is not None and hits >= MIN_EVIDENCE else DEFAULT_LANGUAGE
