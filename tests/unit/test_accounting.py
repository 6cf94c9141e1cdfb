"""Every non-blank raw line is kept in a role or listed in `removed` with its rule, never both, never neither."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.capture import read_capture
from dossier.clean import clean
from dossier.model import Rejection
from dossier.outlets import load_registry

ALL_CAPTURES = sorted(
    p
    for p in [*(ROOT / "content" / "captures").iterdir(), *FIXTURES.rglob("*")]
    if p.is_file() and p.suffix in {".txt", ".html", ".htm"}
)
REGISTRY = load_registry()


def account(name: str, data: bytes) -> None:
    capture = read_capture(name, data, 5_000_000)
    if isinstance(capture, Rejection):
        assert capture.reason
        return
    article = clean(capture, REGISTRY)
    removed = [r.line for r in article.removed]
    assert len(removed) == len(set(removed)), "a line removed twice"
    assert set(removed).isdisjoint(article.kept), "a line both kept and removed"
    assert {ln.number for ln in capture.lines} == set(removed) | set(article.kept), "a line neither kept nor removed"
    texts = {ln.number: ln.text for ln in capture.lines}
    assert all(texts[r.line] == r.text and r.rule for r in article.removed), "the log shows the line as read, with a rule"


def test_there_are_many_captures_to_check():
    assert len(ALL_CAPTURES) >= 14


@pytest.mark.parametrize("path", ALL_CAPTURES, ids=lambda p: p.name)
def test_every_line_accounted_for(path):
    account(path.name, path.read_bytes())


@pytest.mark.parametrize("path", ALL_CAPTURES, ids=lambda p: p.name)
def test_kept_words_come_from_the_capture(path):
    """Body, lede, captions and title use only words of the capture, in the capture's order."""
    capture = read_capture(path.name, path.read_bytes(), 5_000_000)
    if isinstance(capture, Rejection):
        return
    article = clean(capture, REGISTRY)
    source_words = " ".join(ln.text for ln in capture.lines).split()
    for text in [*article.paragraphs, *article.subheadings, *(c.text for c in article.captions if c.text), article.lede or ""]:
        words = text.split()
        joined = " ".join(source_words)
        assert " ".join(words) in joined, text


LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "",
                "Share",
                "By AFP",
                "March 30, 2024",
                "Original url:",
                "https://example.com/a b",
                "lo/rc (AP, AFP)",
                "RELATED COVERAGE",
                "x Image: y",
                "Related article: t",
                "Source: Al Jazeera",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_cleaner_never_raises_and_accounts_on_arbitrary_text(lines):
    account("x.txt", "\n".join(lines).encode("utf-8", "replace"))


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.html"]))
def test_cleaner_never_raises_on_arbitrary_bytes(data, name):
    account(name, data)


@settings(max_examples=examples(100), deadline=None)
@given(LINES)
def test_html_wrapping_of_arbitrary_text_never_raises(lines):
    body = "".join(f"<p>{line}</p>" for line in lines)
    account(
        "x.html",
        f"<html><head><title>t</title></head><body><h1>Head line here</h1>{body}</body></html>".encode("utf-8", "replace"),
    )
