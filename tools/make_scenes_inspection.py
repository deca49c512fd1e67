"""Generate the Level 1 inspection (검수) scenes and the exact geometry of everything in them.

The inspection tasks (question_bank/level1/inspect/*.yaml) show a labeler's submission on these
images; the submission's right labels are this geometry as it is, and each planted error is an
explicit edit of it (commented at the end of its line in the YAML). No Level 2 practice exercise
uses these images (file names start with `in_`).

The drawing helpers are those of tools/make_practice_images.py (shapes drawn 4x larger beside an
instance map, so a bounding box is the visible extent of an object's id; polygons are the shapely
geometry drawn, minus what is drawn in front; keypoints are the joint centres the figure was drawn
around, `hidden` when covered or outside the image; OCR regions are the ink extent of each line
drawn on its own layer, a tilted line's four corners moved by the layer's rotation). Objects that
are NOT targets of a task (a poster of a person, a dumpster, a printed form title, ...) are drawn
with ids too, so their boxes are exact as well: tasks use them for "labeled a non-object" errors.

Writes question_bank/media/in_*.png (palette PNG, <= 800 px, about 60 KB or less) and
/tmp/insp/refs.json. Needs Debian's fonts-noto-cjk. Run by hand; byte-for-byte reproducible:

    python tools/make_scenes_inspection.py                 # all scenes
    python tools/make_scenes_inspection.py in_street_01    # some scenes
    INSPECTION_MEDIA_OUT=/tmp/a python tools/make_scenes_inspection.py   # elsewhere (to compare runs)
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
from imaging import rotate_onto, save_palette_png  # tools/ is on sys.path when run
from make_ocr_images import put_pieces
from make_practice_images import (
    CAR_POINTS,
    MANNEQUIN_POINTS,
    Canvas,
    assert_visible,
    bicycle,
    blotches,
    bottle,
    can,
    car_side,
    car_top,
    check_rotated,
    circle_geom,
    ellipse_geom,
    figure,
    finish,
    font,
    gradient,
    kp_ref,
    mannequin,
    person_side,
    poly_ref,
    put_text,
    ref_box,
    ref_poly,
    rounded_rect_pts,
    studio,
    text_layer,
    tree_top,
    visible_box,
)
from PIL import Image, ImageDraw, ImageFilter
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry import box as sbox

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("INSPECTION_MEDIA_OUT", ROOT / "question_bank" / "media"))
REFS = Path(os.environ.get("INSPECTION_REFS", "/tmp/insp/refs.json"))
SCENES = {}


def scene(fn):
    SCENES[fn.__name__] = fn
    return fn


def save(img, name, rng):
    """A light photo finish (no grain: noise costs bytes) and a small palette PNG. The picture is
    first reduced to 128 colours without dithering, so the palette step below finds its colours
    exactly and adds no dither noise (noise is what makes a PNG large)."""
    out = finish(img, rng, grain=0.0, vignette=0.1)
    out = out.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).convert("RGB")
    save_palette_png(out, OUT / f"{name}.png", good_kb=60, limit_kb=80)


def bbox_ref(ids, oid, label, **attributes):
    ref = {"label": label, "box": visible_box(ids, oid)}
    if attributes:
        ref["attributes"] = attributes
    return ref


def points(geom_or_pts):
    if isinstance(geom_or_pts, list):
        return [[round(x, 1), round(y, 1)] for x, y in geom_or_pts]
    return poly_ref(geom_or_pts)


def poly_out(label, geom_or_pts, **attributes):
    ref = {"label": label, "points": points(geom_or_pts)}
    if attributes:
        ref["attributes"] = attributes
    return ref


def city_backdrop(cv, W, ground, rng, colours=((188, 182, 172), (170, 178, 190), (196, 188, 170))):
    """Low buildings with windows along the far side of the street, up to y = ground."""
    x = 0
    k = 0
    while x < W:
        w = 110 + int(rng.integers(0, 60))
        h = 120 + int(rng.integers(0, 90))
        col = colours[k % len(colours)]
        cv.rect((x, ground - h, x + w, ground), col)
        for wy in range(ground - h + 14, ground - 30, 30):
            for wx in range(x + 12, x + w - 20, 26):
                cv.rect((wx, wy, wx + 12, wy + 16), tuple(c - 30 for c in col))
        x += w + 6
        k += 1


def rider(cv, B, oid, shirt=(240, 200, 60), pants=(40, 40, 60), helmet=(220, 40, 40)):
    """A person riding the bicycle B (from practice_images.bicycle), drawn over it."""
    skin = (232, 190, 150)
    hip = (B["seat"][0] + 2, B["seat"][1] - 8)
    shoulder = (hip[0] + 40, hip[1] - 84)
    cv.line([hip, (hip[0] + 36, hip[1] + 32), (B["crank"][0] + 10, B["crank"][1] + 14)], pants, 14, oid)
    cv.polygon([(hip[0] - 11, hip[1] + 6), (hip[0] + 11, hip[1] + 10), (shoulder[0] + 11, shoulder[1] + 4),
                (shoulder[0] - 9, shoulder[1] - 6)], shirt, oid)
    cv.line([shoulder, (shoulder[0] + 26, shoulder[1] + 36), B["bar"]], shirt, 9, oid)
    head = (shoulder[0] + 13, shoulder[1] - 24)
    cv.circle(head, 15, skin, oid)
    cv.ellipse((head[0] - 17, head[1] - 19, head[0] + 17, head[1] - 2), helmet, oid)


def standing_person(cv, x, feet, h, oid, shirt, pants, skin=(232, 190, 150), hair=(40, 30, 24)):
    """A person standing, seen from the front (arms down)."""
    top = feet - h
    hr = h * 0.075
    cv.line([(x - h * 0.05, top + h * 0.52), (x - h * 0.06, feet - h * 0.03)], pants, h * 0.08, oid)
    cv.line([(x + h * 0.05, top + h * 0.52), (x + h * 0.06, feet - h * 0.03)], pants, h * 0.08, oid)
    for sx in (-1, 1):
        cv.ellipse((x + sx * h * 0.06 - h * 0.05, feet - h * 0.04, x + sx * h * 0.06 + h * 0.05, feet),
                   (40, 40, 44), oid)
    cv.polygon([(x - h * 0.12, top + h * 0.2), (x + h * 0.12, top + h * 0.2), (x + h * 0.1, top + h * 0.55),
                (x - h * 0.1, top + h * 0.55)], shirt, oid)
    for sx in (-1, 1):
        cv.line([(x + sx * h * 0.13, top + h * 0.23), (x + sx * h * 0.16, top + h * 0.5)], shirt, h * 0.05, oid)
        cv.circle((x + sx * h * 0.16, top + h * 0.52), h * 0.03, skin, oid)
    cv.line([(x, top + h * 0.13), (x, top + h * 0.2)], skin, h * 0.05, oid)
    cv.circle((x, top + hr), hr, skin, oid)
    cv.ellipse((x - hr - 1, top - 1, x + hr + 1, top + hr * 0.9), hair, oid)


# ================================================================ bounding boxes

@scene
def in_street_01():
    """A street: two cars (one leaves the picture), three pedestrians (one behind a car, one far),
    a round traffic sign on a pole, and a poster of a person on a wall (not a pedestrian)."""
    rng = np.random.default_rng(1101)
    W, H = 640, 400
    cv = Canvas(W, H, gradient(W, H, (168, 198, 228), (222, 228, 234), scale=4))
    city_backdrop(cv, W, 250, rng)
    cv.rect((420, 96, 540, 226), (244, 244, 238), outline=(90, 90, 96), width=4)   # poster on the wall
    cv.rect((428, 104, 532, 218), (150, 200, 214))
    person_side(cv, 480, 212, 100, 20, (230, 120, 40), (60, 60, 90))                  # printed person
    cv.rect((0, 250, W, 292), (178, 172, 164))                                        # sidewalk
    cv.rect((0, 292, W, H), (92, 94, 98))                                             # road
    for x in range(10, W, 110):
        cv.rect((x, 384, x + 60, 390), (232, 232, 226))
    cv.rect((583, 118, 589, 292), (130, 134, 140))                                    # sign pole
    cv.circle((586, 96), 26, (210, 36, 40), 7)                                         # sign
    cv.circle((586, 96), 19, (250, 250, 250), 7)
    person_side(cv, 300, 278, 64, 5, (60, 90, 160), (50, 50, 56), facing=-1)          # far pedestrian
    person_side(cv, 178, 312, 176, 4, (80, 140, 90), (60, 54, 48), facing=1)          # behind car A
    car_side(cv, 40, 366, 280, 1, facing="left", body=(190, 40, 46))                  # car A
    person_side(cv, 400, 388, 186, 6, (200, 70, 70), (40, 50, 80), facing=-1)        # crossing
    car_side(cv, 486, 378, 250, 2, facing="right", body=(40, 96, 170))                # car B, cut
    img, ids = cv.reduce()
    put_text(img, (586, 96), "30", font("sans-b", 22), (20, 20, 20, 255), anchor="mm")
    save(img, "in_street_01", rng)
    return {"car_a": bbox_ref(ids, 1, "car", truncated=False, occluded=False),
            "car_b": bbox_ref(ids, 2, "car", truncated=True, occluded=False),
            "person_behind": bbox_ref(ids, 4, "person", truncated=False, occluded=True),
            "person_far": bbox_ref(ids, 5, "person", truncated=False, occluded=False),
            "person_crossing": bbox_ref(ids, 6, "person", truncated=False, occluded=False),
            "sign": bbox_ref(ids, 7, "sign", truncated=False, occluded=False),
            "poster_person": bbox_ref(ids, 20, "person")}


def bus_side(cv, x0, y0, x1, y1, oid, body=(60, 150, 90)):
    cv.rect((x0, y0, x1, y1 - 14), body, oid, radius=10)
    for x in range(x0 + 16, x1 - 60, 46):
        cv.rect((x, y0 + 14, x + 36, y0 + 52), (180, 210, 226), oid, radius=3)
    cv.rect((x1 - 44, y0 + 14, x1 - 12, y1 - 34), (180, 210, 226), oid)               # door
    cv.rect((x0, y1 - 70, x1, y1 - 62), (240, 240, 236), oid)
    for x in (x0 + 60, x1 - 80):
        cv.circle((x, y1 - 14), 22, (30, 30, 32), oid)
        cv.circle((x, y1 - 14), 10, (170, 170, 176), oid)


@scene
def in_street_02():
    """A bus stop street: a bus with a car half behind it, a cyclist, two pedestrians (one leaves
    the picture), a traffic light, and an advertisement with a person painted on the bus."""
    rng = np.random.default_rng(1102)
    W, H = 640, 420
    cv = Canvas(W, H, gradient(W, H, (176, 204, 230), (226, 230, 236), scale=4))
    city_backdrop(cv, W, 236, rng, colours=((200, 190, 176), (180, 186, 196), (186, 176, 168)))
    cv.rect((0, 236, W, 282), (180, 174, 166))
    cv.rect((0, 282, W, H), (96, 98, 102))
    for x in range(0, W, 100):
        cv.rect((x, 356, x + 56, 362), (232, 232, 226))
    cv.rect((56, 60, 62, 282), (120, 124, 130))                                       # light pole
    cv.rect((62, 66, 80, 74), (120, 124, 130))
    cv.rect((80, 40, 112, 128), (30, 31, 34), 7, radius=5)                            # traffic light
    for cy, col in ((56, (236, 52, 40)), (84, (90, 80, 30)), (112, (28, 70, 44))):
        cv.circle((96, cy), 10, col, 7)
    car_side(cv, 410, 332, 220, 2, facing="left", body=(230, 190, 40))                # car behind the bus
    bus_side(cv, 150, 140, 480, 340, 1)
    cv.rect((190, 206, 300, 266), (250, 246, 236), 21)                                # ad panel on the bus
    person_side(cv, 246, 262, 52, 21, (220, 60, 90), (50, 50, 80))
    B = bicycle(cv, (42, 386), (138, 386), 32, 3, frame=(30, 110, 180))
    rider(cv, B, 4)
    standing_person(cv, 560, 402, 170, 5, (120, 90, 160), (50, 50, 60))
    standing_person(cv, 636, 410, 180, 6, (200, 160, 60), (60, 60, 70))               # cut by the edge
    img, ids = cv.reduce()
    put_text(img, (400, 170), "7016", font("sans-b", 26), (250, 250, 250, 255), anchor="mm")
    save(img, "in_street_02", rng)
    return {"bus": bbox_ref(ids, 1, "bus", truncated=False, occluded=False),
            "car": bbox_ref(ids, 2, "car", truncated=False, occluded=True),
            "bicycle": bbox_ref(ids, 3, "bicycle", truncated=False, occluded=True),
            "rider": bbox_ref(ids, 4, "person", truncated=False, occluded=False),
            "person_right": bbox_ref(ids, 5, "person", truncated=False, occluded=False),
            "person_edge": bbox_ref(ids, 6, "person", truncated=True, occluded=False),
            "traffic_light": bbox_ref(ids, 7, "traffic_light", truncated=False, occluded=False),
            "ad_person": bbox_ref(ids, 21, "person")}


def snack_box(cv, x0, y0, x1, y1, color, oid, stripe=(250, 240, 200)):
    cv.rect((x0, y0, x1, y1), color, oid, radius=2)
    cv.rect((x0 + 4, (y0 + y1) / 2 - 8, x1 - 4, (y0 + y1) / 2 + 8), stripe, oid)
    cv.circle(((x0 + x1) / 2, y0 + 16), 8, stripe, oid)


@scene
def in_shelf_01():
    """A convenience store shelf: bottles, cans and snack boxes on two boards; a price card hides
    the bottom of one can, one bottle stands behind another, the right one is cut by the edge."""
    rng = np.random.default_rng(1103)
    W, H = 600, 420
    cv = Canvas(W, H, gradient(W, H, (232, 232, 228), (210, 210, 206), scale=4))
    back, board = (236, 236, 240), (120, 130, 146)
    cv.rect((0, 10, W, 410), back)
    # top board: objects stand on y = 196
    bottle(cv, 30, 84, 196, 96, 34, (60, 140, 200), (240, 240, 240), 1, label=(250, 250, 250))
    bottle(cv, 112, 164, 196, 84, 22, (200, 90, 40), (40, 40, 40), 3, label=(250, 230, 190))      # behind
    bottle(cv, 90, 142, 196, 110, 56, (80, 170, 90), (240, 240, 240), 2, label=(250, 250, 250))
    can(cv, 200, 116, 246, 196, (220, 40, 50), 4, band=(250, 250, 250))
    can(cv, 252, 116, 298, 196, (40, 40, 44), 5, band=(230, 190, 60))
    snack_box(cv, 330, 80, 410, 196, (240, 160, 40), 6)
    snack_box(cv, 416, 92, 486, 196, (90, 60, 160), 7, stripe=(250, 220, 90))
    bottle(cv, 560, 620, 196, 90, 30, (170, 214, 236), (40, 120, 220), 8, label=(60, 140, 220))   # cut
    cv.rect((0, 196, W, 212), board)
    # bottom board: objects stand on y = 396
    can(cv, 30, 318, 76, 396, (40, 150, 90), 9, band=(250, 250, 250))
    can(cv, 82, 318, 128, 396, (230, 200, 40), 10, band=(60, 60, 60))
    snack_box(cv, 160, 286, 250, 396, (200, 40, 40), 11)
    bottle(cv, 280, 336, 396, 262, 214, (236, 240, 244), (220, 40, 40), 12, label=(220, 40, 40))
    snack_box(cv, 366, 300, 440, 396, (60, 140, 90), 13)
    cv.rect((470, 330, 580, 396), (196, 160, 110), 20)                                # cardboard tray
    cv.line([(470, 352), (580, 352)], (160, 120, 76), 3, 20, round_caps=False)
    cv.rect((0, 396, W, 412), board)
    cv.rect((72, 362, 150, 404), (252, 252, 248), 0, outline=(120, 120, 120), width=1.5)   # price card
    img, ids = cv.reduce()
    put_text(img, (111, 383), "1,800원", font("sans-b", 15), (30, 30, 30, 255), anchor="mm")
    save(img, "in_shelf_01", rng)
    kinds = {1: "bottle", 2: "bottle", 3: "bottle", 4: "can", 5: "can", 6: "snack", 7: "snack", 8: "bottle",
             9: "can", 10: "can", 11: "snack", 12: "bottle", 13: "snack"}
    names = {1: "bottle_blue", 2: "bottle_green", 3: "bottle_orange", 4: "can_red", 5: "can_black",
             6: "snack_orange", 7: "snack_purple", 8: "bottle_edge", 9: "can_green", 10: "can_yellow",
             11: "snack_red", 12: "bottle_white", 13: "snack_green"}
    out = {names[i]: bbox_ref(ids, i, kinds[i], occluded=i in (3, 10), truncated=i == 8) for i in kinds}
    out["tray"] = bbox_ref(ids, 20, "snack")
    return out


@scene
def in_parking_01():
    """A parking lot from above: ten cars (two cut by the edges, two under trees, one driving in
    the aisle) and a dumpster the size of a car (not a car)."""
    rng = np.random.default_rng(1104)
    W, H = 640, 420
    arr = np.zeros((H * 4, W * 4, 3)) + np.array((96, 98, 102), float) + blotches(rng, W, H, 16, 5, scale=4)
    cv = Canvas(W, H, arr)
    white = (232, 232, 226)
    for x in range(40, W, 86):
        cv.rect((x - 2, 0, x + 2, 150), white)
        cv.rect((x - 2, 270, x + 2, H), white)
    cars = {}

    def add(name, cx, cy, color, heading=-90):
        oid = len(cars) + 1
        car_top(cv, cx, cy, color, oid, heading)
        cars[name] = oid

    add("cut_top", 83, 40, (236, 236, 236))
    add("blue", 169, 84, (40, 80, 170))
    add("grey", 341, 84, (130, 134, 140), 90)
    add("under_tree_top", 513, 84, (200, 50, 50))
    add("cut_right", 640, 84, (40, 120, 70))
    add("black", 83, 338, (30, 32, 36), 90)
    add("silver", 255, 338, (196, 198, 204), 90)
    add("under_tree_bottom", 427, 338, (230, 190, 40), 90)
    add("driving", 300, 212, (200, 110, 40), 0)
    add("white_bottom", 585, 338, (240, 240, 240), 90)
    cv.rect((140, 290, 200, 400), (40, 90, 60), 20, radius=4)                          # dumpster
    cv.line([(140, 345), (200, 345)], (30, 60, 40), 3, 20, round_caps=False)
    tree_top(cv, (540, 30), 50, rng)
    tree_top(cv, (452, 392), 44, rng)
    img, ids = cv.reduce()
    save(img, "in_parking_01", rng)
    truncated = {"cut_top", "cut_right"}
    occluded = {"under_tree_top", "under_tree_bottom"}
    out = {n: bbox_ref(ids, oid, "car", truncated=n in truncated, occluded=n in occluded) for n, oid in cars.items()}
    out["dumpster"] = bbox_ref(ids, 20, "car")
    return out


@scene
def in_crosswalk_01():
    """A crosswalk seen from a raised camera: seven pedestrians (one partly behind another, two
    small and far, one cut by the bottom edge), a car stopped at the left edge, and a cardboard
    cut-out of a person at a shop door (not a pedestrian)."""
    rng = np.random.default_rng(1105)
    W, H = 640, 420
    cv = Canvas(W, H, gradient(W, H, (196, 190, 180), (170, 166, 160), scale=4))
    for x0 in range(0, W, 160):                                                       # shop fronts
        cv.rect((x0 + 10, 10, x0 + 150, 120), (150, 170, 184), outline=(110, 100, 90), width=4)
    cv.rect((0, 120, W, 170), (180, 174, 166))
    cv.rect((0, 170, W, H), (92, 94, 98))
    for x in range(30, W, 60):
        cv.rect((x, 200, x + 32, 404), (226, 226, 222))                              # stripes
    cv.rect((470, 40, 520, 150), (200, 180, 120), 20)                                 # cut-out board
    standing_person(cv, 495, 150, 96, 20, (240, 120, 60), (60, 60, 90))
    standing_person(cv, 200, 160, 58, 5, (90, 110, 170), (50, 50, 56))               # far, small
    standing_person(cv, 380, 166, 62, 6, (160, 80, 120), (60, 50, 50))               # far, small
    person_side(cv, 300, 330, 170, 2, (80, 140, 90), (60, 54, 48), facing=1)          # behind no. 3
    person_side(cv, 330, 350, 180, 3, (200, 70, 70), (40, 50, 80), facing=-1)
    person_side(cv, 470, 320, 160, 4, (230, 200, 80), (50, 60, 90), facing=-1)
    standing_person(cv, 560, 470, 200, 7, (120, 90, 160), (50, 50, 60))              # cut by the bottom
    standing_person(cv, 160, 300, 150, 1, (70, 70, 80), (40, 40, 44))
    car_side(cv, -150, 320, 260, 8, facing="right", body=(230, 230, 232))              # cut by the left edge
    img, ids = cv.reduce()
    save(img, "in_crosswalk_01", rng)
    out = {f"p{i}": bbox_ref(ids, i, "person", truncated=i == 7, occluded=i == 2) for i in range(1, 8)}
    out["car"] = bbox_ref(ids, 8, "car", truncated=True, occluded=False)
    out["cutout"] = bbox_ref(ids, 20, "person")
    return out


def carton(cv, x0, y0, x1, y1, color, oid, band=(250, 250, 250)):
    cx = (x0 + x1) / 2
    cv.polygon([(x0, y0 + 14), (cx, y0), (x1, y0 + 14)], tuple(c - 20 for c in color), oid)
    cv.rect((cx - 6, y0 - 8, cx + 6, y0 + 2), color, oid)
    cv.rect((x0, y0 + 14, x1, y1), color, oid)
    cv.rect((x0 + 4, y0 + 40, x1 - 4, y0 + 64), band, oid)


@scene
def in_fridge_01():
    """A drinks fridge: bottles, cans and milk cartons on three shelves; one carton stands behind a
    bottle, the left bottle is cut by the door frame, price tags on the shelf edges."""
    rng = np.random.default_rng(1106)
    W, H = 560, 440
    cv = Canvas(W, H, gradient(W, H, (226, 234, 240), (200, 210, 220), scale=4))
    steel = (170, 176, 184)
    objs = {}

    def add(name, fn, *args, **kw):
        oid = len(objs) + 1
        fn(cv, *args, oid=oid, **kw) if fn is carton else fn(cv, *args, oid, **kw)
        objs[name] = oid

    # shelf 1 stands on y = 136
    add("bottle_left", bottle, -20, 34, 136, 50, 4, (80, 160, 220), (240, 240, 240), label=(250, 250, 250))
    add("can_1", can, 60, 66, 104, 136, (220, 40, 50), band=(250, 250, 250))
    add("can_2", can, 110, 66, 154, 136, (40, 120, 200), band=(250, 250, 250))
    add("carton_1", carton, 190, 50, 250, 136, (250, 250, 250), band=(60, 120, 200))
    add("bottle_1", bottle, 280, 330, 136, 56, 10, (120, 190, 90), (240, 240, 240), label=(250, 250, 250))
    add("bottle_2", bottle, 360, 410, 136, 56, 10, (236, 160, 40), (40, 40, 40), label=(250, 250, 250))
    cv.rect((0, 136, W, 148), steel)
    # shelf 2 stands on y = 280
    add("carton_2", carton, 120, 186, 184, 280, (250, 240, 200), band=(220, 60, 60))       # behind bottle_3
    add("bottle_3", bottle, 150, 204, 280, 200, 150, (200, 230, 240), (40, 120, 220), label=(60, 140, 220))
    add("can_3", can, 250, 210, 294, 280, (40, 40, 44), band=(230, 190, 60))
    add("can_4", can, 300, 210, 344, 280, (230, 200, 40), band=(60, 60, 60))
    add("carton_3", carton, 390, 186, 450, 280, (250, 250, 250), band=(60, 160, 90))
    cv.rect((0, 280, W, 292), steel)
    # shelf 3 stands on y = 424
    add("bottle_4", bottle, 40, 96, 424, 340, 290, (110, 24, 40), (60, 20, 24), label=(230, 220, 200))
    add("can_5", can, 140, 354, 184, 424, (40, 150, 90), band=(250, 250, 250))
    add("carton_4", carton, 230, 330, 290, 424, (250, 250, 250), band=(240, 160, 40))
    add("bottle_5", bottle, 330, 384, 424, 340, 290, (236, 240, 244), (220, 40, 40), label=(220, 40, 40))
    cv.rect((0, 424, W, 436), steel)
    for x in (60, 250, 400):                                                          # price tags
        cv.rect((x, 282, x + 50, 296), (252, 230, 90), 0)
    img, ids = cv.reduce()
    save(img, "in_fridge_01", rng)
    out = {}
    for name, oid in objs.items():
        label = name.split("_")[0]
        out[name] = bbox_ref(ids, oid, label, truncated=name == "bottle_left", occluded=name == "carton_2")
    return out


# ================================================================ polygons

@scene
def in_rooftops_01():
    """A village from above: an L-shaped, a U-shaped, a tilted, an edge-cut and a tree-covered
    building; a pool, a tennis court and a greenhouse (not buildings)."""
    rng = np.random.default_rng(1201)
    W, H = 640, 440
    arr = np.zeros((H * 4, W * 4, 3)) + np.array((118, 152, 90), float) + blotches(rng, W, H, 20, 8, scale=4)
    cv = Canvas(W, H, arr)
    cv.rect((0, 250, W, 290), (98, 100, 104))                                          # road
    for x in range(0, W, 48):
        cv.rect((x, 268, x + 24, 272), (232, 220, 140))
    frame = sbox(0, 0, W, H)
    buildings = {
        "l_shape": Polygon([(40, 30), (220, 30), (220, 96), (120, 96), (120, 210), (40, 210)]),
        "u_shape": Polygon([(290, 40), (470, 40), (470, 200), (414, 200), (414, 110), (346, 110), (346, 200),
                            (290, 200)]),
        "edge": Polygon([(560, 60), (690, 60), (690, 200), (560, 200)]),
        "tilted": affinity.rotate(sbox(330, 320, 470, 390), -20, origin=(400, 355)),
        "treed": Polygon([(40, 320), (190, 320), (190, 420), (40, 420)]),
    }
    colours = {"l_shape": (176, 92, 70), "u_shape": (130, 136, 148), "edge": (72, 104, 158),
               "tilted": (206, 196, 166), "treed": (150, 110, 80)}
    for k, (name, g) in enumerate(buildings.items(), start=1):
        cv.geom(g, colours[name], k)
    cv.line([(50, 63), (210, 63)], (150, 74, 56), 3, 1)                                # roof ridges
    cv.line([(80, 100), (80, 200)], (150, 74, 56), 3, 1)
    for x, y in ((310, 60), (440, 60), (300, 170), (440, 170)):
        cv.rect((x, y, x + 16, y + 12), (90, 94, 104), 2)
    # not buildings
    cv.rect((230, 310, 300, 420), (240, 240, 236), 21)                                # pool deck
    cv.rect((238, 318, 292, 412), (70, 160, 210), 21)
    cv.rect((510, 300, 630, 420), (70, 130, 90), 22)                                  # tennis court
    cv.rect((518, 308, 622, 412), None, 22, outline=(240, 240, 240), width=2)
    cv.line([(518, 360), (622, 360)], (240, 240, 240), 2, 22, round_caps=False)
    for k in range(4):                                                                # greenhouse
        cv.rect((240 + k * 12, 140, 250 + k * 12, 232), (226, 232, 236), 23)
    tree = circle_geom((176, 334), 34)
    tree_top(cv, (176, 334), 34, rng)
    img, ids = cv.reduce()
    save(img, "in_rooftops_01", rng)
    vis = {n: g.intersection(frame) for n, g in buildings.items()}
    vis["treed"] = vis["treed"].difference(tree)
    out = {n: poly_out("building", vis[n], occluded=n == "treed", truncated=n == "edge") for n in buildings}
    out["pool"] = poly_out("building", [(230, 310), (300, 310), (300, 420), (230, 420)])
    out["court"] = poly_out("building", [(510, 300), (630, 300), (630, 420), (510, 420)])
    out["greenhouse"] = poly_out("building", [(240, 140), (286, 140), (286, 232), (240, 232)])
    return out


def wobble(pts, rng, amp):
    return [(x + rng.uniform(-amp, amp), y + rng.uniform(-amp, amp)) for x, y in pts]


@scene
def in_fields_01():
    """Farmland from above (satellite-like): five fields with crop rows, a river, a pond, a farm
    road and a row of greenhouses."""
    rng = np.random.default_rng(1202)
    W, H = 640, 440
    arr = np.zeros((H * 4, W * 4, 3)) + np.array((128, 140, 96), float) + blotches(rng, W, H, 24, 7, scale=4)
    cv = Canvas(W, H, arr)
    cv.line([(240, 0), (240, 360)], (200, 190, 160), 8, 0, round_caps=False)           # farm roads
    cv.line([(0, 194), (640, 184)], (200, 190, 160), 7, 0, round_caps=False)
    fields = {
        "f1": Polygon([(20, 20), (226, 30), (222, 176), (14, 168)]),
        "f2": Polygon([(256, 30), (420, 24), (430, 150), (258, 174)]),
        "f3": Polygon([(24, 208), (222, 212), (226, 330), (30, 320)]),
        "f4": Polygon([(450, 40), (640, 30), (640, 166), (440, 160)]),
        "f5": Polygon([(256, 214), (410, 196), (430, 330), (258, 346)]),
    }
    shades = {"f1": (150, 170, 70), "f2": (176, 150, 92), "f3": (96, 140, 64), "f4": (190, 180, 110),
              "f5": (120, 156, 80)}
    for k, (name, g) in enumerate(fields.items(), start=1):
        cv.geom(g, shades[name], k)
        x0, y0, x1, y1 = g.bounds
        for y in np.arange(y0 + 6, y1 - 4, 9):                                         # crop rows
            row = g.buffer(-3).intersection(sbox(x0, y, x1, y + 2.5))
            if not row.is_empty:
                cv.geom(row, tuple(c - 22 for c in shades[name]), k)
    river = Polygon([(0, 372), (120, 356), (260, 384), (400, 360), (520, 386), (640, 366), (640, 404),
                     (520, 424), (400, 398), (260, 422), (120, 394), (0, 410)])
    cv.geom(river, (70, 110, 150), 10)
    pond = ellipse_geom((540, 250), 62, 38, angle=-12)
    cv.geom(pond, (60, 104, 146), 11)
    for k in range(5):                                                                 # greenhouses
        cv.rect((454 + k * 18, 318, 468 + k * 18, 350), (230, 234, 238), 20)
    img, ids = cv.reduce()
    save(img, "in_fields_01", rng)
    out = {n: poly_out("field", g) for n, g in fields.items()}
    out["river"] = poly_out("water", river)
    out["pond"] = poly_out("water", pond)
    out["greenhouses"] = poly_out("field", [(454, 318), (540, 318), (540, 350), (454, 350)])
    return out


@scene
def in_signs_01():
    """Road signs on poles: no entry (circle), children crossing (triangle), parking (square),
    a second circle sign half behind leaves, and a round mirror (not a sign)."""
    rng = np.random.default_rng(1203)
    W, H = 620, 400
    cv = Canvas(W, H, gradient(W, H, (150, 190, 230), (214, 228, 238), scale=4))
    for i in range(13):
        cv.circle((i * 50 + int(rng.integers(-8, 8)), 380 + int(rng.integers(-6, 6))), 40, (70 + i % 3 * 12, 128, 70))
    grey, red, white, blue = (150, 154, 160), (206, 30, 36), (252, 252, 252), (30, 80, 170)
    for cx in (90, 230, 370, 520):
        cv.rect((cx - 5, 150, cx + 5, H), grey)
    cv.rect((560, 214, 566, H), grey)                                                   # mirror pole
    no_entry = circle_geom((90, 110), 56, 48)
    cv.geom(no_entry, red, 1)
    cv.rect((56, 100, 124, 120), white, 1)
    tri = [(230, 50), (294, 162), (166, 162)]
    cv.polygon(tri, red, 2)
    cv.polygon([(230, 72), (278, 152), (182, 152)], white, 2)
    cv.polygon([(230, 96), (246, 140), (214, 140)], (30, 30, 30), 2)
    square = [(320, 60), (420, 60), (420, 160), (320, 160)]
    cv.polygon(square, blue, 3)
    speed = circle_geom((520, 110), 50, 48)
    cv.geom(speed, red, 4)
    cv.circle((520, 110), 40, white, 4)
    mirror = circle_geom((563, 200), 30, 48)
    cv.geom(mirror, (250, 150, 40), 20)
    cv.circle((563, 200), 24, (190, 210, 226), 20)
    leaves = circle_geom((470, 70), 34, 40).union(circle_geom((450, 108), 30, 40)).union(
        circle_geom((486, 40), 24, 40))
    for c, r in (((470, 70), 34), ((450, 108), 30), ((486, 40), 24)):
        cv.circle(c, r, (60, 120, 56))
    img, ids = cv.reduce()
    put_text(img, (370, 110), "P", font("sans-b", 70), white + (255,), anchor="mm")
    put_text(img, (520, 112), "40", font("sans-b", 40), (20, 20, 20, 255), anchor="mm")
    save(img, "in_signs_01", rng)
    return {"no_entry": poly_out("circle_sign", no_entry, occluded=False),
            "children": poly_out("triangle_sign", tri, occluded=False),
            "parking": poly_out("square_sign", square, occluded=False),
            "speed": poly_out("circle_sign", speed.difference(leaves), occluded=True),
            "speed_full": poly_out("circle_sign", speed, occluded=True),
            "mirror": poly_out("circle_sign", mirror, occluded=False)}


@scene
def in_cells_01():
    """A fluorescence-microscopy-like field: nine nuclei (two pairs touching, one cut by the edge)
    and small bright debris (not nuclei)."""
    rng = np.random.default_rng(1204)
    W, H = 560, 420
    arr = np.zeros((H * 4, W * 4, 3)) + np.array((14, 16, 30), float) + blotches(rng, W, H, 30, 4, scale=4)
    cv = Canvas(W, H, arr)
    specs = [("n1", (90, 90), 42, 30, 20), ("n2", (200, 120), 36, 28, -30), ("n3", (252, 150), 34, 26, 10),
             ("n4", (380, 90), 46, 32, 60), ("n5", (490, 210), 40, 30, 0), ("n6", (110, 300), 40, 34, -10),
             ("n7", (168, 320), 30, 24, 40), ("n8", (330, 300), 50, 36, 15), ("n9", (548, 360), 36, 30, 20)]
    geoms = {}
    for k, (name, c, rx, ry, ang) in enumerate(specs, start=1):
        g = ellipse_geom(c, rx, ry, n=64, angle=ang)
        cv.geom(g, (70 + k * 6, 110 + k * 5, 230), k)
        cv.geom(ellipse_geom((c[0] - rx * 0.2, c[1] - ry * 0.2), rx * 0.45, ry * 0.4, n=32, angle=ang),
                (140, 170, 250), k)
        geoms[name] = g
    debris = {"d1": circle_geom((300, 200), 7, 24), "d2": circle_geom((460, 300), 6, 24),
              "d3": circle_geom((60, 200), 8, 24)}
    for k, g in enumerate(debris.values(), start=20):
        cv.geom(g, (200, 220, 255), k)
    img, ids = cv.reduce()
    save(img, "in_cells_01", rng)
    frame = sbox(0, 0, W, H)
    order = [s[0] for s in specs]
    out = {}
    for i, name in enumerate(order):
        vis = geoms[name].intersection(frame)
        for later in order[i + 1:]:
            vis = vis.difference(geoms[later])
        out[name] = poly_out("nucleus", vis, truncated=name in ("n9",))
    out["n2_n3_merged"] = poly_out("nucleus", geoms["n2"].union(geoms["n3"]), truncated=False)
    for name, g in debris.items():
        out[name] = poly_out("nucleus", g, truncated=False)
    return out


@scene
def in_parking_02():
    """Angled parking from above: six cars at 60 degrees (one under a tree, one cut by the edge),
    a motorcycle and a painted car symbol on the asphalt (not cars)."""
    rng = np.random.default_rng(1205)
    W, H = 640, 400
    arr = np.zeros((H * 4, W * 4, 3)) + np.array((100, 102, 106), float) + blotches(rng, W, H, 16, 5, scale=4)
    cv = Canvas(W, H, arr)
    for k in range(8):
        x = 20 + k * 92
        cv.line([(x, 40), (x + 80, 180)], (232, 232, 226), 3, 0, round_caps=False)
    cars = {}
    centres = [("red", 70, 110, (190, 40, 46)), ("white", 162, 110, (236, 236, 236)),
               ("blue", 254, 110, (40, 80, 170)), ("treed", 438, 110, (130, 134, 140)),
               ("edge", 622, 110, (230, 190, 40))]
    outlines = {}
    for k, (name, cx, cy, col) in enumerate(centres, start=1):
        car_top(cv, cx, cy, col, k, heading=-120)
        outlines[name] = Polygon(rounded_rect_pts(cx, cy, 150, 76, 16, -120))
        cars[name] = k
    # a painted car symbol on the road (not a car) and a motorcycle
    sym = rounded_rect_pts(200, 300, 90, 44, 12, 0)
    cv.polygon(sym, None, 20, outline=(236, 236, 230), width=3)
    moto = rounded_rect_pts(470, 300, 70, 22, 10, 10)
    cv.polygon(moto, (40, 40, 44), 21)
    cv.circle((470, 300), 8, (200, 40, 40), 21)
    tree = circle_geom((470, 80), 46)
    tree_top(cv, (470, 80), 46, rng)
    img, ids = cv.reduce()
    save(img, "in_parking_02", rng)
    frame = sbox(0, 0, W, H)
    out = {}
    for name, g in outlines.items():
        vis = g.intersection(frame)
        if name == "treed":
            vis = vis.difference(tree)
        out[name] = poly_out("car", vis, occluded=name == "treed", truncated=name == "edge")
    out["treed_full"] = poly_out("car", outlines["treed"], occluded=True, truncated=False)
    out["symbol"] = poly_out("car", sym, occluded=False, truncated=False)
    out["moto"] = poly_out("car", moto, occluded=False, truncated=False)
    return out


# ================================================================ keypoints

def kp_out(J, names, hidden, W, H, pad=30):
    xs = [J[n][0] for n in names]
    ys = [J[n][1] for n in names]
    return {"points": kp_ref(J, names, hidden, W, H), "joints": {n: [round(J[n][0], 1), round(J[n][1], 1)]
                                                                   for n in names},
            "area": round((max(xs) - min(xs) + pad) * (max(ys) - min(ys) + pad))}


@scene
def in_pose_01():
    """One mannequin from the front: right hand on the hip, left arm raised, weight on one leg."""
    rng = np.random.default_rng(1301)
    W, H = 440, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(218, 222, 230), floor=(170, 160, 150), floor_y=440))
    J = figure(220, 40, "front")
    J["right_elbow"] = (J["right_shoulder"][0] - 44, J["right_shoulder"][1] + 54)
    J["right_wrist"] = (J["right_hip"][0] - 16, J["right_hip"][1] - 26)
    J["left_elbow"] = (J["left_shoulder"][0] + 40, J["left_shoulder"][1] - 48)
    J["left_wrist"] = (J["left_elbow"][0] + 6, J["left_elbow"][1] - 66)
    J["left_knee"] = (J["left_hip"][0] + 26, J["left_knee"][1] - 6)
    J["left_ankle"] = (J["left_knee"][0] + 4, J["left_ankle"][1] - 4)
    mannequin(cv, J, 1, "front")
    img, ids = cv.reduce()
    assert_visible(ids, J, MANNEQUIN_POINTS, set(), 1)
    save(img, "in_pose_01", rng)
    return {"person": kp_out(J, MANNEQUIN_POINTS, set(), W, H)}


@scene
def in_pose_02():
    """One mannequin seen from behind, arms out to the sides; its right forearm is bent in front of
    the body, so the right wrist is hidden by the torso."""
    rng = np.random.default_rng(1302)
    W, H = 460, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(224, 216, 206), floor=(150, 132, 112), floor_y=440))
    J = figure(230, 36, "back")                       # subject's right = image right
    J["left_elbow"] = (J["left_shoulder"][0] - 60, J["left_shoulder"][1] + 10)
    J["left_wrist"] = (J["left_elbow"][0] - 56, J["left_elbow"][1] - 20)
    J["right_elbow"] = (J["right_shoulder"][0] + 12, J["right_shoulder"][1] + 70)
    J["right_wrist"] = (J["neck"][0] - 4, J["neck"][1] + 96)
    J["right_knee"] = (J["right_hip"][0] + 18, J["right_knee"][1])
    J["right_ankle"] = (J["right_knee"][0] + 10, J["right_ankle"][1])
    mannequin(cv, J, 1, "back", behind=("right_forearm",))
    img, ids = cv.reduce()
    hidden = {"right_wrist"}
    assert_visible(ids, J, MANNEQUIN_POINTS, hidden, 1, behind_joints={"right_wrist"})
    save(img, "in_pose_02", rng)
    return {"person": kp_out(J, MANNEQUIN_POINTS, hidden, W, H)}


@scene
def in_pose_03():
    """Two mannequins from the front: the left one stands behind a low crate (ankles hidden), the
    right one stretches its left arm out of the picture."""
    rng = np.random.default_rng(1303)
    W, H = 600, 500
    cv = Canvas(W, H, studio(W, H, rng, wall=(208, 222, 214), floor=(160, 150, 140), floor_y=430))
    A = figure(170, 40, "front", scale=0.95)
    A["right_elbow"] = (A["right_shoulder"][0] - 30, A["right_shoulder"][1] + 60)
    A["right_wrist"] = (A["right_elbow"][0] + 20, A["right_elbow"][1] + 58)
    A["left_elbow"] = (A["left_shoulder"][0] + 36, A["left_shoulder"][1] - 40)
    A["left_wrist"] = (A["left_elbow"][0] - 8, A["left_elbow"][1] - 60)
    B = figure(450, 40, "front", scale=0.95)
    B["right_elbow"] = (B["right_shoulder"][0] - 48, B["right_shoulder"][1] + 46)
    B["right_wrist"] = (B["right_elbow"][0] - 30, B["right_elbow"][1] + 50)
    B["left_elbow"] = (B["left_shoulder"][0] + 70, B["left_shoulder"][1] - 6)
    B["left_wrist"] = (B["left_elbow"][0] + 70, B["left_elbow"][1] - 8)
    mannequin(cv, A, 1, "front")
    mannequin(cv, B, 2, "front")
    cv.rect((90, 352, 260, 460), (160, 112, 62), 3, outline=(110, 74, 40), width=3)    # crate
    for y in (388, 424):
        cv.line([(94, y), (256, y)], (120, 82, 46), 3, 3, round_caps=False)
    img, ids = cv.reduce()
    out = {}
    for key, J, oid, hidden in (("left", A, 1, {"right_ankle", "left_ankle"}), ("right", B, 2, set())):
        hidden = hidden | {n for n in MANNEQUIN_POINTS if not (0 <= J[n][0] < W and 0 <= J[n][1] < H)}
        assert_visible(ids, J, MANNEQUIN_POINTS, hidden, oid)
        out[key] = kp_out(J, MANNEQUIN_POINTS, hidden, W, H)
    save(img, "in_pose_03", rng)
    return out


@scene
def in_pose_04():
    """A mannequin from the front, half cut by the bottom of the picture (knees and ankles outside),
    right arm across the chest, left hand behind the head."""
    rng = np.random.default_rng(1304)
    W, H = 480, 340
    cv = Canvas(W, H, studio(W, H, rng, wall=(214, 210, 226)))
    J = figure(240, 30, "front", scale=1.15)
    J["right_elbow"] = (J["right_shoulder"][0] + 6, J["right_shoulder"][1] + 80)
    J["right_wrist"] = (J["left_shoulder"][0] - 10, J["left_shoulder"][1] + 64)
    J["left_elbow"] = (J["left_shoulder"][0] + 56, J["left_shoulder"][1] - 60)
    J["left_wrist"] = (J["head"][0] + 30, J["head"][1] - 6)
    mannequin(cv, J, 1, "front")
    img, ids = cv.reduce()
    hidden = {n for n in MANNEQUIN_POINTS if not (0 <= J[n][0] < W and 0 <= J[n][1] < H)}
    assert hidden == {"right_knee", "left_knee", "right_ankle", "left_ankle"}, hidden
    assert_visible(ids, J, MANNEQUIN_POINTS, hidden, 1)
    save(img, "in_pose_04", rng)
    return {"person": kp_out(J, MANNEQUIN_POINTS, hidden, W, H)}


FACE_POINTS = ["right_eye", "left_eye", "nose_tip", "mouth_right", "mouth_left"]


def face(cv, cx, cy, s, oid, skin=(236, 196, 160), hair=(60, 42, 30), mask=False):
    """A face from the front, scale s; returns its five landmarks (subject's right = image left)."""
    cv.rect((cx - 64 * s, cy + 80 * s, cx + 64 * s, cy + 130 * s), (80, 100, 140), 0, radius=20 * s)
    cv.ellipse((cx - 70 * s, cy - 88 * s, cx + 70 * s, cy + 84 * s), skin, oid)
    cv.ellipse((cx - 74 * s, cy - 100 * s, cx + 74 * s, cy - 46 * s), hair, oid)
    P = {"right_eye": (cx - 28 * s, cy - 6 * s), "left_eye": (cx + 28 * s, cy - 6 * s),
         "nose_tip": (cx, cy + 22 * s), "mouth_right": (cx - 22 * s, cy + 48 * s),
         "mouth_left": (cx + 22 * s, cy + 48 * s)}
    for k in ("right_eye", "left_eye"):
        ex, ey = P[k]
        cv.ellipse((ex - 11 * s, ey - 6 * s, ex + 11 * s, ey + 6 * s), (255, 255, 255), oid)
        cv.circle((ex, ey), 4.5 * s, (50, 36, 30), oid)
        cv.line([(ex - 12 * s, ey - 16 * s), (ex + 12 * s, ey - 18 * s)], (60, 42, 30), 4 * s, oid)
    nx, ny = P["nose_tip"]
    cv.line([(nx, ny - 26 * s), (nx - 6 * s, ny - 2 * s), (nx + 3 * s, ny)], (196, 150, 120), 3 * s, oid)
    cv.line([P["mouth_right"], (cx, P["mouth_right"][1] + 5 * s), P["mouth_left"]], (160, 60, 60), 4 * s, oid)
    if mask:  # a white face mask over the nose and the mouth
        cv.polygon([(cx - 58 * s, cy + 4 * s), (cx + 58 * s, cy + 4 * s), (cx + 50 * s, cy + 64 * s),
                    (cx, cy + 76 * s), (cx - 50 * s, cy + 64 * s)], (244, 246, 248), oid + 50)
        for sx in (-1, 1):
            cv.line([(cx + sx * 58 * s, cy + 8 * s), (cx + sx * 68 * s, cy - 4 * s)], (230, 232, 236), 2 * s,
                    oid + 50)
    return P


@scene
def in_faces_01():
    """Two faces from the front: a large one, and a smaller one wearing a face mask (nose tip and
    mouth corners hidden under it)."""
    rng = np.random.default_rng(1305)
    W, H = 600, 380
    cv = Canvas(W, H, gradient(W, H, (210, 224, 236), (232, 236, 240), scale=4))
    A = face(cv, 180, 170, 1.35, 1)
    B = face(cv, 450, 190, 0.95, 2, skin=(226, 184, 150), hair=(30, 26, 24), mask=True)
    img, ids = cv.reduce()
    for P, oid, hidden in ((A, 1, set()), (B, 2, {"nose_tip", "mouth_right", "mouth_left"})):
        for n in FACE_POINTS:
            here = ids[int(P[n][1]), int(P[n][0])]
            assert (here == oid + 50) if n in hidden else (here == oid), (n, here)
    save(img, "in_faces_01", rng)
    return {"big": kp_out(A, FACE_POINTS, set(), W, H, pad=120),
            "masked": kp_out(B, FACE_POINTS, {"nose_tip", "mouth_right", "mouth_left"}, W, H, pad=90)}


@scene
def in_cars_kp_01():
    """Two cars from the side: one facing left (its left side shows), one facing right whose
    front leaves the picture (its right side shows)."""
    rng = np.random.default_rng(1306)
    W, H = 640, 340
    arr = gradient(W, H, (180, 206, 230), (226, 232, 236), scale=4)
    arr[236 * 4:] = np.array((110, 110, 114), float) + blotches(rng, W, H, 20, 5, scale=4)[236 * 4:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 232, W, 238), (180, 180, 176))
    a = car_side(cv, 20, 300, 300, 1, facing="left", body=(40, 130, 90))
    b = car_side(cv, 380, 326, 300, 2, facing="right", body=(200, 200, 206))
    img, ids = cv.reduce()
    out = {}
    for key, P, oid, side in (("left_car", a, 1, "left"), ("right_car", b, 2, "right")):
        J = {f"{side}_front_wheel": P["front_wheel"], f"{side}_rear_wheel": P["rear_wheel"],
             f"{side}_headlight": P["headlight"], f"{side}_tail_light": P["tail_light"]}
        pts = []
        for n in CAR_POINTS:
            if n in J and 0 <= J[n][0] < W:
                assert ids[int(J[n][1]), int(J[n][0])] == oid
                pts.append([round(J[n][0], 1), round(J[n][1], 1)])
            else:
                pts.append("hidden")
        out[key] = {"points": pts, "joints": {n: [round(v[0], 1), round(v[1], 1)] for n, v in J.items()},
                    "area": 300 * 110}
    save(img, "in_cars_kp_01", rng)
    return out


# ================================================================ OCR

def paper(cv, b, oid=0, col=(250, 250, 246), shadow=True):
    if shadow:
        cv.rect((b[0] + 4, b[1] + 5, b[2] + 4, b[3] + 5), (90, 80, 70), 0)
    cv.rect(b, col, oid)


@scene
def in_receipt_01():
    """A straight receipt on a table: shop, date, three item lines, total, card line; a barcode and
    a dashed rule (not text)."""
    rng = np.random.default_rng(1401)
    W, H = 460, 600
    cv = Canvas(W, H, gradient(W, H, (150, 110, 80), (120, 86, 60), scale=4) + blotches(rng, W, H, 30, 5, scale=4))
    paper(cv, (60, 24, 400, 580))
    for k in range(40):                                                              # barcode
        w = 2 if k % 3 else 4
        cv.rect((120 + k * 6, 500, 120 + k * 6 + w, 552), (20, 20, 20))
    img, _ = cv.reduce()
    ink = (30, 30, 34, 255)
    f_title, f = font("sans-b", 34), font("sans-r", 22)
    refs = {"shop": ref_box(put_text(img, (230, 70), "푸른마트 역삼점", f_title, ink, anchor="mm"), "푸른마트 역삼점"),
            "date": ref_box(put_text(img, (84, 112), "2025-03-14 18:42", f, ink), "2025-03-14 18:42")}
    rule = "- " * 26
    put_text(img, (80, 150), rule, f, (120, 120, 120, 255))
    lines = [("item1", "사과 1봉", "6,900"), ("item2", "우유 900mL", "2,650"), ("item3", "두부", "1,800")]
    for k, (key, name, price) in enumerate(lines):
        y = 186 + k * 44
        box = put_pieces(img, [((84, y), name, "la"), ((376, y), price, "ra")], ink, f)
        refs[key] = ref_box(box, f"{name} {price}")
    put_text(img, (80, 318), rule, f, (120, 120, 120, 255))
    refs["total"] = ref_box(put_pieces(img, [((84, 352), "합계", "la"), ((376, 352), "11,350원", "ra")], ink,
                                       font("sans-b", 28)), "합계 11,350원")
    refs["card"] = ref_box(put_text(img, (84, 420), "카드 승인 11,350원", f, ink), "카드 승인 11,350원")
    save(img, "in_receipt_01", rng)
    return refs


@scene
def in_receipt_02():
    """A receipt lying at about 8 degrees on a café table: every line is tilted (polygons)."""
    rng = np.random.default_rng(1402)
    W, H = 560, 560
    cv = Canvas(W, H, gradient(W, H, (196, 200, 204), (170, 174, 180), scale=4) + blotches(rng, W, H, 40, 4, scale=4))
    cv.circle((470, 90), 60, (250, 250, 250))                                         # a cup from above
    cv.circle((470, 90), 46, (110, 70, 40))
    img, _ = cv.reduce()
    SW, SH = 330, 440
    sheet = Image.new("RGBA", (SW, SH), (250, 250, 246, 255))
    ink = (30, 30, 34, 255)
    f_title, f = font("sans-b", 32), font("sans-r", 22)
    lines = [("shop", (SW / 2, 40), "카페 하늘정원", f_title, "mm"),
             ("item1", (24, 100), "아이스 라떼 2 11,000", f, "la"),
             ("item2", (24, 150), "치즈케이크 1 6,500", f, "la"),
             ("total", (24, 220), "합계 17,500원", font("sans-b", 28), "la"),
             ("thanks", (SW / 2, 300), "감사합니다", f, "mm")]
    layers = []
    for key, xy, text, fnt, anchor in lines:
        lay, b = text_layer((SW, SH), xy, text, fnt, ink, anchor=anchor)
        sheet.alpha_composite(lay)
        layers.append((key, lay, b, text))
    d = ImageDraw.Draw(sheet)
    d.line([(20, 190), (SW - 20, 190)], fill=(120, 120, 120, 255), width=2)
    for k in range(30):                                                              # barcode
        d.rectangle((60 + k * 7, 350, 60 + k * 7 + (2 if k % 3 else 4), 400), fill=(20, 20, 20, 255))
    angle, pivot, target = 8.0, (SW / 2, SH / 2), (250, 300)
    shadow = Image.new("RGBA", (SW, SH), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).rectangle((0, 0, SW - 1, SH - 1), fill=(40, 40, 40, 90))
    rotate_onto(img, shadow.filter(ImageFilter.GaussianBlur(4)), pivot, (target[0] + 5, target[1] + 6), angle)
    fwd = rotate_onto(img, sheet, pivot, target, angle)
    refs = {}
    for key, lay, b, text in layers:
        refs[key] = ref_poly(fwd, b, text)
        check_rotated((W, H), lay, refs[key]["points"], pivot, target, angle, text)
    save(img, "in_receipt_02", rng)
    return refs


@scene
def in_notice_01():
    """An apartment notice on a lift-hall wall: title, date and time, a request, the sender; a
    printed logo and a handwritten-looking note pinned beside it (not part of the notice)."""
    rng = np.random.default_rng(1403)
    W, H = 600, 460
    cv = Canvas(W, H, gradient(W, H, (214, 210, 200), (196, 190, 180), scale=4) + blotches(rng, W, H, 40, 4, scale=4))
    paper(cv, (50, 30, 500, 430))
    cv.rect((50, 30, 500, 96), (40, 90, 150))
    cv.circle((86, 392), 18, (60, 140, 90))                                           # logo (not text)
    cv.polygon([(86, 378), (98, 400), (74, 400)], (250, 250, 246))
    img, _ = cv.reduce()
    ink = (30, 30, 34, 255)
    refs = {"title": ref_box(put_text(img, (275, 63), "엘리베이터 점검 안내", font("sans-b", 36),
                                      (255, 255, 255, 255), anchor="mm"), "엘리베이터 점검 안내"),
            "when": ref_box(put_text(img, (80, 136), "일시: 5월 20일(화) 10:00~12:00", font("sans-b", 26), ink),
                            "일시: 5월 20일(화) 10:00~12:00"),
            "where": ref_box(put_text(img, (80, 190), "대상: 101동 1·2호기", font("sans-r", 26), ink),
                             "대상: 101동 1·2호기"),
            "ask": ref_box(put_text(img, (80, 246), "점검 중에는 계단을 이용해 주세요.", font("sans-r", 26), ink),
                           "점검 중에는 계단을 이용해 주세요."),
            "from": ref_box(put_text(img, (116, 378), "푸른숲아파트 관리사무소", font("sans-b", 26), ink),
                            "푸른숲아파트 관리사무소")}
    save(img, "in_notice_01", rng)
    return refs


@scene
def in_signboard_01():
    """A snack bar front: the main sign, a phone number, a window sticker, and a standing menu
    board tilted by about 6 degrees (its lines are polygons)."""
    rng = np.random.default_rng(1404)
    W, H = 640, 440
    cv = Canvas(W, H, gradient(W, H, (200, 196, 190), (176, 170, 164), scale=4))
    cv.rect((20, 20, 620, 130), (200, 50, 40), radius=6)                              # sign board
    cv.circle((72, 75), 34, (250, 220, 90))                                           # bowl logo (not text)
    cv.rect((52, 66, 92, 92), (200, 50, 40))
    cv.rect((40, 150, 420, 420), (60, 64, 70))                                        # window
    cv.rect((50, 160, 410, 410), (140, 170, 186))
    cv.rect((0, 420, W, H), (150, 146, 140))
    img, _ = cv.reduce()
    refs = {"name": ref_box(put_text(img, (330, 66), "행복분식", font("sans-b", 64), (255, 255, 255, 255),
                                     anchor="mm"), "행복분식"),
            "phone": ref_box(put_text(img, (330, 116), "02-0000-3456", font("sans-b", 26), (250, 230, 120, 255),
                                      anchor="mm"), "02-0000-3456"),
            "sticker": ref_box(put_text(img, (230, 200), "포장 · 배달 가능", font("sans-b", 30),
                                        (255, 255, 255, 255), anchor="mm"), "포장 · 배달 가능")}
    SW, SH = 170, 230
    board = Image.new("RGBA", (SW, SH), (40, 70, 56, 255))
    d = ImageDraw.Draw(board)
    d.rectangle((0, 0, SW - 1, SH - 1), outline=(150, 104, 60, 255), width=8)
    chalk = (246, 246, 240, 255)
    layers = []
    for key, xy, text, fnt in (("menu_title", (SW / 2, 44), "오늘의 메뉴", font("sans-b", 28)),
                               ("menu_1", (SW / 2, 110), "김밥 3,500", font("sans-r", 26)),
                               ("menu_2", (SW / 2, 160), "라면 4,500", font("sans-r", 26))):
        lay, b = text_layer((SW, SH), xy, text, fnt, chalk, anchor="mm")
        board.alpha_composite(lay)
        layers.append((key, lay, b, text))
    angle, pivot, target = -6.0, (SW / 2, SH / 2), (528, 300)
    fwd = rotate_onto(img, board, pivot, target, angle)
    for key, lay, b, text in layers:
        refs[key] = ref_poly(fwd, b, text)
        check_rotated((W, H), lay, refs[key]["points"], pivot, target, angle, text)
    save(img, "in_signboard_01", rng)
    return refs


@scene
def in_roadsign_01():
    """Blue road name signs on a pole: a street name sign (Korean, romanised, number range) and a
    direction sign with two places; arrows are drawings, not text."""
    rng = np.random.default_rng(1405)
    W, H = 600, 400
    cv = Canvas(W, H, gradient(W, H, (160, 196, 230), (220, 230, 238), scale=4))
    for i in range(10):
        cv.circle((i * 70 + int(rng.integers(-10, 10)), 386), 46, (80, 130, 76))
    cv.rect((296, 150, 306, H), (150, 154, 160))
    blue, white = (24, 70, 150), (255, 255, 255)
    cv.rect((60, 40, 540, 150), blue, radius=8)
    cv.rect((68, 48, 532, 142), None, outline=white, width=3, radius=6)
    cv.rect((100, 190, 500, 290), blue, radius=8)
    cv.polygon([(120, 240), (150, 216), (150, 230), (190, 230), (190, 250), (150, 250), (150, 264)], white)
    cv.polygon([(480, 240), (450, 216), (450, 230), (410, 230), (410, 250), (450, 250), (450, 264)], white)
    img, _ = cv.reduce()
    w = (255, 255, 255, 255)
    refs = {"street": ref_box(put_text(img, (230, 80), "세종대로", font("sans-b", 52), w, anchor="mm"), "세종대로"),
            "roman": ref_box(put_text(img, (230, 124), "Sejong-daero", font("sans-r", 26), w, anchor="mm"),
                             "Sejong-daero"),
            "range": ref_box(put_text(img, (450, 96), "1→99", font("sans-b", 34), w, anchor="mm"), "1→99"),
            "place_left": ref_box(put_text(img, (252, 240), "광화문", font("sans-b", 32), w, anchor="mm"), "광화문"),
            "place_right": ref_box(put_text(img, (352, 240), "시청", font("sans-b", 32), w, anchor="mm"), "시청")}
    save(img, "in_roadsign_01", rng)
    return refs


@scene
def in_medicine_01():
    """A pharmacy medicine bag: title, patient name, dosage, days, pharmacy and phone; a pill
    drawing and a printed box outline (not text)."""
    rng = np.random.default_rng(1406)
    W, H = 480, 560
    cv = Canvas(W, H, gradient(W, H, (206, 214, 220), (184, 192, 200), scale=4) + blotches(rng, W, H, 40, 3, scale=4))
    paper(cv, (50, 20, 430, 540), col=(252, 252, 250))
    cv.rect((50, 20, 430, 90), (60, 150, 120))
    cv.ellipse((330, 400, 400, 430), (240, 120, 120))                                 # pill drawing
    cv.line([(365, 400), (365, 430)], (200, 80, 80), 2)
    cv.rect((70, 300, 410, 370), None, outline=(120, 160, 150), width=2)
    img, _ = cv.reduce()
    ink = (30, 30, 34, 255)
    refs = {"title": ref_box(put_text(img, (240, 56), "복약 안내", font("sans-b", 38), (255, 255, 255, 255),
                                      anchor="mm"), "복약 안내"),
            "patient": ref_box(put_text(img, (80, 120), "김하늘 님", font("sans-b", 32), ink), "김하늘 님"),
            "dose": ref_box(put_text(img, (80, 186), "1일 3회 식후 30분", font("sans-r", 28), ink),
                            "1일 3회 식후 30분"),
            "days": ref_box(put_text(img, (80, 236), "5일분 (15포)", font("sans-r", 28), ink), "5일분 (15포)"),
            "warn": ref_box(put_text(img, (90, 320), "졸음이 올 수 있음", font("sans-b", 26), (180, 40, 40, 255)),
                            "졸음이 올 수 있음"),
            "pharmacy": ref_box(put_text(img, (80, 468), "온누리약국 031-000-4321", font("sans-r", 24), ink),
                                "온누리약국 031-000-4321")}
    save(img, "in_medicine_01", rng)
    return refs


def main(names):
    REFS.parent.mkdir(parents=True, exist_ok=True)
    refs = json.loads(REFS.read_text()) if REFS.exists() else {}
    for name in names or list(SCENES):
        refs[name] = SCENES[name]()
    REFS.write_text(json.dumps(refs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
