"""Inline SVG bar charts for the dashboard, drawn at build time: no chart library, no script, no CDN.

A bar of a department or a channel is drawn in its registry colour, and always beside a text naming it
(the row's label, the chart's caption): the colour helps whoever tells the colours apart and is never
the only cue. Every other mark is drawn in `currentColor`, so it takes the text colour of the page around
it and reads as well on Material's light palette as on its dark one. Published and planned differ by shape
(solid versus outlined) and targets met or missed by a mark (✓ or ✗), never by colour alone. Each chart is an
`img` with a `<title>` and a `<desc>` that says every number, and the page shows the same numbers in a
table next to it.

Every text that goes into the markup passes through `escape`: names come from the registry, but a
chart must not trust them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from collections.abc import Sequence

FONT = 12
"""Font size in the chart's own units; charts scale with the page, text with them."""
CHAR = 7.2
"""Roughly how wide a character is at FONT, for sizing the label column."""
MARKS = {"met": "✓", "on-track": "✓", "missed": "✗", "short": "✗"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a value (split into a solid part and an outlined `planned` part), and for
    month columns an optional target and the state against it."""

    label: str
    value: int
    planned: int = 0
    target: int | None = None
    state: str = ""
    colour: str = ""
    """The registry colour of what the bar counts (`#1e88e5`), or '' for the text colour."""

    @property
    def total(self) -> int:
        return self.value + self.planned


def _svg(chart_id: str, title: str, desc: str, width: float, height: float, body: list[str]) -> Markup:
    ids = f"{chart_id}-title {chart_id}-desc"
    head = (
        f'<svg class="nd-chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(ids)}" '
        f'viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="currentColor">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _rect(
    x: float, y: float, w: float, h: float, cls: str, *, outlined: bool = False, colour: str = ""
) -> str:
    # The registry checks colours; a chart draws only what is plainly one, whatever it is given.
    paint_with = colour if _COLOUR.fullmatch(colour) else "currentColor"
    paint = (
        f'fill="{paint_with}" fill-opacity="0.12" stroke="{paint_with}" stroke-width="1.5" stroke-dasharray="3 2"'
        if outlined
        else f'fill="{paint_with}" fill-opacity="0.85"'
        # A coloured bar is outlined in the text colour: its edge has the text's contrast in either palette,
        # whatever colour the registry chose (a pale yellow on white).
        + (' stroke="currentColor" stroke-width="1"' if paint_with != "currentColor" else "")
    )
    return f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" {paint}/>'


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text{klass} x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def hbar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar], *, width: int = 480) -> Markup:
    """Horizontal bars, one per row, labelled on the left, with the value at the bar's end."""
    row, gap, pad = 20, 8, 4
    label_width = min(240.0, max((len(b.label) for b in bars), default=4) * CHAR + 12)
    value_width = 48
    scale_width = width - label_width - value_width
    top = max((b.total for b in bars), default=0) or 1
    body = []
    for index, bar in enumerate(bars):
        y = pad + index * (row + gap)
        body.append(_text(label_width - 8, y + row * 0.7, bar.label, "end", "nd-chart__label"))
        solid = bar.value / top * scale_width
        body.append(_rect(label_width, y, solid, row, "nd-chart__bar", colour=bar.colour))
        if bar.planned:
            body.append(
                _rect(
                    label_width + solid,
                    y,
                    bar.planned / top * scale_width,
                    row,
                    "nd-chart__bar nd-chart__bar--planned",
                    outlined=True,
                    colour=bar.colour,
                )
            )
        end = label_width + bar.total / top * scale_width
        body.append(_text(end + 6, y + row * 0.7, str(bar.total), cls="nd-chart__value"))
    height = pad * 2 + len(bars) * (row + gap) - gap
    return _svg(chart_id, title, desc, width, max(height, row), body)


def column_chart(
    chart_id: str, title: str, desc: str, bars: Sequence[Bar], *, width: int = 320, height: int = 170
) -> Markup:
    """Columns for months: the published part solid, the planned part outlined, the month's target as a
    dashed tick across its column, and ✓ or ✗ above it."""
    left, right, top_pad, bottom = 8, 8, 22, 22
    plot_height = height - top_pad - bottom
    column = (width - left - right) / max(len(bars), 1)
    bar_width = column * 0.62
    top = max([b.total for b in bars] + [b.target or 0 for b in bars] + [1])
    base = top_pad + plot_height

    def y_of(value: float) -> float:
        return base - value / top * plot_height

    body = [
        f'<line class="nd-chart__axis" x1="{left}" y1="{base:.1f}" x2="{width - right}" y2="{base:.1f}" stroke="currentColor" stroke-opacity="0.6"/>'
    ]
    for index, bar in enumerate(bars):
        x = left + index * column + (column - bar_width) / 2
        centre = x + bar_width / 2
        body.append(
            _rect(x, y_of(bar.value), bar_width, base - y_of(bar.value), "nd-chart__bar", colour=bar.colour)
        )
        if bar.planned:
            body.append(
                _rect(
                    x,
                    y_of(bar.total),
                    bar_width,
                    y_of(bar.value) - y_of(bar.total),
                    "nd-chart__bar nd-chart__bar--planned",
                    outlined=True,
                    colour=bar.colour,
                )
            )
        if bar.target is not None:
            ty = y_of(bar.target)
            body.append(
                f'<line class="nd-chart__target" x1="{x - 3:.1f}" y1="{ty:.1f}" x2="{x + bar_width + 3:.1f}" y2="{ty:.1f}" '
                'stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"/>'
            )
        mark = MARKS.get(bar.state, "")
        label_y = min(y_of(bar.total), y_of(bar.target or 0)) - 5
        body.append(_text(centre, label_y, f"{bar.total}{mark}", "middle", "nd-chart__value"))
        body.append(_text(centre, height - 6, bar.label, "middle", "nd-chart__label"))
    return _svg(chart_id, title, desc, width, height, body)
