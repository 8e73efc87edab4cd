"""Small server-rendered SVG charts (no JavaScript): scores per night as stacked bars,
and the most frequent skip reasons as horizontal bars. Each chart carries a title and a
description for screen readers; the pages also show the numbers as a table."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from passback.core.reasons import label_of
from passback.operations.history import Night

# Bars, not text: each against white has 3:1 or more (WCAG 1.4.11); text uses darker tones.
COLORS = {"sent": "#1a7f4b", "skipped": "#b7791f", "failed": "#c53030"}


def nightly_chart(nights: Sequence[Night], *, width: int = 640, height: int = 220) -> Markup:
    if not nights:
        return Markup("")
    left, bottom, top = 44, 34, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((n.sent + n.skipped + n.failed) for n in nights) or 1
    step = plot_w / len(nights)
    bar = max(6.0, min(36.0, step * 0.6))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="nightly-title nightly-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="nightly-title">Scores sent, skipped and failed per night</title>',
        f'<desc id="nightly-desc">{len(nights)} nights; the table below has the numbers.</desc>',
    ]
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
            f"{round(peak * frac)}</text>"
        )
    for i, night in enumerate(nights):
        x = left + i * step + (step - bar) / 2
        y = top + plot_h
        for key, value in (
            ("sent", night.sent),
            ("skipped", night.skipped),
            ("failed", night.failed),
        ):
            h = plot_h * value / peak
            if h <= 0:
                continue
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLORS[key]}"><title>{night.day.isoformat()}: {value} {key}</title></rect>'
            )
        if len(nights) <= 16 or i % 2 == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 14}" text-anchor="middle" '
                f'class="axis">{night.day.strftime("%m-%d")}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - text parts are escaped, the rest numbers


def reasons_chart(reasons: Sequence[tuple[str, int]], *, width: int = 720) -> Markup:
    if not reasons:
        return Markup("")
    row, label_w = 26, 320
    height = row * len(reasons) + 8
    peak = max(count for _, count in reasons) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="reasons-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="reasons-title">Top skip reasons in the latest run</title>',
    ]
    for i, (code, count) in enumerate(reasons):
        y = 4 + i * row
        w = (width - label_w - 50) * count / peak
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="label">'
            f"{escape(label_of(code))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 2):.1f}" height="{row - 10}" '
            f'fill="{COLORS["skipped"]}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" class="label">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - text parts are escaped, the rest numbers
