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


def test_a_share_bar_between_the_standfirst_and_the_prose_is_not_the_article():
    header = [
        "Bridge closed for repairs",
        "The town's only bridge will be shut for six months while its beams are replaced.",
        "By Jane Smith",
        "November 19, 2019",
    ]
    article = clean(paste(MENU, header, ["Share this story", "Tweet", "Pin"], PROSE, FOOTER))
    kept = " ".join([article.lede or "", *article.paragraphs])
    assert "Share this story" not in kept
    assert "The council voted on Tuesday" in kept


def test_a_list_of_other_headlines_under_the_article_ends_it():
    teasers = [
        "Why the price of steel has doubled in two years and what it means for builders",
        "Five bridges across the country that engineers say need repairs soon",
        "How one small town paid for its new library without raising taxes",
        "The ferry that has carried commuters across the river for a hundred years",
    ]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], PROSE, teasers, FOOTER))
    assert article.paragraphs and "ferry that has carried" not in " ".join(article.paragraphs)
    assert " ".join(article.paragraphs).endswith("reach the high street.")


def test_a_list_the_article_introduces_is_kept():
    items = ["Two new steel beams under the road", "A wider footpath on the north side", "New lights along both railings"]
    body = [*PROSE[:3], "The repairs will bring:", *items, PROSE[3]]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    assert "A wider footpath on the north side" in " ".join(article.paragraphs)


def test_a_long_run_of_sentences_with_few_stop_words_is_prose_when_its_neighbours_are():
    recipe = (
        "Quinoa bowl with tomatoes. Ingredients: half cup quinoa, one cup water, two tomatoes, fresh basil, olive oil, "
        "salt. Rinse the quinoa well. Boil the water, add quinoa, simmer ten minutes. Chop tomatoes and basil. "
        "Combine everything in a bowl."
    )
    stops = textblocks.stoplist_for(PROSE)
    feats = textblocks.features([recipe], [1], stops)[0]
    assert feats.stop_density < textblocks.STOPWORDS_LOW
    assert textblocks.classify(feats, text=recipe) == "near-good"
    # the same words without sentences are a tag cloud, and stay out
    cloud = recipe.replace(".", "")
    assert textblocks.classify(textblocks.features([cloud], [1], stops)[0], text=cloud) == "bad"


def test_comments_stamped_with_a_date_and_time_are_not_the_article():
    comments = []
    for n, (name, hour) in enumerate([("Milan", "4:47 pm"), ("Alex", "6:34 am"), ("Gary", "8:50 pm")]):
        comments += [
            f"{name} on November {12 + n}, 2019 at {hour} said:",
            "I read the whole report and I think that the council should have closed the bridge much earlier than it did.",
        ]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], PROSE, comments, FOOTER))
    body = " ".join(article.paragraphs)
    assert body.endswith("reach the high street.")
    assert "said:" not in body and "I read the whole report" not in body


def test_a_dateline_and_a_closing_timestamp_do_not_cut_the_article():
    body = [PROSE[0], "Updated: 19 November 2019, 09:01 AM", *PROSE[1:], "First Published: Tuesday, November 19, 2019 08:38 AM"]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], body, FOOTER))
    assert "reach the high street." in " ".join(article.paragraphs)


def test_of_two_lines_that_say_what_the_address_says_the_one_signed_with_a_date_is_the_headline():
    texts = ["League standings week twelve", "Results", "The league standings week twelve", "November 19, 2019", PROSE[0]]
    url = "https://example.org/league-standings-week-twelve/"
    stops = frozenset({"the"})
    assert textblocks.find_title(texts, url, 4, stops=stops, marks={3}) == 2
    assert textblocks.find_title(texts, url, 4, stops=stops) == 0  # without the date to go by: the earliest best match


def test_a_year_in_the_address_names_the_page_and_an_id_does_not():
    assert textblocks.slug_words("https://example.org/calendar-stock-car-2018/") == ["calendar", "stock", "car", "2018"]
    assert textblocks.slug_words("https://example.org/news/esper-visits-hanoi-14848382.php") == ["esper", "visits", "hanoi"]
    assert textblocks.slug_words("https://example.org/news/world-europe/") == ["world", "europe"]
    assert textblocks.slug_words("https://example.org/news/2019/11/19/") == []


def test_a_short_clean_capture_has_its_first_line_as_headline():
    data = "\n\n".join(["Bridge closed – Gazette – 11/19/2019", "11/19/2019", "The bridge is closed.", "It will reopen in May."])
    article = clean(data.encode())
    assert article.title and article.title.startswith("Bridge closed")
    assert article.paragraphs == ["The bridge is closed.", "It will reopen in May."]


def test_the_byline_just_under_the_first_prose_still_points_at_the_headline_above_it():
    texts = [
        "Home",
        "A teaser for another story that runs on and on, and ends cut short..",
        "Bridge closed for repairs after engineers find rust",
        "Published: 2019-11-19 17:32",
        PROSE[0],
    ]
    assert textblocks.find_title(texts, None, 1, marks={3}) == 2


SIDE_COLUMN = [
    "Comments are moderated and will not be published if they are rude to other readers of the site.",
    "Read the weekly column by our editor about the races of the season and what is still to come for the teams.",
    "Click on the picture above to see how the drivers are ranked in this season and in the history of the race.",
    "Our podcast is back for its twelfth season, talking about everything that happened in the world of racing.",
]


def test_a_table_with_no_prose_is_the_article_when_the_prose_under_it_is_the_comment_section():
    table = ["Pos. Driver Points Wins", *(f"{n} Driver Number{n} {5000 - n * 10} {n % 3}" for n in range(1, 9))]
    article = clean(
        paste(
            MENU, ["League standings 2019"], ["22 October 2019"], table, SIDE_COLUMN, FOOTER, url="https://example.org/standings/"
        )
    )
    body = " ".join(article.paragraphs)
    assert article.title == "League standings 2019"
    assert "3 Driver Number3 4970 0" in body
    assert "podcast" not in body and "moderated" not in body


def test_a_leave_a_comment_link_by_the_byline_does_not_end_the_article():
    article = clean(
        paste(MENU, ["Bridge closed for repairs"], ["November 19, 2019", "By Jane Smith", "Leave a comment"], PROSE, FOOTER)
    )
    assert " ".join(article.paragraphs).startswith("The council voted on Tuesday")


def test_a_sentence_of_scores_and_names_inside_the_article_is_kept():
    scores = "Nadal beat Khachanov 6-3, 7-6 (7) in Madrid, then Granollers and Lopez won 6-3, 3-6, 7-6 (7)."
    body = [PROSE[0], PROSE[1], "Results", "Group B", scores, "Group C", "Standings", PROSE[2], PROSE[3]]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    assert scores in " ".join(article.paragraphs)


MORE_PROSE = [
    "The mayor said on Wednesday that a temporary footbridge could be built within weeks, so that people "
    "who walk to the station every morning would not have to wait for the ferry in the cold.",
    "Engineers will also look at the other two bridges in the town before the end of the year, after "
    "residents wrote to the council to ask whether those were safe to use as well.",
    "The council will meet again next month to decide how the repairs are to be paid for, and it has "
    "asked the people of the town to send in their views on the plans before that meeting.",
]
# Table rows long enough to be judged on their own, with no stop words: "bad" lines, not "short" ones.
BOX = [f"{n} Rovers{n} Played 12 Won {9 - n} Drawn 2 Lost {n} GoalsFor {30 - n} Against 10 Points {29 - n}" for n in range(1, 9)]


def test_the_article_goes_on_after_a_box_inside_it():
    body = [*PROSE, *BOX, *MORE_PROSE]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    assert "temporary footbridge" in " ".join(article.paragraphs)


def test_the_article_does_not_go_on_past_a_follow_us_line():
    body = [*PROSE, *BOX[:4], "Follow us on Twitter", *BOX[4:], *MORE_PROSE]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    kept = " ".join(article.paragraphs)
    assert "reach the high street." in kept and "temporary footbridge" not in kept


def test_a_cyrillic_headline_matches_its_transliterated_slug():
    texts = [
        "Новости",
        "Условия проведения конкурсов",
        "53-летняя модель: «Посмотри на красотку, которая превратилась в старуху»",
    ]
    url = "http://example.ru/articles/53-letnyaya-model-posmotri-na-krasotku-kotoraya-prevratilas-v-staruhu-id120424"
    assert textblocks.find_title([*texts, PROSE[0]], url, 3, fallback=False) == 2


def test_of_lines_that_say_a_short_slug_whole_the_headline_is_the_one_nearest_the_prose():
    texts = ["Diets", "Atkins diet", "Keto diet", "Paleo diet", "Atkins diet: lose ten kilos in two weeks", PROSE[0]]
    assert textblocks.find_title(texts, "http://example.com/atkins-diet.html", 5, fallback=False) == 4


def test_a_list_the_article_introduces_at_its_end_is_kept():
    dates = ["June 9 -- Riverside Hall, Springfield", "June 10 -- Old Theatre, Shelbyville", "June 14 -- Arena, Capital City"]
    body = [*PROSE, "The bridge will be closed to traffic on these dates:", *dates]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    assert "June 14 -- Arena, Capital City" in " ".join(article.paragraphs)


def test_a_numbered_list_under_the_article_is_kept_and_a_related_list_is_not():
    items = []
    for n in range(1, 6):
        items += [f"{n}) Bridge number {n} across the river", f"http://example.org/b{n}"]
    body = [*PROSE, *items]
    article = clean(paste(MENU, ["Five bridges to see"], ["By Jane Smith"], ["November 19, 2019"], body, FOOTER))
    assert "5) Bridge number 5 across the river" in " ".join(article.paragraphs)
    related = ["Related coverage from the Gazette:", "Why steel costs more", "Ferries of the north", "The new library"]
    article = clean(
        paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], [*PROSE, *related], FOOTER)
    )
    assert "Ferries of the north" not in " ".join(article.paragraphs)


def test_comments_with_more_prose_than_the_article_are_not_taken_for_it():
    # the comments come after a box of other lines, so the context pass sees them as a run of their own
    comments = [*(row.split(" ", 1)[1] for row in BOX), "[ 212 comments ]", "Top Rated Comments"]
    for n in range(20):  # twice the article's prose and more
        comments += [
            f"reader{n}",
            "2 days ago at 07:52 am",
            f"I have crossed that bridge every day for {n + 3} years and I think the council waited far too long "
            "before it did anything about the rust, which anyone walking across could see for themselves.",
            f"Rating: {n + 4} Votes",
        ]
    article = clean(paste(MENU, ["Bridge closed for repairs"], ["By Jane Smith"], ["November 19, 2019"], PROSE, comments, FOOTER))
    body = " ".join(article.paragraphs)
    assert body.startswith("The council voted on Tuesday") and body.endswith("reach the high street.")


def test_the_page_footer_is_not_taken_for_the_article():
    legal = [
        "The information provided on this website was originally intended for readers in the United States, "
        "and it is not meant to replace the advice of a doctor or of anyone else who knows your own situation.",
        "Results vary depending on where you start, on your goals and on the effort you put in, and the "
        "exercises described here are not suited to everyone who may want to try them at home.",
        "© 2019 Example Fitness, LLC. All rights reserved. Example Fitness is the owner of the trademarks "
        "used on this website, and all other trademarks belong to their owners.",
    ]
    article = clean(paste(MENU, ["Meal plan for the week"], ["November 12, 2018"], [PROSE[0]], BOX, legal, FOOTER))
    kept = " ".join(article.paragraphs)
    assert "The council voted" in kept and "originally intended" not in kept
