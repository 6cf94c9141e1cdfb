"""Dates written in a line of a capture, in the forms pages write them."""

from __future__ import annotations

import pytest

from dossier.clean.dates import date_line, dates_in_line, line_date


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Nov 18, 2019", ["2019-11-18"]),
        ("NOV 15, 20195:45 AM", ["2019-11-15"]),  # the time of day set right against the year
        ("by Example Office ／ 2016.12.01", ["2016-12-01"]),
        ("2019. 11. 19.", ["2019-11-19"]),
        ("2013年04月09日", ["2013-04-09"]),
        ("18.11.2019", ["2019-11-18"]),
        ("Nov 15, 20195", []),  # a five-digit number is no year
        ("version 2019.11.3 released", []),  # a version number is no date
        ("build 2019.11.19.123", []),
    ],
)
def test_dates_in_line(line, expected):
    assert dates_in_line(line) == expected


def test_a_line_that_is_only_a_date_with_its_time():
    assert date_line("NOV 15, 20195:45 AM") == ("published", "2019-11-15")
    assert date_line("2019. 11. 19.") == ("published", "2019-11-19")


@pytest.mark.parametrize(
    "line", ["Atualizado em 22/03/2024 14:05", "Actualizado el 22/03/2024", "Aggiornato il 22/03/2024", "Updated 22/03/2024"]
)
def test_each_packs_updated_label_marks_an_updated_date(line):
    """The pt, es and it packs gave their two labels as one string ("atualizado,atualizada"), which no page says."""
    assert line_date(line) == ("updated", "2024-03-22")
