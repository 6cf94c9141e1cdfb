"""Static SVG pictures, drawn at build time: no JavaScript needed to see them.

Every chart carries a <title> and <desc>, and every page that shows one also shows
a table with the same data for screen readers.

Charts are laid out in SVG units that are CSS pixels, and the stylesheet never draws a chart
smaller than its layout (a chart grows to fill its box, or scrolls inside it), so chart text is
never below FONT px. A chart too wide for a phone comes twice, a wide and a narrow layout; the
stylesheet shows the one that fits and hides the other (display: none, so a screen reader meets
one). Markers never hide each other: points that would touch are moved sideways, and a timeline
groups the articles of neighbouring days into one dot.
"""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date as Date
from html import escape

# Colour-blind-safe palette (Okabe-Ito); series get colours in sorted source order. Past eight
# series the colours come round again with another marker shape.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
SHAPES = ("circle", "square", "diamond", "triangle")

# Must match `svg.chart text` in theme/static/css/style.css: the layout measures text at this size.
FONT = 13
WIDE, NARROW = 640, 340  # layout widths; the stylesheet switches at 42rem (a 640 px column)
MARKER = 5  # marker radius
GAP = 2 * MARKER + 4  # between marker centres: no two shapes touch, squares and triangles included
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def shape(index: int) -> str:
    return SHAPES[(index // len(PALETTE)) % len(SHAPES)]


def _days(d: str) -> int:
    return Date.fromisoformat(d).toordinal()


def chart_id(label: str) -> str:
    """An id safe in any attribute: letters, digits, - and _ only. A label that needed changing gets a short
    hash of the original, so two labels never end up with one id."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", label)
    if safe == label and label[:1].isalpha():
        return label
    return f"c-{safe}-{hashlib.sha256(label.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the width of `text` in a sans-serif face (DejaVu Sans is among the widest)."""
    width = 0.0
    for ch in text:
        if ch in "ijlI.,:;'|!()[] ":
            width += 0.34
        elif ch in "frt-":
            width += 0.45
        elif ch in "mwMW@%":
            width += 1.0
        elif ch.isdigit():
            width += 0.64
        elif ch.isascii() and ch.isupper():
            width += 0.76
        elif ch.isascii():
            width += 0.62
        else:
            width += 0.72
    return width * size


def _svg(width: int, height: int, title: str, desc: str, body: list[str], label: str, variant: str = "") -> str:
    ident = chart_id(label)
    cls = f"chart chart-{variant}" if variant else "chart"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" class="{cls}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _wide_and_narrow(draw, label: str, *args) -> str:
    """The same chart laid out twice; the stylesheet shows one of them."""
    return draw(WIDE, label, "wide", *args) + draw(NARROW, f"{label}-n", "narrow", *args)


def _short_date(d: str, with_year: bool = False) -> str:
    day = Date.fromisoformat(d)
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if with_year else "")


def _marker(kind: str, x: float, y: float, r: float, fill: str, cls: str, title: str = "") -> str:
    """A point of a series; circles are <circle>, the other shapes <rect> or <path>."""
    tip = f"<title>{escape(title)}</title>" if title else ""
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" class="{cls}">{tip}</circle>'
    if kind == "square":
        s = r * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" fill="{fill}" class="{cls}">{tip}</rect>'
    if kind == "diamond":
        d = f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}L{x - r:.1f} {y:.1f}Z"
    else:
        d = f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}L{x - r:.1f} {y + r * 0.8:.1f}Z"
    return f'<path d="{d}" fill="{fill}" class="{cls}">{tip}</path>'


def _key_marker(kind: str, x: float, y: float, fill: str) -> str:
    """A legend marker: the series' shape, but a round <rect> for circles, so that only data points are <circle>s."""
    if kind == "circle":
        r = MARKER - 0.5
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" rx="{r:.1f}" fill="{fill}" class="key"/>'
    return _marker(kind, x, y, MARKER - 0.5, fill, "key")


# Steps sideways tried for one point before it is left where it is (a crowded chart stays linear in time).
MAX_DODGE = 60


def dodge(centres: list[tuple[float, float]], gap: float, lo: float = -math.inf, hi: float = math.inf) -> list[float]:
    """New x for each centre, so that no two are closer than `gap`: each in turn stays put if it can,
    or moves sideways by whole steps of `gap` (right, left, further right, ...), never out of [lo, hi]
    unless it must."""
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    xs = []
    limit = gap * gap - 1e-6  # two centres at least this far apart (squared) do not touch
    floor, get = math.floor, grid.get
    # Where the search for a centre ended: the steps before it were taken or out of bounds, and are still (the
    # grid only fills), so another point at the same centre starts there. A column of equal points is linear.
    tried: dict[tuple[float, float], int] = {}
    for cx, cy in centres:
        gy = floor(cy / gap)
        k = tried.get((cx, cy), 0)
        while True:
            nx = cx + ((k + 1) // 2) * gap * (1 if k % 2 else -1)
            if not lo <= nx <= hi and k < 4 * len(centres) + 2 and k < MAX_DODGE:
                k += 1
                continue
            gx = floor(nx / gap)
            if k >= MAX_DODGE or _clear(get, nx, cy, gx, gy, limit):
                break  # after MAX_DODGE steps a point stays where it is: the time to place each one is bounded
            k += 1
        tried[cx, cy] = k
        grid.setdefault((gx, gy), []).append((nx, cy))
        xs.append(nx)
    return xs


def _clear(get, nx: float, cy: float, gx: int, gy: int, limit: float) -> bool:
    """Whether no centre placed in the grid cells around (gx, gy) is closer to (nx, cy) than the gap."""
    for i in (gx - 1, gx, gx + 1):
        for j in (gy - 1, gy, gy + 1):
            for px, py in get((i, j), ()):
                if not (nx - px) ** 2 + (cy - py) ** 2 >= limit:
                    return False
    return True


def _thin(labels: list[tuple[float, str]], lo: float, hi: float) -> list[tuple[float, str]]:
    """Tick labels (x, text), centred on x, left out where they would touch the one before or leave [lo, hi]."""
    kept: list[tuple[float, str]] = []
    end = -math.inf
    for x, text in labels:
        w = text_width(text)
        x = min(max(x, lo + w / 2), hi - w / 2)
        if x - w / 2 >= end + 8:
            kept.append((x, text))
            end = x + w / 2
    return kept


def _nice_axis(lo: int, hi: int, count: int = 4) -> tuple[float, float, list[float]]:
    """Axis bounds and ticks. The axis starts at 0 unless every value is well above it, when it starts
    near the smallest value so that differences between sources can be seen (the ticks say where)."""
    if lo > hi * 0.5 and hi > lo:
        span = hi - lo
    else:
        lo, span = 0, max(hi, 1)
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    step = max(step, 1)
    start = math.floor(lo / step) * step
    end = math.ceil(hi / step) * step
    if end == start:
        end = start + step
    ticks = []
    t = start
    while t <= end + 1e-9:
        ticks.append(t)
        t += step
    return start, end, ticks


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _legend(entries: list[tuple[str, int]], width: int, top: float) -> tuple[list[str], float]:
    """Legend rows under the chart, apart from the data: a line and marker, then the source's name."""
    body = []
    x, y, row_h = 4.0, top + FONT, FONT + 9
    for name, i in entries:
        item_w = 22 + 6 + text_width(name) + 16
        if x > 4 and x + item_w > width:
            x, y = 4.0, y + row_h
        c = colour(i)
        body.append(f'<line x1="{x:.1f}" y1="{y - 4.5:.1f}" x2="{x + 22:.1f}" y2="{y - 4.5:.1f}" stroke="{c}" stroke-width="2"/>')
        body.append(_key_marker(shape(i), x + 11, y - 4.5, c))
        body.append(f'<text x="{x + 28:.1f}" y="{y:.1f}" class="legend">{escape(name)}</text>')
        x += item_w
    return body, y + 6


def value_over_time(series: dict[str, list[tuple[str, int]]], title: str, label: str = "chart") -> str:
    """One line per source: values by publication date."""
    if not any(series.values()):
        return ""
    return _wide_and_narrow(_value_chart, label, series, title)


def _value_chart(width: int, label: str, variant: str, series: dict[str, list[tuple[str, int]]], title: str) -> str:
    points = [(d, v) for pts in series.values() for d, v in pts]
    dates = sorted({d for d, _ in points})
    d0, d1 = _days(dates[0]), _days(dates[-1])
    lo, hi, ticks = _nice_axis(min(v for _, v in points), max(v for _, v in points))
    top, plot_h = FONT + 4, 190 if variant == "wide" else 170
    left = max(text_width(_fmt(t)) for t in ticks) + 12
    inner = GAP + MARKER + 4  # between the axis and the first date: room for a point moved aside
    x0, x1 = left + inner, width - inner
    base = top + plot_h

    def x(d: str) -> float:
        return x0 + (_days(d) - d0) / (d1 - d0) * (x1 - x0) if d1 > d0 else (x0 + x1) / 2

    def y(v: float) -> float:
        return base - (v - lo) / (hi - lo) * plot_h

    body = []
    for t in ticks:
        body.append(f'<line x1="{left}" y1="{y(t):.1f}" x2="{width - 4}" y2="{y(t):.1f}" class="grid"/>')
        body.append(f'<text x="{left - 6:.1f}" y="{y(t) + FONT * 0.35:.1f}" text-anchor="end" class="tick">{_fmt(t)}</text>')
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - 4}" y2="{base}" class="axis"/>')
    body.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{base}" class="axis"/>')
    years = len({d[:4] for d in dates}) > 1
    for tx, text in _thin([(x(d), _short_date(d, years)) for d in dates], 0, width):
        body.append(f'<text x="{tx:.1f}" y="{base + FONT + 5}" text-anchor="middle" class="tick">{escape(text)}</text>')
    sources = sorted(series)
    order = sorted((d, i, v) for i, s in enumerate(sources) for d, v in series[s])
    xs = dodge([(x(d), y(v)) for d, _, v in order], GAP, left + MARKER + 4, width - MARKER - 2)
    placed: dict[int, list[tuple[str, int, float]]] = {i: [] for i in range(len(sources))}
    for (d, i, v), px in zip(order, xs, strict=True):
        placed[i].append((d, v, px))
    for i in placed:
        if len(placed[i]) > 1:
            path = " ".join(f"{px:.1f},{y(v):.1f}" for _, v, px in placed[i])
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour(i)}" stroke-width="2"/>')
    for i, source in enumerate(sources):
        for d, v, px in placed[i]:
            body.append(_marker(shape(i), px, y(v), MARKER, colour(i), "pt", f"{source}, {d}: {v}"))
    legend, height = _legend([(s, i) for i, s in enumerate(sources)], width, base + FONT + 22)
    desc = "; ".join(f"{s}: " + ", ".join(f"{v} on {d}" for d, v in sorted(p)) for s, p in sorted(series.items()))
    return _svg(width, math.ceil(height), title, desc, body + legend, label, variant)


def timeline(items: list[tuple[str, str, str]], title: str, label: str = "timeline") -> str:
    """Dots on a date axis, one row per series: items are (date, series, caption). Where days are too
    close together to tell apart, a dot stands for several days, and grows with its number of articles."""
    if not items:
        return ""
    return _wide_and_narrow(_timeline_chart, label, items, title)


def _timeline_chart(width: int, label: str, variant: str, items: list[tuple[str, str, str]], title: str) -> str:
    rows = sorted({s for _, s, _ in items})
    label_w = max(text_width(r) for r in rows)
    above = variant == "narrow" or label_w > width * 0.4  # row names above their row, not beside it
    rmax = MARKER + 2
    apart = math.ceil(2.7 * rmax + 2)  # between dot centres, whatever their shape
    row_h = FONT + 2 * rmax + 8 if above else max(apart, FONT + 8)
    left = 8 if above else label_w + 16
    x0, x1 = left + rmax + 4, width - rmax - 6
    top = 6
    d0, d1 = min(_days(d) for d, _, _ in items), max(_days(d) for d, _, _ in items)
    # Days per dot: enough that neighbouring dots stay `apart`; the axis then ends on a whole dot.
    bin_days, span = 1, d1 - d0
    while span and (x1 - x0) / span * bin_days < apart:
        bin_days += 1
        span = math.ceil((d1 - d0 + 1) / bin_days) * bin_days - 1

    def x(day: float) -> float:
        return x0 + (day - d0) / span * (x1 - x0) if span else (x0 + x1) / 2

    bins: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for d, s, caption in sorted(items):
        bins.setdefault((s, (_days(d) - d0) // bin_days), []).append((d, caption))
    peak = max(len(v) for v in bins.values())
    body = []
    base = top + row_h * len(rows) + 4
    body.append(f'<line x1="{left}" y1="{base}" x2="{width - 4}" y2="{base}" class="axis"/>')
    dates = sorted({d for d, _, _ in items})
    years = len({d[:4] for d in dates}) > 1
    for tx, text in _thin([(x(_days(d)), _short_date(d, years)) for d in dates], 0, width):
        body.append(f'<text x="{tx:.1f}" y="{base + FONT + 5}" text-anchor="middle" class="tick">{escape(text)}</text>')
    cy: float
    for i, row in enumerate(rows):
        if above:
            body.append(f'<text x="{left}" y="{top + i * row_h + FONT:.1f}" class="legend">{escape(row)}</text>')
            cy = top + i * row_h + FONT + 4 + rmax
        else:
            cy = top + i * row_h + row_h / 2
            body.append(
                f'<text x="{left - 10:.1f}" y="{cy + FONT * 0.35:.1f}" text-anchor="end" class="legend">{escape(row)}</text>'
            )
        body.append(f'<line x1="{x0:.1f}" y1="{cy:.1f}" x2="{x1:.1f}" y2="{cy:.1f}" class="row-rule"/>')
        for (s, b), arts in sorted(bins.items()):
            if s != row:
                continue
            first, last = arts[0][0], arts[-1][0]
            r = MARKER - 1 + 3 * math.sqrt((len(arts) - 1) / (peak - 1)) if peak > 1 else MARKER
            when = first if first == last else f"{first} to {last}"
            shown = "; ".join(c for _, c in arts[:5]) + (f"; and {len(arts) - 5} more" if len(arts) > 5 else "")
            tip = f"{row}, {when}: " + (shown if len(arts) == 1 else f"{len(arts)} articles: {shown}")
            centre = d0 + b * bin_days + (bin_days - 1) / 2
            body.append(_marker(shape(i), x(centre), cy, r, colour(i), "pt", tip))
    desc = "; ".join(f"{d}, {s}: {c}" for d, s, c in sorted(items))
    return _svg(width, math.ceil(base + FONT + 10), title, desc, body, label, variant)


def bars(counts: list[tuple[str, int]], title: str, label: str = "bars") -> str:
    """Vertical bars, e.g. mentions per date."""
    if not counts:
        return ""
    return _wide_and_narrow(_bar_chart, label, counts, title)


def _bar_chart(width: int, label: str, variant: str, counts: list[tuple[str, int]], title: str) -> str:
    peak = max(c for _, c in counts) or 1
    top, plot_h = FONT + 8, 110
    base = top + plot_h
    step = (width - 8) / len(counts)
    bar_w = step * 0.7
    # Each bar's number sits on it when every number fits its bar; otherwise an axis gives the scale.
    on_bars = all(text_width(str(c)) <= step - 2 for _, c in counts)
    left = 4 if on_bars else text_width(str(peak)) + 10
    if not on_bars:
        step = (width - left - 4) / len(counts)
        bar_w = step * 0.7
    body = [f'<line x1="{left}" y1="{base}" x2="{width - 4}" y2="{base}" class="axis"/>']
    if not on_bars:
        body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" class="axis"/>')
        for v, ty in ((peak, top), (0, base)):
            body.append(f'<text x="{left - 6:.1f}" y="{ty + FONT * 0.35:.1f}" text-anchor="end" class="tick">{v}</text>')
    ticks = []
    for i, (name, count) in enumerate(counts):
        h = count / peak * plot_h
        bx = left + i * step + (step - bar_w) / 2
        body.append(
            f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour(0)}"><title>{escape(name)}: {count}</title></rect>'
        )
        if on_bars:
            body.append(f'<text x="{bx + bar_w / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" class="tick">{count}</text>')
        ticks.append((bx + bar_w / 2, _short_date(name) if len(name) == 10 and name[4] == "-" else name))
    for tx, text in _thin(ticks, 0, width):
        body.append(f'<text x="{tx:.1f}" y="{base + FONT + 5}" text-anchor="middle" class="tick">{escape(text)}</text>')
    desc = ", ".join(f"{n}: {c}" for n, c in counts)
    return _svg(width, base + FONT + 10, title, desc, body, label, variant)


def _name_lines(name: str, limit: float) -> list[str]:
    """A name on one line, or on two when it is wider than `limit` (split at the space nearest the middle)."""
    if text_width(name) <= limit or " " not in name:
        return [name]
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


def graph(nodes: list[tuple[str, str, int]], edges: list[tuple[str, str, int]], title: str, label: str = "graph") -> str:
    """Co-occurrence as an arc diagram: nodes (id, name, weight) one per row with the name beside it,
    edges (a, b, weight) as arcs on the right. One layout that fits a phone; names are never cut."""
    if not nodes:
        return ""
    limit = 170.0
    lines = {node_id: _name_lines(name, limit) for node_id, name, _ in nodes}
    label_w = max(text_width(line) for ls in lines.values() for line in ls)
    rmax = 9
    x = label_w + 12 + rmax
    width = max(NARROW, math.ceil(x + rmax + 40))
    peak = max(w for _, _, w in nodes) or 1
    pos, y = {}, 6.0
    for node_id, _, _ in nodes:
        h = max(2 * rmax + 6, len(lines[node_id]) * (FONT + 3) + 6)
        pos[node_id] = y + h / 2
        y += h
    height = math.ceil(y + 6)
    top = max((w for _, _, w in edges), default=1)
    room = width - x - rmax - 4
    body = []
    for a, b, w in edges:
        if a in pos and b in pos:
            ya, yb = sorted((pos[a], pos[b]))
            ry = (yb - ya) / 2
            rx = min(ry, room)
            body.append(
                f'<path d="M{x:.1f} {ya:.1f}A{rx:.1f} {ry:.1f} 0 0 1 {x:.1f} {yb:.1f}" fill="none" class="edge" stroke-width="{1 + 3 * w / top:.1f}"/>'
            )
    for node_id, name, w in nodes:
        cy = pos[node_id]
        radius = 4 + (rmax - 4) * w / peak
        body.append(
            f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{colour(0)}" class="pt"><title>{escape(name)}: {w}</title></circle>'
        )
        ls = lines[node_id]
        first = cy + FONT * 0.35 - (len(ls) - 1) * (FONT + 3) / 2
        spans = "".join(
            f'<tspan x="{x - rmax - 8:.1f}" y="{first + k * (FONT + 3):.1f}">{escape(line)}</tspan>' for k, line in enumerate(ls)
        )
        body.append(f'<text text-anchor="end" class="legend">{spans}</text>')
    desc = "; ".join(f"{a} and {b}: {w}" for a, b, w in edges)
    return _svg(width, height, title, desc or "No two names share an article.", body, label)
