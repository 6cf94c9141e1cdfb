"""Walk every HTML page of a build and check every internal href/src resolves to a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

EXTERNAL_OK = ("http://", "https://", "mailto:")


def problems(output: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """`skip`: pages to leave out, such as a publish build's 404.html, whose links are absolute by design."""
    found = []
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).as_posix() in skip:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids = {el["id"] for el in soup.find_all(id=True)}
        for el in soup.find_all(["a", "link", "script", "img", "source", "iframe", "form"]):
            for attr in ("href", "src", "action"):
                value = el.get(attr)
                if value is None:
                    continue
                where = f"{page.relative_to(output)}: {el.name}[{attr}]={value!r}"
                if value.startswith(EXTERNAL_OK):
                    loads = el.name != "link" or set(el.get("rel", [])) & {
                        "stylesheet",
                        "icon",
                        "preload",
                        "modulepreload",
                        "manifest",
                        "prefetch",
                    }
                    if el.name in {"script", "link", "img", "source", "iframe"} and loads:
                        found.append(f"{where} loads from the network")
                    continue
                if value.startswith("//") or value.startswith("/"):
                    found.append(f"{where} is root-absolute")
                    continue
                parts = urlsplit(value)
                if parts.scheme:
                    found.append(f"{where} has an unexpected scheme")
                    continue
                if not parts.path:
                    if parts.fragment and parts.fragment not in ids:
                        found.append(f"{where} names a missing anchor")
                    continue
                target = (page.parent / unquote(parts.path)).resolve()
                if parts.path.endswith("/") or target.is_dir():
                    found.append(f"{where} links to a folder")
                elif not target.is_file():
                    found.append(f"{where} does not resolve to a file")
                elif output.resolve() not in target.parents:
                    found.append(f"{where} points outside the site")
    return found
