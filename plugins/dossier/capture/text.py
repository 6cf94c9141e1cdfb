"""Text captures: what "select all, copy, paste into a .txt" gives. One line per line of text."""

from __future__ import annotations

from .decode import text_lines

NAME = "text"
SUFFIXES = (".txt", ".text")


def sniff(head: bytes) -> bool:
    """Any file may be text; it is the format tried when no other claims the bytes."""
    return False


def read_lines(text: str) -> tuple[list, dict, list[dict]]:
    return text_lines(text), {}, []
