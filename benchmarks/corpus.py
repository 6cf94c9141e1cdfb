"""A deterministic generator of realistic raw captures for benchmarks.

    .venv/bin/python benchmarks/corpus.py N FOLDER

Captures mix plain text and saved HTML in several outlet styles, with navigation junk,
captions with credits, bylines, names from a pool, numeric claims, and no duplicates.
Each article is about 640 words. The same N always gives the same bytes.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from html import escape
from pathlib import Path

PEOPLE = [
    ("Vladimir Putin", "President"), ("Dmitry Peskov", "Kremlin spokesman"), ("Sergei Shoigu", "Security Council Secretary"),
    ("Alexander Bortnikov", "FSB director"), ("Emomali Rahmon", "Tajik President"), ("Sergei Sobyanin", "Moscow Mayor"),
    ("Andrei Vorobyov", "Moscow Region Governor"), ("Maria Zakharova", "Foreign Ministry spokeswoman"),
    ("Mikhail Murashko", "Health Minister"), ("Alexander Bastrykin", "Investigative Committee head"),
    ("Lynne Tracy", "US Ambassador"), ("Volodymyr Zelensky", "Ukrainian President"), ("Andriy Yusov", "intelligence spokesman"),
    ("Shakhnoza Nodiri", "Deputy Labour Minister"), ("Aigun Kazimov", "concert organiser"), ("Irina Volk", "Interior Ministry spokeswoman"),
]  # fmt: skip
ORGS = [
    "Investigative Committee",
    "Federal Security Service",
    "Emergencies Ministry",
    "Foreign Ministry",
    "Security Council",
    "Health Ministry",
    "Red Cross",
    "Basmanny District Court",
]
PLACES = ["Moscow", "Krasnogorsk", "Crocus City Hall", "Bryansk", "Dushanbe", "Kyiv", "Tajikistan", "Ukraine", "Belarus"]
MEASURES = [
    ("killed", "people were killed"),
    ("wounded", "people were wounded"),
    ("detained", "people were detained"),
    ("missing", "people remain missing"),
]
SENTENCES = [
    "{p} said on {day} that the investigation into the attack on {place} was continuing.",
    "According to the {org}, {n} {measure_text}, a figure that officials said could still change.",
    "Speaking to reporters in {place}, {role} {p} declined to give further details.",
    "The {org} said it had questioned witnesses and reviewed footage from the venue.",
    "Relatives of the victims gathered outside the morgue in {place}, waiting for news.",
    "{p} told state television that security at large venues would be reviewed.",
    "Rescue workers continued to search the rubble of the building on {day}.",
    "The attack was the deadliest in Russia in two decades, officials in {place} said.",
    "Flowers and candles were left at a makeshift memorial near {place} throughout the {day}.",
    "In a statement, the {org} said that at least {n} {measure_text} by the evening.",
    "Critics questioned how the gunmen had been able to enter the hall armed with automatic weapons.",
    "{p} was quoted as saying that those responsible would be found and punished.",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = [
    ("dw", "txt"), ("moscowtimes", "txt"), ("aljazeera", "txt"), ("reuters", "txt"), ("ap", "txt"),
    ("tass", "txt"), ("bbc", "html"), ("guardian", "html"), ("cnn", "html"),
]  # fmt: skip


def _paragraphs(rng: random.Random, serial: int) -> list[str]:
    paragraphs = []
    words = 0
    while words < 600:
        sentences = []
        for _ in range(rng.randint(2, 3)):
            person, role = rng.choice(PEOPLE)
            _measure, text = rng.choice(MEASURES)
            sentence = rng.choice(SENTENCES).format(
                p=person, role=role, org=rng.choice(ORGS), place=rng.choice(PLACES), day=rng.choice(DAYS),
                n=rng.randint(2, 400), measure_text=text,
            )  # fmt: skip
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    # A unique sentence keeps every article distinct (no duplicates in the corpus).
    paragraphs.append(f"This report, number {serial} in the series, was updated as more information became available.")
    return paragraphs


def _title(rng: random.Random, serial: int) -> str:
    person, _ = rng.choice(PEOPLE)
    verb = rng.choice(["says", "warns", "denies", "confirms", "promises", "rejects"])
    topic = rng.choice(
        [
            "investigation into concert hall attack",
            "new arrests after Crocus attack",
            "security review after Moscow attack",
            "claims over Crocus City Hall attack",
        ]
    )
    return f"{person} {verb} {topic} ({serial})"


def text_capture(style: str, title: str, day: date, paragraphs: list[str], rng: random.Random) -> str:
    caption = f"Emergency services outside {rng.choice(PLACES)} on the day after the attack"
    if style == "dw":
        head = "1. Skip to content\n  2. Skip to main menu\n  3. Skip to more DW sites\n\n"
        return (
            f"{head}{title} – DW – {day:%m/%d/%Y}\n\n{day:%B %-d, %Y}\n\n{paragraphs[0]}\n\n"
            f"An image of the scene\n{caption}Image: Maxim Shemetov/REUTERS\n\n"
            + "\n\n".join(paragraphs[1:])
            + "\n\nlo/rc (AP, AFP, Reuters)"
        )
    if style == "moscowtimes":
        return (
            f"\n\n{title}\n\nBy AFP\n\n{day:%B %-d, %Y}\n\n{caption}. Sergei Vedyashkin / Moskva News Agency\n\n"
            + "\n\n".join(paragraphs)
            + "\n\nOriginal url:\n\nhttps://www.themoscowtimes.com/2024/03/28/article-"
            + str(rng.randint(10000, 99999))
        )
    if style == "aljazeera":
        return (
            f"Skip links\nSkip to Content\nplay\nLive\nNews\n\n{title}\n\n{paragraphs[0]}\n\nPublished On {day:%-d %b %Y}\n\nListen to this article\n3 mins\n\n{caption} [File: Maxim Shemetov/Reuters]\n\n"
            + "\n\n".join(paragraphs[1:])
            + "\n\nSource: Al Jazeera and news agencies\n"
        )
    if style == "reuters":
        return (
            f"Skip to main content\nReuters\n\n{title} | Reuters\n\nBy Guy Faulconbridge\n\n{day:%B %-d, %Y}\n\n"
            + "\n\n".join(paragraphs)
            + "\n\nReporting by Guy Faulconbridge; Editing by Alex Richardson\n\nOur Standards: The Thomson Reuters Trust Principles.\n"
        )
    if style == "ap":
        return (
            f"Skip to main content\nAP Logo\nWorld\nU.S.\n\n{title}\n\nBy THE ASSOCIATED PRESS\nUpdated 11:52 PM GMT+1, {day:%B %-d, %Y}\nShare\n\n"
            + "\n\n".join(paragraphs)
            + "\n\nCopyright 2024 The Associated Press. All Rights Reserved.\n"
        )
    return (
        f"TASS Russian News Agency\nWorld\nBusiness\n\n{title}\n\n{day:%d.%m.%Y}\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n© 2024 TASS Russian News Agency\n"
    )


def html_capture(style: str, title: str, day: date, paragraphs: list[str], rng: random.Random) -> str:
    site = {
        "bbc": ("BBC News", "https://www.bbc.com/news/world-"),
        "guardian": ("the Guardian", "https://www.theguardian.com/world/2024/"),
        "cnn": ("CNN", "https://edition.cnn.com/2024/"),
    }[style]
    url = f"{site[1]}{rng.randint(10**7, 10**8)}"
    body = (
        "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs[:3])
        + "\n<h2>What happens next</h2>\n"
        + "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs[3:])
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - {site[0]}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{site[0]}">
<meta property="article:published_time" content="{day.isoformat()}T09:00:00Z"><link rel="canonical" href="{url}">
<script>window.dataLayer = [];</script><style>body {{ margin: 0 }}</style></head>
<body><header><nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<main><article><h1>{escape(title)}</h1><div class="byline">By Steve Rosenberg</div>
<figure><img src="a.jpg" alt="The scene"><figcaption>Police outside the venue <span class="credit">Getty Images</span></figcaption></figure>
{body}
</article><aside><h3>More on this story</h3><ul><li><a href="/a">Russia mourns victims</a></li><li><a href="/b">IS claims attack</a></li></ul></aside></main>
<footer><p>Copyright 2024. All rights reserved.</p></footer></body></html>
"""


def article(n: int) -> tuple[str, str, dict]:
    """(file name, content, plain record) for article number n."""
    rng = random.Random(n * 7919 + 17)
    style, kind = OUTLETS[n % len(OUTLETS)]
    day = date(2024, 3, 22) + timedelta(days=rng.randint(0, 20))
    title = _title(rng, n)
    paragraphs = _paragraphs(rng, n)
    content = (
        html_capture(style, title, day, paragraphs, rng) if kind == "html" else text_capture(style, title, day, paragraphs, rng)
    )
    return f"{n:06d}_{style}.{kind}", content, {"title": title, "date": day.isoformat(), "paragraphs": paragraphs}


def write(n: int, folder: Path) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(n):
        name, content, record = article(i)
        (folder / name).write_text(content, encoding="utf-8")
        records.append(record)
    return records


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
