"""
The weekly CSAT trend as an SVG drawn on the server: a line through each
week's CSAT and a band from the low to the high end of its 95 % interval.
Geometry only; templates/admin/feedback/rating/trend_chart.html draws it, and the
table next to it is its text alternative.
"""

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 36


def _y(percent):
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - percent / 100), 1)


def trend_chart(weeks):
    """Coordinates for `weeks` (rows of RatingQuerySet.weekly()): band, line, points, axes."""
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / max(len(weeks) - 1, 1)
    xs = [round(LEFT + n * step, 1) for n in range(len(weeks))]
    # Weeks without ratings have no CSAT: the line and band break there.
    segments, current = [], []
    for x, week in zip(xs, weeks, strict=True):
        if week["count"]:
            current.append((x, week))
        elif current:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    bands, lines = [], []
    for segment in segments:
        upper = [f"{x},{_y(week['high'])}" for x, week in segment]
        lower = [f"{x},{_y(week['low'])}" for x, week in reversed(segment)]
        bands.append(" ".join(upper + lower))
        lines.append(" ".join(f"{x},{_y(week['csat'])}" for x, week in segment))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 16,
        "bands": bands,
        "lines": lines,
        "points": [
            {"x": x, "y": _y(week["csat"]), "week": week}
            for x, week in zip(xs, weeks, strict=True)
            if week["count"]
        ],
        "gridlines": [{"y": _y(value), "value": value} for value in (0, 25, 50, 75, 100)],
        "labels": [
            {"x": x, "week": week["week"]}
            for n, (x, week) in enumerate(zip(xs, weeks, strict=True))
            if n % 2 == 0 or n == len(weeks) - 1
        ],
    }
