"""Generate the OCR exercise images and their exact references (ink boxes / rotated polygons).

Writes question_bank/media/ocr_<scene>.png and /tmp/ocr_gen/refs.json (the references then
go into question_bank/level2/practical/ocr.yaml). Needs Debian's fonts-noto-cjk. Run by hand.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
from imaging import rect_corners, rotate_onto, save_palette_png  # tools/ is on sys.path when run
from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/main/question_bank/media")
NOTO = "/usr/share/fonts/opentype/noto/"


def font(kind, size):
    path, index = {
        "sans-b": ("NotoSansCJK-Bold.ttc", 1),
        "sans-r": ("NotoSansCJK-Regular.ttc", 1),
        "serif-b": ("NotoSerifCJK-Bold.ttc", 1),
        "serif-r": ("NotoSerifCJK-Regular.ttc", 1),
    }[kind]
    f = ImageFont.truetype(NOTO + path, size, index=index)
    assert "KR" in f.getname()[0], f.getname()
    return f


# ---------------------------------------------------------------- backgrounds / noise

def gradient(size, top, bottom, horizontal=False):
    w, h = size
    t = np.linspace(0, 1, w if horizontal else h)
    cols = (1 - t)[:, None] * np.array(top, float) + t[:, None] * np.array(bottom, float)
    arr = np.broadcast_to(cols[None, :, :], (h, w, 3)) if horizontal else np.broadcast_to(cols[:, None, :], (h, w, 3))
    return arr.astype(float).copy()


def blotches(rng, size, cell, amp):
    """Low-frequency noise (stains, uneven light), shape (h, w, 1)."""
    w, h = size
    small = rng.normal(0, 1, (h // cell + 2, w // cell + 2)).astype(np.float32)
    img = Image.fromarray(small, mode="F").resize((w, h), Image.BICUBIC)
    return np.asarray(img)[:, :, None] * amp


def to_img(arr):
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").convert("RGBA")


def finish(scene, rng, grain=1.2, vignette=0.18, blur=0.0):
    """Photo-like finish: vignette, sensor grain, optional slight blur. Returns RGB."""
    arr = np.asarray(scene.convert("RGB")).astype(float)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.sqrt(((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / math.sqrt(2)
    arr *= (1 - vignette * r ** 2)[:, :, None]
    arr += rng.normal(0, grain, (h, w, 1))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    return img


def save(img, name):
    """Palette PNG under 140 KB where possible (never 150 KB)."""
    return save_palette_png(img, OUT / name, good_kb=140, limit_kb=150)


# ---------------------------------------------------------------- text

def text_layer(size, xy, text, fnt, fill, tracking=0, anchor="la"):
    """Text on its own transparent layer (transparent pixels carry the text colour, so resampling
    the layer later gives no dark fringe). Returns (layer, ink bbox (x0, y0, x1, y1))."""
    layer = Image.new("RGBA", size, tuple(fill[:3]) + (0,))
    d = ImageDraw.Draw(layer)
    if tracking:
        x, y = xy
        for ch in text:
            d.text((x, y), ch, font=fnt, fill=fill, anchor=anchor)
            x += fnt.getlength(ch) + tracking
    else:
        d.text(xy, text, font=fnt, fill=fill, anchor=anchor)
    bbox = layer.getchannel("A").getbbox()
    return layer, bbox


def width_of(text, fnt, tracking=0):
    return sum(fnt.getlength(ch) + tracking for ch in text) - tracking if tracking else fnt.getlength(text)


def put_text(base, xy, text, fnt, fill, tracking=0, anchor="la"):
    """Composite text onto `base` (RGBA) and return its ink bbox."""
    layer, bbox = text_layer(base.size, xy, text, fnt, fill, tracking, anchor)
    base.alpha_composite(layer)
    return bbox


def put_pieces(base, pieces, fill, fnt):
    """Several pieces on one baseline (a receipt line with columns). Returns the union ink bbox."""
    boxes = [put_text(base, xy, t, fnt, fill, anchor=a) for xy, t, a in pieces]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# ---------------------------------------------------------------- rotation





def check_rotated(layer_size, xy, text, fnt, tracking, pivot, target, angle, poly, scene_size, anchor="la"):
    """Re-render one line alone, rotate it the same way, and check that every inked pixel lies in
    the polygon (grown by 1 px) and that the polygon is tight (each side touches ink)."""
    lay, _ = text_layer(layer_size, xy, text, fnt, (0, 0, 0, 255), tracking, anchor)
    blank = Image.new("RGBA", scene_size, (0, 0, 0, 0))
    rotate_onto(blank, lay, pivot, target, angle)
    alpha = np.asarray(blank.getchannel("A"))
    mask = Image.new("L", scene_size, 0)
    ImageDraw.Draw(mask).polygon([tuple(p) for p in poly], fill=255)
    grown = np.asarray(mask.filter(ImageFilter.MaxFilter(3))) > 0
    outside = int(((alpha > 60) & ~grown).sum())
    assert outside == 0, (text, outside)


def ref_box(bbox, text):
    x0, y0, x1, y1 = bbox
    assert y1 - y0 >= 24, (text, y1 - y0)
    return {"box": [x0, y0, x1 - x0, y1 - y0], "text": text}


def ref_poly(fwd, bbox, text):
    assert bbox[3] - bbox[1] >= 24, (text, bbox)
    pts = [[round(x, 1), round(y, 1)] for x, y in (fwd(p) for p in rect_corners(bbox))]
    return {"points": pts, "text": text}


def rounded(d, box, r, **kw):
    d.rounded_rectangle(box, r, **kw)


# ================================================================ scenes

def bus_stop():
    rng = np.random.default_rng(11)
    W, H = 520, 460
    arr = gradient((W, H), (150, 190, 225), (225, 232, 238))
    arr += blotches(rng, (W, H), 60, 6)
    # trees / buildings far away: soft darker band
    band = np.zeros((H, W, 1))
    band[300:, :] = 1
    arr = arr * (1 - 0.25 * band)
    scene = to_img(arr)
    d = ImageDraw.Draw(scene)
    # distant building silhouettes
    for x0, w, h, col in [(0, 90, 140, (176, 184, 196)), (95, 60, 100, (168, 176, 190)),
                          (380, 80, 160, (172, 180, 194)), (462, 58, 120, (164, 172, 186))]:
        d.rectangle((x0, 320 - h, x0 + w, 330), fill=col)
    # pavement
    d.rectangle((0, 410, W, H), fill=(150, 146, 140))
    d.line((0, 410, W, 410), fill=(120, 116, 110), width=3)
    # pole
    d.rectangle((252, 200, 268, 430), fill=(110, 114, 120))
    d.rectangle((256, 200, 260, 430), fill=(140, 144, 150))
    # panel
    rounded(d, (70, 40, 450, 236), 14, fill=(22, 66, 140), outline=(230, 236, 245), width=5)
    # bus pictogram (not text)
    rounded(d, (96, 76, 170, 140), 10, fill=(240, 244, 250))
    d.rectangle((104, 84, 162, 108), fill=(22, 66, 140))
    d.ellipse((104, 128, 120, 144), fill=(240, 244, 250), outline=(22, 66, 140), width=3)
    d.ellipse((146, 128, 162, 144), fill=(240, 244, 250), outline=(22, 66, 140), width=3)
    refs = []
    refs.append(ref_box(put_text(scene, (196, 52), "시청앞", font("sans-b", 74), (255, 255, 255, 255)), "시청앞"))
    refs.append(ref_box(put_text(scene, (196, 160), "City Hall", font("sans-r", 44), (255, 255, 255, 255)),
                        "City Hall"))
    # stop-number plate below the panel
    rounded(d, (190, 248, 330, 300), 6, fill=(246, 246, 240), outline=(60, 60, 60), width=2)
    refs.append(ref_box(put_text(scene, (260, 274), "02-135", font("sans-b", 36), (25, 25, 25, 255), anchor="mm"),
                        "02-135"))
    img = finish(scene, rng, grain=1.2, vignette=0.15)
    save(img, "ocr_bus_stop.png")
    return refs


def shop_sign():
    rng = np.random.default_rng(22)
    W, H = 640, 420
    # brick-ish wall
    arr = gradient((W, H), (196, 160, 132), (170, 132, 104))
    arr += blotches(rng, (W, H), 30, 7)
    scene = to_img(arr)
    d = ImageDraw.Draw(scene)
    for y in range(0, H, 22):
        d.line((0, y, W, y), fill=(150, 118, 94), width=2)
        off = 0 if (y // 22) % 2 else 30
        for x in range(off, W, 60):
            d.line((x, y, x, y + 22), fill=(150, 118, 94), width=2)
    # signboard
    d.rectangle((34, 28, 606, 150), fill=(28, 78, 58))
    d.rectangle((34, 28, 606, 150), outline=(200, 170, 90), width=4)
    d.rectangle((34, 150, 606, 160), fill=(60, 44, 34))  # shadow under the board
    # bread pictogram on the sign (not text)
    d.ellipse((58, 62, 128, 116), fill=(226, 178, 102))
    for x in (74, 90, 106):
        d.line((x, 70, x + 8, 108), fill=(176, 120, 60), width=4)
    refs = []
    f = font("sans-b", 64)
    tracking = 12
    text = "행복 베이커리"
    x = 150 + (440 - width_of(text, f, tracking)) / 2
    refs.append(ref_box(put_text(scene, (x, 52), text, f, (246, 234, 204, 255), tracking=tracking), text))
    # shop window (glass) with a sticker plate
    glass = gradient((480, 220), (120, 150, 168), (70, 92, 108))
    glass += blotches(rng, (480, 220), 50, 8)
    glass_img = to_img(glass)
    gd = ImageDraw.Draw(glass_img, "RGBA")
    for x0 in (40, 90, 300):  # reflections
        gd.polygon([(x0, 0), (x0 + 40, 0), (x0 - 60, 220), (x0 - 100, 220)], fill=(255, 255, 255, 28))
    scene.paste(glass_img, (80, 190))
    d.rectangle((74, 184, 566, 416), outline=(60, 60, 64), width=8)
    rounded(d, (150, 236, 494, 300), 8, fill=(250, 248, 240))
    text2 = "영업시간 09:00~18:00"
    refs.append(ref_box(put_text(scene, (322, 268), text2, font("sans-b", 32), (40, 40, 40, 255), anchor="mm"), text2))
    img = finish(scene, rng, grain=1.2, vignette=0.2)
    save(img, "ocr_shop_sign.png")
    return refs


def product_label():
    rng = np.random.default_rng(33)
    W, H = 600, 440
    # wooden table
    arr = gradient((W, H), (150, 110, 74), (120, 84, 54), horizontal=True)
    streak = rng.normal(0, 1, (H // 6 + 2, 4)).astype(np.float32)
    streak = np.asarray(Image.fromarray(streak, "F").resize((W, H), Image.BICUBIC))[:, :, None]
    arr += streak * 10 + blotches(rng, (W, H), 80, 5)
    scene = to_img(arr)
    d = ImageDraw.Draw(scene)
    # carton label
    d.rectangle((64, 34, 546, 414), fill=(70, 52, 36))           # shadow
    d.rectangle((56, 26, 538, 406), fill=(246, 246, 242))
    d.rectangle((56, 26, 538, 132), fill=(30, 92, 170))
    refs = []
    refs.append(ref_box(put_text(scene, (84, 40), "유기농 우유", font("sans-b", 60), (255, 255, 255, 255)),
                        "유기농 우유"))
    refs.append(ref_box(put_text(scene, (84, 150), "900mL", font("sans-b", 44), (30, 92, 170, 255)), "900mL"))
    # leaf pictogram (not text)
    d.ellipse((400, 150, 500, 214), fill=(86, 160, 74))
    d.line((408, 206, 492, 158), fill=(236, 246, 230), width=4)
    for t in (0.3, 0.5, 0.7):
        x, y = 408 + 84 * t, 206 - 48 * t
        d.line((x, y, x - 4, y - 20), fill=(236, 246, 230), width=3)
        d.line((x, y, x + 18, y + 6), fill=(236, 246, 230), width=3)
    # barcode (not text)
    bx = 380
    for wbar in rng.integers(1, 5, 34):
        d.rectangle((bx, 300, bx + int(wbar) - 1, 380), fill=(20, 20, 20))
        bx += int(wbar) + int(rng.integers(1, 4))
    # two close lines
    f = font("sans-r", 32)
    refs.append(ref_box(put_text(scene, (84, 288), "제조일자 2025.03.01", f, (20, 20, 20, 255)), "제조일자 2025.03.01"))
    refs.append(ref_box(put_text(scene, (84, 324), "유통기한 2025.03.14", f, (20, 20, 20, 255)), "유통기한 2025.03.14"))
    gap = refs[3]["box"][1] - (refs[2]["box"][1] + refs[2]["box"][3])
    print("  gap between the two date lines:", gap, "px")
    img = finish(scene, rng, grain=1.2, vignette=0.2)
    save(img, "ocr_product_label.png")
    return refs


def parking_notice():
    rng = np.random.default_rng(44)
    W, H = 600, 460
    arr = gradient((W, H), (176, 176, 170), (140, 140, 136))
    arr += blotches(rng, (W, H), 24, 9) + blotches(rng, (W, H), 90, 8)
    scene = to_img(arr)
    d = ImageDraw.Draw(scene)
    # concrete panel joints
    d.line((0, 300, W, 300), fill=(120, 120, 116), width=3)
    d.line((300, 0, 300, 300), fill=(120, 120, 116), width=3)
    # the sign, built upright on its own layer, then tilted
    SW, SH = 420, 250
    sign = Image.new("RGBA", (SW, SH), (250, 250, 246, 0))
    sd = ImageDraw.Draw(sign)
    rounded(sd, (0, 0, SW - 1, SH - 1), 16, fill=(250, 250, 246, 255))
    rounded(sd, (10, 10, SW - 11, SH - 11), 10, outline=(200, 30, 36, 255), width=8)
    for sx in (26, SW - 27):
        sd.ellipse((sx - 6, 20, sx + 6, 32), fill=(120, 120, 120, 255))
    f1, t1, tr1 = font("sans-b", 80), "주차금지", 20
    x1 = (SW - width_of(t1, f1, tr1)) / 2
    lay1, b1 = text_layer((SW, SH), (x1, 28), t1, f1, (200, 30, 36, 255), tr1)
    sign.alpha_composite(lay1)
    f2, t2 = font("sans-b", 40), "24시간 견인지역"
    lay2, b2 = text_layer((SW, SH), (SW / 2, 185), t2, f2, (30, 30, 30, 255), anchor="mm")
    sign.alpha_composite(lay2)
    # drop shadow of the sign
    shadow = Image.new("RGBA", (SW, SH), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).rounded_rectangle((0, 0, SW - 1, SH - 1), 16, fill=(40, 40, 40, 110))
    angle, pivot, target = -10.0, (SW / 2, SH / 2), (W / 2, H / 2 - 4)
    shadow = shadow.filter(ImageFilter.GaussianBlur(6))
    rotate_onto(scene, shadow, pivot, (target[0] + 8, target[1] + 10), angle)
    fwd = rotate_onto(scene, sign, pivot, target, angle)
    refs = [ref_poly(fwd, b1, t1), ref_poly(fwd, b2, t2)]
    check_rotated((SW, SH), (x1, 28), t1, f1, tr1, pivot, target, angle, refs[0]["points"], (W, H))
    check_rotated((SW, SH), (SW / 2, 185), t2, f2, 0, pivot, target, angle, refs[1]["points"], (W, H), anchor="mm")
    img = finish(scene, rng, grain=1.2, vignette=0.2)
    save(img, "ocr_parking_notice.png")
    return refs


def receipt():
    rng = np.random.default_rng(55)
    W, H = 500, 580
    arr = gradient((W, H), (92, 64, 46), (66, 44, 30))
    streak = rng.normal(0, 1, (4, W // 5 + 2)).astype(np.float32)
    streak = np.asarray(Image.fromarray(streak, "F").resize((W, H), Image.BICUBIC))[:, :, None]
    arr += streak * 8 + blotches(rng, (W, H), 70, 5)
    scene = to_img(arr)
    # the receipt, upright on its own layer
    RW, RH = 360, 460
    paper = Image.new("RGBA", (RW, RH), (248, 246, 238, 0))
    pd = ImageDraw.Draw(paper)
    zig = [(0, 0), (RW - 1, 0), (RW - 1, RH - 12)]
    for i, x in enumerate(range(RW - 1, -1, -12)):
        zig.append((x, RH - 1 if i % 2 else RH - 12))
    zig.append((0, RH - 12))
    pd.polygon(zig, fill=(248, 246, 238, 255))
    # faint paper shading
    shade = gradient((RW, RH), (250, 249, 244), (236, 233, 222))
    shade_img = to_img(shade)
    paper_rgb = Image.composite(shade_img, Image.new("RGBA", (RW, RH), (0, 0, 0, 0)), paper.getchannel("A"))
    paper = paper_rgb
    ink = (34, 34, 40, 255)
    lines = []  # (pieces, text, font)
    fh = font("sans-b", 42)
    fr = font("sans-r", 32)
    L, Rx, Q = 26, RW - 26, 226
    lines.append(([((RW / 2, 40), "카페 봄날", "mt")], "카페 봄날", fh))
    lines.append(([((L, 150), "아메리카노", "ls"), ((Q, 150), "2", "ms"), ((Rx, 150), "9,000", "rs")],
                  "아메리카노 2 9,000", fr))
    lines.append(([((L, 204), "카페라떼", "ls"), ((Q, 204), "1", "ms"), ((Rx, 204), "5,500", "rs")],
                  "카페라떼 1 5,500", fr))
    lines.append(([((L, 300), "합계", "ls"), ((Rx, 300), "14,500원", "rs")], "합계 14,500원", font("sans-b", 34)))
    bboxes = []
    for pieces, _, f in lines:
        bboxes.append(put_pieces(paper, pieces, ink, f))
    pd = ImageDraw.Draw(paper)
    for y in (106, 240):  # dashed separators (not text)
        for x in range(L, Rx, 14):
            pd.line((x, y, x + 7, y), fill=(90, 90, 96, 255), width=2)
    # small thank-you pictogram: a cup outline (not text)
    pd.rounded_rectangle((RW / 2 - 26, 350, RW / 2 + 18, 400), 8, outline=(90, 90, 96, 255), width=3)
    pd.arc((RW / 2 + 8, 362, RW / 2 + 34, 388), -90, 90, fill=(90, 90, 96, 255), width=3)
    shadow = Image.new("RGBA", (RW, RH), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).polygon(zig, fill=(10, 6, 4, 120))
    shadow = shadow.filter(ImageFilter.GaussianBlur(7))
    angle, pivot, target = 8.0, (RW / 2, RH / 2), (W / 2 + 4, H / 2 + 2)
    rotate_onto(scene, shadow, pivot, (target[0] + 10, target[1] + 12), angle)
    fwd = rotate_onto(scene, paper, pivot, target, angle)
    refs = [ref_poly(fwd, b, text) for b, (_, text, _) in zip(bboxes, lines, strict=True)]
    # containment check for the receipt lines: re-render each line alone
    for (pieces, text, f), ref in zip(lines, refs, strict=True):
        lay = Image.new("RGBA", (RW, RH), (0, 0, 0, 0))
        put_pieces(lay, pieces, (0, 0, 0, 255), f)
        blank = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        rotate_onto(blank, lay, pivot, target, angle)
        alpha = np.asarray(blank.getchannel("A"))
        mask = Image.new("L", (W, H), 0)
        ImageDraw.Draw(mask).polygon([tuple(p) for p in ref["points"]], fill=255)
        grown = np.asarray(mask.filter(ImageFilter.MaxFilter(3))) > 0
        assert int(((alpha > 60) & ~grown).sum()) == 0, text
    img = finish(scene, rng, grain=1.2, vignette=0.25)
    save(img, "ocr_receipt.png")
    return refs


def form_field():
    rng = np.random.default_rng(66)
    W, H = 640, 460
    arr = gradient((W, H), (120, 124, 130), (96, 100, 106))   # desk
    arr += blotches(rng, (W, H), 60, 5)
    scene = to_img(arr)
    d = ImageDraw.Draw(scene)
    d.rectangle((34, 24, 618, 452), fill=(60, 62, 66))          # paper shadow
    paper = gradient((578, 424), (252, 252, 248), (238, 237, 230), horizontal=True)
    paper += blotches(rng, (578, 424), 90, 3)
    scene.paste(to_img(paper), (26, 16))
    d = ImageDraw.Draw(scene)
    refs = []
    printed = (40, 40, 44, 255)
    pen = (24, 52, 150, 255)
    put_text(scene, (W / 2, 30), "참가 신청서", font("sans-b", 40), printed, anchor="mt")  # printed title: not a target
    top, row_h, x0, xm, x1 = 100, 72, 56, 214, 590
    rows = [("성명", "김민지"), ("영문 성명", "KIM MINJI"), ("연락처", "010-2345-6789")]
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        d.rectangle((x0, y, xm, y + row_h), fill=(228, 230, 234))
        # the printed label, then the handwritten value (the target)
        put_text(scene, ((x0 + xm) / 2, y + row_h / 2), label, font("sans-r", 30), printed, anchor="mm")
        refs.append(ref_box(put_text(scene, (xm + 22, y + row_h / 2), value, font("serif-b", 36), pen, anchor="lm"),
                            value))
    for i in range(len(rows) + 1):
        d.line((x0, top + i * row_h, x1, top + i * row_h), fill=(60, 60, 64), width=2)
    for x in (x0, xm, x1):
        d.line((x, top, x, top + len(rows) * row_h), fill=(60, 60, 64), width=2)
    put_text(scene, (x0, 344), "위와 같이 신청합니다.", font("sans-r", 28), printed)   # printed sentence: not a target
    # stamp, tilted
    SW, SH = 200, 92
    red = (206, 40, 44)
    stamp = Image.new("RGBA", (SW, SH), red + (0,))
    ImageDraw.Draw(stamp).rounded_rectangle((2, 2, SW - 3, SH - 3), 8, outline=red + (215,), width=5)
    f, t = font("sans-b", 44), "접수완료"
    lay, b = text_layer((SW, SH), (SW / 2, SH / 2), t, f, red + (215,), anchor="mm")
    stamp.alpha_composite(lay)
    angle, pivot, target = 12.0, (SW / 2, SH / 2), (470, 378)
    fwd = rotate_onto(scene, stamp, pivot, target, angle)
    refs.append(ref_poly(fwd, b, t))
    check_rotated((SW, SH), (SW / 2, SH / 2), t, f, 0, pivot, target, angle, refs[-1]["points"], (W, H), anchor="mm")
    img = finish(scene, rng, grain=1.2, vignette=0.18)
    save(img, "ocr_form_field.png")
    return refs


if __name__ == "__main__":
    refs = {}
    for name, fn in [("bus_stop", bus_stop), ("shop_sign", shop_sign), ("product_label", product_label),
                     ("parking_notice", parking_notice), ("receipt", receipt), ("form_field", form_field)]:
        refs[name] = fn()
        for r in refs[name]:
            print("   ", json.dumps(r, ensure_ascii=False))
    Path("/tmp/ocr_gen/refs.json").write_text(json.dumps(refs, ensure_ascii=False, indent=1))
