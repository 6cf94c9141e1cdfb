"""Outlet profiles are data: an outlet opts into named credit and caption styles in outlets.toml,
unknown outlets are read with every style, and a mistake in the file is an error naming it."""

from __future__ import annotations

import pytest
from conftest import ROOT

from dossier.build.pipeline import process
from dossier.model import Rejection
from dossier.outlets import load_registry

BODY = "The Kremlin said on Thursday that the investigation into the attack was continuing as planned."


def _article(text: str, registry=None):
    result = process("x.txt", text.encode(), registry or load_registry(), 5_000_000)
    assert not isinstance(result, Rejection), result
    return result


def test_an_outlet_reads_only_its_own_credit_style():
    credit = "lo/rc (AP, AFP)"
    unknown = _article(f"A headline about the attack near Moscow\n\nMarch 25, 2024\n\n{BODY}\n\n{credit}\n")
    assert "AFP" in unknown.agencies and credit not in unknown.paragraphs, "unknown outlet: every style"
    moscow_times = _article(
        f"The Moscow Times\n\nA headline about the attack near Moscow\n\nMarch 25, 2024\n\n{BODY}\n\n{credit}\n"
        "\nOriginal url: https://www.themoscowtimes.com/2024/03/25/a-headline-about-the-attack-near-moscow-a1\n"
    )
    assert moscow_times.source == "The Moscow Times"
    assert credit in moscow_times.paragraphs, "The Moscow Times does not use DW's credit style"


def test_shared_code_names_no_outlet():
    shared = [p for p in (ROOT / "plugins" / "dossier" / "clean").glob("*.py")]
    names = [o.name for o in load_registry().outlets if len(o.name) > 3]
    for path in shared:
        text = path.read_text(encoding="utf-8")
        code = "\n".join(line.split("#")[0] for line in text.splitlines() if not line.lstrip().startswith(('"', "#")))
        assert not [n for n in names if f'"{n}' in code or f"'{n}" in code], path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('colour = "blue"', "unknown key 'colour'"),
        ('credit_styles = ["dw"]', "unknown style 'dw'"),
        ('lede = "before_date"', "lede must be one of"),
        ("question_teasers = 1", "question_teasers must be a bool"),
        ("boilerplate = ['(unclosed']", "is not a regular expression"),
    ],
)
def test_outlet_file_mistakes_are_errors_that_name_the_file(tmp_path, extra, message):
    path = tmp_path / "outlets.toml"
    path.write_text(f'[[outlet]]\nname = "Example"\nslug = "example"\n{extra}\n', encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_registry(str(path))
    assert str(path) in str(err.value) and "Example" in str(err.value) and message in str(err.value)
