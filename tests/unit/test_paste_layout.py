"""Pasted pages ("select all, copy"): where the headline, the standfirst and the article are.

Synthetic pastes built the way real ones come (menus, teaser lists, share bars, bylines and dates
around the article), so that each test can fail on the one feature it is about."""

from __future__ import annotations

from dossier.build.analyse import clean_capture
from dossier.clean import textblocks
from dossier.model import Rejection
from dossier.outlets import load_registry

MENU = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Weather"]
PROSE = [
    "The council voted on Tuesday to close the old bridge for repairs, after engineers found that the "
    "steel beams under the road had rusted far more than they had expected when they last looked.",
    "Residents who cross the river every day to get to work will have to use the ferry or drive around "
    "through the next town, which the council said would add about twenty minutes to each journey.",
    "The work is expected to take at least six months and will cost more than the town had set aside for "
    "it, so the council said it would ask the regional government for help with the bill this winter.",
    "Several shop owners near the bridge said that they were worried about losing customers during the "
    "repairs, and asked the council to put up signs that show people how to reach the high street.",
]
FOOTER = ["About us", "Contact", "Privacy Policy", "© 2019 The Example Gazette"]


def paste(*parts: list[str], url: str = "https://example.org/news/2019/item-48213") -> bytes:
    lines: list[str] = []
    for part in parts:
        lines += [*part, ""]
    return ("\n".join(lines) + f"\nOriginal url: {url}\n").encode()


def clean(data: bytes):
    article = clean_capture("page.txt", data, load_registry(), 5_000_000)
    assert not isinstance(article, Rejection), article
    return article


def test_the_headline_is_the_line_above_the_byline_not_a_longer_teaser_nearer_the_prose():
    teasers = [
        "Why the price of steel has doubled in two years and what it means for builders",
        "Five bridges across the country that engineers say need repairs soon",
        "How one small town paid for its new library without raising taxes",
    ]
    article = clean(
        paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], ["Related"], teasers, PROSE, FOOTER)
    )
    assert article.title == "Bridge closed for repairs"
    assert article.date == "2019-11-19"
    assert " ".join(article.paragraphs).startswith("The council voted on Tuesday")


def test_a_name_under_an_author_label_is_not_the_headline():
    header = [
        "Bridge closed for repairs after engineers find rust",
        "Author:",
        "Gazette Editorial Staff",
        "Publish date:",
        "Nov 19, 2019",
    ]
    article = clean(paste(MENU, header, PROSE, FOOTER))
    assert article.title == "Bridge closed for repairs after engineers find rust"


def test_a_standfirst_in_a_paste_is_sentences_not_a_credit_or_a_name():
    header = [
        "Bridge closed for repairs",
        "The town's only bridge will be shut for six months while its beams are replaced.",
        "(John Doe / Example Agency)",
        "By Jane Smith",
        "November 19, 2019",
    ]
    article = clean(paste(MENU, header, ["Share", "Tweet", "Email"], PROSE, FOOTER))
    assert article.title == "Bridge closed for repairs"
    assert article.lede == "The town's only bridge will be shut for six months while its beams are replaced."
    assert "John Doe" not in (article.lede or "")


def test_find_title_anchor_skips_labels_and_prefers_the_headline_over_a_section_label():
    texts = ["Home", "NEWS", "Bridge closed for repairs after engineers find rust", "By Jane Smith", "Nov 19, 2019", PROSE[0]]
    assert textblocks.find_title(texts, None, 5, marks={3, 4}) == 2
    # without the byline and date to go by, the same line is found in the window above the prose
    assert textblocks.find_title(texts[:3] + texts[5:], None, 3) == 2
