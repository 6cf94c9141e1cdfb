"""Topics find what they should: phrases on word forms, entities, measures, and headlines; recall on a gold list."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import FIXTURES, ROOT, build_site, load_export
from test_figures_events import events_content

from dossier.extract import editor_files
from dossier.extract.topics import Topic, article_topics, forms_of, load_topics, paragraph_topics

GOLD = tomllib.loads((FIXTURES / "events" / "topics_gold.toml").read_text(encoding="utf-8"))["captures"]


def topic(phrases=(), entities=(), measures=()):
    return Topic("T", "t", forms=forms_of(phrases), entities=tuple(entities), measures=tuple(measures))


@pytest.mark.parametrize(
    ("phrase", "paragraph"),
    [
        ("Kyiv denies", "Kyiv denied any part in it."),
        ("migrants", "A Tajik migrant said he was afraid."),
        ("claimed responsibility", "The group claims responsibility for the attack."),
        ("accuses Ukraine", "Moscow has accused Ukraine of helping the gunmen."),
        ("Ukraine was involved", "He insisted that Ukraine was involved somehow."),
        ("memorial", "People laid flowers at makeshift memorials."),
    ],
)
def test_phrases_match_word_forms(phrase, paragraph):
    assert paragraph_topics(paragraph, set(), (topic([phrase]),))


@pytest.mark.parametrize(
    ("phrase", "paragraph"),
    [
        ("the dead", "It was the deadliest attack in two decades."),
        ("Kyiv denies", "Kyiv's mayor spoke; nobody denies it."),
        ("claimed responsibility", "The claimant said nothing about responsibility."),
    ],
)
def test_word_forms_are_not_prefixes(phrase, paragraph):
    assert not paragraph_topics(paragraph, set(), (topic([phrase]),))


def test_a_paragraph_with_a_casualty_claim_covers_a_topic_of_that_measure():
    casualties = topic(measures=["killed", "wounded"])
    assert paragraph_topics("The attack on Crocus City Hall killed at least 137 people.", set(), (casualties,))
    assert paragraph_topics("The number of people injured has risen to 182.", set(), (casualties,))
    assert not paragraph_topics("Police detained 11 people.", set(), (casualties,))
    # A toll of another event is not this event's.
    assert not paragraph_topics("During the 2002 Moscow theatre siege, 130 hostages died.", set(), (casualties,))


def test_entities_cover_a_topic():
    assert paragraph_topics("He spoke.", {"dmitry-peskov"}, (topic(entities=["dmitry-peskov"]),))


def test_a_headline_counts_for_the_whole_article():
    accusations = topic(["accuses Ukraine"])
    found = article_topics(
        "Russia accuses Ukraine of role in attack", ["Nobody said anything.", "Nor here."], [set(), set()], (accusations,)
    )
    assert found == {"T": []}
    assert article_topics("Something else", ["Nobody said anything."], [set()], (accusations,)) == {}


def test_topics_file_measures_are_checked(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topic]]\nname = "Toll"\nmeasures = ["kiled", "wounded"]\n', encoding="utf-8")
    with pytest.raises(editor_files.EditorFileError) as err:
        load_topics(path)
    assert err.value.problems == [
        f'{path}: [[topic]] 1 ("Toll"), key "measures": "kiled" is not a measure; did you mean "killed"? '
        "measures: killed, wounded, missing, detained, hospitalised, suspects (a new one goes in measures.toml)"
    ]
    path.write_text('[[topic]]\nname = "Toll"\nmeasures = "killed"\n', encoding="utf-8")
    with pytest.raises(
        editor_files.EditorFileError,
        match=r'key "measures": expected a list of strings, got a string \("killed"\); write \["killed"\]',
    ):
        load_topics(path)


def test_a_phrase_with_no_word_is_a_problem(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topic]]\nname = "Dots"\nphrases = ["..."]\n', encoding="utf-8")
    with pytest.raises(editor_files.EditorFileError, match=r'key "phrases": "..." has no word to match'):
        load_topics(path)


# --- on a real site, against the gold list ----------------------------------------------------


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("topics")
    return load_export(build_site(tmp, content=events_content(tmp)))


def pairs(export) -> tuple[set, set]:
    gold = {(c, t) for c, ts in GOLD.items() for t in ts}
    found = {(a["capture"], t) for a in export["articles"] for t in a["topics"]}
    return gold, found


def test_topic_recall_on_the_gold_list_is_stated_in_the_readme(export):
    gold, found = pairs(export)
    assert {a["capture"] for a in export["articles"]} == set(GOLD), "the gold list covers every article"
    hits = len(gold & found)
    assert hits / len(gold) >= 0.95
    assert found <= gold, f"pairs the gold list does not hold: {sorted(found - gold)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = f"{hits / len(gold):.3f}".removeprefix("0")
    assert re.search(rf"\| recall \| [^|]+ \| {shown} \({hits} of {len(gold)}\) \|", readme)


def test_every_article_that_gives_a_toll_is_in_the_casualties_topic(export):
    tolls = {c["article"] for f in export["figures"] if f["measure"] in {"killed", "wounded"} for c in f["claims"]}
    casualties = next(t for t in export["topics"] if t["name"] == "Casualties")
    assert tolls and tolls <= set(casualties["articles"])


def test_headlines_would_add_what_paragraphs_miss(export):
    """The headline rule, on the same articles (the build's topic step gives paragraphs only; see the README)."""
    topics = load_topics(ROOT / "content" / "topics.toml")
    mentions: dict[tuple[str, int], set[str]] = {}
    for e in export["entities"]:
        for m in e["mentions"]:
            mentions.setdefault((m["article"], int(m["paragraph"][1:])), set()).add(e["id"])
    for a in export["articles"]:
        ids = [mentions.get((a["slug"], n), set()) for n in range(1, len(a["paragraphs"]) + 1)]
        found = article_topics(a["title"], a["paragraphs"], ids, topics)
        assert set(a["topics"]) <= set(found)
        assert set(found) <= set(GOLD[a["capture"]]), a["capture"]


@pytest.mark.parametrize("number", ["Sixty", "Nineteen", "Thirteen", "A million", "Ninety-one"])
def test_a_claim_written_in_any_number_word_covers_a_topic_of_its_measure(number):
    """The topics' quick number test had its own short list of number words ("sixty" was not in it), so a claim
    the figures found could miss its topic; it now takes the measure table's words, from the language packs."""
    casualties = Topic("Casualties", "casualties", measures=("killed",))
    assert [t.name for t in paragraph_topics(f"{number} people were killed in the attack.", set(), (casualties,))] == [
        "Casualties"
    ]
