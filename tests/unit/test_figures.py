"""Numeric claims: values, qualifiers, measures, and what is not a figure."""

from __future__ import annotations

import pytest

from dossier.build.pipeline import sentence_spans
from dossier.extract.figures import MEASURES_FILE, FigureClaim, find_claims, group, load_measures, measures, word_value


def claims(text: str) -> list[tuple]:
    return [(c.measure, c.value, c.low, c.high, c.qualifier) for c in find_claims([text], [sentence_spans(text)])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack left at least 144 people dead.", ("killed", 144, 144, 144, "at least")),
        ("At least 143 dead and 360 others wounded.", ("killed", 143, 143, 143, "at least")),
        ("Gunmen killed more than 130 people.", ("killed", 130, 130, 130, "more than")),
        ("The death toll rose to 137, officials said.", ("killed", 137, 137, 137, None)),
        ("The number of people killed has risen to 133.", ("killed", 133, 133, 133, None)),
        ("Nearly 100 people were injured.", ("wounded", 100, 100, 100, "nearly")),
        ("About 60 were hurt in the crush.", ("wounded", 60, 60, 60, "about")),
        ("Up to 1,200 people were detained.", ("detained", 1200, 1200, 1200, "up to")),
        ("One hundred and thirty-seven people were killed.", ("killed", 137, 137, 137, None)),
        ("Four people died overnight.", ("killed", 4, 4, 4, None)),
        ("Hundreds of injured people were treated.", ("wounded", None, 200, 999, None)),
        ("Dozens of people were killed.", ("killed", None, 24, 99, None)),
        ("Police held eleven suspects overnight.", ("suspects", 11, 11, 11, None)),
        ("Four men were killed in the raid.", ("killed", 4, 4, 4, None)),
        ("Police arrested another 3 people.", ("detained", 3, 3, 3, None)),
        ("The number of people held over the assault has risen to 11.", ("detained", 11, 11, 11, None)),
        ("At least 95 people are still missing.", ("missing", 95, 95, 95, "at least")),
    ],
)
def test_claims(text, expected):
    assert claims(text)[0] == expected


def test_two_claims_in_one_sentence():
    assert [c[:2] for c in claims("The massacre left at least 143 dead and 360 others wounded.")] == [
        ("killed", 143),
        ("wounded", 360),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The deadliest attack since the 2004 Beslan school siege.",
        "Gunmen stormed the hall on March 22, opening fire.",
        "It happened on 22 March in the evening.",
        "The concert was due to start at 8:00 p.m.",
        "A 15-year-old boy helped people escape.",
        "Victims aged 12 and 80 were named.",
        "The G7 and the Su-34 were mentioned, see https://example.com/144-dead",
        "Two days after the attack, things were calm.",
        "The venue seats 6,200. It was 50% full.",
        "All four are citizens of Tajikistan.",
        "Putin spoke for five minutes.",
        # A bare plural noun is no measure: only a registered measure or a casualty word makes one.
        "A Moscow court charged four men with committing a terrorist act.",
        "The court said the suspects, a father and two sons, had provided the attackers with housing.",
        "Some 130 diplomats laid flowers.",
        "The snow was 6 inches deep.",
        "Four of the suspected gunmen are Tajik citizens.",
    ],
)
def test_not_figures(text):
    assert claims(text) == []


def test_the_counted_are_not_the_measure_when_they_act():
    assert [c[:2] for c in claims("Four gunmen killed 137 people.")] == [("suspects", 4), ("killed", 137)]
    assert [c[:2] for c in claims("144 killed, 360 wounded.")] == [("killed", 144), ("wounded", 360)]


def test_part_of_a_count_is_not_counted_under_the_whole():
    text = "Russia's Investigative Committee said 11 people had been detained, including four suspected gunmen."
    assert [c[:2] for c in claims(text)] == [("detained", 11), ("suspects", 4)]


def test_a_new_measure_is_a_table_entry(tmp_path):
    shipped = MEASURES_FILE.read_text(encoding="utf-8")
    table = tmp_path / "measures.toml"
    table.write_text(shipped + '\n[[measure]]\nname = "diplomats"\nnouns = ["diplomats"]\n', encoding="utf-8")
    text = "Some 130 diplomats laid flowers."
    assert claims(text) == []
    found = find_claims([text], [sentence_spans(text)], load_measures(table))
    assert [(c.measure, c.value, c.qualifier) for c in found] == [("diplomats", 130, "some")]


def test_a_broken_measure_table_names_its_table_and_key(tmp_path):
    table = tmp_path / "measures.toml"
    table.write_text('[[measure]]\nname = "killed"\nafter = "dead"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"measures\.toml: \[\[measure\]\] 1, key 'after': expected a list"):
        load_measures(table)


def test_shipped_key_figures():
    assert measures().key_measures == ("killed", "wounded", "missing", "detained")


def test_word_values():
    assert word_value("one hundred and thirty-seven") == 137
    assert word_value("twenty-one") == 21
    assert word_value("two thousand three hundred") == 2300


def test_group_flags_discrepancy_and_same_day_disagreement():
    def claim(source, date, value):
        return FigureClaim("killed", value, value, value, None, "s", 1, 0, 1, article=source.lower(), source=source, date=date)

    rising = group([claim("A", "2024-03-23", 133), claim("B", "2024-03-28", 143)])[0]
    assert rising.discrepancy and rising.same_day_disagreements == []
    clash = group([claim("A", "2024-03-28", 143), claim("B", "2024-03-28", 144)])[0]
    assert clash.discrepancy and clash.same_day_disagreements == ["2024-03-28"]
    agree = group([claim("A", "2024-03-28", 143), claim("B", "2024-03-29", 143)])[0]
    assert not agree.discrepancy


def test_a_language_pack_brings_its_own_figure_words():
    """A language's words for figures live in its pack ([figures.measure.<name>], [figures.words]): a new
    language's pack is all a figure in that language needs."""
    from dossier import lang

    portuguese = lang.LanguagePack(
        "pt",
        "Portuguese",
        "Portuguese",
        figures={
            "measure": {"killed": {"after": ["mortos"]}},
            "words": {"qualifiers": ["pelo menos"]},
            "numbers": {"words": {"trinta": 30, "dois": 2}},
        },
    )
    text = "O ataque deixou pelo menos 139 mortos. Depois, trinta mortos."
    assert claims(text) == []
    table = load_measures(packs={**lang.packs(), "pt": portuguese})
    found = find_claims([text], [sentence_spans(text)], table)
    assert [(c.measure, c.value, c.qualifier) for c in found] == [("killed", 139, "pelo menos"), ("killed", 30, None)]


def test_a_pack_naming_a_measure_the_table_lacks_is_an_error():
    from dossier import lang

    pack = lang.LanguagePack("xx", "X", "English", figures={"measure": {"kiled": {"after": ["dead"]}}})
    with pytest.raises(ValueError, match=r"xx\.toml \[figures\]: measure 'kiled' is not in measures\.toml"):
        load_measures(packs={"xx": pack})
