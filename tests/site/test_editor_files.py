"""The editor files (editorial.toml, entities.toml, topics.toml) are checked on load: one problem per line,
naming the file, the table and the key; nothing coerced; a broken file stops the build before any capture is read."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.build import pipeline
from dossier.extract.editor_files import EditorFileError, load_all

TASS = (FIXTURES / "gold" / "tass_text.txt").read_bytes()

ENTITY = '[[entity]]\nid = "dmitry-peskov"\nname = "Dmitry Peskov"\ntype = "person"\naliases = ["Peskov"]\n'
TOPIC = '[[topic]]\nname = "Kremlin response"\nphrases = ["Kremlin says"]\nentities = ["dmitry-peskov"]\n'


def content(tmp: Path, editorial: str = "", entities: str = ENTITY, topics: str = TOPIC) -> Path:
    folder = tmp / "content"
    (folder / "captures").mkdir(parents=True)
    (folder / "captures" / "tass.txt").write_bytes(TASS)
    for name, text in (("editorial.toml", editorial), ("entities.toml", entities), ("topics.toml", topics)):
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(tmp: Path, **files) -> list[str]:
    folder = content(tmp, **files)
    with pytest.raises(EditorFileError) as caught:
        load_all(folder / "editorial.toml", folder / "entities.toml", folder / "topics.toml", folder / "captures")
    return caught.value.problems


def only(tmp: Path, **files) -> str:
    (problem,) = problems(tmp, **files)
    return problem


def test_the_bundled_editor_files_are_valid():
    files = load_all(
        ROOT / "content" / "editorial.toml",
        ROOT / "content" / "entities.toml",
        ROOT / "content" / "topics.toml",
        ROOT / "content" / "captures",
    )
    assert len(files.entities.entities) > 10 and len(files.topics) > 3


def test_a_string_is_not_a_list_of_topics(tmp_path):
    problem = only(tmp_path, editorial='[captures."tass.txt"]\ntopics = "Kremlin response"\n')
    assert problem == (
        f'{tmp_path}/content/editorial.toml: [captures."tass.txt"], key "topics": expected a list of strings, '
        'got a string ("Kremlin response"); write ["Kremlin response"]'
    )


def test_a_string_is_not_a_list_of_aliases(tmp_path):
    problem = only(tmp_path, entities=ENTITY.replace('["Peskov"]', '"Peskov"'))
    assert problem.startswith(f'{tmp_path}/content/entities.toml: [[entity]] 1 ("dmitry-peskov"), key "aliases": expected a list')


def test_quoted_false_is_not_false(tmp_path):
    problem = only(tmp_path, editorial='[captures."tass.txt"]\nnot_article = "false"\n')
    assert problem.endswith('key "not_article": expected true or false, got a string ("false"); write false without quotes')


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ('[[topic]]\nname = "Casualties"\nphrases = [""]\n', 'key "phrases": item 1 is an empty string'),
        ('[[topic]]\nname = "Casualties"\nkeywords = ["dead", "  "]\n', 'key "keywords": item 2 is an empty string'),
        ('[[topic]]\nname = ""\n', 'key "name": is an empty string'),
        ('[[topic]]\ndescription = "x"\n', 'key "name" is missing (required)'),
        ('[[topic]]\nname = "Kremlin, Putin"\n', "contains a comma or semicolon"),
        ('[[topic]]\nname = "Index"\n', "would overwrite the index of all topics"),
        ('[[topic]]\nname = "A"\n\n[[topic]]\nname = "a"\n', 'name "a" is already used by [[topic]] 1 ("A")'),
        ('[[topic]]\nname = "A"\nentities = ["nobody"]\n', '"nobody" is not the id of an [[entity]] in'),
        ('[[topic]]\nname = "A"\nphrase = ["x"]\n', "unknown fields ['phrase']"),
        ('[topic]\nname = "A"\n', "[topic] should be written [[topic]], one table per item"),
        ('[[topics]]\nname = "A"\n', "unknown table [[topics]]; did you mean [[topic]]?"),
    ],
)
def test_topics_file_problems(tmp_path, topics, expected):
    problem = only(tmp_path, topics=topics)
    assert problem.startswith(f"{tmp_path}/content/topics.toml: ") and expected in problem


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ('[[entities]]\nid = "x"\nname = "X"\ntype = "person"\n', "unknown table [[entities]]; did you mean [[entity]]?"),
        (
            ENTITY + ENTITY.replace("Dmitry Peskov", "Other Man").replace("Peskov", "Other"),
            'id "dmitry-peskov" is already used by [[entity]] 1',
        ),
        (
            ENTITY + ENTITY.replace("dmitry-peskov", "peskov-2").replace('["Peskov"]', "[]"),
            '"Dmitry Peskov" is already a name or alias of entity "dmitry-peskov"',
        ),
        (ENTITY.replace('type = "person"', "type = 3"), "entity 'dmitry-peskov' has type 3; use one of person"),
        (ENTITY.replace('"dmitry-peskov"', '"x\\" onmouseover=\\"alert(1)"'), "cannot be an id"),
        (ENTITY.replace('"dmitry-peskov"', '"Dmitry<b>"'), "cannot be an id"),
        (ENTITY.replace('"dmitry-peskov"', '"index"'), '"index" cannot be an id'),
        (ENTITY + 'wikidata = "javascript:alert(1)"\n', 'key "wikidata": expected a Wikidata item id'),
        (ENTITY + 'description = ""\n', 'key "description": is an empty string'),
        (ENTITY.replace('name = "Dmitry Peskov"\n', ""), 'key "name" is missing (required)'),
        (ENTITY + '\n[merge]\n"Dmitri Peskov" = "nobody"\n', '[merge], key "Dmitri Peskov": "nobody" is not the id'),
        (ENTITY + '\n[blocklist]\nnames = "Friday"\n', '[blocklist], key "names": expected a list of strings'),
        (ENTITY + '\n[blocklist]\nname = ["Friday"]\n', "[blocklist]: unknown fields ['name']"),
    ],
)
def test_entities_file_problems(tmp_path, entities, expected):
    found = problems(tmp_path, entities=entities, topics=None)
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path}/content/entities.toml: ") and expected in found[0]


@pytest.mark.parametrize(
    ("editorial", "expected"),
    [
        ('[captures."missing.txt"]\ntitle = "x"\n', "[captures.\"missing.txt\"]: there is no capture 'missing.txt' in"),
        ('[captures."../entities.toml"]\ntitle = "x"\n', "there is no capture '../entities.toml' in"),
        ('[captures."tass.txt"]\ntitle = ""\n', 'key "title": is an empty string'),
        ('[captures."tass.txt"]\ndate = "28 March 2024"\n', 'key "date": expected a date written YYYY-MM-DD'),
        ('[captures."tass.txt"]\ndate = "2024-02-30"\n', '"2024-02-30" is not a calendar date'),
        ('[captures."tass.txt"]\ntopics = ["Kremlin respons"]\n', '"Kremlin respons" is not a [[topic]] name in'),
        ('[captures."tass.txt"]\nreason = "index page"\n', "a reason is only used with not_article = true"),
        ('[captures."tass.txt"]\nheadline = "x"\n', "unknown fields ['headline']"),
        ('[capture."tass.txt"]\ntitle = "x"\n', 'unknown table [capture]; did you mean [captures."<capture file name>"]?'),
        ('[captures."tass.txt"\ntitle = "x"\n', "not valid TOML"),
    ],
)
def test_editorial_file_problems(tmp_path, editorial, expected):
    problem = only(tmp_path, editorial=editorial)
    assert problem.startswith(f"{tmp_path}/content/editorial.toml") and expected in problem


def test_a_file_that_is_not_utf8(tmp_path):
    folder = content(tmp_path)
    (folder / "topics.toml").write_bytes(b'[[topic]]\nname = "\xff"\n')
    with pytest.raises(EditorFileError, match=r"topics\.toml: not UTF-8 text"):
        load_all(folder / "editorial.toml", folder / "entities.toml", folder / "topics.toml", folder / "captures")


def test_every_problem_in_every_file_at_once(tmp_path):
    found = problems(
        tmp_path,
        editorial='[captures."tass.txt"]\ntopics = "Kremlin response"\nnot_article = "no"\n',
        entities=ENTITY.replace('["Peskov"]', '"Peskov"'),
        topics=TOPIC + '\n[[topic]]\nname = "B"\nphrases = [""]\n',
    )
    assert [p.split(": ")[0].rsplit("/", 1)[-1] for p in found] == [
        "entities.toml",
        "topics.toml",
        "editorial.toml",
        "editorial.toml",
    ]


def test_valid_files_load_as_written(tmp_path):
    folder = content(
        tmp_path,
        editorial='[captures."tass.txt"]\ndate = 2024-03-25\ntopics = ["Kremlin response"]\nnot_article = false\n',
        entities=ENTITY + '\n[merge]\n"Dmitri Peskov" = "dmitry-peskov"\n\n[blocklist]\nnames = ["Friday"]\n',
    )
    files = load_all(folder / "editorial.toml", folder / "entities.toml", folder / "topics.toml", folder / "captures")
    assert files.overrides == {"tass.txt": {"date": "2024-03-25", "topics": ("Kremlin response",), "not_article": False}}
    assert files.entities.entities[0].aliases == ("Peskov",)
    assert files.entities.merge == (("Dmitri Peskov", "dmitry-peskov"),)
    assert files.entities.blocklist == frozenset({"Friday"})
    assert [t.entities for t in files.topics] == [("dmitry-peskov",)]


def test_without_a_topics_file_editorial_topics_are_free(tmp_path):
    site = build_site(
        tmp_path, content=content(tmp_path, editorial='[captures."tass.txt"]\ntopics = ["Own topic"]\n', topics=None)
    )
    assert load_export(site)["articles"][0]["topics"] == ["Own topic"]


def test_a_broken_editor_file_stops_the_build_before_any_capture_is_read(tmp_path, monkeypatch, caplog):
    read = []
    monkeypatch.setattr(pipeline, "build", lambda *a, **k: read.append(a))
    folder = content(tmp_path, editorial='[captures."tass.txt"]\ntopics = "Kremlin response"\n')
    with caplog.at_level(logging.INFO), pytest.raises(SystemExit) as stopped:
        build_site(tmp_path, content=folder)
    message = str(stopped.value.code)
    assert message.startswith("Build stopped: 1 problem in the editor files:\n")
    assert f'{folder}/editorial.toml: [captures."tass.txt"], key "topics"' in message
    assert read == [] and "Could not process" not in caplog.text


def run_check(tmp_path: Path, folder: Path) -> subprocess.CompletedProcess:
    conf = tmp_path / "conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nPATH = {str(folder)!r}\n")
    invoke = Path(sys.executable).parent / "invoke"
    return subprocess.run([str(invoke), "check", "--settings", str(conf)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_task_reports_problems_and_exits_non_zero(tmp_path):
    folder = content(tmp_path, entities="[[entities]]\n", topics='[[topic]]\nname = "A"\nkeywords = "dead"\n')
    done = run_check(tmp_path, folder)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "2 problems in the editor files:",
        f"  {folder}/entities.toml: unknown table [[entities]]; did you mean [[entity]]?",
        f'  {folder}/topics.toml: [[topic]] 1 ("A"), key "keywords": expected a list of strings, got a string ("dead"); write ["dead"]',
    ]


def test_check_task_passes_on_the_bundled_files(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    done = run_check(tmp_path, tmp_path / "content")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Editor files OK: 0 editorial override(s), ")
