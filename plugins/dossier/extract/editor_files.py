"""Editor files: the schemas of editorial.toml, entities.toml and topics.toml, checked on load.

All three are read and checked before any capture is, and every problem is reported on its own
line naming the file, the table and the key. Nothing is coerced: a string where a list belongs is
an error (never a list of one-letter topics), "false" in quotes is not false, an empty string is
not a phrase that matches everywhere.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from .. import settings as conf
from ..slugs import RESERVED

if TYPE_CHECKING:  # they import this module
    from .entities import EntityRegistry
    from .topics import Topic

# Ids become file names and page addresses (entities/<id>.html) and appear in HTML attributes.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
# Pages that already own these names in their folder (entities/index.html, topics/index.html).
RESERVED_IDS = RESERVED
WIKIDATA_PATTERN = re.compile(r"Q[1-9][0-9]*")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class EditorFileError(ValueError):
    """One or more problems in the editor files; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(f"{count} in the editor files:\n" + "\n".join(f"  {p}" for p in problems))


@dataclass
class FileCheck:
    """Collects the problems of one editor file, each prefixed with the file's path."""

    path: Path
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}")


def describe(value: object) -> str:
    """'a string ("x")', 'a list', ...: what the editor wrote, in TOML's words."""
    kinds = (
        (bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"), (list, "a list"),
        (dict, "a table"), (datetime, "a date-time"), (date, "a date"), (time, "a time"),
    )  # fmt: skip
    for kind, name in kinds:
        if isinstance(value, kind):
            if isinstance(value, str):
                shown = value if len(value) <= 60 else value[:57] + "..."
                return f'{name} ("{shown}")'
            return name if isinstance(value, list | dict) else f"{name} ({value!r})"
    return type(value).__name__


def read_toml(check: FileCheck) -> dict | None:
    """The file's tables, or None (with a problem) when it is not UTF-8 TOML."""
    try:
        with check.path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        check.add("", f"not valid TOML: {e}")
    except UnicodeDecodeError as e:
        check.add("", f"not UTF-8 text (byte {e.start}: {e.reason})")
    except OSError as e:
        check.add("", f"cannot be read: {e.strerror or e}")
    return None


# --- values -------------------------------------------------------------------------
# Each takes (check, where, value) and returns the value when it is valid, else None after adding a problem.

Checker = Callable[[FileCheck, str, object], object]


def text(check: FileCheck, where: str, value: object) -> str | None:
    if not isinstance(value, str):
        check.add(where, f"expected a string, got {describe(value)}")
        return None
    if not value.strip():
        check.add(where, "is an empty string; remove the key instead")
        return None
    return value


def texts(check: FileCheck, where: str, value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        check.add(where, f'expected a list of strings, got {describe(value)}; write ["{value}"]')
        return None
    if not isinstance(value, list):
        check.add(where, f"expected a list of strings, got {describe(value)}")
        return None
    items, ok = [], True
    for n, item in enumerate(value, start=1):
        if not isinstance(item, str):
            check.add(where, f"item {n} should be a string, got {describe(item)}")
            ok = False
        elif not item.strip():
            check.add(where, f"item {n} is an empty string")
            ok = False
        elif item in items:
            check.add(where, f'item {n} ("{item}") is listed twice')
            ok = False
        else:
            items.append(item)
    return tuple(items) if ok else None


def tables(check: FileCheck, where: str, value: object) -> list[dict] | None:
    """An array of tables ([[...]]), each checked by the caller."""
    if isinstance(value, dict):
        check.add(where, "expected [[...]] tables, one per item, got a single [...] table; write it with double brackets")
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.add(where, f"expected [[...]] tables, one per item, got {describe(value)}")
        return None
    return value


def language_code(check: FileCheck, where: str, value: object) -> str | None:
    """The code of a language pack (data/lang/<code>.toml): "en", "ru", ..."""
    from .. import lang

    code = text(check, where, value)
    if code is not None and code not in lang.packs():
        check.add(where, f"{code!r} is not a language pack (known: {', '.join(sorted(lang.packs()))})")
        return None
    return code


def boolean(check: FileCheck, where: str, value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    hint = (
        f"; write {value.strip().lower()} without quotes"
        if isinstance(value, str) and value.strip().lower() in {"true", "false"}
        else ""
    )
    check.add(where, f"expected true or false, got {describe(value)}{hint}")
    return None


def iso_date(check: FileCheck, where: str, value: object) -> str | None:
    """A TOML date (2024-03-28) or the same in quotes; returned as 'YYYY-MM-DD'."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            check.add(where, f'"{value}" is not a calendar date')
            return None
    check.add(where, f"expected a date written YYYY-MM-DD, got {describe(value)}")
    return None


def identifier(check: FileCheck, where: str, value: object) -> str | None:
    if not isinstance(value, str):
        check.add(where, f"expected a string, got {describe(value)}")
        return None
    if not ID_PATTERN.fullmatch(value):
        check.add(
            where,
            f"{describe(value)} cannot be an id: ids name pages, so use 1-80 lower-case letters, digits, - and _,"
            " starting with a letter or digit",
        )
        return None
    if value in RESERVED_IDS:
        check.add(where, f'"{value}" cannot be an id: that page is the index of its folder')
        return None
    return value


def wikidata(check: FileCheck, where: str, value: object) -> str | None:
    if isinstance(value, str) and WIKIDATA_PATTERN.fullmatch(value):
        return value
    check.add(where, f'expected a Wikidata item id such as "Q7747", got {describe(value)}')
    return None


def measure_name(check: FileCheck, where: str, value: object) -> str | None:
    """A measure of the measure table (plugins/dossier/data/measures.toml)."""
    from .figures import MEASURES_FILE, measures

    name = text(check, where, value)
    if name is None:
        return None
    if name not in measures().names:
        close = difflib.get_close_matches(name, measures().names, n=1)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        check.add(
            where,
            f'"{name}" is not a measure; {hint}measures: {", ".join(measures().names)} (a new one goes in {MEASURES_FILE.name})',
        )
        return None
    return name


def measure_names(check: FileCheck, where: str, value: object) -> tuple[str, ...] | None:
    names = texts(check, where, value)
    if names is None:
        return None
    known = [measure_name(check, where, n) for n in names]
    return names if all(known) else None


def topic_name(check: FileCheck, where: str, value: object) -> str | None:
    name = text(check, where, value)
    if name is not None and ("," in name or ";" in name):
        # Pelican reads an article's topics as one comma- (or semicolon-) separated list.
        check.add(where, f'topic "{name}" contains a comma or semicolon, which would split it into two topics')
        return None
    return name


def topic_names(check: FileCheck, where: str, value: object) -> tuple[str, ...] | None:
    names = texts(check, where, value)
    if names is None:
        return None
    bad = [n for n in names if topic_name(check, where, n) is None]
    return None if bad else names


# --- tables -------------------------------------------------------------------------


def table_label(key: str, value: object) -> str:
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return f"[[{key}]]"
    if isinstance(value, dict):
        return f"[{key}]"
    return f'key "{key}"'


def check_top_level(check: FileCheck, data: dict, allowed: dict[str, str]) -> None:
    """`allowed`: top-level key -> how it is written ('[[entity]]', '[captures."<file>"]')."""
    for key in sorted(set(data) - set(allowed)):
        close = difflib.get_close_matches(key, list(allowed), n=1)
        hint = f"; did you mean {allowed[close[0]]}?" if close else f"; allowed: {', '.join(allowed.values())}"
        check.add("", f"unknown table {table_label(key, data[key])}{hint}")


def check_table(
    check: FileCheck, where: str, table: object, fields: Mapping[str, tuple[Checker, bool]]
) -> dict[str, object] | None:
    """The valid values of one table; unknown keys, missing required keys and bad values are problems."""
    if not isinstance(table, dict):
        check.add(where, f"expected a table, got {describe(table)}")
        return None
    unknown = sorted(set(table) - set(fields))
    if unknown:
        check.add(where, f"unknown fields {unknown}; allowed: {', '.join(sorted(fields))}")
    for key, (_, required) in fields.items():
        if required and key not in table:
            check.add(where, f'key "{key}" is missing (required)')
    values: dict[str, object] = {}
    for key, value in table.items():
        if key in fields:
            checked = fields[key][0](check, f'{where}, key "{key}"', value)
            if checked is not None:
                values[key] = checked
    return values


def array_of_tables(check: FileCheck, data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        check.add("", f"{table_label(key, value)} should be written [[{key}]], one table per item")
        return []
    return value


# --- all three files ------------------------------------------------------------------


@dataclass
class EditorFiles:
    overrides: dict[str, dict]
    entities: EntityRegistry
    topics: tuple[Topic, ...]


def load_all(editorial_file: Path, entities_file: Path, topics_file: Path, captures: Path | None) -> EditorFiles:
    """Entities first (topics refer to their ids), then topics (the editorial file refers to their names);
    every problem in all three files is raised at once."""
    from . import editorial
    from .entities import load_registry
    from .topics import load_topics

    problems: list[str] = []
    registry = load_registry(entities_file, problems)
    ids = {e.id for e in registry.entities} if entities_file.is_file() else None
    topics = load_topics(topics_file, ids, problems, entities_file)
    names = {t.name for t in topics} if topics_file.is_file() else None
    overrides = editorial.load(editorial_file, captures, names, problems, topics_file)
    if problems:
        raise EditorFileError(problems)
    return EditorFiles(overrides, registry, topics)


def check_key_figures(value: object) -> list[str]:
    """Problems with the DOSSIER_KEY_FIGURES setting: a list of measure names from the measure table."""
    from .figures import measures

    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return [f'DOSSIER_KEY_FIGURES: expected a list of measure names such as ["killed", "wounded"], got {describe(value)}']
    names = measures().names
    return [
        f"DOSSIER_KEY_FIGURES: item {n} ({describe(m)}) is not a measure; measures: {', '.join(names)}"
        for n, m in enumerate(value, start=1)
        if m not in names
    ]


def load_for_settings(settings: dict) -> EditorFiles:
    """The editor files a Pelican settings dict names, checked (raises EditorFileError), and the settings that
    name what those files name (DOSSIER_KEY_FIGURES)."""
    content = Path(settings["PATH"])
    problems = check_key_figures(conf.get(settings, "DOSSIER_KEY_FIGURES"))
    if problems:
        raise EditorFileError(problems)
    return load_all(
        content / conf.get(settings, "DOSSIER_EDITORIAL"),
        content / conf.get(settings, "DOSSIER_ENTITIES"),
        content / conf.get(settings, "DOSSIER_TOPICS"),
        content / conf.get(settings, "DOSSIER_CAPTURES"),
    )
