"""Generate static/favicon.ico: the site's icon (16, 32 and 48 px in one file).

A navy tile (the colour of the site header) holding a white bounding box with corner handles
and an amber check mark: a labeling exam. Drawn 8x larger and reduced, so edges stay smooth.
Run by hand from the project root:

    python tools/make_favicon.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 384  # drawing size; the icon sizes below are reductions of it
SIZES = [(16, 16), (32, 32), (48, 48)]
NAVY = (18, 53, 91, 255)  # --header #12355b
WHITE = (255, 255, 255, 255)
AMBER = (240, 162, 2, 255)  # the focus outline #f0a202
OUT = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = SIZE / 48  # design units: a 48 px grid
    d.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=int(9 * s), fill=NAVY)
    # The bounding box and its four corner handles.
    box = (9 * s, 9 * s, 39 * s, 39 * s)
    d.rectangle(box, outline=WHITE, width=int(3.5 * s))
    handle = 4.5 * s
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        d.rectangle((x - handle, y - handle, x + handle, y + handle), fill=WHITE)
    # The check mark.
    d.line([(16 * s, 25 * s), (22 * s, 31 * s), (33 * s, 17 * s)], fill=AMBER, width=int(5.5 * s), joint="curve")
    return img


def main() -> None:
    draw().save(OUT, format="ICO", sizes=SIZES)
    print(f"{OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
