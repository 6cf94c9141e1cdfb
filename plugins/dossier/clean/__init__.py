"""Clean: a decoded Capture -> a draft CleanArticle, with every line accounted for.

The passes (passes.py) run in order. Each looks at the lines no earlier pass has claimed, and
either keeps a line in a role (title, date, byline, caption, ...) or removes it under a named
rule. What is left at the end is body text. Words are never changed. Patterns are data
(rules.py), dates are read in dates.py, and text captures get a general line classifier
(textblocks.py) that needs no outlet rules.
"""

from __future__ import annotations

from .passes import PASSES, clean, problem

__all__ = ["PASSES", "clean", "problem"]
