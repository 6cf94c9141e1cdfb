"""The capture reader and cleaner on the two bundled captures."""

from __future__ import annotations

import pytest
from conftest import ROOT

from dossier.build.pipeline import process
from dossier.model import Rejection
from dossier.outlets import load_registry

CAPTURES = ROOT / "content" / "captures"


def clean_bundled(name: str):
    result = process(name, (CAPTURES / name).read_bytes(), load_registry(), 5_000_000)
    assert not isinstance(result, Rejection), result
    return result


@pytest.fixture(scope="module")
def dw():
    return clean_bundled("000_a299375b2d969efe.txt")


@pytest.fixture(scope="module")
def mt():
    return clean_bundled("002_6f9c142447d4b5cd.txt")


def test_dw_metadata(dw):
    assert dw.title == "Putin pained by Moscow attack, even if not visible — Kremlin"
    assert dw.date == "2024-03-30"
    assert dw.source == "DW"
    assert dw.authors == ["lo", "rc"]
    assert dw.agencies == ["AP", "AFP", "Reuters"]
    assert dw.lede.startswith("The Kremlin says Russian President Vladimir Putin is grappling")


def test_dw_caption_split_from_credit(dw):
    first = dw.captions[0]
    assert (
        first.text
        == "The Kremlin gave no indication if or when the Russian leader plans to visit the relatives of those killed in the attack"
    )
    assert first.credit == "Sputnik/Pavel Byrkin/Kremlin/REUTERS"
    assert first.alt == "Russian President Vladimir Putin chairs a meeting with members of the Security Council via a video link"
    assert dw.captions[1].credit == "SERGEI ILNITSKY/AFP"
    assert not any("Image:" in p for p in dw.paragraphs)


def test_dw_subheadings_and_teaser(dw):
    assert dw.subheadings == [
        "What the Kremlin said",
        "Diplomats lay flowers at venue",
        "Surge in Tajik migrant workers leaving Russia",
    ]
    assert dw.related == ["Who are ISIS-K, the group that hit Russia?"]
    assert dw.paragraphs[-1] == "A claim that Kyiv vehemently denies."


def test_mt_broken_paragraph_is_joined(mt):
    joined = [p for p in mt.paragraphs if "the scene of the massacre where rescue workers" in p]
    assert len(joined) == 1
    assert not any(p == "massacre where rescue workers continue to search beneath the rubble for bodies." for p in mt.paragraphs)


def test_mt_url_repaired_and_metadata(mt):
    assert (
        mt.original_url
        == "https://www.themoscowtimes.com/2024/03/28/no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says-a84665"
    )
    assert mt.source == "The Moscow Times"
    assert mt.byline == "By AFP" and mt.agencies == ["AFP"] and mt.authors == []
    assert mt.date == "2024-03-28"
    assert mt.captions[0].text == "People near Crocus City Hall after the Friday's deadly attack."
    assert mt.captions[0].credit == "Sergei Vedyashkin / Moskva News Agency"
    assert mt.related == ["'I'm Trying to Forget It': Moscow Concert Attack Survivors Grapple With Trauma"]


@pytest.mark.parametrize("name", ["000_a299375b2d969efe.txt", "002_6f9c142447d4b5cd.txt"])
def test_every_line_accounted_for(name):
    article = clean_bundled(name)
    text = (CAPTURES / name).read_text(encoding="utf-8")
    numbers = {n for n, line in enumerate(text.split("\n"), 1) if line.strip()}
    removed = {r.line for r in article.removed}
    assert removed.isdisjoint(article.kept)
    assert numbers == removed | set(article.kept)
