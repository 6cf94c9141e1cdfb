"""Figures hold the event's claims only: numbers about other events are set aside with their reason, an editor
settles the rest (editorial.toml), key figures are chosen, and the kind of difference is said.

The site is the bundled dossier plus tests/fixtures/events/ (articles that mention the tolls of Beslan 2004,
the 2002 Moscow theatre siege, last year's attack; a same-day conflict; an editor's exclusion and move) and
five gold captures that give tolls."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.build.pipeline import sentence_spans
from dossier.extract import editor_files, editorial
from dossier.extract.figures import find_claims, group, other_event

EVENTS = FIXTURES / "events"
GOLD_TOLLS = ["ap_text.txt", "aljazeera_text.txt", "reuters_crlf.txt", "dw_text.txt", "moscowtimes_text.txt"]


def events_content(tmp, editorial_file: bool = True):
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    for capture in [*EVENTS.glob("*.txt"), *(FIXTURES / "gold" / n for n in GOLD_TOLLS)]:
        shutil.copy(capture, content / "captures")
    if editorial_file:
        shutil.copy(EVENTS / "editorial.toml", content / "editorial.toml")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("events")
    return build_site(tmp, content=events_content(tmp))


@pytest.fixture(scope="module")
def export(site):
    return load_export(site)


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def figure(export, measure):
    return next(f for f in export["figures"] if f["measure"] == measure)


# --- sentence cues, without a site ---------------------------------------------------------


def read(text):
    return [(c.measure, c.value, c.other_event, c.other_year) for c in find_claims([text], [sentence_spans(text)])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A relative clause leads from the comparison to the number: the number is the other event's.
        (
            "It was the deadliest attack in Russia since the 2004 Beslan school siege, in which 334 people died.",
            [("killed", 334, "the 2004 Beslan school siege", 2004)],
        ),
        # The number comes before the comparison: it is the event's own.
        (
            "The attack, which killed at least 137 people, was the deadliest since the 2004 Beslan school siege.",
            [("killed", 137, None, None)],
        ),
        ("During the 2002 Moscow theatre siege, 130 hostages died.", [("killed", 130, "the 2002 Moscow theatre siege", 2002)]),
        ("Last year's attack on a cafe killed one person.", [("killed", 1, "Last year's attack on a cafe", None)]),
        ("The deadliest since the Beslan school siege, which killed 334 people.", [("killed", 334, "Beslan school siege", None)]),
        ("Unlike in 2004, this time 144 people died.", [("killed", 144, None, None)]),
        ("The attack was the deadliest since 2004, killing 144 people.", [("killed", 144, None, None)]),
        ("On March 22, 2024, gunmen killed 144 people.", [("killed", 144, None, None)]),
        # "last week's attack" is the event itself.
        ("ISIS-K claimed last week's attack, which left 143 dead.", [("killed", 143, None, None)]),
    ],
)
def test_sentence_cues_place_a_number_in_another_event(text, expected):
    assert read(text) == expected


def test_a_year_of_the_event_itself_names_no_other_event():
    (claim,) = find_claims(["In 2024, 144 people were killed."], [sentence_spans("In 2024, 144 people were killed.")])
    claim.date, claim.article = "2024-03-30", "a"
    (f,) = group([claim], edits={})
    assert [c.value for c in f.claims] == [144] and f.set_aside == []
    claim.date = "2025-03-30"  # a year later, "in 2024" is another time
    (f,) = group([claim], edits={})
    assert f.claims == [] and [c.set_aside for c in f.set_aside] == ["about another event: 2024"]


def test_other_event_reads_within_the_clause():
    text = "In 2004, 334 people died at Beslan; on Friday, 144 died at Crocus City Hall."
    assert other_event(text, text.index("144"), text.index("144") + 3) is None
    assert other_event(text, text.index("334"), text.index("334") + 3).year == 2004


# --- the site --------------------------------------------------------------------------------


def test_killed_figure_holds_only_the_events_claims(export):
    killed = figure(export, "killed")
    assert sorted({c["value"] for c in killed["claims"]}) == [133, 137, 139, 143, 144]
    aside = {(c["source"], c["value"]): c["reason"] for c in killed["set_aside"]}
    assert aside == {
        ("TASS", 334): "about another event: the 2004 Beslan school siege",
        ("RFE/RL", 130): "about another event: the 2002 Moscow theatre siege",
        ("RFE/RL", 334): "about another event: names Beslan, where another claim of the same number was set aside",
        ("RFE/RL", 1): "about another event: Last year's attack on a cafe in St Petersburg",
        ("RFE/RL", 22): "excluded by the editor: The attack on a synagogue in Dagestan, not the Crocus City Hall attack.",
    }
    article = next(a for a in export["articles"] if a["capture"] == "rferl_history.txt")
    assert [(c["measure"], c["value"]) for c in article["figures"]] == [("killed", 137)], (
        "set-aside claims are not the article's figures"
    )


def test_set_aside_claims_are_on_the_figure_page_with_their_reason(site):
    page = soup(site / "figures" / "killed.html")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in page.select("table.set-aside tbody tr")]
    assert ("TASS", "2024-03-24", "334", "about another event: the 2004 Beslan school siege") in [tuple(r[:4]) for r in rows]
    assert all("334" not in tr.find_all("td")[2].get_text() for tr in page.select("table.claims:not(.set-aside) tbody tr"))
    # The quote links back to its paragraph.
    assert all("#p" in tr.find_all("td")[4].find("a")["href"] for tr in page.select("table.set-aside tbody tr"))


def test_an_editor_moves_a_claim_and_both_figures_say_so(export):
    detained = figure(export, "detained")
    assert ("The Moscow Times", 11) in [(c["source"], c["value"]) for c in detained["claims"]]
    (moved,) = figure(export, "suspects")["set_aside"]
    assert (moved["measure"], moved["moved_to"], moved["value"]) == ("suspects", "detained", 11)
    assert moved["reason"] == "moved to detained by the editor: The 11 were detained: held here means taken into custody."


def test_export_validates_with_set_aside_claims(export):
    schema = json.loads((ROOT / "schema/dossier.schema.json").read_text())
    jsonschema.validate(export, schema)
    assert export["schema_version"] == 2


def test_key_figures_are_the_chosen_measures(site, export):
    page = soup(site / "index.html")
    assert [kf.h3.get_text() for kf in page.select(".kf")] == ["Killed", "Wounded", "Missing", "Detained"]
    # "4 men" (Reuters), "two sons" (The Moscow Times), "130 diplomats" (DW) are no measures of their own.
    assert [f["measure"] for f in export["figures"]] == ["killed", "wounded", "missing", "detained", "suspects"]


def test_bundled_key_figures(bundled_site, bundled_export):
    """The bundled dossier lost its "Diplomats: 130" figure (a bare plural noun); its key figures are the chosen ones."""
    assert [f["measure"] for f in bundled_export["figures"]] == ["killed", "wounded"]
    assert [kf.h3.get_text() for kf in soup(bundled_site / "index.html").select(".kf")] == ["Killed", "Wounded"]


def test_change_over_time_and_same_day_conflict_are_labelled(site):
    card = next(kf for kf in soup(site / "index.html").select(".kf") if kf.h3.get_text() == "Killed")
    assert card.select_one(".kf-range").get_text() == "133–144"
    assert card.select_one(".kf-change").get_text() == "Rose from 133 (23 March) to at least 144 (30 March)"
    assert card.select_one(".kf-conflict").get_text() == (
        "Sources disagree: 143 (The Moscow Times) vs at least 144 (DW), same day (30 March)"
    )
    wounded = next(kf for kf in soup(site / "index.html").select(".kf") if kf.h3.get_text() == "Wounded")
    assert wounded.select_one(".kf-change").get_text() == "Rose from at least 182 (24 March) to 360 (28 March)"
    assert not wounded.select(".kf-conflict")
    assert "DW hundreds (200–999)" in wounded.get_text(), "a range is shown as a range"
    page = soup(site / "figures" / "killed.html")
    note = page.select_one(".discrepancy").get_text(" ", strip=True)
    assert "Sources disagree: 143 (The Moscow Times) vs at least 144 (DW), same day (30 March)." in note
    assert "rose from 133 (23 March) to at least 144 (30 March)" in note
    wounded_page = soup(site / "figures" / "wounded.html").select_one(".discrepancy").get_text(" ", strip=True)
    assert wounded_page.startswith("Changed over time: rose from at least 182 (24 March) to 360 (28 March).")


def test_key_figures_setting_chooses_them(tmp_path):
    site = build_site(tmp_path, content=events_content(tmp_path), DOSSIER_KEY_FIGURES=["suspects", "killed"])
    assert [kf.h3.get_text() for kf in soup(site / "index.html").select(".kf")] == ["Suspects", "Killed"]


def test_key_figures_setting_names_measures(tmp_path):
    with pytest.raises(
        SystemExit, match=r'DOSSIER_KEY_FIGURES: item 1 \(a string \("men"\)\) is not a measure; measures: killed'
    ):
        build_site(tmp_path, {}, DOSSIER_KEY_FIGURES=["men"])


def test_without_the_editor_the_claims_are_counted(tmp_path):
    site = build_site(tmp_path, content=events_content(tmp_path, editorial_file=False))
    export = load_export(site)
    assert 22 in [c["value"] for c in figure(export, "killed")["claims"]]
    assert [c["value"] for c in figure(export, "suspects")["claims"]] == [4, 11]


def test_an_editors_quote_that_matches_no_claim_is_reported(tmp_path, caplog):
    content = events_content(tmp_path, editorial_file=False)
    (content / "editorial.toml").write_text(
        '[[captures."tass_beslan.txt".claims]]\nquote = "999 people"\nexclude = true\nreason = "A typo."\n', encoding="utf-8"
    )
    build_site(tmp_path, content=content)
    assert any(
        'editorial.toml: [[captures."tass_beslan.txt".claims]] 1, key "quote": matches no figure claim in' in r.getMessage()
        for r in caplog.records
    )


# --- the editorial file's new keys are checked --------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('quote = "x"\nexclude = true\n', 'claims]] 1: key "reason" is missing (required)'),
        ('quote = "x"\nreason = "r"\n', 'claims]] 1: say what to do with the claim: exclude = true, or measure = "<measure>"'),
        (
            'quote = "x"\nreason = "r"\nexclude = true\nmeasure = "killed"\n',
            'claims]] 1, key "measure": give either exclude = true or a measure, not both',
        ),
        (
            'quote = "x"\nreason = "r"\nmeasure = "kiled"\n',
            'claims]] 1, key "measure": "kiled" is not a measure; did you mean "killed"?',
        ),
        (
            'quote = "x"\nreason = "r"\nexclude = "true"\n',
            'claims]] 1, key "exclude": expected true or false, got a string ("true"); write true without quotes',
        ),
        ('quote = ""\nreason = "r"\nexclude = true\n', 'claims]] 1, key "quote": is an empty string'),
        ('quote = "x"\nreason = "r"\nexclude = false\n', 'claims]] 1, key "exclude": exclude = false changes nothing'),
        ('quote = "x"\nreason = "r"\nexclude = true\nwhy = "?"\n', "claims]] 1: unknown fields ['why']"),
    ],
)
def test_claim_edits_are_checked(tmp_path, toml, problem):
    (tmp_path / "captures").mkdir()
    (tmp_path / "captures" / "a.txt").write_text("x", encoding="utf-8")
    path = tmp_path / "editorial.toml"
    path.write_text(f'[[captures."a.txt".claims]]\n{toml}', encoding="utf-8")
    with pytest.raises(editor_files.EditorFileError) as err:
        editorial.load(path, tmp_path / "captures")
    (line,) = err.value.problems
    assert line.startswith(f'{path}: [[captures."a.txt".')
    assert problem in line


def test_claims_must_be_an_array_of_tables(tmp_path):
    path = tmp_path / "editorial.toml"
    path.write_text('[captures."a.txt".claims]\nquote = "x"\n', encoding="utf-8")
    with pytest.raises(editor_files.EditorFileError, match=r'\[captures."a.txt"\], key "claims": expected \[\[...\]\] tables'):
        editorial.load(path)


def test_a_repeated_quote_is_one_problem(tmp_path):
    path = tmp_path / "editorial.toml"
    edit = '[[captures."a.txt".claims]]\nquote = "x"\nreason = "r"\nexclude = true\n'
    path.write_text(edit * 2, encoding="utf-8")
    with pytest.raises(editor_files.EditorFileError) as err:
        editorial.load(path)
    assert err.value.problems == [f'{path}: [[captures."a.txt".claims]] 2, key "quote": "x" is already the quote of table 1']
