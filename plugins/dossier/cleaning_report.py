"""`invoke inspect PATH`: a capture's cleaned article and its removed lines, for editors tuning rules."""

from __future__ import annotations

from pathlib import Path

from . import clean
from .build.pipeline import process
from .model import Rejection
from .outlets import load_registry
from .settings import DEFAULTS


def report(path: Path) -> str:
    result = process(path.name, path.read_bytes(), load_registry(), DEFAULTS["DOSSIER_MAX_BYTES"])
    if isinstance(result, Rejection):
        return f"REJECTED {result.capture}: {result.reason}"
    out = [
        f"capture   {result.capture}  sha256 {result.sha256}  encoding {result.encoding}{' (repaired)' if result.repaired else ''}"
    ]
    for field in ("title", "date", "updated", "source", "byline", "authors", "agencies", "original_url", "lede"):
        out.append(f"{field:<12}{getattr(result, field)}")
    problem = clean.problem(result)
    if problem:
        out.append(f"WOULD BE REJECTED: {problem}")
    out.append("\n== body")
    for block in result.blocks:
        out.append(("## " if block.kind == "subheading" else "") + block.text)
        out.append("")
    out.append("== captions")
    out += [f"- {c.text} [credit: {c.credit}]" + (f" [alt: {c.alt}]" if c.alt else "") for c in result.captions]
    out.append("== related")
    out += [f"- {r}" for r in result.related]
    out.append("== removed")
    out += [f"{r.line:>5}  {r.rule:<18} {r.text}" for r in result.removed]
    return "\n".join(out)
