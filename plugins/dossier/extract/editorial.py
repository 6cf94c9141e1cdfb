"""Editorial overrides: an editor corrects a capture without touching it.

content/editorial.toml:

    [captures."002_6f9c142447d4b5cd.txt"]
    title = "Corrected headline"
    date = "2024-03-28"
    source = "The Moscow Times"
    topics = ["Kremlin response"]
    not_article = false
    language = "ru"              # the article's language, when detection gets it wrong

    [[captures."002_6f9c142447d4b5cd.txt".claims]]   # a figure claim in that capture, by a quote holding its number
    quote = "334 people died"
    exclude = true                                 # or: measure = "wounded", to count it under another measure
    reason = "The toll of the 2004 Beslan school siege, not of this attack."

The file is checked against this schema when it is loaded (editor_files.py), before any capture is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast

from ..model import CleanArticle
from ..outlets import Registry
from . import editor_files

FIELDS = {
    "title": (editor_files.text, False),
    "date": (editor_files.iso_date, False),
    "source": (editor_files.text, False),
    "topics": (editor_files.topic_names, False),
    "not_article": (editor_files.boolean, False),
    "language": (editor_files.language_code, False),
    "reason": (editor_files.text, False),
    "claims": (editor_files.tables, False),
}


@dataclass(frozen=True)
class ClaimEdit:
    """An editor's word on one figure claim: exclude it, or count it under another measure."""

    quote: str  # words of the claim's sentence that hold its number
    reason: str
    exclude: bool = False
    measure: str | None = None
    where: str = ""  # the file and table it was written in, for messages


class ClaimValues(TypedDict, total=False):
    """A claims table's values as check_table returns them, each of the type its checker in CLAIM_FIELDS gives."""

    quote: str
    exclude: bool
    measure: str
    reason: str


CLAIM_FIELDS = {
    "quote": (editor_files.text, True),
    "exclude": (editor_files.boolean, False),
    "measure": (editor_files.measure_name, False),
    "reason": (editor_files.text, True),
}


def load(
    path: Path,
    captures: Path | None = None,
    topic_names: set[str] | None = None,
    problems: list[str] | None = None,
    topics_file: Path | None = None,
) -> dict[str, dict]:
    """Overrides by capture file name, checked: each names a capture in `captures` (when given) and only
    topics in `topic_names` (when there is a topics file). Problems go to `problems` when given, else are raised."""
    own = problems is None
    problems = [] if problems is None else problems
    overrides = _load(path, captures, topic_names, problems, topics_file) if path.is_file() else {}
    if own and problems:
        raise editor_files.EditorFileError(problems)
    return overrides


def _load(
    path: Path, captures: Path | None, topic_names: set[str] | None, problems: list[str], topics_file: Path | None
) -> dict[str, dict]:
    check = editor_files.FileCheck(path)
    data = editor_files.read_toml(check)
    if data is None:
        problems.extend(check.problems)
        return {}
    editor_files.check_top_level(check, data, {"captures": '[captures."<capture file name>"]'})
    tables = data.get("captures", {})
    if not isinstance(tables, dict):
        check.add("", f'expected [captures."<capture file name>"] tables, got {editor_files.describe(tables)}')
        tables = {}
    overrides = {}
    for name, table in tables.items():
        where = f'[captures."{name}"]'
        # A record of a WARC or WACZ is named "<file>#<record>": the file must be there.
        capture = captures / name.split("#", 1)[0] if captures is not None else None
        if (
            capture is not None
            and captures is not None
            and not (capture.is_file() and capture.resolve().is_relative_to(captures.resolve()))
        ):
            check.add(where, f"there is no capture {name!r} in {captures}")
        values = editor_files.check_table(check, where, table, FIELDS)
        if values is None:
            continue
        for topic in cast(tuple[str, ...], values.get("topics", ())):  # editor_files.topic_names
            if topic_names is not None and topic not in topic_names:
                check.add(
                    f'{where}, key "topics"',
                    f'"{topic}" is not a [[topic]] name in {topics_file or "the topics file"}; add it there first',
                )
        if "reason" in values and values.get("not_article") is not True:
            check.add(f'{where}, key "reason"', "a reason is only used with not_article = true")
        if "claims" in values:
            values["claims"] = _claim_edits(check, name, cast(list, values["claims"]))  # editor_files.tables
        overrides[name] = values
    problems.extend(check.problems)
    return overrides


def _claim_edits(check: editor_files.FileCheck, name: str, tables: list) -> tuple[ClaimEdit, ...]:
    edits: list[ClaimEdit] = []
    quotes: dict[str, int] = {}
    for n, table in enumerate(tables, start=1):
        where = f'[[captures."{name}".claims]] {n}'
        values = cast(ClaimValues | None, editor_files.check_table(check, where, table, CLAIM_FIELDS))
        if values is None or set(table) & set(CLAIM_FIELDS) != set(values) or not {"quote", "reason"} <= set(values):
            continue  # one problem per table: a bad value is already reported
        if "exclude" in values and "measure" in values:
            check.add(f'{where}, key "measure"', "give either exclude = true or a measure, not both")
            continue
        if values.get("exclude") is False:
            check.add(f'{where}, key "exclude"', 'exclude = false changes nothing; remove the table, or give measure = "..."')
            continue
        if "exclude" not in values and "measure" not in values:
            check.add(where, 'say what to do with the claim: exclude = true, or measure = "<measure>"')
            continue
        if values["quote"] in quotes:
            check.add(f'{where}, key "quote"', f'"{values["quote"]}" is already the quote of table {quotes[values["quote"]]}')
            continue
        quotes[values["quote"]] = n
        edits.append(
            ClaimEdit(
                values["quote"],
                values["reason"],
                values.get("exclude", False),
                values.get("measure"),
                f'{check.path}: {where}, key "quote"',
            )
        )
    return tuple(edits)


def apply(article: CleanArticle, override: dict, registry: Registry) -> CleanArticle:
    """`override` as load() returned it: every value already checked."""
    if "title" in override:
        article.title = override["title"]
    if "date" in override:
        article.date = override["date"]
    if "source" in override:
        outlet = registry.by_name(override["source"])
        article.source = outlet.name if outlet else override["source"]
    if "language" in override:
        article.language = override["language"]
    if "topics" in override:
        article.topics = list(override["topics"])
        article.topics_by_editor = True
    article.not_article = override.get("not_article", False)
    return article
