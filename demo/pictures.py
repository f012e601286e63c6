"""
Abstract pictures for the demo content, drawn with Pillow in memory.

Every picture is abstract (no text, no people) and described by the
article's `image_alt`; the same seed always gives the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw

ARTICLE_IMAGE_SIZE = (1200, 675)
LOGO_SIZE = (400, 400)
# Shapes are drawn this many times larger, then scaled down: smooth edges.
SUPERSAMPLE = 2

# Drawing -----------------------------------------------------------------------
#
# Every picture is abstract (no text, no people), drawn in memory and described
# by the article's `image_alt`. The same article always gets the same picture.


def draw_picture(pattern, colors, seed):
    """A JPEG of ARTICLE_IMAGE_SIZE: `pattern` in `colors`, as bytes."""
    rng = random.Random(seed)
    size = (ARTICLE_IMAGE_SIZE[0] * SUPERSAMPLE, ARTICLE_IMAGE_SIZE[1] * SUPERSAMPLE)
    image = PATTERNS[pattern](size, colors, rng)
    image = image.convert("RGB").resize(ARTICLE_IMAGE_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def gradient(size, start, end, angle=0):
    """`start` to `end` along `angle` degrees (0: left to right, 90: top to bottom)."""
    small = (64, 36)
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    values = [
        x / small[0] * dx + y / small[1] * dy for y in range(small[1]) for x in range(small[0])
    ]
    low, high = min(values), max(values)
    mask = Image.new("L", small)
    mask.putdata([round(255 * (v - low) / (high - low)) for v in values])
    mask = mask.resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def layer(size):
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    return overlay, ImageDraw.Draw(overlay)


def on(background, overlay):
    return Image.alpha_composite(background.convert("RGBA"), overlay)


def rgba(color, alpha):
    return (*color, alpha)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def pattern_rings(size, colors, rng):
    start, end, ring = colors
    w, h = size
    background = gradient(size, start, end, angle=20)
    overlay, draw = layer(size)
    cx, cy = w * 0.68, h * 0.5
    step = h * 0.07
    for i in range(1, 22):
        r = step * i
        alpha = max(40, 230 - i * 9)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=rgba(ring, alpha), width=h // 90)
    return on(background, overlay)


def pattern_waves(size, colors, rng):
    start, end, line = colors
    w, h = size
    background = gradient(size, start, end, angle=0)
    overlay, draw = layer(size)
    for k in range(14):
        y0 = h * (k + 1) / 15
        amplitude = h * (0.02 + 0.02 * rng.random())
        phase = rng.random() * math.tau
        points = [
            (x, y0 + amplitude * math.sin(x / w * math.tau * 2 + phase))
            for x in range(0, w + 20, 20)
        ]
        draw.line(points, fill=rgba(line, 110 + 8 * k), width=h // 160, joint="curve")
    return on(background, overlay)


def pattern_sun(size, colors, rng):
    sky_top, sky_bottom, sun, land = colors
    w, h = size
    background = gradient(size, sky_top, sky_bottom, angle=90)
    overlay, draw = layer(size)
    cx, cy, r = w * 0.5, h * 0.62, h * 0.26
    for i in range(36):
        angle = math.tau * i / 36
        inner, outer = r * 1.15, r * 1.15 + h * 0.25
        draw.line(
            (
                cx + inner * math.cos(angle),
                cy + inner * math.sin(angle),
                cx + outer * math.cos(angle),
                cy + outer * math.sin(angle),
            ),
            fill=rgba(sun, 90),
            width=h // 120,
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(sun, 255))
    horizon = [
        (x, h * 0.74 + h * 0.03 * math.sin(x / w * math.pi * 3)) for x in range(0, w + 20, 20)
    ]
    draw.polygon([*horizon, (w, h), (0, h)], fill=rgba(land, 255))
    return on(background, overlay)


def pattern_dots(size, colors, rng):
    start, end, dot = colors
    w, h = size
    background = gradient(size, start, end, angle=30)
    overlay, draw = layer(size)
    spacing = h / 9
    for row in range(10):
        for col in range(int(w / spacing) + 1):
            x, y = (col + 0.5) * spacing, (row + 0.5) * spacing
            scale = 0.5 + 0.5 * math.sin(col / 2.2 + row / 3.1)
            r = spacing * (0.08 + 0.3 * scale)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rgba(dot, 215))
    return on(background, overlay)


def pattern_arches(size, colors, rng):
    start, end, sand = colors
    w, h = size
    background = gradient(size, start, end, angle=90)
    overlay, draw = layer(size)
    count = 6
    bay = w / count
    for i in range(count):
        left, right = i * bay + bay * 0.14, (i + 1) * bay - bay * 0.14
        width = right - left
        top, bottom = h * 0.24, h * 0.9
        thickness = width * 0.14
        # A round arch: a half disc on a rectangle, then its opening cut back out.
        draw.ellipse((left, top, right, top + width), fill=rgba(sand, 255))
        draw.rectangle((left, top + width / 2, right, bottom), fill=rgba(sand, 255))
        inner = (left + thickness, top + thickness, right - thickness, top + width - thickness)
        shade = mix(start, end, 0.75)
        draw.ellipse(inner, fill=rgba(shade, 255))
        draw.rectangle((inner[0], top + width / 2, inner[2], bottom), fill=rgba(shade, 255))
    draw.rectangle((0, h * 0.9, w, h), fill=rgba(sand, 255))
    return on(background, overlay)


def pattern_spines(size, colors, rng):
    light, dark, *palette = colors
    w, h = size
    background = gradient(size, light, dark, angle=90)
    overlay, draw = layer(size)
    shelves = 3
    shelf_height = h / shelves
    for shelf in range(shelves):
        floor = (shelf + 1) * shelf_height - h * 0.04
        x = w * 0.04
        while x < w * 0.96:
            width = w * (0.018 + 0.022 * rng.random())
            height = shelf_height * (0.6 + 0.28 * rng.random())
            color = rng.choice(palette)
            draw.rectangle((x, floor - height, x + width, floor), fill=rgba(color, 235))
            x += width + w * 0.004
        draw.rectangle(
            (0, floor, w, floor + h * 0.015), fill=rgba(mix(dark, (60, 40, 20), 0.6), 255)
        )
    return on(background, overlay)


def star_points(cx, cy, r, rotation):
    return [
        (
            cx + r * math.cos(rotation + k * math.pi / 2),
            cy + r * math.sin(rotation + k * math.pi / 2),
        )
        for k in range(4)
    ]


def pattern_stars(size, colors, rng):
    start, end, star = colors
    w, h = size
    background = gradient(size, start, end, angle=25)
    overlay, draw = layer(size)
    spacing = h / 4.5
    r = spacing * 0.34
    for row in range(6):
        offset = spacing / 2 if row % 2 else 0
        for col in range(-1, int(w / spacing) + 2):
            cx, cy = col * spacing + offset, row * spacing
            # Two squares, one turned by 45 degrees: an eight-pointed star.
            draw.polygon(star_points(cx, cy, r, math.pi / 4), fill=rgba(star, 220))
            draw.polygon(star_points(cx, cy, r, 0), fill=rgba(star, 220))
    return on(background, overlay)


def pattern_network(size, colors, rng):
    start, end, node = colors
    w, h = size
    background = gradient(size, start, end, angle=15)
    overlay, draw = layer(size)
    nodes = [(rng.uniform(0.03, 0.97) * w, rng.uniform(0.05, 0.95) * h) for _ in range(48)]
    reach = h * 0.3
    for i, (x1, y1) in enumerate(nodes):
        for x2, y2 in nodes[i + 1 :]:
            if math.dist((x1, y1), (x2, y2)) < reach:
                draw.line((x1, y1, x2, y2), fill=rgba(node, 90), width=h // 400 + 1)
    for x, y in nodes:
        r = h * rng.uniform(0.008, 0.016)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rgba(node, 235))
    return on(background, overlay)


def pattern_triangles(size, colors, rng):
    pale, deep = colors
    w, h = size
    image = Image.new("RGB", size, deep)
    draw = ImageDraw.Draw(image)
    cell = h / 5
    for row in range(6):
        for col in range(int(w / cell) + 1):
            x, y = col * cell, row * cell
            corners = [(x, y), (x + cell, y), (x + cell, y + cell), (x, y + cell)]
            for triangle in (
                (corners[0], corners[1], corners[3]),
                (corners[1], corners[2], corners[3]),
            ):
                draw.polygon(triangle, fill=mix(pale, deep, rng.random()))
    return image


def pattern_pixels(size, colors, rng):
    start, end, glow = colors
    w, h = size
    background = gradient(size, start, end, angle=90)
    overlay, draw = layer(size)
    cell, gap = h / 14, h / 60
    for row in range(14):
        for col in range(int(w / cell) + 1):
            x, y = col * cell + gap / 2, row * cell + gap / 2
            lit = rng.random() < 0.18
            color = rgba(glow, rng.randint(150, 240)) if lit else rgba((255, 255, 255), 18)
            draw.rectangle((x, y, x + cell - gap, y + cell - gap), fill=color)
    return on(background, overlay)


def pattern_diamonds(size, colors, rng):
    start, end, diamond = colors
    w, h = size
    background = gradient(size, start, end, angle=90)
    overlay, draw = layer(size)
    spacing = h / 5
    r = spacing * 0.38
    for row in range(7):
        offset = spacing / 2 if row % 2 else 0
        for col in range(-1, int(w / spacing) + 2):
            cx, cy = col * spacing + offset, row * spacing * 0.85
            draw.polygon(star_points(cx, cy, r, 0), fill=rgba(diamond, 200))
    return on(background, overlay)


def pattern_stripes(size, colors, rng):
    ochre, cream = colors
    w, h = size
    image = Image.new("RGB", size, ochre)
    draw = ImageDraw.Draw(image)
    band = h / 5
    slope = h * 0.7
    x = -slope
    while x < w + slope:
        draw.polygon([(x, 0), (x + band, 0), (x + band - slope, h), (x - slope, h)], fill=cream)
        x += band * 2
    return image


def pattern_hills(size, colors, rng):
    sky_top, sky_bottom, light, dark = colors
    w, h = size
    background = gradient(size, sky_top, sky_bottom, angle=90)
    overlay, draw = layer(size)
    for i in range(4):
        t = i / 3
        base = h * (0.45 + 0.15 * i)
        phase, freq = rng.random() * math.tau, 1.2 + rng.random()
        ridge = [
            (x, base - h * 0.08 * math.sin(x / w * math.pi * freq + phase))
            for x in range(0, w + 20, 20)
        ]
        draw.polygon([*ridge, (w, h), (0, h)], fill=rgba(mix(light, dark, t), 255))
    return on(background, overlay)


def pattern_columns(size, colors, rng):
    start, end, column = colors
    w, h = size
    background = gradient(size, start, end, angle=90)
    overlay, draw = layer(size)
    count = 10
    slot = w / count
    for i in range(count):
        height = h * (0.15 + 0.7 * i / (count - 1))
        left = i * slot + slot * 0.2
        draw.rectangle(
            (left, h * 0.92 - height, left + slot * 0.6, h * 0.92),
            fill=rgba(column, 120 + 13 * i),
        )
    return on(background, overlay)


def pattern_bubbles(size, colors, rng):
    paper, *palette = colors
    w, h = size
    background = Image.new("RGB", size, paper)
    overlay, draw = layer(size)
    for i in range(16):
        r = h * rng.uniform(0.1, 0.3)
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        bubble, bubble_draw = layer(size)
        bubble_draw.ellipse((x - r, y - r, x + r, y + r), fill=rgba(palette[i % 3], 120))
        overlay = Image.alpha_composite(overlay, bubble)
    return on(background, overlay)


PATTERNS = {
    "arches": pattern_arches,
    "bubbles": pattern_bubbles,
    "columns": pattern_columns,
    "diamonds": pattern_diamonds,
    "dots": pattern_dots,
    "hills": pattern_hills,
    "network": pattern_network,
    "pixels": pattern_pixels,
    "rings": pattern_rings,
    "spines": pattern_spines,
    "stars": pattern_stars,
    "stripes": pattern_stripes,
    "sun": pattern_sun,
    "triangles": pattern_triangles,
    "waves": pattern_waves,
}


def draw_logo(shape, color, accent):
    """A PNG emblem of LOGO_SIZE on a transparent background, as bytes."""
    w, h = LOGO_SIZE[0] * SUPERSAMPLE, LOGO_SIZE[1] * SUPERSAMPLE
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    cx, cy, r = w / 2, h / 2, w * 0.46
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(color, 255))
    inner = r * 0.62
    if shape == "star":
        draw.polygon(star_points(cx, cy, inner, 0), fill=rgba(accent, 255))
        draw.polygon(star_points(cx, cy, inner, math.pi / 4), fill=rgba(accent, 255))
        hole = inner * 0.42
        draw.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=rgba(color, 255))
    elif shape == "hexagon":
        for scale, fill in ((1, accent), (0.62, color), (0.38, accent)):
            draw.regular_polygon((cx, cy, inner * scale), 6, fill=rgba(fill, 255))
    elif shape == "arch":
        width = inner * 1.3
        left, top = cx - width / 2, cy - inner * 0.8
        draw.ellipse((left, top, left + width, top + width), fill=rgba(accent, 255))
        draw.rectangle(
            (left, top + width / 2, left + width, cy + inner * 0.75), fill=rgba(accent, 255)
        )
        gap = width * 0.22
        draw.ellipse(
            (left + gap, top + gap, left + width - gap, top + width - gap), fill=rgba(color, 255)
        )
        draw.rectangle(
            (left + gap, top + width / 2, left + width - gap, cy + inner * 0.75),
            fill=rgba(color, 255),
        )
    elif shape == "beam":
        draw.polygon(
            [
                (cx - inner * 0.28, cy + inner * 0.8),
                (cx + inner * 0.28, cy + inner * 0.8),
                (cx + inner * 0.14, cy - inner * 0.35),
                (cx - inner * 0.14, cy - inner * 0.35),
            ],
            fill=rgba(accent, 255),
        )
        for side in (-1, 1):
            draw.polygon(
                [
                    (cx, cy - inner * 0.55),
                    (cx + side * inner * 1.1, cy - inner * 0.95),
                    (cx + side * inner * 1.1, cy - inner * 0.25),
                ],
                fill=rgba(accent, 150),
            )
        lamp = inner * 0.2
        draw.ellipse(
            (cx - lamp, cy - inner * 0.55 - lamp, cx + lamp, cy - inner * 0.55 + lamp),
            fill=rgba(accent, 255),
        )
    elif shape == "drop":
        # A disc and the two tangents to it from the tip: a water drop.
        drop, ox, oy = inner * 0.6, cx, cy + inner * 0.35
        tip = inner * 1.3  # from the disc's centre up to the tip
        rise, half = drop * drop / tip, drop * math.sqrt(1 - (drop / tip) ** 2)
        draw.ellipse((ox - drop, oy - drop, ox + drop, oy + drop), fill=rgba(accent, 255))
        draw.polygon(
            [(ox, oy - tip), (ox - half, oy - rise), (ox + half, oy - rise)],
            fill=rgba(accent, 255),
        )
    elif shape == "petals":
        petal = inner * 0.42
        for k in range(5):
            angle = -math.pi / 2 + math.tau * k / 5
            px, py = cx + inner * 0.55 * math.cos(angle), cy + inner * 0.55 * math.sin(angle)
            draw.ellipse((px - petal, py - petal, px + petal, py + petal), fill=rgba(accent, 235))
        heart = inner * 0.22
        draw.ellipse(
            (cx - heart, cy - heart, cx + heart, cy + heart), fill=rgba((250, 204, 21), 255)
        )
    else:
        raise ValueError(f"Unknown logo shape {shape!r}")
    image = image.resize(LOGO_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
