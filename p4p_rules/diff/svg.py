"""Inline SVG charts for the HTML diff report: bars, a histogram, diverging counts and a waterfall.

Each function takes numbers already worked out (money in integer centavos, counts) with the text to
print next to them, and returns one `<svg>` element as markup: no script, no external font, no
link.  Every chart is an image for assistive technology (`role="img"`, a `<title>` and a `<desc>`);
the report puts a data table next to each one.  Every mark a reader should count is a `<rect>`
with class `mark` and `data-*` attributes holding its exact value, so a test can check what was drawn.

Positions are pixels, computed as floats from the integer values: drawing only, never money.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

WIDTH = 640
CHAR = 7.2            # rough width of one character at the 12px system font (no font metrics offline)
ROW = 26              # height of one row of horizontal bars
GAIN, LOSS, NEUTRAL, TOTAL = "gain", "loss", "neutral", "total"


@dataclass
class Bar:
    label: str
    value: int                       # centavos or a count; the bar's length
    text: str                        # printed at the end of the bar
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class Bin:
    lo: int                          # centavos, inclusive
    hi: int                          # centavos, exclusive (lo == hi: exactly that value)
    count: int
    label: str                       # the bin as words, for the tooltip


@dataclass
class Step:
    label: str
    delta: int
    text: str


def _kind(value: int) -> str:
    return GAIN if value > 0 else LOSS if value < 0 else NEUTRAL


def _px(value: int, span: int, length: float) -> float:
    """`value` out of `span` as a length in pixels (drawing only)."""
    return round(value * length / span, 2) if span else 0.0


def _svg(chart_id: str, title: str, desc: str, height: float, kind: str) -> ET.Element:
    svg = ET.Element("svg", {"viewBox": f"0 0 {WIDTH} {round(height)}", "width": str(WIDTH),
                             "height": str(round(height)), "role": "img", "class": f"chart {kind}",
                             "id": chart_id, "aria-labelledby": f"{chart_id}-t {chart_id}-d",
                             "data-chart": kind})
    ET.SubElement(svg, "title", {"id": f"{chart_id}-t"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-d"}).text = desc
    return svg


def _text(parent: ET.Element, x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> ET.Element:
    attrs = {"x": f"{x:g}", "y": f"{y:g}", "text-anchor": anchor}
    if cls:
        attrs["class"] = cls
    el = ET.SubElement(parent, "text", attrs)
    el.text = text
    return el


def _rect(parent: ET.Element, x: float, y: float, w: float, h: float, cls: str, tip: str,
          data: dict[str, str]) -> None:
    attrs = {"x": f"{x:g}", "y": f"{y:g}", "width": f"{max(w, 1.0):g}", "height": f"{max(h, 1.0):g}",
             "class": f"mark {cls}"}
    attrs.update({f"data-{k}": v for k, v in data.items()})
    rect = ET.SubElement(parent, "rect", attrs)
    ET.SubElement(rect, "title").text = tip    # the browser's tooltip


def _line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, cls: str) -> None:
    ET.SubElement(parent, "line", {"x1": f"{x1:g}", "y1": f"{y1:g}", "x2": f"{x2:g}", "y2": f"{y2:g}",
                                   "class": cls})


def _markup(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def diverging_bars(chart_id: str, title: str, desc: str, bars: list[Bar]) -> str:
    """Horizontal bars from a zero line: negative to the left (loss), positive to the right (gain)."""
    label_w = max((len(b.label) for b in bars), default=0) * CHAR + 12
    text_w = max((len(b.text) for b in bars), default=0) * CHAR + 8
    lo = min([0] + [b.value for b in bars])
    hi = max([0] + [b.value for b in bars])
    plot_w = WIDTH - label_w - 2 * text_w
    x0 = label_w + text_w + _px(-lo, hi - lo, plot_w)
    height = ROW * len(bars) + 16
    svg = _svg(chart_id, title, desc, height, "diverging-bars")
    for i, b in enumerate(bars):
        y = 8 + i * ROW
        length = _px(abs(b.value), hi - lo, plot_w)
        x = x0 - length if b.value < 0 else x0
        _text(svg, label_w - 8, y + ROW / 2 + 4, b.label, "end", "label")
        _rect(svg, x, y + 4, length, ROW - 8, _kind(b.value), f"{b.label}: {b.text}",
              {"value": str(b.value), "label": b.label, **b.data})
        if b.value < 0:
            _text(svg, x - 4, y + ROW / 2 + 4, b.text, "end", "value")
        else:
            _text(svg, x + max(length, 1) + 4, y + ROW / 2 + 4, b.text, "start", "value")
    _line(svg, x0, 4, x0, height - 4, "axis")
    return _markup(svg)


def diverging_counts(chart_id: str, title: str, desc: str, rows: list[tuple[str, int, int]],
                     left_word: str, right_word: str) -> str:
    """Per row, a count to the left (losers) and a count to the right (gainers) of a shared zero line."""
    label_w = max((len(r[0]) for r in rows), default=0) * CHAR + 12
    top = 22
    biggest = max([1] + [max(r[1], r[2]) for r in rows])
    half = (WIDTH - label_w - 2 * 40) / 2
    x0 = label_w + 40 + half
    height = top + ROW * len(rows) + 8
    svg = _svg(chart_id, title, desc, height, "diverging-counts")
    _text(svg, x0 - 6, 14, f"← {left_word}", "end", "legend loss-text")
    _text(svg, x0 + 6, 14, f"{right_word} →", "start", "legend gain-text")
    for i, (label, left, right) in enumerate(rows):
        y = top + i * ROW
        _text(svg, label_w - 8, y + ROW / 2 + 4, label, "end", "label")
        for count, side, kind, word in ((left, -1, LOSS, left_word), (right, 1, GAIN, right_word)):
            if not count:
                _text(svg, x0 + side * 6, y + ROW / 2 + 4, "0", "end" if side < 0 else "start", "value")
                continue
            length = _px(count, biggest, half)
            x = x0 - length if side < 0 else x0
            _rect(svg, x, y + 4, length, ROW - 8, kind, f"{label}: {count} {word}",
                  {"value": str(count), "label": label, "side": kind})
            tx = x - 4 if side < 0 else x + length + 4
            _text(svg, tx, y + ROW / 2 + 4, str(count), "end" if side < 0 else "start", "value")
    _line(svg, x0, top, x0, height - 4, "axis")
    return _markup(svg)


def histogram(chart_id: str, title: str, desc: str, bins: list[Bin], ticks: list[tuple[int, str]],
              axis_label: str, zero_label: str) -> str:
    """Vertical bars, one per bin in order; bins with lo == hi (the unchanged) get a slot of their own.

    `ticks` are (bin edge in centavos, text) pairs printed under the axis.
    """
    left, right, top, bottom = 36, 30, 16, 58
    plot_w, plot_h = WIDTH - left - right, 170
    height = top + plot_h + bottom
    svg = _svg(chart_id, title, desc, height, "histogram")
    slot = plot_w / max(len(bins), 1)
    biggest = max([1] + [b.count for b in bins])
    edges: dict[int, float] = {}
    for i, b in enumerate(bins):
        x = left + i * slot
        if b.lo == b.hi:
            edges.setdefault(b.lo, x + slot / 2)
        else:
            edges.setdefault(b.lo, x)
            edges[b.hi] = x + slot
        if not b.count:
            continue
        h = _px(b.count, biggest, plot_h)
        kind = NEUTRAL if b.lo == b.hi else GAIN if b.lo >= 0 else LOSS
        _rect(svg, x + 1, top + plot_h - h, slot - 2, h, kind, f"{b.label}: {b.count}",
              {"lo": str(b.lo), "hi": str(b.hi), "value": str(b.count)})
        _text(svg, x + slot / 2, top + plot_h - h - 3, str(b.count), "middle", "value small")
        if b.lo == b.hi:
            _text(svg, x + slot / 2, top + plot_h + 28, zero_label, "middle", "label small")
    _line(svg, left, top + plot_h, left + plot_w, top + plot_h, "axis")
    for edge, text in ticks:
        if edge in edges:
            _line(svg, edges[edge], top + plot_h, edges[edge], top + plot_h + 4, "axis")
            _text(svg, edges[edge], top + plot_h + 16, text, "middle", "label small")
    _text(svg, left + plot_w / 2, height - 6, axis_label, "middle", "label")
    return _markup(svg)


def waterfall(chart_id: str, title: str, desc: str, start: Bar, steps: list[Step], end: Bar,
              width: int = WIDTH, height: int = 230) -> str:
    """The start total, one floating bar per step (its change), the end total; dashed lines join them."""
    columns = 2 + len(steps)
    left, right, top, bottom = 8, 8, 22, 40
    plot_h = height - top - bottom
    running = [start.value]
    for s in steps:
        running.append(running[-1] + s.delta)
    lo, hi = min([0] + running + [end.value]), max([0] + running + [end.value])
    span = (hi - lo) or 1
    room = 14 if lo < 0 or any(s.delta < 0 for s in steps) else 0   # for the labels under falling steps
    plot_h -= room

    def y(v: int) -> float:
        return top + _px(hi - v, span, plot_h)

    svg = _svg(chart_id, title, desc, height, "waterfall")
    svg.set("viewBox", f"0 0 {width} {height}")
    svg.set("width", str(width))
    slot = (width - left - right) / columns
    bar_w = slot * 0.62
    marks = [(start.label, 0, start.value, TOTAL, start.text, {"value": str(start.value), "role": "start"})]
    for s, before, after in zip(steps, running[:-1], running[1:], strict=True):
        marks.append((s.label, before, after, _kind(s.delta), s.text, {"value": str(s.delta), "role": "step"}))
    marks.append((end.label, 0, end.value, TOTAL, end.text, {"value": str(end.value), "role": "end"}))
    prev_level = None
    for i, (label, a, b, kind, text, data) in enumerate(marks):
        x = left + i * slot + (slot - bar_w) / 2
        y1, y2 = y(max(a, b)), y(min(a, b))
        _rect(svg, x, y1, bar_w, y2 - y1, kind, f"{label}: {text}", {"label": label, **data})
        # a falling step is labelled under its bar, so that it does not collide with the rise before it
        _text(svg, x + bar_w / 2, y2 + 12 if kind == LOSS else y1 - 4, text, "middle", "value small")
        _text(svg, x + bar_w / 2, height - bottom + 14, label, "middle", "label small")
        if prev_level is not None:
            _line(svg, prev_level[0], y(prev_level[1]), x, y(prev_level[1]), "connector")
        prev_level = (x + bar_w, b)
    _line(svg, left, y(0), width - right, y(0), "axis")
    return _markup(svg)


__all__ = ["Bar", "Bin", "Step", "diverging_bars", "diverging_counts", "histogram", "waterfall"]
