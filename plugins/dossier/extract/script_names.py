"""Names across scripts: "Дмитрий Песков", "Пескова", "Пескову" and "Dmitry Peskov" are one person.

Cyrillic words are reduced to their base form (nominative) with pymorphy3, preferring its readings as a
first name, surname, patronymic, place or organisation, and names are compared in Latin letters
(unidecode), so a transliteration's small differences (Dmitrii/Dmitry, Aleksandr/Alexander) are
judged like any spelling variant.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

CYRILLIC = re.compile("[\u0400-\u04ff]")
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
# Two spellings of a name in Latin letters at least this similar (rapidfuzz ratio) are one name.
SAME_NAME = 80


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """The nominative of a Cyrillic word, capitalised as the word was; any other word as it is."""
    if not CYRILLIC.search(word) or word.isupper():
        return word  # Latin, or an abbreviation ("ФСБ")
    parses = _morph().parse(word)
    if not parses:
        return word
    proper = [p for p in parses if PROPER & p.tag.grammemes]
    form = (proper or parses)[0].normal_form
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


@lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    """pymorphy3 reads this Cyrillic word as a surname ("Пескова")."""
    return bool(CYRILLIC.search(word)) and any("Surn" in p.tag.grammemes for p in _morph().parse(word))


def base_name(name: str) -> str:
    return " ".join(base_form(w) for w in name.split())


@lru_cache(maxsize=65536)
def latin(name: str) -> str:
    """A name in lower-case Latin letters, its Cyrillic words first brought to their base form."""
    return " ".join(unidecode(base_form(w)).lower() for w in name.split())


def same_person(a: str, b: str) -> bool:
    """Two person names, in any script: the same surname, and first names that agree where both have one."""
    la, lb = latin(a).split(), latin(b).split()
    if not la or not lb or la[-1] != lb[-1]:
        return False
    if len(la) == 1 or len(lb) == 1:
        return True
    return la[0][:1] == lb[0][:1] and fuzz.ratio(" ".join(la), " ".join(lb)) >= SAME_NAME


def leading_non_names(words: list[str]) -> int:
    """How many leading Cyrillic words of a run are not part of the person's name that follows:
    "России Дмитрий Песков", "Кремля Дмитрий Песков" (a first name and a surname, after a place or body)."""
    names = [bool(CYRILLIC.search(w)) and _personal(w) for w in words]
    if len(words) < 3 or not all(names[-2:]):
        return 0
    lead = 0
    while lead < len(words) - 2 and not names[lead]:
        lead += 1
    return lead


@lru_cache(maxsize=65536)
def _personal(word: str) -> bool:
    return any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in _morph().parse(word)[:3])
