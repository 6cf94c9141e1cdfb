"""Static SVG pictures, drawn at build time: no JavaScript needed to see them.

Every chart carries a <title> and <desc>, and every page that shows one also shows
a table with the same data for screen readers.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from html import escape

# Colour-blind-safe palette (Okabe-Ito); series get colours in sorted source order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _days(d: str) -> int:
    return Date.fromisoformat(d).toordinal()


def chart_id(label: str) -> str:
    """An id safe in any attribute: letters, digits, - and _ only. A label that needed changing gets a short
    hash of the original, so two labels never end up with one id."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", label)
    if safe == label and label[:1].isalpha():
        return label
    return f"c-{safe}-{hashlib.sha256(label.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def _svg(width: int, height: int, title: str, desc: str, body: list[str], label: str) -> str:
    ident = chart_id(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" class="chart">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def value_over_time(series: dict[str, list[tuple[str, int]]], title: str, label: str = "chart") -> str:
    """One line per source: values by publication date."""
    points = [(d, v) for pts in series.values() for d, v in pts]
    if not points:
        return ""
    width, height, left, right, top, bottom = 640, 260, 56, 150, 16, 40
    d0, d1 = min(_days(d) for d, _ in points), max(_days(d) for d, _ in points)
    v0, v1 = 0, max(v for _, v in points)
    span_d, span_v = max(d1 - d0, 1), max(v1 - v0, 1)

    def x(d: str) -> float:
        return left + (_days(d) - d0) / span_d * (width - left - right) if d1 > d0 else left + (width - left - right) / 2

    def y(v: int) -> float:
        return top + (1 - (v - v0) / span_v) * (height - top - bottom)

    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" class="axis"/>',
        f'<text x="{left - 6}" y="{y(v1) + 4:.1f}" text-anchor="end" class="tick">{v1}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end" class="tick">0</text>',
    ]
    for d in sorted({d for d, _ in points}):
        body.append(f'<text x="{x(d):.1f}" y="{height - bottom + 16}" text-anchor="middle" class="tick">{escape(d[5:])}</text>')
    for i, (source, pts) in enumerate(sorted(series.items())):
        c = colour(i)
        pts = sorted(pts)
        if len(pts) > 1:
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in pts)
            body.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2"/>')
        for d, v in pts:
            body.append(
                f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="5" fill="{c}"><title>{escape(source)}, {d}: {v}</title></circle>'
            )
        ly = top + 14 + i * 18
        body.append(f'<rect x="{width - right + 12}" y="{ly - 9}" width="10" height="10" fill="{c}"/>')
        body.append(f'<text x="{width - right + 28}" y="{ly}" class="legend">{escape(source)}</text>')
    desc = "; ".join(f"{s}: " + ", ".join(f"{v} on {d}" for d, v in sorted(p)) for s, p in sorted(series.items()))
    return _svg(width, height, title, desc, body, label)


def timeline(items: list[tuple[str, str, str]], title: str, label: str = "timeline") -> str:
    """Dots on a date axis, one row per series: items are (date, series, caption)."""
    if not items:
        return ""
    rows = sorted({s for _, s, _ in items})
    width, left, right, row_h, top = 640, 150, 24, 26, 16
    height = top + row_h * len(rows) + 34
    d0, d1 = min(_days(d) for d, _, _ in items), max(_days(d) for d, _, _ in items)
    span = max(d1 - d0, 1)

    def x(d: str) -> float:
        return left + (_days(d) - d0) / span * (width - left - right) if d1 > d0 else left + (width - left - right) / 2

    body = [f'<line x1="{left}" y1="{height - 30}" x2="{width - right}" y2="{height - 30}" class="axis"/>']
    for d in sorted({d for d, _, _ in items}):
        body.append(f'<text x="{x(d):.1f}" y="{height - 14}" text-anchor="middle" class="tick">{escape(d[5:])}</text>')
    for i, row in enumerate(rows):
        cy = top + i * row_h + row_h / 2
        body.append(f'<text x="{left - 8}" y="{cy + 4:.1f}" text-anchor="end" class="legend">{escape(row)}</text>')
        for d, s, caption in sorted(items):
            if s == row:
                body.append(
                    f'<circle cx="{x(d):.1f}" cy="{cy:.1f}" r="6" fill="{colour(i)}"><title>{escape(caption)}</title></circle>'
                )
    desc = "; ".join(f"{d}, {s}: {c}" for d, s, c in sorted(items))
    return _svg(width, height, title, desc, body, label)


def bars(counts: list[tuple[str, int]], title: str, label: str = "bars") -> str:
    """Vertical bars, e.g. mentions per date."""
    if not counts:
        return ""
    width, height, left, bottom, top = 640, 160, 40, 34, 12
    peak = max(c for _, c in counts) or 1
    step = (width - left - 10) / len(counts)
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" class="axis"/>']
    for i, (name, count) in enumerate(counts):
        h = count / peak * (height - top - bottom)
        bx = left + i * step + step * 0.15
        body.append(
            f'<rect x="{bx:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="{colour(0)}"><title>{escape(name)}: {count}</title></rect>'
        )
        body.append(
            f'<text x="{bx + step * 0.35:.1f}" y="{height - bottom + 16}" text-anchor="middle" class="tick">{escape(name[5:] if len(name) == 10 else name)}</text>'
        )
        body.append(
            f'<text x="{bx + step * 0.35:.1f}" y="{height - bottom - h - 3:.1f}" text-anchor="middle" class="tick">{count}</text>'
        )
    desc = ", ".join(f"{n}: {c}" for n, c in counts)
    return _svg(width, height, title, desc, body, label)


def graph(nodes: list[tuple[str, str, int]], edges: list[tuple[str, str, int]], title: str, label: str = "graph") -> str:
    """Co-occurrence graph: nodes (id, name, weight) on a circle, edges (a, b, weight) between them."""
    if not nodes:
        return ""
    import math

    size, pad = 560, 110
    cx = cy = size / 2
    r = size / 2 - pad
    peak = max(w for _, _, w in nodes) or 1
    pos = {}
    for i, (node_id, _, _) in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[node_id] = (cx + r * math.cos(angle), cy + r * math.sin(angle), angle)
    top = max((w for _, _, w in edges), default=1)
    body = []
    for a, b, w in edges:
        if a in pos and b in pos:
            (x1, y1, _), (x2, y2, _) = pos[a], pos[b]
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="edge" stroke-width="{1 + 3 * w / top:.1f}"/>'
            )
    for node_id, name, w in nodes:
        x, y, angle = pos[node_id]
        radius = 4 + 8 * w / peak
        anchor = "start" if math.cos(angle) > 0.1 else "end" if math.cos(angle) < -0.1 else "middle"
        lx, ly = x + (radius + 4) * math.cos(angle), y + (radius + 4) * math.sin(angle) + 4
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour(0)}"><title>{escape(name)}: {w}</title></circle>'
        )
        body.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{escape(name)}</text>')
    desc = "; ".join(f"{a} and {b}: {w}" for a, b, w in edges)
    return _svg(size, size, title, desc or "No two names share an article.", body, label)
