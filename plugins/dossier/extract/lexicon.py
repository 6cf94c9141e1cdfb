"""Word lists for finding names, from the language packs' [names] tables (data/lang/<code>.toml): every
pack's words are used, whatever the article's language. Extend them there, not here.

  role_words          titles and roles stripped from the front of a name ("Russian President Vladimir
                      Putin"), compared lower-cased and in their base form ("Президента" -> "президент")
  demonyms            adjectives of nationality or region: never a name on their own, stripped from the front
  common_capitalised  capitalised words that are not names: sentence openers, weekdays, months, interface words
  org_heads, place_heads, group_heads
                      last words that make a run an organisation, a place or a group
  org_first           first words that make a run an organisation ("Ministry of ...")
  org_nouns_after     a single capitalised word followed by one of these is an organisation ("the Amaq news agency")
  not_names           words that rule out a person reading of a two- or three-word run
"""

from __future__ import annotations

from .. import lang

KEYS = (
    "role_words",
    "demonyms",
    "common_capitalised",
    "org_heads",
    "org_first",
    "place_heads",
    "group_heads",
    "org_nouns_after",
    "not_names",
)


def _every(key: str) -> frozenset[str]:
    for code, pack in lang.packs().items():
        unknown = set(pack.names) - set(KEYS)
        if unknown:
            raise ValueError(f"{lang.HERE / code}.toml [names]: unknown key(s) {', '.join(sorted(unknown))}")
    return frozenset(w for pack in lang.packs().values() for w in pack.names.get(key, []))


ROLE_WORDS = _every("role_words")
DEMONYMS = _every("demonyms")
COMMON_CAPITALISED = _every("common_capitalised")
ORG_HEADS = _every("org_heads")
ORG_FIRST = _every("org_first")
PLACE_HEADS = _every("place_heads")
GROUP_HEADS = _every("group_heads")
ORG_NOUNS_AFTER = _every("org_nouns_after")
NOT_NAMES = _every("not_names")
