"""Generate the third set of practice images (prefix st_): Korean scenes with text for the OCR
exercises and simple drawings for the classification exercises, with exact OCR references.

Each flat thing that carries text (a receipt, a notice, a sign, a label) is a Sheet: drawn upright
on its own transparent layer, every text line on a layer of its own, then placed on the scene
(straight, or turned by an angle). A line's reference is the ink extent of its own layer, the
extent of inked pixels in its alpha channel (getbbox); on a turned sheet, the four corners of that
extent moved by the same rotation (make_practice_images.check_rotated then checks that every
inked pixel of the turned line lies inside the polygon). Scenes use fixed random seeds, so a
second run writes the same bytes.

Writes question_bank/media/st_<name>.png and /tmp/st_gen/refs.json (the OCR references that go
into question_bank/level2/practical/ocr_3.yaml). Needs Debian's fonts-noto-cjk. Run by hand:

    python tools/make_scenes_text.py                      # everything
    python tools/make_scenes_text.py st_receipt_mart     # some scenes
    ST_MEDIA_OUT=/tmp/a python tools/make_scenes_text.py  # elsewhere (to compare two runs)
"""
from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
from imaging import rotate_onto, save_palette_png  # tools/ is on sys.path when run
from make_practice_images import (
    SS,
    Canvas,
    bicycle,
    blotches,
    car_side,
    check_rotated,
    finish,
    font,
    gradient,
    put_vertical,
    ref_box,
    ref_poly,
    sunny_sky,
    text_layer,
    weather_cloud,
)
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("ST_MEDIA_OUT", ROOT / "question_bank" / "media"))
REFS = Path(os.environ.get("ST_REFS", "/tmp/st_gen/refs.json"))
INK = (30, 30, 34, 255)
WHITE = (255, 255, 255, 255)


def save(img, name):
    """Flat drawings: palette PNG under 60 KB. Scenes with texture and grain: JPEG quality 85 (a
    palette PNG of those is two to four times larger), also under 60 KB."""
    path = OUT / name
    if path.suffix == ".png":
        return save_palette_png(img, path, good_kb=60, limit_kb=60)
    img.convert("RGB").save(path, "JPEG", quality=85, optimize=True)
    kb = path.stat().st_size / 1024
    print(f"{path.name}: {img.size[0]}x{img.size[1]}, JPEG 85, {kb:.1f} KB")
    assert kb < 60, path.name
    return path


# ---------------------------------------------------------------- sheets that carry text

class Sheet:
    """A flat thing with text, drawn upright on its own transparent layer."""

    def __init__(self, w, h, fill=None, radius=0, outline=None, width=0):
        self.img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        self.d = ImageDraw.Draw(self.img)
        self.shape = (radius, fill is not None)
        if fill is not None:
            self.d.rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=fill, outline=outline, width=width)
        self.lines = []  # (layer, ink bbox, text) of the lines that are OCR targets

    def text(self, xy, text, fnt, fill=INK, anchor="la", tracking=0, target=True):
        """One line of text; `target=False` for printed text the exercise leaves out."""
        layer, bbox = text_layer(self.img.size, xy, text, fnt, fill, tracking, anchor)
        self.img.alpha_composite(layer)
        if target:
            self.lines.append((layer, bbox, text))
        return bbox

    def row(self, pieces, fnt, fill=INK, target=True):
        """Several pieces on one line (a receipt row with columns): one region, texts joined by a space."""
        layer = Image.new("RGBA", self.img.size, tuple(fill[:3]) + (0,))
        for xy, text, anchor in pieces:
            piece, _ = text_layer(self.img.size, xy, text, fnt, fill, anchor=anchor)
            layer.alpha_composite(piece)
        self.img.alpha_composite(layer)
        bbox = layer.getchannel("A").getbbox()
        if target:
            self.lines.append((layer, bbox, " ".join(t for _, t, _ in pieces)))
        return bbox

    def vertical(self, x, y, text, fnt, fill, step):
        """Characters stacked top to bottom (one vertical line)."""
        layer = Image.new("RGBA", self.img.size, tuple(fill[:3]) + (0,))
        bbox = put_vertical(layer, x, y, text, fnt, fill, step)
        self.img.alpha_composite(layer)
        self.lines.append((layer, bbox, text))
        return bbox

    def place(self, scene, at, angle=0.0, shadow=90):
        """Put the sheet with its top-left corner at `at` (before turning; turned about its centre by
        `angle` degrees, positive counter-clockwise). Returns the references of its lines."""
        w, h = self.img.size
        if shadow:
            sh = Image.new("RGBA", (w, h), (0, 0, 0, 0))
            radius, filled = self.shape
            if filled:
                ImageDraw.Draw(sh).rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=(20, 14, 10, shadow))
                sh = sh.filter(ImageFilter.GaussianBlur(5))
                rotate_onto(scene, sh, (w / 2, h / 2), (at[0] + w / 2 + 5, at[1] + h / 2 + 6), angle)
        if not angle:
            scene.alpha_composite(self.img, dest=(int(at[0]), int(at[1])))
            refs = []
            for _, (x0, y0, x1, y1), text in self.lines:
                refs.append(ref_box((x0 + at[0], y0 + at[1], x1 + at[0], y1 + at[1]), text))
            return refs
        pivot, target = (w / 2, h / 2), (at[0] + w / 2, at[1] + h / 2)
        fwd = rotate_onto(scene, self.img, pivot, target, angle)
        refs = []
        for layer, bbox, text in self.lines:
            refs.append(ref_poly(fwd, bbox, text))
            check_rotated(scene.size, layer, refs[-1]["points"], pivot, target, angle, text)
        return refs


def backdrop(W, H, top, bottom, rng, blot=5, horizontal=False):
    """A Canvas with a soft gradient and stains, for the scene behind the sheets."""
    arr = gradient(W, H, top, bottom, horizontal=horizontal, scale=SS) + blotches(rng, W, H, 50, blot, scale=SS)
    return Canvas(W, H, arr)


def dashed(d, x0, x1, y, fill=(110, 110, 116, 255)):
    for x in range(int(x0), int(x1), 12):
        d.line((x, y, x + 6, y), fill=fill, width=2)


SCENES = {}


def scene(fn):
    SCENES[fn.__name__] = fn
    return fn


# ================================================================ OCR scenes

@scene
def st_receipt_mart():
    """A convenience-store receipt lying straight on a counter; thermal print, small rows."""
    rng = np.random.default_rng(701)
    W, H = 440, 560
    cv = backdrop(W, H, (120, 124, 128), (92, 96, 100), rng)
    img, _ = cv.reduce()
    r = Sheet(300, 500, fill=(250, 249, 244, 255))
    fb, fr, fs = font("sans-b", 30), font("sans-r", 22), font("sans-r", 18)
    r.text((150, 22), "한빛마트 역삼점", fb, anchor="mt")
    r.text((150, 70), "2025-06-14 13:52", fs, anchor="mt")
    dashed(r.d, 18, 282, 110)
    L, Q, R = 20, 196, 280
    r.row([((L, 150), "생수 2L", "ls"), ((Q, 150), "2", "ms"), ((R, 150), "2,400", "rs")], fr)
    r.row([((L, 190), "컵라면", "ls"), ((Q, 190), "1", "ms"), ((R, 190), "1,350", "rs")], fr)
    r.row([((L, 230), "바나나우유", "ls"), ((Q, 230), "1", "ms"), ((R, 230), "1,700", "rs")], fr)
    dashed(r.d, 18, 282, 258)
    r.row([((L, 300), "합계", "ls"), ((R, 300), "5,450원", "rs")], font("sans-b", 26))
    r.text((150, 340), "카드 승인번호 3051", fs, anchor="mt", target=False)
    for i, x in enumerate(range(60, 240, 5)):   # barcode (not text)
        r.d.rectangle((x, 400, x + 1 + (i * 7) % 3, 460), fill=(20, 20, 24, 255))
    refs = r.place(img, (70, 30))
    save(finish(img, rng, grain=0.6), "st_receipt_mart.jpg")
    return refs


@scene
def st_menu_board():
    """A restaurant's wall menu: dish names on the left, prices on the right, dotted leaders."""
    rng = np.random.default_rng(702)
    W, H = 560, 420
    cv = backdrop(W, H, (226, 210, 186), (204, 186, 160), rng)
    for y in range(0, H, 30):
        cv.rect((0, y, W, y + 1.5), (196, 176, 150))
    img, _ = cv.reduce()
    m = Sheet(480, 350, fill=(46, 40, 36, 255), radius=8, outline=(170, 130, 70, 255), width=6)
    cream, yellow = (246, 238, 220, 255), (250, 208, 90, 255)
    m.text((240, 26), "오늘의 메뉴", font("sans-b", 40), yellow, anchor="mt")
    f = font("sans-b", 30)
    for i, (dish, price) in enumerate((("김치찌개", "8,000"), ("된장찌개", "8,000"), ("제육볶음", "9,500"),
                                       ("공기밥", "1,000"))):
        y = 120 + i * 56
        b = m.text((40, y), dish, f, cream, anchor="lm")
        p = m.text((440, y), price, f, cream, anchor="rm")
        for x in range(b[2] + 14, p[0] - 10, 12):   # dotted leader (not text)
            m.d.ellipse((x, y + 8, x + 3, y + 11), fill=(170, 160, 140, 255))
    refs = m.place(img, (40, 36))
    save(finish(img, rng, grain=0.6), "st_menu_board.jpg")
    return refs


@scene
def st_road_name():
    """A Korean road-name sign: road name, its romanisation and the building numbers it starts from."""
    rng = np.random.default_rng(703)
    W, H = 560, 380
    cv = backdrop(W, H, (150, 190, 226), (214, 226, 236), rng, blot=4)
    for x0, w, h, col in ((0, 120, 150, (170, 176, 186)), (130, 90, 110, (160, 168, 180)),
                          (400, 160, 170, (168, 174, 186))):
        cv.rect((x0, 380 - h, x0 + w, 380), col)
    cv.rect((264, 250, 280, 380), (110, 114, 120))
    img, _ = cv.reduce()
    s = Sheet(440, 190, fill=(26, 70, 150, 255), radius=10, outline=(240, 244, 250, 255), width=5)
    s.d.rectangle((300, 14, 304, 176), fill=(240, 244, 250, 255))
    s.text((30, 24), "은행나무로", font("sans-b", 62), WHITE)
    s.text((32, 120), "Eunhaengnamu-ro", font("sans-r", 30), WHITE)
    s.text((370, 70), "1", font("sans-b", 44), WHITE, anchor="mm")
    s.text((370, 134), "→", font("sans-b", 40), WHITE, anchor="mm", target=False)
    refs = s.place(img, (60, 60))
    save(finish(img, rng, grain=0.6), "st_road_name.jpg")
    return refs


@scene
def st_bus_arrival():
    """An LED bus-arrival board at a stop: amber dots on black, route numbers and waiting times."""
    rng = np.random.default_rng(704)
    W, H = 560, 360
    cv = backdrop(W, H, (180, 196, 210), (150, 160, 170), rng)
    cv.rect((270, 280, 290, 360), (90, 94, 100))
    img, _ = cv.reduce()
    b = Sheet(480, 250, fill=(18, 18, 20, 255), radius=6, outline=(120, 124, 130, 255), width=8)
    amber, green = (255, 170, 40, 255), (120, 230, 120, 255)
    b.text((240, 24), "버스 도착 안내", font("sans-b", 32), green, anchor="mt")
    f = font("sans-b", 34)
    b.row([((30, 130), "472", "ls"), ((450, 130), "곧 도착", "rs")], f, amber)
    b.row([((30, 194), "N61", "ls"), ((450, 194), "12분 후", "rs")], f, amber)
    # LED dot mask: darken a fine grid so the text looks made of dots
    grid = Image.new("L", b.img.size, 255)
    gd = ImageDraw.Draw(grid)
    for x in range(0, grid.size[0], 4):
        gd.line((x, 0, x, grid.size[1]), fill=150)
    for y in range(0, grid.size[1], 4):
        gd.line((0, y, grid.size[0], y), fill=150)
    rgb = Image.composite(b.img, Image.new("RGBA", b.img.size, (18, 18, 20, 255)), grid)
    rgb.putalpha(b.img.getchannel("A"))
    b.img = rgb
    refs = b.place(img, (40, 30))
    save(finish(img, rng, grain=0.6), "st_bus_arrival.jpg")
    return refs


@scene
def st_parcel_label():
    """A delivery label on a box, turned a little; sender and recipient blocks, small print."""
    rng = np.random.default_rng(705)
    W, H = 600, 460
    cv = backdrop(W, H, (200, 156, 104), (180, 136, 86), rng, blot=6)
    cv.rect((0, 200, W, 232), (214, 184, 136))     # packing tape
    img, _ = cv.reduce()
    lab = Sheet(420, 300, fill=(252, 252, 248, 255), radius=4)
    d = lab.d
    d.rectangle((0, 0, 419, 54), fill=(30, 110, 70, 255))
    lab.text((20, 27), "새빛택배", font("sans-b", 30), WHITE, anchor="lm", target=False)
    fl, fv = font("sans-r", 20), font("sans-b", 26)
    lab.text((20, 84), "받는 분", fl, (90, 90, 96, 255), anchor="lm", target=False)
    lab.text((120, 84), "이하늘", fv, anchor="lm")
    lab.text((120, 126), "010-0000-4821", fv, anchor="lm")
    lab.text((20, 168), "주소", fl, (90, 90, 96, 255), anchor="lm", target=False)
    lab.text((120, 168), "한결시 나래구 별빛로 27", font("sans-b", 24), anchor="lm")
    d.line((14, 196, 406, 196), fill=(160, 160, 160, 255), width=2)
    lab.text((20, 226), "보내는 분", fl, (90, 90, 96, 255), anchor="lm", target=False)
    lab.text((120, 226), "가온상회", font("sans-r", 22), anchor="lm", target=False)
    for i, x in enumerate(range(120, 400, 4)):     # barcode (not text)
        d.rectangle((x, 256, x + (i * 5) % 3, 288), fill=(20, 20, 24, 255))
    refs = lab.place(img, (90, 80), angle=-6.0)
    save(finish(img, rng, grain=0.6), "st_parcel_label.jpg")
    return refs


@scene
def st_notice_elevator():
    """An apartment notice taped to a wall, slightly turned: title, date and time, office phone."""
    rng = np.random.default_rng(706)
    W, H = 520, 560
    cv = backdrop(W, H, (214, 214, 208), (190, 190, 184), rng)
    img, _ = cv.reduce()
    n = Sheet(400, 470, fill=(252, 252, 250, 255))
    n.d.rectangle((0, 0, 399, 12), fill=(200, 60, 50, 255))
    n.text((200, 44), "승강기 점검 안내", font("sans-b", 38), anchor="mt")
    n.text((30, 130), "점검일: 7월 3일(목)", font("sans-r", 28))
    n.text((30, 180), "시간: 10:00~12:00", font("sans-r", 28))
    n.text((30, 246), "점검 중에는 계단을 이용해", font("sans-r", 22), (80, 80, 86, 255), target=False)
    n.text((30, 278), "주시기 바랍니다.", font("sans-r", 22), (80, 80, 86, 255), target=False)
    n.text((200, 400), "관리사무소 031-000-7700", font("sans-b", 24), anchor="mt")
    for x in (20, 380):    # tape (not text)
        n.d.rectangle((x - 16, 0, x + 16, 24), fill=(236, 226, 170, 200))
    refs = n.place(img, (60, 44), angle=3.0, shadow=60)
    save(finish(img, rng, grain=0.6), "st_notice_elevator.jpg")
    return refs


@scene
def st_banner_festival():
    """A festival banner hung between two poles, turned about 5 degrees; dates with brackets and a tilde."""
    rng = np.random.default_rng(707)
    W, H = 640, 360
    cv = backdrop(W, H, (160, 200, 236), (210, 226, 240), rng, blot=4)
    cv.rect((24, 40, 36, 360), (100, 104, 110))
    cv.rect((604, 20, 616, 360), (100, 104, 110))
    for x in range(0, W, 70):
        cv.circle((x + 20, 330), 40, (90, 150, 80))
    img, _ = cv.reduce()
    b = Sheet(560, 170, fill=(250, 236, 240, 255))
    b.d.rectangle((0, 0, 559, 10), fill=(220, 80, 120, 255))
    b.d.rectangle((0, 159, 559, 169), fill=(220, 80, 120, 255))
    b.text((280, 30), "제15회 한결구 꽃축제", font("sans-b", 48), (180, 40, 90, 255), anchor="mt")
    b.text((280, 110), "5.3(토) ~ 5.5(월)", font("sans-b", 34), (40, 40, 46, 255), anchor="mt")
    refs = b.place(img, (40, 70), angle=5.0, shadow=50)
    save(finish(img, rng, grain=0.6), "st_banner_festival.jpg")
    return refs


@scene
def st_vertical_signs():
    """A building front with two vertical signboards and a horizontal one with a middle dot."""
    rng = np.random.default_rng(708)
    W, H = 560, 520
    cv = backdrop(W, H, (206, 200, 190), (184, 176, 166), rng)
    for y in range(0, H, 34):
        cv.rect((0, y, W, y + 2), (170, 162, 150))
    cv.rect((150, 250, 420, 520), (70, 76, 84))
    cv.rect((160, 260, 410, 520), (130, 156, 170))
    img, _ = cv.reduce()
    refs = []
    v1 = Sheet(84, 420, fill=(200, 40, 50, 255), radius=6)
    v1.vertical(42, 60, "수선집", font("sans-b", 56), WHITE, 80)
    v1.vertical(42, 300, "24시", font("sans-b", 30), (255, 230, 120, 255), 40)
    refs += v1.place(img, (34, 40))
    v2 = Sheet(70, 250, fill=(250, 250, 246, 255), radius=4, outline=(30, 90, 160, 255), width=4)
    v2.vertical(35, 52, "세탁", font("sans-b", 48), (30, 90, 160, 255), 70)
    refs += v2.place(img, (460, 50))
    h = Sheet(270, 70, fill=(250, 250, 246, 255), radius=4)
    h.text((135, 35), "옷수선 · 세탁", font("sans-b", 34), INK, anchor="mm")
    refs += h.place(img, (150, 160))
    save(finish(img, rng, grain=0.6), "st_vertical_signs.jpg")
    return refs


@scene
def st_subway_line():
    """A subway platform sign: the line number in a circle, direction in Korean and English, next stop."""
    rng = np.random.default_rng(709)
    W, H = 620, 340
    cv = backdrop(W, H, (226, 228, 226), (200, 202, 200), rng, blot=3)
    for x in range(0, W, 40):
        cv.rect((x, 0, x + 2, H), (186, 188, 186))
    img, _ = cv.reduce()
    s = Sheet(560, 210, fill=(250, 250, 250, 255), radius=8, outline=(60, 60, 64, 255), width=3)
    s.d.rectangle((0, 150, 559, 209), fill=(40, 160, 70, 255))
    s.d.ellipse((24, 24, 124, 124), fill=(40, 160, 70, 255))
    s.text((74, 74), "2", font("sans-b", 70), WHITE, anchor="mm")
    s.text((150, 22), "잠실 방면", font("sans-b", 56), INK)
    s.text((152, 98), "For Jamsil", font("sans-r", 30), (80, 80, 86, 255))
    s.text((30, 180), "다음 역 종합운동장", font("sans-r", 28), WHITE, anchor="lm")
    refs = s.place(img, (30, 60))
    save(finish(img, rng, grain=0.6), "st_subway_line.jpg")
    return refs


@scene
def st_snack_box():
    """A snack box: English brand, Korean product name, weight, and a turned "1+1" sticker."""
    rng = np.random.default_rng(710)
    W, H = 560, 440
    cv = backdrop(W, H, (232, 232, 228), (206, 206, 200), rng, blot=3)
    cv.rect((0, 380, W, H), (190, 186, 180))
    img, _ = cv.reduce()
    box = Sheet(420, 330, fill=(250, 196, 40, 255), radius=6)
    box.d.rectangle((0, 0, 419, 96), fill=(200, 40, 40, 255))
    brand, tracking = font("sans-b", 58), 4
    width = sum(brand.getlength(ch) for ch in "CRUNCHY") + tracking * 6   # letter-spaced: centre by hand
    box.text((210 - width / 2, 48), "CRUNCHY", brand, WHITE, anchor="lm", tracking=tracking)
    box.text((30, 130), "바삭 감자칩", font("sans-b", 46), (90, 40, 20, 255))
    box.text((30, 210), "오리지널맛", font("sans-r", 28), (90, 40, 20, 255))
    box.text((30, 280), "60g", font("sans-b", 30), (90, 40, 20, 255))
    for cx, cy in ((320, 250), (356, 236), (340, 276)):   # chips (not text)
        box.d.ellipse((cx - 26, cy - 16, cx + 26, cy + 16), fill=(240, 214, 140, 255), outline=(200, 150, 70, 255),
                      width=3)
    refs = box.place(img, (40, 40), shadow=70)
    st = Sheet(130, 130)
    st.d.ellipse((0, 0, 129, 129), fill=(40, 110, 210, 255))
    st.text((65, 65), "1+1", font("sans-b", 42), WHITE, anchor="mm")
    refs += st.place(img, (410, 250), angle=-15.0, shadow=0)
    save(finish(img, rng, grain=0.6), "st_snack_box.jpg")
    return refs


@scene
def st_visitor_log():
    """A visitor log on a clipboard: small handwritten-looking rows; the phone numbers are partly masked."""
    rng = np.random.default_rng(711)
    W, H = 560, 440
    cv = backdrop(W, H, (140, 104, 70), (120, 86, 56), rng, blot=5)
    cv.rect((40, 20, 520, 430), (90, 70, 50), radius=10)
    img, _ = cv.reduce()
    p = Sheet(440, 380, fill=(252, 252, 248, 255))
    p.text((220, 16), "방문자 명부", font("sans-b", 28), anchor="mt", target=False)
    cols = (20, 110, 210, 420)
    top, rh = 64, 50
    heads = ("시간", "성명", "연락처")
    pen = (24, 52, 150, 255)
    rows = (("09:40", "최유나", "010-****-2816"), ("10:15", "강도현", "010-****-5093"),
            ("11:02", "오세린", "010-****-7740"))
    for i, head in enumerate(heads):
        p.text(((cols[i] + cols[i + 1]) / 2, top + rh / 2), head, font("sans-r", 20), anchor="mm", target=False)
    for r, row in enumerate(rows):
        y = top + (r + 1) * rh + rh / 2
        for i, value in enumerate(row):
            p.text((cols[i] + 10, y), value, font("serif-b", 22), pen, anchor="lm")
    for r in range(len(rows) + 2):
        p.d.line((cols[0], top + r * rh, cols[-1], top + r * rh), fill=(80, 80, 86, 255), width=2)
    for x in cols:
        p.d.line((x, top, x, top + (len(rows) + 1) * rh), fill=(80, 80, 86, 255), width=2)
    refs = p.place(img, (60, 40), shadow=0)
    clip = ImageDraw.Draw(img)
    clip.rounded_rectangle((220, 10, 340, 44), 6, fill=(170, 172, 178, 255), outline=(110, 110, 116, 255), width=2)
    save(finish(img, rng, grain=0.6), "st_visitor_log.jpg")
    return refs


@scene
def st_price_tags():
    """Shelf price tags: small product names and prices on a shelf edge, each its own region."""
    rng = np.random.default_rng(712)
    W, H = 600, 360
    cv = backdrop(W, H, (236, 236, 232), (214, 214, 210), rng, blot=3)
    cv.rect((0, 210, W, 250), (70, 110, 170))            # shelf edge
    for x0, col in ((30, (220, 60, 50)), (220, (250, 200, 60)), (410, (120, 170, 70))):   # products (not text)
        cv.rect((x0 + 20, 70, x0 + 150, 205), col, radius=10)
        cv.rect((x0 + 40, 100, x0 + 130, 150), (250, 250, 246), radius=6)
    img, _ = cv.reduce()
    refs = []
    for x0, name, price in ((30, "사과 1.5kg", "12,900원"), (220, "바나나 1송이", "3,980원"),
                            (410, "청포도 500g", "6,490원")):
        t = Sheet(160, 80, fill=(255, 250, 210, 255), radius=3)
        t.text((10, 8), name, font("sans-r", 20))
        t.text((150, 70), price, font("sans-b", 30), (200, 30, 30, 255), anchor="rs")
        refs += t.place(img, (x0, 240), shadow=40)
    save(finish(img, rng, grain=0.6), "st_price_tags.jpg")
    return refs


@scene
def st_train_ticket():
    """A train ticket lying turned on a table: train, route, date, departure time, car and seat."""
    rng = np.random.default_rng(713)
    W, H = 620, 420
    cv = backdrop(W, H, (110, 80, 60), (86, 60, 44), rng, blot=6, horizontal=True)
    img, _ = cv.reduce()
    t = Sheet(480, 250, fill=(246, 248, 252, 255), radius=10)
    t.d.rectangle((0, 0, 479, 50), fill=(30, 60, 130, 255))
    t.text((20, 25), "승차권", font("sans-b", 28), WHITE, anchor="lm")
    t.text((460, 25), "KTX 105", font("sans-b", 28), WHITE, anchor="rm")
    t.text((240, 70), "서울 - 부산", font("sans-b", 44), anchor="mt")
    t.text((24, 150), "2025.09.12", font("sans-r", 26))
    t.text((250, 150), "14:30 출발", font("sans-r", 26))
    t.text((24, 200), "5호차 12A", font("sans-b", 28))
    refs = t.place(img, (70, 80), angle=-8.0)
    save(finish(img, rng, grain=0.6), "st_train_ticket.jpg")
    return refs


@scene
def st_floor_directory():
    """A building's floor directory: floor numbers with an English F, then the tenants' names."""
    rng = np.random.default_rng(714)
    W, H = 480, 540
    cv = backdrop(W, H, (200, 196, 188), (176, 170, 162), rng)
    img, _ = cv.reduce()
    s = Sheet(380, 460, fill=(40, 44, 52, 255), radius=6, outline=(180, 150, 90, 255), width=4)
    s.text((190, 26), "층별 안내", font("sans-b", 36), (240, 220, 160, 255), anchor="mt")
    f = font("sans-b", 30)
    for i, (floor, name) in enumerate((("4F", "한결내과"), ("3F", "바른치과"), ("2F", "온누리 안경"),
                                       ("1F", "새봄약국"))):
        y = 130 + i * 84
        s.d.line((20, y + 42, 360, y + 42), fill=(90, 96, 106, 255), width=2)
        s.text((34, y), floor, f, (250, 200, 80, 255), anchor="lm")
        s.text((120, y), name, f, WHITE, anchor="lm")
    refs = s.place(img, (50, 40))
    save(finish(img, rng, grain=0.6), "st_floor_directory.jpg")
    return refs


@scene
def st_warning_sticker():
    """A warning sticker on a machine: Korean and English lines of different sizes, a small caution line."""
    rng = np.random.default_rng(715)
    W, H = 560, 400
    cv = backdrop(W, H, (170, 176, 182), (140, 146, 152), rng, blot=4)
    for x in (30, 530):
        for y in (30, 370):
            cv.circle((x, y), 8, (120, 124, 130))
    img, _ = cv.reduce()
    s = Sheet(420, 280, fill=(255, 214, 40, 255), radius=10)
    s.d.rounded_rectangle((10, 10, 409, 269), 8, outline=(30, 30, 30, 255), width=5)
    s.d.polygon([(70, 40), (120, 128), (20, 128)], fill=(30, 30, 30, 255))       # warning triangle (not text)
    s.d.polygon([(70, 62), (104, 120), (36, 120)], fill=(255, 214, 40, 255))
    s.d.rectangle((66, 76, 74, 104), fill=(30, 30, 30, 255))
    s.d.rectangle((66, 108, 74, 116), fill=(30, 30, 30, 255))
    s.text((140, 40), "고온 주의", font("sans-b", 52), INK)
    s.text((142, 112), "HOT SURFACE", font("sans-b", 28), INK)
    s.text((30, 180), "작동 중에는 손대지 마세요.", font("sans-r", 24), INK)
    s.text((30, 224), "Do not touch while running.", font("sans-r", 18), INK)
    refs = s.place(img, (70, 60), shadow=50)
    save(finish(img, rng, grain=0.6), "st_warning_sticker.jpg")
    return refs


# ================================================================ classification drawings (320 x 240)

CW, CH = 320, 240


def street(seed, sky=((150, 196, 236), (214, 228, 240))):
    rng = np.random.default_rng(seed)
    arr = gradient(CW, CH, *sky, scale=SS) + blotches(rng, CW, CH, 40, 3, scale=SS)
    arr[200 * SS:] = (150, 150, 146)
    return rng, Canvas(CW, CH, arr)


def sign_pole(cv, top=150):
    cv.rect((156, top, 164, 200), (120, 124, 130))


def sign_text(img, xy, text, size, fill=INK, kind="sans-b"):
    """Text that is part of a drawing (no OCR reference)."""
    img.alpha_composite(text_layer(img.size, xy, text, font(kind, size), fill, anchor="mm")[0])


def arrow_up(cv, cx, cy, s, col):
    cv.polygon([(cx, cy - 30 * s), (cx + 24 * s, cy - 4 * s), (cx + 9 * s, cy - 4 * s), (cx + 9 * s, cy + 30 * s),
                (cx - 9 * s, cy + 30 * s), (cx - 9 * s, cy - 4 * s), (cx - 24 * s, cy - 4 * s)], col)


RED, YELLOW, BLUE, PAPER = (210, 40, 40), (252, 204, 40), (30, 90, 180), (250, 250, 250)


def sign_triangle(cv, kind):
    """Warning signs: a red-bordered yellow triangle with children or a bend."""
    cv.polygon([(160, 24), (232, 144), (88, 144)], RED)
    cv.polygon([(160, 44), (216, 134), (104, 134)], YELLOW)
    if kind == "warn_child":
        for x, h in ((146, 50), (174, 40)):
            cv.circle((x, 134 - h - 6), 6, INK[:3])
            cv.line([(x, 134 - h), (x, 134 - h * 0.45)], INK[:3], 6)
            cv.line([(x, 134 - h * 0.45), (x - 6, 132)], INK[:3], 4)
            cv.line([(x, 134 - h * 0.45), (x + 6, 132)], INK[:3], 4)
    else:
        cv.arc((132, 76, 188, 140), 180, 270, INK[:3], 7)
        cv.line([(160, 76), (160, 64)], INK[:3], 7)
        cv.polygon([(160, 56), (172, 70), (148, 70)], INK[:3])
        cv.line([(132, 108), (132, 132)], INK[:3], 7)
    return []


def sign_ring(cv, kind):
    """Regulatory red discs: no entry (white bar) and a speed limit (number in a red ring)."""
    cv.circle((160, 84), 62, RED)
    if kind == "noentry":
        cv.rect((118, 74, 202, 94), PAPER)
        return []
    cv.circle((160, 84), 48, PAPER)
    return [((160, 86), "50", 48)]


def sign_yield(cv, kind):
    cv.polygon([(88, 26), (232, 26), (160, 150)], RED)
    cv.polygon([(108, 38), (212, 38), (160, 128)], PAPER)
    return [((160, 62), "양보", 26)]


def sign_stop(cv, kind):
    pts = [(160 + 64 * math.cos(math.radians(22.5 + 45 * k)), 84 + 64 * math.sin(math.radians(22.5 + 45 * k)))
           for k in range(8)]
    cv.polygon(pts, RED, outline=PAPER, width=4)
    return [((160, 72), "정지", 34), ((160, 108), "STOP", 22)]


def sign_blue(cv, kind):
    """Instruction signs: a blue disc with an arrow, a blue square with a pedestrian crossing."""
    if kind == "straight":
        cv.circle((160, 84), 60, BLUE, outline=PAPER, width=3)
        arrow_up(cv, 160, 84, 1.3, PAPER)
        return []
    cv.rect((100, 24, 220, 144), BLUE, outline=PAPER, width=3, radius=6)
    cv.polygon([(160, 36), (210, 122), (110, 122)], PAPER)
    for k in range(4):
        cv.rect((126 + k * 18, 126, 136 + k * 18, 136), PAPER)
    cv.circle((160, 72), 7, INK[:3])
    cv.line([(160, 80), (160, 100)], INK[:3], 5)
    cv.line([(160, 100), (152, 116)], INK[:3], 4)
    cv.line([(160, 100), (168, 116)], INK[:3], 4)
    return []


def sign_plate(cv, kind):
    """An auxiliary plate on its own."""
    cv.rect((92, 60, 228, 118), PAPER, outline=INK[:3], width=3, radius=4)
    return [((160, 89), "100m 앞", 28)]


SIGNS = {"warn_child": sign_triangle, "warn_curve": sign_triangle, "noentry": sign_ring, "speed": sign_ring,
         "yield": sign_yield, "stop": sign_stop, "straight": sign_blue, "crosswalk": sign_blue, "aux": sign_plate}


def cls_sign(kind):
    """Road signs by shape and colour: triangles (warning), red rings, octagon and inverted
    triangle (regulatory), blue discs and squares (instruction), white text plates (auxiliary)."""
    rng, cv = street(800 + list(SIGNS).index(kind))
    sign_pole(cv, 120)
    texts = SIGNS[kind](cv, kind)
    img, _ = cv.reduce()
    for xy, text, size in texts:
        sign_text(img, xy, text, size, (30, 30, 34, 255) if kind != "stop" else WHITE)
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_sign_{kind}.png")
    return {"image": f"media/st_cls_sign_{kind}.png"}


def cls_light(kind):
    """A vehicle traffic light (red, yellow, green, green arrow with red, or dark) or a pedestrian signal."""
    seed = 820 + ["red", "yellow", "green", "arrow", "off", "ped_red", "ped_green"].index(kind)
    rng, cv = street(seed)
    cv.rect((154, 150, 166, 200), (80, 84, 90))
    dark = (60, 62, 66)
    if kind.startswith("ped"):
        cv.rect((120, 20, 200, 150), (30, 32, 36), radius=8)
        for cy, on in ((52, kind == "ped_red"), (118, kind == "ped_green")):
            col = ((230, 50, 40) if cy == 52 else (60, 220, 120)) if on else dark
            cv.rect((128, cy - 28, 192, cy + 28), (20, 20, 22), radius=4)
            cv.circle((160, cy - 16), 7, col)
            if cy == 52:   # standing figure
                cv.line([(160, cy - 8), (160, cy + 10)], col, 9)
                cv.line([(160, cy + 10), (154, cy + 26)], col, 5)
                cv.line([(160, cy + 10), (166, cy + 26)], col, 5)
            else:          # walking figure
                cv.line([(160, cy - 8), (158, cy + 8)], col, 8)
                cv.line([(158, cy + 8), (148, cy + 24)], col, 5)
                cv.line([(158, cy + 8), (170, cy + 22)], col, 5)
                cv.line([(160, cy - 4), (172, cy + 4)], col, 4)
    else:
        cv.rect((40, 50, 280, 118), (30, 32, 36), radius=10)
        lamps = {"red": (230, 50, 40), "yellow": (250, 190, 30), "arrow": (60, 220, 120), "green": (60, 220, 120)}
        lit = {"red": {0}, "yellow": {1}, "green": {3}, "arrow": {0, 2}, "off": set()}[kind]
        for i, cx in enumerate((76, 132, 188, 244)):
            col = [lamps["red"], lamps["yellow"], lamps["arrow"], lamps["green"]][i] if i in lit else dark
            cv.circle((cx, 84), 24, (18, 18, 20))
            if i == 2:   # the left-turn arrow lamp
                cv.polygon([(cx - 18, 84), (cx - 4, 70), (cx - 4, 79), (cx + 16, 79), (cx + 16, 89), (cx - 4, 89),
                            (cx - 4, 98)], col)
            else:
                cv.circle((cx, 84), 19, col)
    img, _ = cv.reduce()
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_light_{kind}.png")
    return {"image": f"media/st_cls_light_{kind}.png"}


def cls_product(kind):
    """One product on a shelf: water, soda can, milk, coffee milk, chips, milk-flavoured chips, detergent."""
    seed = 840 + ["water", "soda", "milk", "coffeemilk", "chips", "milkchips", "detergent"].index(kind)
    rng = np.random.default_rng(seed)
    arr = gradient(CW, CH, (236, 236, 232), (214, 214, 208), scale=SS)
    arr[206 * SS:] = (120, 150, 190)
    cv = Canvas(CW, CH, arr)
    texts = []
    if kind == "water":
        cv.rect((132, 26, 188, 44), (40, 110, 210), radius=3)
        cv.polygon([(138, 44), (182, 44), (196, 70), (196, 204), (124, 204), (124, 70)], (200, 226, 240))
        cv.rect((124, 110, 196, 150), (40, 110, 210))
        texts.append(((160, 130), "생수", 22, WHITE))
    elif kind == "soda":
        cv.rect((118, 60, 202, 204), (200, 40, 40), radius=10)
        cv.rect((124, 52, 196, 64), (180, 184, 190), radius=4)
        texts.append(((160, 130), "사이다", 22, WHITE))
    elif kind in ("milk", "coffeemilk"):
        body = (250, 250, 246) if kind == "milk" else (200, 160, 120)
        cv.polygon([(112, 70), (160, 30), (208, 70)], (230, 230, 226))
        cv.rect((112, 70, 208, 204), body)
        cv.rect((112, 150, 208, 204), (40, 110, 210) if kind == "milk" else (110, 70, 40))
        texts.append(((160, 112), "우유" if kind == "milk" else "커피우유", 24 if kind == "milk" else 20,
                      (40, 110, 210, 255) if kind == "milk" else (70, 40, 20, 255)))
        texts.append(((160, 178), "1000mL" if kind == "milk" else "500mL", 16, WHITE))
    elif kind in ("chips", "milkchips"):
        col = (250, 196, 40) if kind == "chips" else (240, 240, 250)
        cv.polygon([(96, 40), (224, 40), (232, 60), (228, 200), (92, 200), (88, 60)], col)
        cv.rect((96, 40, 224, 52), (200, 40, 40))
        cv.ellipse((132, 140, 188, 180), (240, 214, 140), outline=(200, 150, 70), width=2)
        texts.append(((160, 96), "감자칩" if kind == "chips" else "우유맛 과자", 24 if kind == "chips" else 20,
                      (120, 40, 20, 255) if kind == "chips" else (40, 110, 210, 255)))
    else:
        cv.rect((150, 30, 176, 56), (250, 250, 250), radius=3)
        cv.polygon([(124, 60), (196, 60), (206, 80), (206, 204), (114, 204), (114, 80)], (60, 170, 200))
        cv.line([(196, 76), (222, 96), (222, 140), (206, 150)], (60, 170, 200), 8)
        texts.append(((160, 130), "세탁세제", 20, WHITE))
    img, _ = cv.reduce()
    for xy, text, size, fill in texts:
        sign_text(img, xy, text, size, fill)
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_prod_{kind}.png")
    return {"image": f"media/st_cls_prod_{kind}.png"}


def cls_mask(kind):
    """A face drawn simply, with a mask worn right, under the nose, on the chin, or none."""
    rng = np.random.default_rng(860 + ["on", "nose", "chin", "none"].index(kind))
    cv = Canvas(CW, CH, (206, 222, 232))
    cx, cy = 160, 120
    skin, ink = (236, 196, 160), (50, 36, 30)
    cv.rect((92, 200, 228, 240), (70, 90, 120), radius=20)
    cv.ellipse((cx - 66, cy - 84, cx + 66, cy + 82), skin)
    cv.ellipse((cx - 70, cy - 96, cx + 70, cy - 44), (40, 30, 24))
    for sx in (-1, 1):
        cv.ellipse((cx + sx * 26 - 9, cy - 12, cx + sx * 26 + 9, cy + 2), (255, 255, 255))
        cv.circle((cx + sx * 26, cy - 5), 4.5, ink)
        cv.line([(cx + sx * 14, cy - 24), (cx + sx * 40, cy - 24)], ink, 4)
    cv.polygon([(cx - 6, cy + 22), (cx, cy + 2), (cx + 6, cy + 22)], (214, 170, 136))   # nose
    cv.line([(cx - 18, cy + 44), (cx + 18, cy + 44)], (150, 60, 60), 4)                 # mouth
    mask = (246, 248, 250)
    top = {"on": cy + 6, "nose": cy + 28, "chin": cy + 56}.get(kind)
    if top is not None:
        bottom = top + (58 if kind != "chin" else 30)
        cv.polygon([(cx - 54, top + 6), (cx, top - 4), (cx + 54, top + 6), (cx + 46, bottom), (cx, bottom + 8),
                    (cx - 46, bottom)], mask, outline=(190, 196, 204), width=2)
        for sx in (-1, 1):
            cv.line([(cx + sx * 54, top + 8), (cx + sx * 64, cy - 6)], (220, 224, 230), 3)
    img, _ = cv.reduce()
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_mask_{kind}.png")
    return {"image": f"media/st_cls_mask_{kind}.png"}


def cls_weather_more(kind):
    """Fog (a grey veil, the far houses fading) and a sun shower (sun out, rain falling)."""
    rng = np.random.default_rng(870 + ["fog", "sunshower"].index(kind))
    sky = ((200, 204, 208), (220, 222, 224)) if kind == "fog" else ((90, 160, 230), (180, 214, 240))
    cv = Canvas(CW, CH, gradient(CW, CH, *sky, scale=SS))
    cv.polygon([(0, 180), (90, 160), (200, 176), (320, 158), (320, 240), (0, 240)], (110, 160, 90))
    for x, h in ((30, 40), (80, 56), (250, 48)):
        cv.rect((x, 170 - h, x + 36, 176), (150, 120, 100))
    cv.rect((236, 132, 276, 176), (170, 120, 90))
    cv.polygon([(228, 134), (256, 108), (284, 134)], (150, 60, 50))
    if kind == "sunshower":
        sunny_sky(cv, rng)
        weather_cloud(cv, (200, 40), 0.9, (236, 238, 242))
        for _ in range(60):
            x, y = rng.uniform(0, CW), rng.uniform(70, 230)
            cv.line([(x, y), (x - 4, y + 14)], (210, 224, 244), 1.5)
    img, _ = cv.reduce()
    if kind == "fog":
        veil = Image.new("RGBA", img.size, (226, 228, 230, 0))
        alpha = np.tile(np.linspace(210, 120, CH)[:, None], (1, CW)).astype(np.uint8)
        veil.putalpha(Image.fromarray(alpha, "L"))
        img.alpha_composite(veil)
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_weather_{kind}.png")
    return {"image": f"media/st_cls_weather_{kind}.png"}


def van(cv, x0, body, stripe=None):
    cv.polygon([(x0, 190), (x0, 90), (x0 + 170, 90), (x0 + 220, 140), (x0 + 226, 190)], body)
    cv.polygon([(x0 + 176, 100), (x0 + 214, 140), (x0 + 176, 140)], (170, 200, 220))
    for wx in (x0 + 20, x0 + 96):
        cv.rect((wx, 102, wx + 60, 136), (170, 200, 220), radius=3)
    if stripe:
        cv.rect((x0, 150, x0 + 226, 162), stripe)
    for wx in (x0 + 46, x0 + 182):
        cv.circle((wx, 192), 19, (30, 30, 32))
        cv.circle((wx, 192), 8, (170, 170, 176))


def emergency_body(cv, kind, texts):
    """The ambulance (a van with a red stripe and cross) and the fire engine (ladder on the roof)."""
    if kind == "ambulance":
        van(cv, 40, (250, 250, 246), stripe=(220, 50, 40))
        cv.rect((110, 78, 150, 90), (40, 120, 230))
        texts.append(((150, 176), "119 구급", 18, (220, 50, 40, 255)))
        cv.rect((90, 106, 106, 130), (220, 50, 40))
        cv.rect((86, 110, 110, 126), (220, 50, 40))
    else:
        cv.rect((20, 96, 220, 190), (210, 40, 36))
        cv.polygon([(220, 96), (270, 96), (300, 140), (300, 190), (220, 190)], (210, 40, 36))
        cv.polygon([(232, 104), (266, 104), (288, 138), (232, 138)], (170, 200, 220))
        cv.rect((26, 70, 214, 76), (70, 72, 78))          # ladder on the roof
        cv.rect((26, 86, 214, 92), (70, 72, 78))
        for x in range(32, 214, 14):
            cv.rect((x, 70, x + 4, 92), (70, 72, 78))
        for wx in (60, 150, 260):
            cv.circle((wx, 192), 19, (30, 30, 32))
            cv.circle((wx, 192), 8, (170, 170, 176))


def cls_vehicle_more(kind):
    """Emergency and other vehicles from the side."""
    rng, cv = street(880 + ["ambulance", "firetruck", "police", "taxi", "pickup", "motorcycle", "sedan"].index(kind))
    texts = []
    if kind in ("ambulance", "firetruck"):
        emergency_body(cv, kind, texts)
    elif kind in ("police", "taxi", "sedan"):
        body = {"police": (250, 250, 250), "taxi": (250, 180, 40), "sedan": (90, 96, 104)}[kind]
        length = 250 if kind != "sedan" else 260
        car_side(cv, 34, 212 if kind != "sedan" else 214, length, 1, facing="right", body=body)
        if kind == "police":
            cv.rect((130, 117, 180, 128), (40, 90, 220))       # light bar on the roof
            cv.rect((130, 117, 155, 128), (220, 40, 40))
            cv.rect((60, 166, 260, 172), (30, 60, 150))
        elif kind == "taxi":
            cv.rect((136, 112, 172, 128), (250, 250, 246), radius=3)   # roof sign
            texts.append(((154, 121), "TAXI", 11, (30, 30, 34, 255)))
    elif kind == "pickup":
        cv.polygon([(150, 110), (220, 110), (250, 140), (290, 146), (290, 190), (30, 190), (30, 140), (150, 140)],
                   (60, 110, 170))
        cv.polygon([(160, 118), (212, 118), (234, 140), (160, 140)], (170, 200, 220))
        cv.rect((146, 140, 150, 184), (36, 70, 110))            # gap between the cab and the open bed
        cv.rect((30, 136, 146, 142), (40, 80, 130))             # the bed's rim
        for wx in (80, 240):
            cv.circle((wx, 192), 20, (30, 30, 32))
            cv.circle((wx, 192), 8, (170, 170, 176))
    else:   # motorcycle: two wheels, engine block, fuel tank
        bicycle(cv, (100, 180), (232, 180), 26, 1, frame=(40, 40, 44))
        cv.rect((136, 150, 186, 178), (90, 94, 100), radius=4)
        cv.ellipse((140, 118, 200, 146), (200, 40, 40))
        cv.rect((112, 124, 150, 136), (30, 30, 32), radius=4)
        cv.rect((176, 160, 230, 168), (160, 164, 170))
    img, _ = cv.reduce()
    for xy, text, size, fill in texts:
        sign_text(img, xy, text, size, fill)
    save(finish(img, rng, grain=0.5, vignette=0.08), f"st_cls_veh_{kind}.png")
    return {"image": f"media/st_cls_veh_{kind}.png"}


def cls_quality():
    """Copies of the mart receipt as a phone would fail to take it: blurred, glare, cut off, too dark."""
    src = Image.open(OUT / "st_receipt_mart.jpg").convert("RGB")
    small = src.resize((330, 420), Image.LANCZOS)
    out = {}
    blur = small.filter(ImageFilter.GaussianBlur(3.2))
    glare = small.convert("RGBA")
    g = Image.new("RGBA", glare.size, (255, 255, 255, 0))
    ImageDraw.Draw(g).ellipse((40, 150, 300, 330), fill=(255, 255, 255, 235))
    glare.alpha_composite(g.filter(ImageFilter.GaussianBlur(14)))
    cut = src.crop((150, 40, 440, 410)).resize((290, 370), Image.LANCZOS)
    dark = ImageEnhance.Brightness(small).enhance(0.18)
    for name, im in (("blur", blur), ("glare", glare), ("cut", cut), ("dark", dark)):
        path = OUT / f"st_cls_q_{name}.jpg"
        im.convert("RGB").save(path, "JPEG", quality=85, optimize=True)
        print(f"{path.name}: {im.size[0]}x{im.size[1]}, {path.stat().st_size / 1024:.1f} KB")
        out[name] = f"media/st_cls_q_{name}.jpg"
    return out


@scene
def cls_images():
    out = []
    for k in ("warn_child", "warn_curve", "noentry", "speed", "yield", "stop", "straight", "crosswalk", "aux"):
        out.append(cls_sign(k))
    for k in ("red", "yellow", "green", "arrow", "off", "ped_red", "ped_green"):
        out.append(cls_light(k))
    for k in ("water", "soda", "milk", "coffeemilk", "chips", "milkchips", "detergent"):
        out.append(cls_product(k))
    for k in ("on", "nose", "chin", "none"):
        out.append(cls_mask(k))
    for k in ("fog", "sunshower"):
        out.append(cls_weather_more(k))
    for k in ("ambulance", "firetruck", "police", "taxi", "pickup", "motorcycle", "sedan"):
        out.append(cls_vehicle_more(k))
    out.append(cls_quality())
    return out


def ocr_scene_names():
    return [n for n in SCENES if not n.startswith("cls_")]


def main(names):
    REFS.parent.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    refs = json.loads(REFS.read_text()) if REFS.exists() else {}
    for name in names or list(SCENES):
        refs[name] = SCENES[name]()
        print("   ", json.dumps(refs[name], ensure_ascii=False)[:800])
    REFS.write_text(json.dumps(refs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
