"""Generate the scenes of the third set of drawing exercises (bbox, polygon, keypoints) and their
exact references.

The drawing machinery is the one of make_practice_images.py (imported, not copied): every shape is
drawn 4x larger beside an instance map with one id per object, then reduced. So

* a bounding box is the extent of an object's id in the instance map (the visible part only);
* a polygon is the shapely geometry that was drawn, minus the shapes drawn in front of it;
* a keypoint is the joint centre the figure was drawn around; it is recorded as `hidden` when the
  instance map shows something else there (another object, or a limb drawn behind the body) or
  when it lies outside the image.

Writes question_bank/media/sc_<name>.png (palette PNG, long side <= 800 px) and
/tmp/scenes/refs.json (the references that go into question_bank/level2/practical/*_3.yaml).
Reproducible byte for byte: every scene has its own fixed seed. Needs Debian's fonts-noto-cjk.
Run by hand from the repository root:

    python tools/make_scenes_drawing.py                  # all scenes
    python tools/make_scenes_drawing.py sc_pose_stand    # some scenes
"""
from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
from imaging import save_palette_png  # tools/ is on sys.path when run
from make_practice_images import (
    MANNEQUIN_POINTS,
    WOOD,
    WOOD_DARK,
    WOOD_JOINT,
    bicycle,
    blotches,
    bottle,
    can,
    car_side,
    car_top,
    circle_geom,
    ellipse_geom,
    figure,
    finish,
    font,
    gradient,
    mannequin,
    mannequin_limb,
    person_side,
    poly_ref,
    put_text,
    rounded_rect_pts,
    studio,
    tree_top,
    visible_box,
)
from make_practice_images import (
    Canvas as BareCanvas,
)
from PIL import Image
from shapely import affinity
from shapely.geometry import LineString, Polygon
from shapely.geometry import box as sbox
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("SCENES_MEDIA_OUT", ROOT / "question_bank" / "media"))  # override to test reproducibility
REFS = Path(os.environ.get("SCENES_REFS", "/tmp/scenes/refs.json"))
SS = 4
SCENES = {}


def scene(fn):
    SCENES[fn.__name__] = fn
    return fn


def save(img, name, colors=96):
    """Palette PNG under 100 KB, most under 60 KB: the colours are first reduced without dithering
    (dithered noise is what makes a palette PNG large), then saved by imaging.save_palette_png."""
    flat = img.convert("RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    return save_palette_png(flat.convert("RGB"), OUT / f"{name}.png", good_kb=60, limit_kb=100)


def rounded(p):
    return [round(float(p[0]), 1), round(float(p[1]), 1)]


class Canvas(BareCanvas):
    """make_practice_images.Canvas that also records each drawing call, so that any object can be
    drawn again alone (full_pixels) to tell whether something in front of it hides a part."""

    def __init__(self, W, H, background):
        super().__init__(W, H, background)
        self.calls = []

    def polygon(self, pts, fill, oid=0, outline=None, width=0):
        self.calls.append((oid, "polygon", (pts, fill, oid, outline, width)))
        super().polygon(pts, fill, oid, outline, width)

    def ellipse(self, b, fill, oid=0, outline=None, width=0):
        self.calls.append((oid, "ellipse", (b, fill, oid, outline, width)))
        super().ellipse(b, fill, oid, outline, width)

    def rect(self, b, fill, oid=0, outline=None, width=0, radius=0):
        self.calls.append((oid, "rect", (b, fill, oid, outline, width, radius)))
        super().rect(b, fill, oid, outline, width, radius)

    def line(self, pts, fill, width, oid=0, round_caps=True):
        self.calls.append((oid, "line", (pts, fill, width, oid, round_caps)))
        super().line(pts, fill, width, oid, round_caps)

    def arc(self, b, start, end, fill, width, oid=0):
        self.calls.append((oid, "arc", (b, start, end, fill, width, oid)))
        super().arc(b, start, end, fill, width, oid)

    def full_pixels(self, oid):
        """How many pixels of the instance map object `oid` covers when drawn alone."""
        alone = BareCanvas(self.W, self.H, (0, 0, 0))
        for who, name, args in self.calls:
            if who == oid:
                getattr(BareCanvas, name)(alone, *args)
        return int((alone.reduce()[1] == oid).sum())


def hidden_in_part(cv, ids, oid):
    """True when something drawn later (another object, a price card, a tree …) hides more than a
    sliver of object `oid` inside the image."""
    full = cv.full_pixels(oid)
    return int((ids == oid).sum()) < full - max(20, 0.005 * full)


def drawn_boxes(cv, ids, labels):
    """Box references of objects drawn on cv (object id -> label): the visible extent, truncated
    when the box reaches the image edge, occluded when something drawn later hides a part."""
    H, W = ids.shape
    out = []
    for oid, label in labels.items():
        x, y, w, h = visible_box(ids, oid)
        out.append({"label": label, "box": [x, y, w, h],
                    "attributes": {"truncated": x == 0 or y == 0 or x + w == W or y + h == H,
                                   "occluded": hidden_in_part(cv, ids, oid)}})
    return out


def check_occluded(cv, ids, attrs):
    """The scene's occluded attributes agree with what the instance map shows."""
    for oid, a in attrs.items():
        if "occluded" in a:
            assert a["occluded"] == hidden_in_part(cv, ids, oid), (oid, a)


# ================================================================ keypoints: people

COCO_NAMES = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
              "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
              "right_knee", "left_ankle", "right_ankle"]


def face_points(J, facing, head_r=(23, 28)):
    """COCO face points of a mannequin head: eyes and nose painted on the front, ears at the sides.
    Subject's right is at the image left when facing the viewer."""
    hx, hy = J["head"]
    side = -1 if facing == "front" else 1
    J["right_eye"] = (hx + side * 9, hy - 4)
    J["left_eye"] = (hx - side * 9, hy - 4)
    J["nose"] = (hx, hy + 6)
    J["right_ear"] = (hx + side * (head_r[0] + 2), hy - 1)
    J["left_ear"] = (hx - side * (head_r[0] + 2), hy - 1)


def coco_head(cv, J, oid, facing, head_r=(23, 28)):
    """A mannequin head with ears and (from the front) eyes and a nose at the COCO face points."""
    nk = J["neck"]
    hx, hy = J["head"]
    for ear in ("right_ear", "left_ear"):
        ex, ey = J[ear]
        cv.ellipse((ex - 5, ey - 8, ex + 5, ey + 8), WOOD_JOINT, oid, outline=WOOD_DARK, width=1.2)
    cv.line([nk, (hx, hy + head_r[1] - 6)], WOOD, 12, oid)
    cv.circle(nk, 7, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)
    cv.ellipse((hx - head_r[0], hy - head_r[1], hx + head_r[0], hy + head_r[1]), WOOD, oid,
               outline=WOOD_DARK, width=1.5)
    if facing == "front":
        for eye in ("right_eye", "left_eye"):
            cv.circle(J[eye], 3.2, (70, 48, 30), oid)
        cv.circle(J["nose"], 3.5, WOOD_DARK, oid)
        cv.arc((hx - 8, hy + 8, hx + 8, hy + 18), 20, 160, (150, 80, 60), 2.5, oid)
    else:
        cv.ellipse((hx - head_r[0] - 1, hy - head_r[1] - 2, hx + head_r[0] + 1, hy + head_r[1] - 4),
                   (74, 50, 34), oid)


def pose_figure(cv, J, oid, facing="front", behind=(), coco=False):
    """A mannequin (make_practice_images.mannequin); with coco=True the head gets ears, eyes, nose."""
    mannequin(cv, J, oid, facing, behind=behind)
    if coco:
        coco_head(cv, J, oid, facing)
        # the arms in front are drawn again over the new head (a raised arm passes in front of it)
        for name in ("right_arm", "left_arm"):
            if name not in behind and name.replace("arm", "forearm") not in behind:
                mannequin_limb(cv, J, name, oid, facing)


def visible_points(ids, J, names, oid, W, H, behind_joints=(), force_hidden=()):
    """[x, y] for a joint whose own figure shows at its centre, `hidden` otherwise."""
    pts = []
    for n in names:
        x, y = J[n]
        if n in force_hidden or not (0 <= x < W and 0 <= y < H):
            pts.append("hidden")
            continue
        own = oid + 100 if n in behind_joints else oid
        pts.append(rounded((x, y)) if ids[int(y), int(x)] == own else "hidden")
    return pts


def area_of(J, pad=30):
    xs = [p[0] for p in J.values()]
    ys = [p[1] for p in J.values()]
    return round((max(xs) - min(xs) + pad) * (max(ys) - min(ys) + pad))


def estimated(points, J, names, W, H):
    """The same points for a guide that wants occluded joints estimated (COCO v=1): a hidden joint
    inside the image becomes [x, y, 1] at the joint centre; one outside the image stays hidden."""
    return [rounded(J[n]) + [1] if p == "hidden" and 0 <= J[n][0] < W and 0 <= J[n][1] < H else p
            for p, n in zip(points, names, strict=True)]


def kp_result(ids, J, names, oid, W, H, **kw):
    points = visible_points(ids, J, names, oid, W, H, **kw)
    return {"label": "person", "points": points, "area": area_of(J), "estimated": estimated(points, J, names, W, H)}


@scene
def sc_pose_stand():
    """One mannequin standing upright facing the camera, arms a little away from the body."""
    rng = np.random.default_rng(1101)
    W, H = 400, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(206, 214, 226), floor=(170, 160, 150), floor_y=440))
    J = figure(200, 40, "front")
    J["right_elbow"] = (J["right_shoulder"][0] - 22, J["right_elbow"][1])
    J["right_wrist"] = (J["right_elbow"][0] - 14, J["right_wrist"][1])
    J["left_elbow"] = (J["left_shoulder"][0] + 22, J["left_elbow"][1])
    J["left_wrist"] = (J["left_elbow"][0] + 14, J["left_wrist"][1])
    pose_figure(cv, J, 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_stand")
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H)]


@scene
def sc_pose_arms_up():
    """Both arms straight up (만세), feet apart."""
    rng = np.random.default_rng(1102)
    W, H = 420, 540
    cv = Canvas(W, H, studio(W, H, rng, wall=(222, 214, 200), floor=(150, 130, 110), floor_y=470))
    J = figure(210, 130, "front", scale=0.95)
    for side, sx in (("right", -1), ("left", 1)):
        sh = J[f"{side}_shoulder"]
        J[f"{side}_elbow"] = (sh[0] + sx * 16, sh[1] - 66)
        J[f"{side}_wrist"] = (sh[0] + sx * 26, sh[1] - 130)
        J[f"{side}_knee"] = (J[f"{side}_hip"][0] + sx * 22, J[f"{side}_knee"][1])
        J[f"{side}_ankle"] = (J[f"{side}_hip"][0] + sx * 40, J[f"{side}_ankle"][1])
    face_points(J, "front")
    pose_figure(cv, J, 1, "front", coco=True)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_arms_up")
    return [kp_result(ids, J, COCO_NAMES, 1, W, H)]


@scene
def sc_pose_coco_front():
    """COCO 17 points: facing the camera, right hand on the hip, left arm pointing sideways."""
    rng = np.random.default_rng(1103)
    W, H = 460, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(214, 224, 214), floor=(160, 150, 140), floor_y=440))
    J = figure(210, 36, "front")
    J["right_elbow"] = (J["right_shoulder"][0] - 40, J["right_shoulder"][1] + 56)
    J["right_wrist"] = (J["right_hip"][0] - 12, J["right_hip"][1] - 28)
    J["left_elbow"] = (J["left_shoulder"][0] + 66, J["left_shoulder"][1] - 6)
    J["left_wrist"] = (J["left_elbow"][0] + 64, J["left_elbow"][1] - 20)
    face_points(J, "front")
    pose_figure(cv, J, 1, "front", coco=True)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_coco_front")
    return [kp_result(ids, J, COCO_NAMES, 1, W, H)]


@scene
def sc_pose_back_coco():
    """COCO 17 points seen from behind: the face is turned away (nose and eyes not visible), the
    ears show; the right arm raised."""
    rng = np.random.default_rng(1104)
    W, H = 440, 540
    cv = Canvas(W, H, studio(W, H, rng, wall=(226, 218, 206), floor=(140, 124, 108), floor_y=460))
    J = figure(220, 70, "back")
    J["right_elbow"] = (J["right_shoulder"][0] + 46, J["right_shoulder"][1] - 44)
    J["right_wrist"] = (J["right_elbow"][0] + 10, J["right_elbow"][1] - 62)
    J["left_elbow"] = (J["left_shoulder"][0] - 18, J["left_elbow"][1])
    J["left_wrist"] = (J["left_elbow"][0] - 4, J["left_wrist"][1])
    face_points(J, "back")
    pose_figure(cv, J, 1, "back", coco=True)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_back_coco")
    return [kp_result(ids, J, COCO_NAMES, 1, W, H, force_hidden={"nose", "left_eye", "right_eye"})]


def side_figure(cx, top, facing=1, s=1.0):
    """Joints of a mannequin seen from its side, walking towards +x (facing=1) or -x. The near side
    is the subject's left when walking to the right (image +x) ... i.e. facing=1: left side near."""
    J = {"head": (cx + facing * 4 * s, top + 28 * s), "neck": (cx, top + 64 * s)}
    for side in ("right", "left"):
        J[f"{side}_shoulder"] = (cx, top + 80 * s)
        J[f"{side}_hip"] = (cx, top + 196 * s)
    return J


def side_torso(cv, J, oid, near, s=1.0):
    """A side-on torso: a rounded chest and pelvis block between the near shoulder and hip."""
    sh, hp = J[f"{near}_shoulder"], J[f"{near}_hip"]
    chest = ellipse_geom(((sh[0] + hp[0]) / 2, sh[1] + 44 * s), 24 * s, 56 * s)
    pelvis = ellipse_geom((hp[0], hp[1] - 6 * s), 26 * s, 22 * s)
    cv.geom(unary_union([chest, pelvis]).convex_hull, WOOD, oid)
    cv.circle(((sh[0] + hp[0]) / 2, sh[1] + 84 * s), 9 * s, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)


def side_head(cv, J, oid, facing, s=1.0):
    nk = J["neck"]
    hx, hy = J["head"]
    cv.line([nk, (hx, hy + 20 * s)], WOOD, 12 * s, oid)
    cv.circle(nk, 7 * s, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)
    cv.ellipse((hx - 24 * s, hy - 28 * s, hx + 24 * s, hy + 28 * s), WOOD, oid, outline=WOOD_DARK, width=1.5)
    cv.circle((hx + facing * 14 * s, hy - 4 * s), 3, (70, 48, 30), oid)          # the one eye seen
    cv.polygon([(hx + facing * 22 * s, hy), (hx + facing * 30 * s, hy + 8 * s), (hx + facing * 22 * s, hy + 10 * s)],
               WOOD, oid)                                                        # nose in profile


def walk_side(cv, J, oid, facing, near, far):
    """Far limbs (id oid + 100) behind the torso, then torso, head, near limbs."""
    for part in (f"{far}_leg", f"{far}_arm"):
        mannequin_limb(cv, J, part, oid + 100, "side")
    mannequin_limb(cv, J, f"{near}_leg", oid, "side")
    side_torso(cv, J, oid, near)
    side_head(cv, J, oid, facing)
    cv.circle(J[f"{near}_hip"], 9, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)
    cv.circle(J[f"{near}_shoulder"], 10, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)
    mannequin_limb(cv, J, f"{near}_arm", oid, "side")


@scene
def sc_pose_side_walk():
    """Walking to the right seen from the side: the subject's left side faces the camera; the right
    shoulder and hip are behind the body, the right arm and leg swing out from behind it."""
    rng = np.random.default_rng(1105)
    W, H = 480, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(210, 216, 222), floor=(150, 150, 146), floor_y=450))
    J = side_figure(230, 40, facing=1)
    # near (left) leg forward, far (right) leg back; arms swing the other way
    J["left_knee"] = (J["left_hip"][0] + 34, 40 + 288)
    J["left_ankle"] = (J["left_knee"][0] + 18, 40 + 378)
    J["right_knee"] = (J["right_hip"][0] - 28, 40 + 290)
    J["right_ankle"] = (J["right_knee"][0] - 42, 40 + 372)
    J["left_elbow"] = (J["left_shoulder"][0] - 30, J["left_shoulder"][1] + 64)
    J["left_wrist"] = (J["left_elbow"][0] - 22, J["left_elbow"][1] + 58)
    J["right_elbow"] = (J["right_shoulder"][0] + 36, J["right_shoulder"][1] + 62)
    J["right_wrist"] = (J["right_elbow"][0] + 40, J["right_elbow"][1] + 40)
    walk_side(cv, J, 1, 1, near="left", far="right")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_side_walk")
    far = {"right_shoulder", "right_elbow", "right_wrist", "right_hip", "right_knee", "right_ankle"}
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H, behind_joints=far)]


@scene
def sc_pose_sit():
    """Sitting on a box facing the camera: thighs towards the viewer (knees low and apart), hands
    resting on the knees."""
    rng = np.random.default_rng(1106)
    W, H = 440, 480
    cv = Canvas(W, H, studio(W, H, rng, wall=(230, 222, 210), floor=(168, 150, 128), floor_y=400))
    J = figure(220, 60, "front")
    cv.rect((130, 270, 310, 420), (120, 140, 170), outline=(80, 96, 120), width=3)     # the seat box
    for side, sx in (("right", -1), ("left", 1)):
        hip = J[f"{side}_hip"]
        J[f"{side}_knee"] = (hip[0] + sx * 40, hip[1] + 40)
        J[f"{side}_ankle"] = (hip[0] + sx * 46, hip[1] + 150)
        J[f"{side}_elbow"] = (J[f"{side}_shoulder"][0] + sx * 14, J[f"{side}_shoulder"][1] + 68)
        J[f"{side}_wrist"] = (J[f"{side}_knee"][0] - sx * 6, J[f"{side}_knee"][1] - 22)
    pose_figure(cv, J, 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_sit")
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H)]


@scene
def sc_pose_squat():
    """A deep squat facing the camera, arms stretched forward (wrists in front of the knees)."""
    rng = np.random.default_rng(1107)
    W, H = 440, 440
    cv = Canvas(W, H, studio(W, H, rng, wall=(214, 222, 230), floor=(150, 156, 160), floor_y=380))
    J = figure(220, 60, "front")
    for side, sx in (("right", -1), ("left", 1)):
        J[f"{side}_hip"] = (J[f"{side}_hip"][0], J[f"{side}_hip"][1] + 40)
        J[f"{side}_knee"] = (J[f"{side}_hip"][0] + sx * 74, J[f"{side}_hip"][1] + 30)
        J[f"{side}_ankle"] = (J[f"{side}_hip"][0] + sx * 40, J[f"{side}_hip"][1] + 116)
        J[f"{side}_elbow"] = (J[f"{side}_shoulder"][0] + sx * 4, J[f"{side}_shoulder"][1] + 62)
        J[f"{side}_wrist"] = (J[f"{side}_shoulder"][0] - sx * 10, J[f"{side}_shoulder"][1] + 110)
    for side in ("right", "left"):       # neck, shoulders and head lower a little with the squat
        J[f"{side}_shoulder"] = (J[f"{side}_shoulder"][0], J[f"{side}_shoulder"][1] + 30)
        J[f"{side}_elbow"] = (J[f"{side}_elbow"][0], J[f"{side}_elbow"][1] + 30)
        J[f"{side}_wrist"] = (J[f"{side}_wrist"][0], J[f"{side}_wrist"][1] + 30)
    J["neck"] = (J["neck"][0], J["neck"][1] + 30)
    J["head"] = (J["head"][0], J["head"][1] + 30)
    pose_figure(cv, J, 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_squat")
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H)]


@scene
def sc_pose_truncated():
    """A mannequin close to the camera: cut by the bottom edge below the knees and by the left
    edge (its right hand)."""
    rng = np.random.default_rng(1108)
    W, H = 480, 420
    cv = Canvas(W, H, studio(W, H, rng, wall=(220, 210, 224)))
    J = figure(250, 20, "front", scale=1.25)
    J["right_elbow"] = (J["right_shoulder"][0] - 92, J["right_shoulder"][1] + 30)
    J["right_wrist"] = (J["right_elbow"][0] - 112, J["right_elbow"][1] - 14)
    J["left_elbow"] = (J["left_shoulder"][0] + 24, J["left_shoulder"][1] + 80)
    J["left_wrist"] = (J["left_elbow"][0] - 30, J["left_elbow"][1] + 60)
    pose_figure(cv, J, 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_truncated")
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H)]


@scene
def sc_pose_two_overlap():
    """Two mannequins, the nearer one (larger, drawn later) partly in front of the farther one."""
    rng = np.random.default_rng(1109)
    W, H = 560, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(208, 220, 216), floor=(156, 150, 140), floor_y=430))
    A = figure(330, 40, "front", scale=0.9)          # far, to the right
    A["left_elbow"] = (A["left_shoulder"][0] + 44, A["left_shoulder"][1] - 30)
    A["left_wrist"] = (A["left_elbow"][0] + 10, A["left_elbow"][1] - 56)
    B = figure(230, 60, "front", scale=1.05)         # near, overlaps A's right side
    B["left_elbow"] = (B["left_shoulder"][0] + 20, B["left_shoulder"][1] + 64)
    B["left_wrist"] = (B["left_elbow"][0] + 4, B["left_elbow"][1] + 66)
    pose_figure(cv, A, 1, "front")
    pose_figure(cv, B, 2, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_two_overlap")
    return [kp_result(ids, J, MANNEQUIN_POINTS, oid, W, H) for J, oid in ((A, 1), (B, 2))]


@scene
def sc_pose_group():
    """Three smaller mannequins on a stage; the right one is cut by the right edge."""
    rng = np.random.default_rng(1110)
    W, H = 720, 420
    cv = Canvas(W, H, studio(W, H, rng, wall=(200, 206, 222), floor=(130, 110, 96), floor_y=360))
    out = []
    poses = []
    A = figure(130, 80, "front", scale=0.72)
    A["right_elbow"] = (A["right_shoulder"][0] - 30, A["right_shoulder"][1] - 24)
    A["right_wrist"] = (A["right_elbow"][0] - 6, A["right_elbow"][1] - 44)
    poses.append(A)
    B = figure(360, 70, "back", scale=0.72)
    B["left_elbow"] = (B["left_shoulder"][0] - 40, B["left_shoulder"][1] + 10)
    B["left_wrist"] = (B["left_elbow"][0] - 40, B["left_elbow"][1] + 4)
    poses.append(B)
    C = figure(690, 74, "front", scale=0.72)
    C["left_elbow"] = (C["left_shoulder"][0] + 36, C["left_shoulder"][1] + 30)
    C["left_wrist"] = (C["left_elbow"][0] + 30, C["left_elbow"][1] + 30)
    poses.append(C)
    for oid, (J, facing) in enumerate(zip(poses, ("front", "back", "front"), strict=True), start=1):
        pose_figure(cv, J, oid, facing)
    img, ids = cv.reduce()
    for oid, J in enumerate(poses, start=1):
        out.append(kp_result(ids, J, MANNEQUIN_POINTS, oid, W, H))
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_group")
    return {"keypoints": out, "boxes": drawn_boxes(cv, ids, {1: "person", 2: "person", 3: "person"})}


@scene
def sc_pose_run():
    """Running towards the camera: the right knee raised high, arms bent."""
    rng = np.random.default_rng(1111)
    W, H = 440, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(226, 226, 214), floor=(120, 150, 110), floor_y=450))
    J = figure(220, 40, "front")
    J["right_knee"] = (J["right_hip"][0] - 10, J["right_hip"][1] + 46)
    J["right_ankle"] = (J["right_knee"][0] - 6, J["right_knee"][1] + 84)
    J["left_knee"] = (J["left_hip"][0] + 8, J["left_knee"][1])
    J["left_ankle"] = (J["left_knee"][0] + 6, J["left_ankle"][1])
    J["right_elbow"] = (J["right_shoulder"][0] - 34, J["right_shoulder"][1] + 60)
    J["right_wrist"] = (J["right_elbow"][0] + 6, J["right_elbow"][1] - 58)
    J["left_elbow"] = (J["left_shoulder"][0] + 30, J["left_shoulder"][1] + 62)
    J["left_wrist"] = (J["left_elbow"][0] + 20, J["left_elbow"][1] + 50)
    pose_figure(cv, J, 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_run")
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H)]



@scene
def sc_pose_lying():
    """Lying on a gym mat seen from the side-front, head to the left; the right arm under the head
    (hidden by it), the left knee bent up."""
    rng = np.random.default_rng(1112)
    W, H = 640, 380
    cv = Canvas(W, H, studio(W, H, rng, wall=(214, 220, 226), floor=(150, 140, 130), floor_y=200))
    cv.rect((40, 250, 610, 320), (60, 120, 170), radius=10)                      # the mat
    J = {"head": (120, 236), "neck": (158, 240), "right_shoulder": (176, 256), "left_shoulder": (178, 222),
         "right_hip": (330, 262), "left_hip": (330, 232), "right_knee": (440, 266), "right_ankle": (548, 270),
         "left_knee": (420, 168), "left_ankle": (500, 240), "right_elbow": (128, 272), "right_wrist": (106, 238),
         "left_elbow": (250, 196), "left_wrist": (320, 214)}
    # drawn from the floor up: right arm under the head, then the body; the left arm lies over the body
    mannequin_limb(cv, J, "right_arm", 101, "front")
    for part in ("right_leg", "left_leg"):
        mannequin_limb(cv, J, part, 1, "side")
    body = Polygon([(176, 270), (176, 210), (250, 214), (336, 222), (336, 272), (250, 274)])
    cv.geom(body, WOOD, 1)
    for n in ("right_hip", "left_hip", "right_shoulder", "left_shoulder"):
        cv.circle(J[n], 9, WOOD_JOINT, 1, outline=WOOD_DARK, width=1.5)
    cv.line([J["neck"], (140, 238)], WOOD, 12, 1)
    cv.circle(J["neck"], 7, WOOD_JOINT, 1, outline=WOOD_DARK, width=1.5)
    cv.ellipse((92, 212, 148, 260), WOOD, 1, outline=WOOD_DARK, width=1.5)
    cv.circle((118, 230), 3, (70, 48, 30), 1)
    mannequin_limb(cv, J, "left_arm", 1, "front")
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.12), "sc_pose_lying")
    arm = {"right_elbow", "right_wrist"}
    return [kp_result(ids, J, MANNEQUIN_POINTS, 1, W, H, behind_joints=arm)]


FACE5 = ["right_eye", "left_eye", "nose_tip", "mouth_right", "mouth_left"]


@scene
def sc_face_landmarks():
    """A drawn face for five landmarks: eye centres (pupils), nose tip, mouth corners."""
    rng = np.random.default_rng(1113)
    W, H = 400, 440
    cv = Canvas(W, H, gradient(W, H, (206, 222, 236), (180, 196, 214), scale=SS))
    cx, cy = 200, 230
    cv.rect((80, 380, 320, 440), (70, 90, 130), radius=40)
    cv.rect((170, 330, 230, 400), (230, 188, 152))
    cv.ellipse((cx - 110, cy - 140, cx + 110, cy + 140), (238, 198, 162))
    cv.ellipse((cx - 120, cy - 156, cx + 120, cy - 60), (56, 40, 30))
    for sx in (-1, 1):
        cv.ellipse((cx + sx * 122 - 12, cy - 16, cx + sx * 122 + 12, cy + 34), (226, 184, 150))
    J = {"right_eye": (cx - 44, cy - 8), "left_eye": (cx + 44, cy - 8), "nose_tip": (cx, cy + 46),
         "mouth_right": (cx - 36, cy + 88), "mouth_left": (cx + 36, cy + 88)}
    ink = (50, 36, 30)
    for n in ("right_eye", "left_eye"):
        ex, ey = J[n]
        cv.ellipse((ex - 24, ey - 13, ex + 24, ey + 13), (255, 255, 255))
        cv.circle((ex, ey), 10, (92, 60, 40))
        cv.circle((ex, ey), 4.5, ink)
        cv.line([(ex - 26, ey - 34), (ex + 22, ey - 38)], ink, 6)
    cv.line([(cx - 4, cy - 6), (cx - 12, cy + 40), (cx, cy + 46)], (200, 146, 116), 4)
    cv.circle(J["nose_tip"], 5, (214, 160, 128))
    mr, ml = J["mouth_right"], J["mouth_left"]
    cv.polygon([mr, (cx - 16, cy + 80), (cx, cy + 83), (cx + 16, cy + 80), ml, (cx + 14, cy + 98), (cx - 14, cy + 98)],
               (190, 80, 80))
    img, _ = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_face_landmarks")
    return [{"label": "face", "points": [rounded(J[n]) for n in FACE5], "area": 220 * 280}]


DOG_POINTS = ["nose", "withers", "tail_base", "tail_tip", "left_front_paw", "right_front_paw", "left_hind_paw",
              "right_hind_paw"]


def dog_leg(cv, top, paw, oid, colour, w=16):
    cv.line([top, paw], colour, w, oid)
    cv.ellipse((paw[0] - 12, paw[1] - 7, paw[0] + 12, paw[1] + 7), colour, oid)


def draw_dog(cv, J, oid, coat=(196, 140, 80), s=1.0):
    """A dog facing left seen from its left side: far (right) legs darker, drawn before the body
    with id oid + 100."""
    far = tuple(int(c * 0.78) for c in coat)
    wx, wy = J["withers"]
    tx, ty = J["tail_base"]
    dog_leg(cv, (wx + 10 * s, wy + 40 * s), J["right_front_paw"], oid + 100, far, 15 * s)
    dog_leg(cv, (tx - 16 * s, ty + 30 * s), J["right_hind_paw"], oid + 100, far, 15 * s)
    cv.line([J["tail_base"], ((tx + J["tail_tip"][0]) / 2 + 6 * s, ty - 30 * s), J["tail_tip"]], coat, 10 * s, oid)
    cv.geom(ellipse_geom(((wx + tx) / 2, wy + 34 * s), (tx - wx) / 2 + 28 * s, 36 * s), coat, oid)
    dog_leg(cv, (wx + 2 * s, wy + 44 * s), J["left_front_paw"], oid, coat, 17 * s)
    dog_leg(cv, (tx - 8 * s, ty + 34 * s), J["left_hind_paw"], oid, coat, 19 * s)
    nx, ny = J["nose"]
    head_c = (nx + 52 * s, ny - 18 * s)
    cv.line([(wx + 6 * s, wy + 20 * s), head_c], coat, 34 * s, oid)                     # neck
    cv.ellipse((head_c[0] - 30 * s, head_c[1] - 26 * s, head_c[0] + 30 * s, head_c[1] + 24 * s), coat, oid)
    cv.polygon([(head_c[0] - 20 * s, head_c[1] - 6 * s), (nx + 2 * s, ny - 8 * s), (nx + 2 * s, ny + 8 * s),
                (head_c[0] - 14 * s, head_c[1] + 20 * s)], coat, oid)                    # muzzle
    cv.circle((nx + 4 * s, ny), 7 * s, (40, 30, 28), oid)                               # nose pad
    cv.circle((head_c[0] - 8 * s, head_c[1] - 8 * s), 4 * s, (30, 24, 20), oid)         # eye
    cv.polygon([(head_c[0] + 6 * s, head_c[1] - 22 * s), (head_c[0] + 30 * s, head_c[1] - 12 * s),
                (head_c[0] + 24 * s, head_c[1] + 30 * s), (head_c[0] + 10 * s, head_c[1] + 22 * s)],
               tuple(int(c * 0.7) for c in coat), oid)                                  # floppy ear


@scene
def sc_dog_side():
    """A dog standing, seen from its left side; the far hind paw is hidden behind the near one."""
    rng = np.random.default_rng(1114)
    W, H = 600, 420
    arr = gradient(W, H, (190, 214, 236), (214, 228, 236), scale=SS)
    arr[300 * SS:] = np.array((110, 160, 90), float) + blotches(rng, W, H, 20, 8, scale=SS)[300 * SS:]
    cv = Canvas(W, H, arr)
    J = {"nose": (112, 176), "withers": (230, 200), "tail_base": (420, 206), "tail_tip": (478, 120),
         "left_front_paw": (218, 352), "right_front_paw": (258, 348), "left_hind_paw": (420, 352),
         "right_hind_paw": (424, 350)}
    draw_dog(cv, J, 1)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_dog_side")
    far = {"right_front_paw", "right_hind_paw"}
    pts = visible_points(ids, J, DOG_POINTS, 1, W, H, behind_joints=far, force_hidden=("withers", "tail_base"))
    # withers and tail base lie on the body's outline: they are visible by definition of the scene
    pts[1], pts[2] = rounded(J["withers"]), rounded(J["tail_base"])
    return [{"label": "dog", "points": pts, "area": 380 * 240, "estimated": estimated(pts, J, DOG_POINTS, W, H)}]


CAR_POINTS = ["left_front_wheel", "right_front_wheel", "left_rear_wheel", "right_rear_wheel", "left_headlight",
              "right_headlight", "left_tail_light", "right_tail_light"]


@scene
def sc_two_cars():
    """Two cars facing right (their right side to the camera); the nearer one hides the rear of the
    farther one and is cut by the left edge."""
    rng = np.random.default_rng(1115)
    W, H = 720, 400
    arr = gradient(W, H, (170, 200, 230), (222, 230, 236), scale=SS)
    arr[200 * SS:] = np.array((108, 108, 112), float) + blotches(rng, W, H, 20, 5, scale=SS)[200 * SS:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 196, W, 202), (176, 176, 170))
    for x in range(0, W, 110):
        cv.rect((x, 290, x + 56, 295), (236, 236, 230))
    far = car_side(cv, 210, 262, 380, 1, facing="right", body=(230, 230, 226))
    near = car_side(cv, -70, 372, 500, 2, facing="right", body=(40, 70, 140))
    img, ids = cv.reduce()
    out = []
    for P, oid in ((far, 1), (near, 2)):
        J = {"right_front_wheel": P["front_wheel"], "right_rear_wheel": P["rear_wheel"],
             "right_headlight": P["headlight"], "right_tail_light": P["tail_light"]}
        pts = []
        for n in CAR_POINTS:
            if n not in J:
                pts.append("hidden")
                continue
            x, y = J[n]
            ok = 0 <= x < W and 0 <= y < H and ids[int(y), int(x)] == oid
            pts.append(rounded((x, y)) if ok else "hidden")
        length = 380 if oid == 1 else 500
        out.append({"label": "car", "points": pts, "area": round(length * length * 0.34)})
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_two_cars")
    return {"keypoints": out, "boxes": drawn_boxes(cv, ids, {1: "car", 2: "car"})}


HAND_POINTS = ["wrist", "thumb_tip", "index_tip", "middle_tip", "ring_tip", "little_tip"]


@scene
def sc_hand():
    """An open left hand, palm to the camera, fingers spread; fingertips at the centre of each
    rounded finger end."""
    rng = np.random.default_rng(1116)
    W, H = 440, 480
    cv = Canvas(W, H, gradient(W, H, (236, 232, 224), (214, 208, 198), scale=SS))
    skin, crease = (236, 192, 158), (206, 160, 126)
    cv.rect((170, 380, 270, 480), (70, 100, 150))                          # sleeve
    wrist = (220, 372)
    cv.rect((180, 330, 260, 384), skin)
    palm = Polygon([(166, 330), (172, 230), (196, 206), (262, 206), (284, 236), (276, 332), (250, 356), (190, 356)])
    cv.geom(palm, skin)
    fingers = {"thumb_tip": [(176, 300), (130, 260), (104, 220)], "index_tip": [(190, 220), (172, 150), (160, 96)],
               "middle_tip": [(220, 212), (222, 136), (224, 70)], "ring_tip": [(248, 216), (268, 148), (282, 98)],
               "little_tip": [(270, 236), (306, 190), (330, 154)]}
    widths = {"thumb_tip": 30, "index_tip": 26, "middle_tip": 27, "ring_tip": 25, "little_tip": 21}
    for n, pts in fingers.items():
        cv.line(pts, skin, widths[n])
        cv.line([pts[1], ((pts[1][0] + pts[2][0]) / 2, (pts[1][1] + pts[2][1]) / 2)], crease, 1.5)
    cv.line([(186, 364), (254, 364)], crease, 2)
    J = {"wrist": wrist, **{n: pts[-1] for n, pts in fingers.items()}}
    img, _ = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_hand")
    return [{"label": "hand", "points": [rounded(J[n]) for n in HAND_POINTS], "area": 240 * 320}]


EXCAVATOR_POINTS = ["rear_idler", "front_idler", "boom_pivot", "boom_joint", "bucket_joint", "bucket_tip"]


@scene
def sc_excavator():
    """An excavator on a site seen from its side: track wheels, boom pivot, boom-arm joint,
    arm-bucket joint and bucket tip (the joints are the pin centres)."""
    rng = np.random.default_rng(1117)
    W, H = 680, 440
    arr = gradient(W, H, (176, 206, 232), (224, 230, 232), scale=SS)
    arr[330 * SS:] = np.array((150, 120, 86), float) + blotches(rng, W, H, 16, 9, scale=SS)[330 * SS:]
    cv = Canvas(W, H, arr)
    cv.polygon([(420, 330), (520, 300), (640, 330)], (140, 110, 76))           # heap of earth
    yellow, dark, steel = (236, 176, 30), (50, 50, 54), (120, 120, 124)
    J = {"rear_idler": (120, 346), "front_idler": (300, 346), "boom_pivot": (270, 262), "boom_joint": (400, 120),
         "bucket_joint": (520, 250), "bucket_tip": (486, 318)}
    cv.rect((92, 318, 328, 374), dark, 1, radius=28)                           # track
    for c in (J["rear_idler"], J["front_idler"]):
        cv.circle(c, 20, steel, 1)
        cv.circle(c, 6, dark, 1)
    for x in (165, 210, 255):
        cv.circle((x, 352), 11, steel, 1)
    cv.rect((90, 270, 300, 316), yellow, 1)                                    # upper body
    cv.rect((92, 250, 150, 272), (200, 150, 26), 1)                            # counterweight
    cv.rect((170, 170, 262, 272), yellow, 1, radius=6)                         # cab
    cv.rect((184, 182, 250, 240), (150, 190, 214), 1)
    cv.line([J["boom_pivot"], (330, 150), J["boom_joint"]], yellow, 34, 1)     # boom
    cv.line([J["boom_joint"], J["bucket_joint"]], yellow, 24, 1)               # arm
    cv.polygon([(J["bucket_joint"][0] + 10, J["bucket_joint"][1] - 8), (548, 290), (J["bucket_tip"][0], 326),
                (J["bucket_tip"][0] - 8, 312), (500, 262)], dark, 1)           # bucket
    for n in ("boom_pivot", "boom_joint", "bucket_joint"):
        cv.circle(J[n], 11, steel, 1, outline=dark, width=2)
        cv.circle(J[n], 4, dark, 1)
    img, ids = cv.reduce()
    put_text(img, (135, 293), "HX-200", font("sans-b", 16), (40, 40, 40, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_excavator")
    for n in EXCAVATOR_POINTS:
        assert ids[int(J[n][1]), int(J[n][0])] == 1, n
    return [{"label": "excavator", "points": [rounded(J[n]) for n in EXCAVATOR_POINTS], "area": 460 * 260}]



# ================================================================ bbox scenes

def boxes(ids, objects, attrs=None, cv=None):
    """Reference boxes of the visible part of each object id, in drawing order; with the canvas,
    the occluded attributes are checked against the instance map."""
    attrs = attrs or {}
    if cv is not None:
        check_occluded(cv, ids, attrs)
    out = []
    for oid, label in objects.items():
        ref = {"label": label, "box": visible_box(ids, oid)}
        if oid in attrs:
            ref["attributes"] = attrs[oid]
        out.append(ref)
    return out


def street_background(W, H, rng, horizon=250, road=300, signs=()):
    """Shop fronts with signboards (drawn later as text), a sidewalk and a road."""
    arr = gradient(W, H, (176, 200, 224), (214, 222, 230), scale=SS)
    cv = Canvas(W, H, arr)
    colours = [(200, 190, 176), (184, 176, 168), (210, 200, 184), (176, 184, 190)]
    for i, x0 in enumerate(range(0, W, 200)):
        cv.rect((x0, 40, x0 + 196, horizon), colours[i % 4])
        cv.rect((x0 + 14, 70, x0 + 182, 110), (40, 60, 110) if i % 2 else (150, 40, 40))   # signboard
        cv.rect((x0 + 20, 140, x0 + 176, horizon - 6), (120, 150, 166), outline=(90, 90, 90), width=3)
    cv.rect((0, horizon, W, road), (176, 172, 166))
    cv.rect((0, road, W, H), (92, 94, 98))
    return cv


def shop_names(img, W, names):
    for i, x0 in enumerate(range(0, W, 200)):
        if i < len(names):
            put_text(img, (x0 + 98, 90), names[i], font("sans-b", 24), (255, 255, 255, 255), anchor="mm")


def bus_side(cv, x0, y_ground, L, oid, body=(60, 150, 90), facing="left"):
    """A city bus seen from the side; the front is at the image left when facing left."""
    h = L * 0.3
    top = y_ground - h - 14
    cv.rect((x0, top, x0 + L, y_ground - 14), body, oid, radius=12)
    front = x0 if facing == "left" else x0 + L
    sgn = 1 if facing == "left" else -1
    for k in range(5):
        wx = x0 + 0.2 * L + k * 0.15 * L if facing == "left" else x0 + 0.05 * L + k * 0.15 * L
        cv.rect((wx, top + 14, wx + 0.12 * L, top + h * 0.45), (176, 206, 222), oid, radius=3)
    cv.rect((front + sgn * 8 - (0 if sgn > 0 else 0.12 * L), top + 14, front + sgn * 8 + (0.12 * L if sgn > 0 else 0),
             y_ground - 24), (176, 206, 222), oid, radius=3)                      # door / windscreen
    cv.rect((x0, y_ground - h * 0.42, x0 + L, y_ground - h * 0.36), (240, 240, 236), oid)
    for f in (0.18, 0.8):
        cx = x0 + f * L if facing == "left" else x0 + (1 - f) * L
        cv.circle((cx, y_ground - 16), 0.075 * L, (30, 30, 32), oid)
        cv.circle((cx, y_ground - 16), 0.035 * L, (170, 170, 176), oid)


def motorcycle(cv, rear, front, r, oid, body=(200, 40, 40), box=None):
    """A motorcycle seen from the side (front wheel at `front`); optional delivery box on the back."""
    (rx, ry), (fx, fy) = rear, front
    sgn = 1 if fx > rx else -1
    for c in (rear, front):
        cv.circle(c, r, (30, 30, 32), oid)
        cv.circle(c, r * 0.5, (160, 160, 166), oid)
    mid = ((rx + fx) / 2, ry - r * 0.9)
    cv.polygon([(rx + sgn * r * 0.2, ry - r * 0.6), (mid[0] - sgn * r * 0.6, ry - r * 1.5),
                (mid[0] + sgn * r * 1.0, ry - r * 1.6), (fx - sgn * r * 0.3, ry - r * 0.9),
                (mid[0] + sgn * r * 0.4, ry - r * 0.2)], body, oid)
    cv.rect((min(rx, mid[0]) - 2, ry - r * 1.85, max(rx, mid[0]) + 2, ry - r * 1.5), (40, 40, 44), oid, radius=4)
    cv.line([(fx - sgn * r * 0.2, fy), (fx - sgn * r * 0.7, ry - r * 2.2)], (90, 90, 96), r * 0.22, oid)
    cv.line([(fx - sgn * r * 0.7, ry - r * 2.2), (fx - sgn * r * 1.1, ry - r * 2.3)], (40, 40, 44), r * 0.18, oid)
    cv.circle((fx - sgn * r * 0.45, ry - r * 1.7), r * 0.22, (250, 240, 190), oid)
    if box:
        cv.rect((rx - sgn * r * 0.9 - r * 0.8, ry - r * 3.1, rx - sgn * r * 0.9 + r * 0.8, ry - r * 1.6), box, oid,
                radius=4)
    return {"seat": (min(rx, mid[0]) + abs(mid[0] - rx) / 2, ry - r * 1.9), "bar": (fx - sgn * r * 1.0, ry - r * 2.25),
            "peg": (mid[0], ry - r * 0.5)}


def rider(cv, M, oid, jacket=(40, 60, 120), helmet=(240, 240, 240), sgn=1):
    """A rider sitting on motorcycle M (its seat, bar and peg points)."""
    hip = (M["seat"][0], M["seat"][1] - 4)
    sh = (hip[0] + sgn * 14, hip[1] - 58)
    cv.line([hip, (M["peg"][0] + sgn * 8, M["peg"][1] - 24), M["peg"]], (40, 40, 56), 14, oid)
    cv.polygon([(hip[0] - 12, hip[1] + 6), (hip[0] + 12, hip[1] + 6), (sh[0] + 12, sh[1]), (sh[0] - 12, sh[1])],
               jacket, oid)
    cv.line([sh, (sh[0] + sgn * 24, sh[1] + 24), M["bar"]], jacket, 10, oid)
    head = (sh[0] + sgn * 4, sh[1] - 22)
    cv.circle(head, 16, helmet, oid)
    cv.rect((head[0] + sgn * 2 - 8 + sgn * 6, head[1] - 6, head[0] + sgn * 2 + 8 + sgn * 6, head[1] + 6),
            (50, 60, 80), oid, radius=3)


def sign_pole(cv, x, top, bottom, grey=(130, 134, 140)):
    cv.rect((x - 4, top, x + 4, bottom), grey)


def sign_face(cv, kind, c, r, oid):
    """Korean road signs: 'warning' yellow triangle with a red rim, 'speed' / 'no_entry' red-rimmed
    circles, 'mandatory' a blue circle."""
    x, y = c
    if kind == "warning":
        tri = [(x, y - r), (x + r * 1.1, y + r * 0.85), (x - r * 1.1, y + r * 0.85)]
        cv.polygon(tri, (210, 30, 36), oid)
        inner = [(x, y - r * 0.62), (x + r * 0.78, y + r * 0.66), (x - r * 0.78, y + r * 0.66)]
        cv.polygon(inner, (250, 206, 40), oid)
        cv.circle((x, y - r * 0.12), r * 0.1, (20, 20, 20), oid)
        cv.line([(x, y), (x, y + r * 0.4)], (20, 20, 20), r * 0.1, oid)
    elif kind in ("speed", "no_entry"):
        cv.circle(c, r, (210, 30, 36), oid)
        cv.circle(c, r * 0.78, (250, 250, 250) if kind == "speed" else (210, 30, 36), oid)
        if kind == "no_entry":
            cv.rect((x - r * 0.62, y - r * 0.16, x + r * 0.62, y + r * 0.16), (250, 250, 250), oid)
    elif kind == "mandatory":
        cv.circle(c, r, (30, 90, 180), oid)
        cv.line([(x, y + r * 0.55), (x, y - r * 0.3)], (250, 250, 250), r * 0.2, oid)
        cv.polygon([(x, y - r * 0.65), (x + r * 0.35, y - r * 0.2), (x - r * 0.35, y - r * 0.2)], (250, 250, 250), oid)


@scene
def sc_car_single():
    """One car parked by the kerb: an easy, large object."""
    rng = np.random.default_rng(1201)
    W, H = 640, 400
    arr = gradient(W, H, (170, 200, 230), (220, 228, 236), scale=SS)
    arr[250 * SS:] = np.array((104, 106, 110), float) + blotches(rng, W, H, 20, 5, scale=SS)[250 * SS:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 230, W, 250), (176, 172, 166))
    tree_top(cv, (560, 150), 60, rng)
    cv.rect((552, 200, 568, 240), (110, 80, 50))
    cv.rect((36, 196, 56, 236), (210, 40, 40), radius=4)              # fire hydrant (not a car)
    car_side(cv, 120, 350, 420, 1, facing="right", body=(230, 190, 40))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_car_single")
    return boxes(ids, {1: "car"})


@scene
def sc_street_01():
    """A shopping street: a bus cut by the right edge and partly behind a car, a car cut by the left
    edge, a motorcycle with its rider, pedestrians (one far and small) and two road signs."""
    rng = np.random.default_rng(1202)
    W, H = 800, 460
    cv = street_background(W, H, rng, horizon=250, road=300)
    objects = {}
    attrs = {}
    sign_pole(cv, 300, 150, 300)
    sign_face(cv, "speed", (300, 140), 24, 1)
    objects[1] = "traffic_sign"
    sign_pole(cv, 520, 176, 300)
    sign_face(cv, "warning", (520, 170), 22, 2)
    objects[2] = "traffic_sign"
    person_side(cv, 90, 296, 130, 3, (60, 110, 170), (50, 50, 60), facing=1)
    objects[3] = "person"
    person_side(cv, 420, 290, 70, 4, (200, 120, 60), (60, 50, 50), facing=-1)
    objects[4] = "person"
    person_side(cv, 690, 298, 140, 5, (230, 230, 220), (40, 40, 70), facing=-1)
    objects[5] = "person"
    bus_side(cv, 470, 400, 400, 6, facing="left")
    objects[6] = "bus"
    car_side(cv, 300, 440, 300, 7, facing="left", body=(220, 220, 224))
    objects[7] = "car"
    car_side(cv, -120, 420, 300, 8, facing="right", body=(40, 80, 160))
    objects[8] = "car"
    M = motorcycle(cv, (232, 430), (324, 430), 24, 9)
    objects[9] = "motorcycle"
    rider(cv, M, 10)
    objects[10] = "person"
    img, ids = cv.reduce()
    shop_names(img, W, ["행복분식", "서울약국", "24시 편의점", "미용실"])
    put_text(img, (300, 141), "30", font("sans-b", 22), (20, 20, 20, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_street_01")
    # the bus is behind the white car, the white car's rear behind the motorcycle's front wheel, the
    # motorcycle behind its rider's leg, the right pedestrian's legs behind the bus
    attrs = {6: {"truncated": True, "occluded": True}, 7: {"truncated": False, "occluded": True},
             8: {"truncated": True, "occluded": False}, 9: {"truncated": False, "occluded": True}}
    for oid in (3, 4, 5, 10):
        attrs[oid] = {"occluded": oid == 5}
    return boxes(ids, objects, attrs, cv=cv)


@scene
def sc_delivery():
    """A delivery rider on a motorcycle with a box, a parked scooter and a pedestrian."""
    rng = np.random.default_rng(1203)
    W, H = 720, 440
    cv = street_background(W, H, rng, horizon=240, road=290)
    objects = {}
    person_side(cv, 640, 286, 150, 1, (120, 60, 140), (40, 40, 50), facing=-1)
    objects[1] = "person"
    motorcycle(cv, (450, 282), (530, 282), 22, 2, body=(240, 240, 236))
    objects[2] = "motorcycle"
    M = motorcycle(cv, (150, 400), (290, 400), 38, 3, body=(200, 40, 40), box=(250, 250, 250))
    objects[3] = "motorcycle"
    rider(cv, M, 4, jacket=(30, 40, 60), helmet=(250, 200, 40))
    objects[4] = "person"
    img, ids = cv.reduce()
    shop_names(img, W, ["치킨나라", "꽃집", "세탁소", "분식"])
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_delivery")
    return boxes(ids, objects)


@scene
def sc_desk_top():
    """A desk seen from above: laptop, mug and phone; a pen and a notebook are not targets."""
    rng = np.random.default_rng(1204)
    W, H = 640, 440
    arr = gradient(W, H, (196, 160, 120), (176, 140, 100), horizontal=True, scale=SS)
    arr += blotches(rng, W, H, 30, 5, scale=SS)
    cv = Canvas(W, H, arr)
    cv.rect((430, 250, 600, 410), (240, 236, 226))                    # notebook (not a target)
    cv.line([(450, 270), (580, 270)], (170, 170, 200), 2)
    cv.line([(450, 300), (580, 300)], (170, 170, 200), 2)
    cv.line([(470, 220), (610, 190)], (30, 60, 140), 7)                # pen (not a target)
    cv.rect((60, 60, 380, 270), (60, 62, 68), 1, radius=10)            # laptop lid / screen
    cv.rect((74, 72, 366, 256), (120, 170, 210), 1)
    cv.rect((50, 270, 390, 400), (150, 152, 158), 1, radius=10)        # keyboard half
    for r in range(4):
        for k in range(12):
            cv.rect((70 + k * 26, 284 + r * 22, 90 + k * 26, 300 + r * 22), (70, 72, 78), 1, radius=2)
    cv.rect((170, 372, 270, 394), (130, 132, 138), 1, radius=4)
    cv.circle((500, 110), 52, (250, 250, 250), 2)                      # mug from above
    cv.circle((500, 110), 40, (90, 56, 30), 2)
    cv.rect((548, 100, 584, 120), (250, 250, 250), 2, radius=8)        # handle
    cv.polygon(rounded_rect_pts(250, 360, 60, 120, 10, angle=-20), (24, 24, 28), 3)   # phone over the laptop
    cv.polygon(rounded_rect_pts(250, 360, 50, 104, 6, angle=-20), (60, 80, 120), 3)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_desk_top")
    return boxes(ids, {1: "laptop", 2: "mug", 3: "phone"})



def snack_bag(cv, x0, y0, x1, y1, colour, oid):
    """A pillow-shaped snack bag standing on a shelf, crimped at the top and bottom."""
    cv.polygon([(x0 + 4, y0), (x1 - 4, y0), (x1, y0 + 14), (x1 - 2, y1 - 14), (x1 - 4, y1), (x0 + 4, y1),
                (x0 + 2, y1 - 14), (x0, y0 + 14)], colour, oid)
    for y in (y0 + 2, y1 - 8):
        cv.rect((x0 + 4, y, x1 - 4, y + 6), tuple(int(c * 0.8) for c in colour), oid)
    cv.ellipse((x0 + 10, (y0 + y1) / 2 - 16, x1 - 10, (y0 + y1) / 2 + 16), (250, 240, 220), oid)


@scene
def sc_shelf_snacks():
    """A mart shelf: cereal boxes, snack bags and cans; one bag leans in front of a box."""
    rng = np.random.default_rng(1205)
    W, H = 720, 460
    cv = Canvas(W, H, gradient(W, H, (236, 234, 228), (210, 206, 198), scale=SS))
    cv.rect((20, 10, 700, 440), (200, 204, 210))
    objects = {}
    # upper shelf: boxes and a bag in front of the second box
    cv.rect((40, 60, 130, 200), (220, 120, 40), 1)
    objects[1] = "box"
    cv.rect((140, 50, 240, 200), (60, 120, 190), 2)
    objects[2] = "box"
    snack_bag(cv, 200, 100, 290, 200, (200, 40, 60), 3)
    objects[3] = "bag"
    cv.rect((310, 70, 400, 200), (90, 160, 80), 4)
    objects[4] = "box"
    for k, x in enumerate(range(430, 690, 52)):
        can(cv, x, 118, x + 46, 200, [(230, 200, 40), (200, 40, 40), (60, 60, 60), (40, 120, 200), (240, 240, 240)][k],
            5 + k)
        objects[5 + k] = "can"
    cv.rect((20, 200, 700, 216), (150, 154, 160))
    # lower shelf: a row of bags, overlapping
    for k, (x, col) in enumerate(((40, (250, 200, 40)), (110, (240, 120, 30)), (180, (120, 60, 160)),
                                 (250, (40, 150, 90)))):
        snack_bag(cv, x, 300, x + 90, 420, col, 10 + k)
        objects[10 + k] = "bag"
    for k, x in enumerate((400, 500, 600)):
        cv.rect((x, 300 - k * 10, x + 88, 420), [(180, 40, 40), (240, 240, 230), (40, 80, 160)][k], 14 + k)
        objects[14 + k] = "box"
    cv.rect((20, 420, 700, 440), (150, 154, 160))
    for x in (60, 330, 520):                                            # price tags (not products)
        cv.rect((x, 203, x + 60, 214), (250, 250, 120))
        cv.rect((x, 423, x + 60, 436), (250, 250, 120))
    img, ids = cv.reduce()
    for (x, y, t, c) in ((85, 130, "콘칩", (255, 255, 255)), (170, 76, "시리얼", (255, 255, 255)),
                         (355, 130, "쿠키", (255, 255, 255)), (444, 350, "라면", (255, 255, 255)),
                         (544, 350, "과자", (40, 40, 40)), (644, 350, "김", (255, 255, 255))):
        put_text(img, (x, y), t, font("sans-b", 20), c + (255,), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_shelf_snacks")
    occluded = {2, 10, 11, 12}
    return boxes(ids, objects, {oid: {"occluded": oid in occluded} for oid in objects}, cv=cv)


@scene
def sc_fridge():
    """A convenience-store drinks fridge: three shelves of small bottles and cans; the door frame
    hides part of the left column and the image's right edge cuts the last column."""
    rng = np.random.default_rng(1206)
    W, H = 520, 600
    cv = Canvas(W, H, gradient(W, H, (226, 232, 236), (200, 208, 214), scale=SS))
    cv.rect((0, 0, W, H), (214, 222, 228))
    objects = {}
    oid = 0
    palette = [(40, 120, 70), (200, 40, 40), (40, 90, 190), (230, 200, 40), (240, 240, 240), (120, 60, 30)]
    for row, floor in enumerate((180, 370, 560)):
        x = 10
        k = 0
        while x < W:
            oid += 1
            col = palette[(row * 3 + k) % len(palette)]
            if (row + k) % 3 == 0:
                can(cv, x, floor - 80, x + 46, floor, col, oid)
                objects[oid] = "can"
                x += 56
            else:
                bottle(cv, x, x + 50, floor, floor - 100, floor - 160, col, (230, 230, 230), oid,
                       label=(250, 250, 240))
                objects[oid] = "bottle"
                x += 62
            k += 1
        cv.rect((0, floor, W, floor + 10), (150, 156, 162))
    cv.rect((0, 0, 30, H), (90, 96, 104))                               # door frame in front
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.08), "sc_fridge")
    refs = []
    for o, label in objects.items():
        if not (ids == o).any():
            continue
        b = visible_box(ids, o)
        refs.append({"label": label, "box": b,
                     "attributes": {"truncated": b[0] + b[2] >= W, "occluded": b[0] <= 30}})
        check_occluded(cv, ids, {o: refs[-1]["attributes"]})
    return refs


def worker(cv, x, feet, h, oid_body, oid_head, vest=(250, 140, 30), helmet=None, skin=(226, 182, 146)):
    """A construction worker facing the camera; the head (and its helmet) has its own id."""
    top = feet - h
    head_r = h * 0.075
    cv.line([(x - h * 0.06, top + h * 0.55), (x - h * 0.07, feet)], (50, 60, 90), h * 0.08, oid_body)
    cv.line([(x + h * 0.06, top + h * 0.55), (x + h * 0.07, feet)], (50, 60, 90), h * 0.08, oid_body)
    cv.rect((x - h * 0.12, top + h * 0.2, x + h * 0.12, top + h * 0.58), vest, oid_body, radius=h * 0.03)
    cv.rect((x - h * 0.12, top + h * 0.38, x + h * 0.12, top + h * 0.41), (230, 230, 230), oid_body)
    for sx in (-1, 1):
        cv.line([(x + sx * h * 0.12, top + h * 0.23), (x + sx * h * 0.17, top + h * 0.5)], vest, h * 0.05, oid_body)
    head = (x, top + h * 0.11)
    cv.circle(head, head_r, skin, oid_head)
    if helmet:
        cv.ellipse((head[0] - head_r * 1.2, head[1] - head_r * 1.35, head[0] + head_r * 1.2, head[1] + head_r * 0.1),
                   helmet, oid_head)
        cv.rect((head[0] - head_r * 1.45, head[1] - head_r * 0.05, head[0] + head_r * 1.45, head[1] + head_r * 0.15),
                helmet, oid_head)
    else:
        cv.ellipse((head[0] - head_r, head[1] - head_r * 1.1, head[0] + head_r, head[1] - head_r * 0.2), (40, 30, 24),
                   oid_head)


def dump_truck(cv, x0, y_ground, L, oid, body=(236, 180, 30)):
    h = L * 0.45
    cv.rect((x0, y_ground - h, x0 + L * 0.66, y_ground - h * 0.35), body, oid)
    cv.polygon([(x0 - 6, y_ground - h - 8), (x0 + L * 0.68, y_ground - h - 8), (x0 + L * 0.66, y_ground - h),
                (x0, y_ground - h)], tuple(int(c * 0.8) for c in body), oid)
    cv.rect((x0 + L * 0.7, y_ground - h * 0.85, x0 + L, y_ground - h * 0.35), body, oid, radius=6)
    cv.rect((x0 + L * 0.76, y_ground - h * 0.78, x0 + L * 0.95, y_ground - h * 0.55), (150, 190, 214), oid)
    cv.rect((x0, y_ground - h * 0.38, x0 + L, y_ground - h * 0.3), (60, 60, 64), oid)
    for f in (0.15, 0.4, 0.85):
        cv.circle((x0 + f * L, y_ground - L * 0.09), L * 0.09, (30, 30, 32), oid)
        cv.circle((x0 + f * L, y_ground - L * 0.09), L * 0.04, (160, 160, 166), oid)


def cone(cv, x, base, h, oid):
    cv.polygon([(x - h * 0.18, base), (x - h * 0.05, base - h), (x + h * 0.05, base - h), (x + h * 0.18, base)],
               (240, 110, 30), oid)
    cv.rect((x - h * 0.12, base - h * 0.55, x + h * 0.12, base - h * 0.42), (250, 250, 250), oid)
    cv.rect((x - h * 0.26, base - 4, x + h * 0.26, base + 2), (60, 60, 60), oid)


@scene
def sc_site():
    """A construction site: a dump truck, traffic cones, six workers (four with hard hats, two
    without); one worker partly behind the truck, one cut by the left edge."""
    rng = np.random.default_rng(1207)
    W, H = 800, 460
    arr = gradient(W, H, (180, 206, 230), (222, 228, 232), scale=SS)
    arr[250 * SS:] = np.array((156, 128, 96), float) + blotches(rng, W, H, 16, 9, scale=SS)[250 * SS:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 120, 800, 250), (190, 190, 186))                         # fence panels
    for x in range(0, W, 80):
        cv.rect((x, 120, x + 4, 250), (120, 120, 120))
    objects, heads = {}, {}
    # workers farther away than the truck are drawn before it: (x, feet, height, helmet)
    specs = [(470, 330, 150, (250, 250, 250)), (600, 300, 90, None),
             (14, 430, 200, (250, 200, 40)), (160, 420, 190, None), (300, 440, 170, (250, 250, 250)),
             (712, 440, 210, (30, 90, 200))]
    for k, (x, feet, h, helmet) in enumerate(specs):
        if k == 2:
            dump_truck(cv, 360, 400, 300, 20)
            objects[20] = "truck"
        worker(cv, x, feet, h, 1 + k, 51 + k, vest=(250, 140, 30) if k % 2 else (200, 240, 60), helmet=helmet)
        objects[1 + k] = "person"
        heads[51 + k] = "helmet" if helmet else "head"
    for k, x in enumerate((230, 620)):
        cone(cv, x, 450, 60, 10 + k)
        objects[10 + k] = "cone"
    img, ids = cv.reduce()
    put_text(img, (160, 170), "안전제일", font("sans-b", 40), (30, 110, 60, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_site")
    people = []
    for oid, label in objects.items():
        whole = np.isin(ids, [oid, oid + 50]) if label == "person" else ids == oid
        ys, xs = np.nonzero(whole)
        box = [int(xs.min()), int(ys.min()), int(xs.max() + 1 - xs.min()), int(ys.max() + 1 - ys.min())]
        people.append({"label": label, "box": box,
                       "attributes": {"truncated": box[0] == 0, "occluded": oid in (1, 2)}})
        check_occluded(cv, ids, {oid: people[-1]["attributes"]})
    return {"objects": people, "heads": boxes(ids, heads)}



@scene
def sc_kr_signs():
    """A road by a school: Korean road signs of three kinds (warning triangles, red-rimmed
    regulatory circles, blue mandatory circles), one far and small, one behind a tree branch; a
    shop signboard and a bus-stop sign that are not road signs."""
    rng = np.random.default_rng(1208)
    W, H = 760, 460
    arr = gradient(W, H, (150, 190, 228), (214, 228, 238), scale=SS)
    arr[330 * SS:] = np.array((96, 98, 102), float) + blotches(rng, W, H, 20, 5, scale=SS)[330 * SS:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 240, W, 330), (186, 180, 170))
    cv.rect((420, 120, 760, 300), (206, 196, 180))                      # school wall and building
    cv.rect((440, 140, 740, 190), (40, 80, 150))                        # signboard (not a road sign)
    objects, kinds = {}, {}
    plan = [(1, "warning", (90, 110), 44, 320), (2, "speed", (90, 210), 40, None),
            (3, "mandatory", (300, 150), 38, 330), (4, "no_entry", (600, 250), 16, 300),
            (5, "warning", (690, 240), 14, 300)]
    for oid, kind, c, r, pole_bottom in plan:
        if pole_bottom:
            sign_pole(cv, c[0], c[1], pole_bottom)
        sign_face(cv, kind, c, r, oid)
        objects[oid] = {"warning": "warning_sign", "speed": "regulatory_sign", "no_entry": "regulatory_sign",
                        "mandatory": "mandatory_sign"}[kind]
        kinds[oid] = kind
    cv.rect((370, 200, 380, 330), (110, 80, 50))                        # tree trunk and a branch over sign 3
    tree_top(cv, (376, 150), 56, rng)
    cv.line([(376, 170), (320, 132)], (110, 80, 50), 8)
    cv.rect((200, 210, 232, 300), (40, 100, 60), radius=4)               # bus-stop sign (not a road sign)
    img, ids = cv.reduce()
    put_text(img, (90, 211), "30", font("sans-b", 34), (20, 20, 20, 255), anchor="mm")
    put_text(img, (590, 166), "한빛초등학교", font("sans-b", 30), (255, 255, 255, 255), anchor="mm")
    put_text(img, (216, 254), "버스", font("sans-b", 13), (255, 255, 255, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_kr_signs")
    return boxes(ids, objects, {3: {"occluded": True}, **{o: {"occluded": False} for o in objects if o != 3}}, cv=cv)


@scene
def sc_fruit_crate():
    """Apples in a wooden crate seen from the front and above: 16 apples, the front row partly
    hidden by the crate's front board, one apple cut by the right edge."""
    rng = np.random.default_rng(1209)
    W, H = 640, 440
    cv = Canvas(W, H, gradient(W, H, (120, 96, 70), (96, 76, 56), scale=SS) + blotches(rng, W, H, 20, 6, scale=SS))
    cv.rect((40, 60, 620, 380), (170, 124, 76))                         # crate inside
    objects, centres = {}, {}
    oid = 0
    rows = ((120, 38, (110, 200, 290, 380, 470, 560)), (200, 40, (90, 180, 272, 364, 456)),
            (300, 42, (140, 240, 340, 440, 610)))
    for y, r, xs in rows:
        for x in xs:
            oid += 1
            x += rng.uniform(-6, 6)
            y2 = y + rng.uniform(-6, 6)
            red = (200 + rng.integers(0, 40), 30 + rng.integers(0, 30), 40)
            cv.circle((x, y2), r, red, oid)
            centres[oid] = ((x, y2), r)
            cv.circle((x - r * 0.35, y2 - r * 0.35), r * 0.22, (240, 120, 110), oid)
            cv.line([(x, y2 - r * 0.9), (x + 3, y2 - r * 1.15)], (90, 60, 30), 3, oid)
            objects[oid] = "apple"
    cv.rect((20, 320, 640, 400), (196, 150, 100))                       # front board hides the front row
    cv.rect((20, 320, 640, 326), (150, 110, 70))
    img, ids = cv.reduce()
    put_text(img, (330, 362), "청송 사과 10kg", font("sans-b", 30), (120, 40, 30, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_fruit_crate")
    refs = []
    yy, xx = np.mgrid[0:H, 0:W] + 0.5
    for o in objects:
        (x, y), r = centres[o]
        whole = (xx - x) ** 2 + (yy - y) ** 2 <= r * r
        seen = whole & (ids == o)
        b = visible_box(ids, o)
        refs.append({"label": "apple", "box": b,
                     "attributes": {"occluded": bool(seen.sum() < whole.sum() - 30), "truncated": x + r > W}})
        check_occluded(cv, ids, {o: refs[-1]["attributes"]})
    return refs


@scene
def sc_bus_stop():
    """A bus at a stop; four people waiting, one behind the shelter's advertising panel, a child
    whose feet are hidden by the bus."""
    rng = np.random.default_rng(1210)
    W, H = 760, 440
    cv = street_background(W, H, rng, horizon=230, road=300)
    objects = {}
    person_side(cv, 590, 296, 150, 1, (90, 140, 90), (50, 50, 60), facing=-1)     # behind the panel
    objects[1] = "person"
    cv.rect((520, 120, 740, 130), (90, 96, 104))                                  # shelter roof
    cv.rect((530, 130, 538, 300), (90, 96, 104))
    cv.rect((724, 130, 732, 300), (90, 96, 104))
    cv.rect((560, 150, 650, 270), (240, 240, 236), outline=(70, 74, 80), width=4)  # ad panel in front
    cv.rect((566, 156, 644, 264), (230, 120, 140))
    for k, (x, h, shirt) in enumerate(((680, 160, (40, 60, 120)), (470, 146, (220, 200, 60)),
                                       (380, 100, (200, 60, 60)))):
        person_side(cv, x, 298 + k * 2, h, 2 + k, shirt, (40, 40, 50), facing=-1)
        objects[2 + k] = "person"
    bus_side(cv, 20, 420, 400, 5, body=(40, 90, 170), facing="left")
    objects[5] = "bus"
    img, ids = cv.reduce()
    shop_names(img, W, ["정류장 약국", "빵집", "서점", "은행"])
    put_text(img, (120, 330), "간선 470", font("sans-b", 22), (255, 255, 255, 255), anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_bus_stop")
    # the person behind the panel, and the child whose feet are behind the bus
    return boxes(ids, objects, {o: {"occluded": o in (1, 4)} for o in objects}, cv=cv)


def car_rear(cv, cx, bottom, w, oid, body):
    """A car seen from behind: body, rear window, tail lights, plate, tyres."""
    h = w * 0.8
    cv.rect((cx - w * 0.42, bottom - w * 0.08, cx - w * 0.26, bottom), (30, 30, 32), oid, radius=w * 0.03)
    cv.rect((cx + w * 0.26, bottom - w * 0.08, cx + w * 0.42, bottom), (30, 30, 32), oid, radius=w * 0.03)
    cv.polygon([(cx - w * 0.34, bottom - h), (cx + w * 0.34, bottom - h), (cx + w * 0.46, bottom - h * 0.6),
                (cx + w * 0.5, bottom - h * 0.55), (cx + w * 0.5, bottom - w * 0.06),
                (cx - w * 0.5, bottom - w * 0.06), (cx - w * 0.5, bottom - h * 0.55),
                (cx - w * 0.46, bottom - h * 0.6)], body, oid)
    cv.polygon([(cx - w * 0.3, bottom - h * 0.94), (cx + w * 0.3, bottom - h * 0.94), (cx + w * 0.4, bottom - h * 0.62),
                (cx - w * 0.4, bottom - h * 0.62)], (60, 70, 84), oid)
    for sx in (-1, 1):
        cv.rect((cx + sx * w * 0.46 - w * 0.07, bottom - h * 0.52, cx + sx * w * 0.46 + w * 0.07, bottom - h * 0.4),
                (210, 30, 30), oid, radius=w * 0.02)
    cv.rect((cx - w * 0.14, bottom - h * 0.34, cx + w * 0.14, bottom - h * 0.22), (250, 250, 250), oid)


def truck_rear(cv, cx, bottom, w, oid):
    h = w * 1.15
    cv.rect((cx - w * 0.5, bottom - h, cx + w * 0.5, bottom - w * 0.12), (230, 230, 226), oid)
    cv.line([(cx, bottom - h), (cx, bottom - w * 0.12)], (170, 170, 166), 2, oid)
    cv.rect((cx - w * 0.5, bottom - w * 0.14, cx + w * 0.5, bottom - w * 0.06), (60, 60, 64), oid)
    for sx in (-1, 1):
        cv.rect((cx + sx * w * 0.36 - w * 0.1, bottom - w * 0.08, cx + sx * w * 0.36 + w * 0.1, bottom), (30, 30, 32),
                oid)
        cv.rect((cx + sx * w * 0.44 - w * 0.04, bottom - w * 0.3, cx + sx * w * 0.44 + w * 0.04, bottom - w * 0.2),
                (210, 30, 30), oid)


@scene
def sc_traffic_rear():
    """A traffic jam seen from behind the cars on a three-lane road: cars and trucks getting smaller
    with distance, nearer ones hiding parts of farther ones; two cut by the image edges."""
    rng = np.random.default_rng(1211)
    W, H = 800, 460
    arr = gradient(W, H, (170, 196, 224), (216, 224, 232), scale=SS)
    cv = Canvas(W, H, arr)
    cv.polygon([(330, 170), (470, 170), (W + 300, H), (-300, H)], (100, 102, 106))
    for t in np.linspace(0.05, 1, 9):
        for lane in (-1, 1):
            x = 400 + lane * (40 + t * 300)
            y = 170 + t * 290
            cv.line([(x, y), (x + lane * 12 * t, y + 18 * t)], (230, 230, 220), max(1.5, 5 * t))
    # far to near, each (lane x at its y, bottom, width, kind, colour)
    plan = [(395, 196, 50, "car", (200, 200, 206)), (452, 204, 56, "truck", None),
            (520, 210, 58, "car", (40, 80, 160)), (470, 236, 80, "car", (30, 30, 34)), (300, 262, 100, "truck", None),
            (560, 300, 130, "car", (230, 230, 230)),
            (400, 330, 150, "car", (190, 40, 40)), (40, 420, 220, "car", (60, 120, 80)),
            (760, 440, 240, "truck", None)]
    objects = {}
    for oid, (x, bottom, w, kind, colour) in enumerate(plan, start=1):
        if kind == "car":
            car_rear(cv, x, bottom, w, oid, colour)
        else:
            truck_rear(cv, x, bottom, w, oid)
        objects[oid] = kind
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_traffic_rear")
    refs = []
    for o, label in objects.items():
        x, bottom, w, kind, colour = plan[o - 1]
        alone = Canvas(W, H, (0, 0, 0))
        if kind == "car":
            car_rear(alone, x, bottom, w, o, colour)
        else:
            truck_rear(alone, x, bottom, w, o)
        whole = int((alone.reduce()[1] == o).sum())
        seen = int((ids == o).sum())
        refs.append({"label": label, "box": visible_box(ids, o),
                     "attributes": {"truncated": x - 0.53 * w < 0 or x + 0.53 * w > W, "occluded": seen < whole - 10}})
        check_occluded(cv, ids, {o: refs[-1]["attributes"]})
    return refs


def scooter_top(cv, c, heading, oid, colour=(230, 60, 50)):
    """A motorcycle seen from above: a long narrow body, handlebar, rider's helmet."""
    th = math.radians(heading)
    ux, uy = math.cos(th), math.sin(th)
    a = (c[0] - ux * 36, c[1] - uy * 36)
    b = (c[0] + ux * 36, c[1] + uy * 36)
    cv.line([a, b], (30, 30, 32), 14, oid)
    cv.line([(c[0] - ux * 20, c[1] - uy * 20), (c[0] + ux * 18, c[1] + uy * 18)], colour, 18, oid)
    bar = (c[0] + ux * 26, c[1] + uy * 26)
    cv.line([(bar[0] - uy * 18, bar[1] + ux * 18), (bar[0] + uy * 18, bar[1] - ux * 18)], (60, 60, 64), 5, oid)


def person_top(cv, c, oid, shirt):
    cv.ellipse((c[0] - 18, c[1] - 10, c[0] + 18, c[1] + 10), shirt, oid)
    cv.circle(c, 9, (40, 30, 24), oid)


@scene
def sc_parking_top():
    """A parking lot seen from above (drone): cars in bays at different headings, a motorcycle and
    two people walking; one car cut by the top edge, one under a tree."""
    rng = np.random.default_rng(1212)
    W, H = 760, 480
    arr = np.zeros((H * SS, W * SS, 3)) + np.array((96, 98, 100), float) + blotches(rng, W, H, 30, 4, scale=SS)
    cv = Canvas(W, H, arr)
    white = (232, 232, 226)
    for x in range(40, W, 90):
        cv.rect((x - 2, 0, x + 2, 170), white)
        cv.rect((x - 2, 310, x + 2, 480), white)
    objects = {}
    plan = [(85, 40, (220, 220, 224), -90), (175, 96, (40, 70, 150), 90), (355, 92, (200, 40, 40), -90),
            (445, 96, (30, 30, 34), 90), (625, 92, (230, 200, 40), -90), (130, 392, (150, 154, 160), 90),
            (310, 392, (240, 240, 240), -90), (580, 240, (60, 120, 80), 0)]
    for oid, (x, y, colour, heading) in enumerate(plan, start=1):
        car_top(cv, x, y, colour, oid, heading)
        objects[oid] = "car"
    scooter_top(cv, (480, 400), -90, 9)
    objects[9] = "motorcycle"
    person_top(cv, (250, 250), 10, (60, 90, 170))
    objects[10] = "person"
    person_top(cv, (700, 380), 11, (200, 120, 40))
    objects[11] = "person"
    tree_top(cv, (672, 60), 56, rng)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_parking_top")
    attrs = {o: {"truncated": o == 1, "occluded": o == 5} for o in objects}
    return boxes(ids, objects, attrs, cv=cv)



def dog_joints(x, ground, s):
    """Joints of draw_dog for a dog facing left whose nose is at x, paws on `ground`, scale s."""
    return {"nose": (x, ground - 176 * s), "withers": (x + 118 * s, ground - 152 * s),
            "tail_base": (x + 308 * s, ground - 146 * s), "tail_tip": (x + 366 * s, ground - 232 * s),
            "left_front_paw": (x + 106 * s, ground), "right_front_paw": (x + 146 * s, ground - 4 * s),
            "left_hind_paw": (x + 308 * s, ground), "right_hind_paw": (x + 312 * s, ground - 2 * s)}


@scene
def sc_park():
    """A park path: two dogs (the far one behind a bench), a person walking behind the near dog, a
    bicycle parked in front of a tree."""
    rng = np.random.default_rng(1213)
    W, H = 760, 440
    arr = gradient(W, H, (170, 206, 236), (214, 228, 236), scale=SS)
    arr[250 * SS:] = np.array((110, 160, 90), float) + blotches(rng, W, H, 20, 8, scale=SS)[250 * SS:]
    cv = Canvas(W, H, arr)
    cv.polygon([(0, 330), (W, 300), (W, 360), (0, 400)], (200, 186, 160))          # path
    tree_top(cv, (640, 120), 70, rng)
    cv.rect((630, 170, 652, 300), (110, 80, 50))
    objects = {}
    draw_dog(cv, dog_joints(380, 290, 0.45), 1, coat=(60, 50, 44))                  # far dog behind the bench
    objects[1] = "dog"
    cv.rect((300, 250, 470, 262), (150, 100, 60))                                   # bench: back rest
    cv.rect((300, 272, 470, 282), (150, 100, 60))                                   # seat
    cv.rect((310, 282, 318, 306), (80, 80, 84))
    cv.rect((452, 282, 460, 306), (80, 80, 84))
    person_side(cv, 200, 380, 210, 2, (90, 60, 140), (50, 50, 60), facing=-1)
    objects[2] = "person"
    draw_dog(cv, dog_joints(60, 392, 0.55), 3, coat=(214, 170, 110))                # near dog on a walk
    objects[3] = "dog"
    cv.line([(120, 290), (176, 268)], (200, 40, 40), 2)                             # lead (not part of either)
    bicycle(cv, (560, 320), (680, 320), 42, 4, frame=(40, 130, 200))
    objects[4] = "bicycle"
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.1), "sc_park")
    return boxes(ids, objects, {o: {"occluded": o in (1, 2)} for o in objects}, cv=cv)



# ================================================================ polygon scenes

def blob(rng, c, R, n=72, rough=0.12, angle=0.0, stretch=1.0):
    """A smooth random closed outline around c (cells, lakes, stains): radius R modulated by a few
    low harmonics; stretch > 1 elongates it along `angle` (degrees)."""
    ks = range(2, 6)
    amps = [rng.uniform(0, rough) / (k - 1) for k in ks]
    phases = [rng.uniform(0, 2 * math.pi) for _ in ks]
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        r = R * (1 + sum(a * math.cos(k * t + p) for a, k, p in zip(amps, ks, phases, strict=True)))
        pts.append((c[0] + r * math.cos(t) * stretch, c[1] + r * math.sin(t)))
    g = Polygon(pts)
    return affinity.rotate(g, angle, origin=c) if angle else g


def clip(g, W, H):
    return g.intersection(sbox(0, 0, W, H))


def pref(label, g, tolerance=0.3, **attributes):
    assert g.geom_type == "Polygon" and not g.interiors, (label, g.geom_type)
    ref = {"label": label, "points": poly_ref(g, tolerance)}
    if attributes:
        ref["attributes"] = attributes
    return ref


def aerial(W, H, rng, base=(112, 140, 88), amp=8, cell=24):
    return np.zeros((H * SS, W * SS, 3)) + np.array(base, float) + blotches(rng, W, H, cell, amp, scale=SS)


@scene
def sc_sat_fields():
    """Farmland from above: six paddy fields (tilted quadrilaterals) between a road and a
    stream; the top-right field is cut by the image edge. Field = the field's flat surface inside
    its levee (the pale strip around it is not the field)."""
    rng = np.random.default_rng(1301)
    W, H = 720, 480
    cv = Canvas(W, H, aerial(W, H, rng, base=(150, 150, 120), amp=6))
    road = Polygon([(0, 230), (W, 190), (W, 214), (0, 256)])
    stream = sbox(504, 0, 522, H)
    fields = [Polygon([(30, 30), (220, 20), (230, 200), (40, 214)]),
              Polygon([(240, 18), (470, 8), (478, 186), (250, 198)]),
              Polygon([(560, 4), (760, -4), (760, 170), (570, 180)]),
              Polygon([(28, 280), (250, 268), (256, 460), (36, 470)]),
              Polygon([(270, 266), (470, 256), (474, 452), (276, 458)]),
              Polygon([(548, 246), (700, 238), (708, 430), (556, 440)])]
    colours = [(96, 140, 70), (120, 160, 80), (100, 150, 90), (150, 170, 90), (90, 130, 76), (130, 150, 70)]
    for k, f in enumerate(fields):
        cv.geom(f.buffer(7, join_style=2), (196, 186, 150))                # levee around the field
        cv.geom(f, colours[k], k + 1)
        for j in range(1, 6):                                              # planting rows inside
            a = f.exterior.coords
            p = (a[0][0] + (a[3][0] - a[0][0]) * j / 6, a[0][1] + (a[3][1] - a[0][1]) * j / 6)
            q = (a[1][0] + (a[2][0] - a[1][0]) * j / 6, a[1][1] + (a[2][1] - a[1][1]) * j / 6)
            cv.line([p, q], tuple(c - 14 for c in colours[k]), 1.2, k + 1)
    cv.geom(road, (150, 150, 150))
    cv.geom(stream, (90, 130, 170))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_sat_fields")
    out = []
    for f in fields:
        seen = clip(f, W, H).difference(stream)
        assert seen.geom_type == "Polygon", seen.geom_type
        out.append(pref("field", seen, truncated=not f.within(sbox(0, 0, W, H))))
    return out


@scene
def sc_sat_water():
    """A reservoir and a river seen from above. The river enters at the top edge and leaves at the
    right edge (its polygon follows the image edges there); a bridge crosses the river."""
    rng = np.random.default_rng(1302)
    W, H = 720, 480
    cv = Canvas(W, H, aerial(W, H, rng, base=(104, 140, 84), amp=6, cell=30))
    lake = blob(rng, (220, 300), 120, rough=0.22, stretch=1.35, angle=-15)
    t = np.linspace(0, 1, 40)
    centre = [(430 + 240 * u + 40 * math.sin(5 * u), -10 + 300 * u + 30 * math.sin(4 * u)) for u in t]
    centre += [(680 + 80 * u, 290 + 40 * u) for u in np.linspace(0, 1, 5)[1:]]
    river = LineString(centre).buffer(26, cap_style=2)
    bridge = affinity.rotate(sbox(562, 85, 578, 235), 40, origin=(570, 160))
    cv.geom(lake.buffer(6), (190, 180, 140))                                 # sandy shore (not water)
    cv.geom(lake, (60, 110, 160), 1)
    cv.geom(river, (70, 120, 166), 2)
    cv.geom(bridge, (170, 170, 166))
    for c, r in (((90, 120), 26), ((380, 430), 30), ((640, 420), 24), ((300, 120), 22)):
        tree_top(cv, c, r, rng)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_sat_water")
    river_seen = clip(river, W, H).difference(bridge)
    parts = sorted(getattr(river_seen, "geoms", [river_seen]), key=lambda g: g.bounds[0])
    return [pref("water", lake, truncated=False)] + [pref("water", g, truncated=True) for g in parts]


@scene
def sc_sat_apartments():
    """An apartment complex from above: tilted rectangular blocks (아파트 동), an L-shaped block,
    two blocks cut by the image edges and one with a tree over its corner."""
    rng = np.random.default_rng(1303)
    W, H = 760, 500
    cv = Canvas(W, H, aerial(W, H, rng, base=(120, 126, 118), amp=6))
    for y in (150, 330):
        cv.rect((0, y, W, y + 24), (84, 86, 90))
    blocks = [affinity.rotate(sbox(40, 30, 250, 80), -8, origin=(145, 55)),
              affinity.rotate(sbox(300, 40, 520, 92), -8, origin=(410, 66)),
              affinity.rotate(sbox(600, 20, 800, 74), -8, origin=(700, 47)),
              Polygon([(60, 200), (300, 200), (300, 250), (130, 250), (130, 310), (60, 310)]),
              affinity.rotate(sbox(380, 200, 600, 252), 10, origin=(490, 226)),
              affinity.rotate(sbox(100, 380, 320, 436), 0, origin=(210, 408)),
              affinity.rotate(sbox(420, 376, 660, 430), -6, origin=(540, 403)),
              affinity.rotate(sbox(640, 440, 800, 520), -6, origin=(720, 480))]
    for k, b in enumerate(blocks):
        cv.geom(b, (206, 206, 200) if k % 2 else (190, 196, 204), k + 1)
        c = b.centroid
        cv.rect((c.x - 10, c.y - 6, c.x + 10, c.y + 6), (150, 152, 156), k + 1)       # roof equipment
    tree = [((232, 84), 30)]
    for c, r in tree + [((340, 280), 24), ((700, 300), 26), ((30, 440), 28)]:
        tree_top(cv, c, r, rng)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_sat_apartments")
    crown = circle_geom((232, 84), 30)
    out = []
    for b in blocks:
        seen = clip(b, W, H).difference(crown)
        out.append(pref("building", seen, truncated=not b.within(sbox(0, 0, W, H)),
                        occluded=seen.area < clip(b, W, H).area - 1))
    check_occluded(cv, ids, {k + 1: ref["attributes"] for k, ref in enumerate(out)})
    return out


@scene
def sc_sat_greenhouses():
    """Greenhouses (비닐하우스) in rows from above: eleven long white tunnels, slightly tilted,
    one cut by the left edge; a farm road and a storage shed (not a greenhouse)."""
    rng = np.random.default_rng(1304)
    W, H = 760, 480
    cv = Canvas(W, H, aerial(W, H, rng, base=(130, 120, 96), amp=7))
    cv.polygon([(0, 250), (W, 226), (W, 250), (0, 274)], (170, 164, 150))
    cv.rect((640, 280, 720, 340), (90, 110, 140))                            # shed (not a greenhouse)
    houses = []
    for k in range(6):
        houses.append(affinity.rotate(sbox(30 + k * 116, 20, 30 + k * 116 + 84, 220), -2, origin=(360, 120)))
    for k in range(5):
        houses.append(affinity.rotate(sbox(-40 + k * 130, 300, -40 + k * 130 + 96, 470), -2, origin=(360, 380)))
    for k, g in enumerate(houses):
        cv.geom(g, (232, 236, 236), k + 1)
        x0, y0, x1, y1 = g.bounds
        for j in range(1, 8):                                               # hoops, kept inside the roof
            y = y0 + (y1 - y0) * j / 8
            hoop = LineString([(x0 - 10, y), (x1 + 10, y - 3)]).intersection(g.buffer(-4))
            cv.line(list(hoop.coords), (200, 204, 206), 1.5, k + 1, round_caps=False)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_sat_greenhouses")
    return [pref("greenhouse", clip(g, W, H), truncated=not g.within(sbox(0, 0, W, H))) for g in houses]


def cell(cv, rng, g, oid, body=(214, 150, 190), nucleus=(120, 60, 140)):
    cv.geom(g, body, oid)
    c = g.centroid
    cv.geom(blob(rng, (c.x + rng.uniform(-6, 6), c.y + rng.uniform(-6, 6)), math.sqrt(g.area) * 0.2, rough=0.1),
            nucleus, oid)


@scene
def sc_cells_few():
    """Three large stained cells (smooth outlines, each with a dark nucleus) on a pale background."""
    rng = np.random.default_rng(1305)
    W, H = 560, 420
    cv = Canvas(W, H, aerial(W, H, rng, base=(238, 226, 232), amp=4, cell=30))
    cells = [blob(rng, (140, 150), 80, rough=0.2), blob(rng, (380, 130), 70, rough=0.25, stretch=1.2, angle=20),
             blob(rng, (300, 310), 76, rough=0.2, stretch=1.3, angle=-10)]
    for k, g in enumerate(cells):
        cell(cv, rng, g, k + 1)
    for _ in range(30):                                                      # debris (not cells)
        cv.circle((rng.uniform(0, W), rng.uniform(0, H)), rng.uniform(1, 3), (200, 170, 196))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_cells_few")
    return [pref("cell", g) for g in cells]


@scene
def sc_cells_many():
    """A crowded field of cells: twelve cells, some pressed against each other (the upper one
    hides part of the lower), three cut by the image edges."""
    rng = np.random.default_rng(1306)
    W, H = 600, 460
    cv = Canvas(W, H, aerial(W, H, rng, base=(236, 228, 234), amp=4, cell=30))
    centres = [(70, 80), (190, 60), (296, 86), (450, 70), (570, 110), (110, 220), (240, 230), (380, 210),
               (520, 250), (60, 380), (230, 380), (400, 370)]
    cells = [blob(rng, c, rng.uniform(46, 62), rough=0.2, stretch=rng.uniform(1.0, 1.3),
                  angle=rng.uniform(0, 180)) for c in centres]
    for k, g in enumerate(cells):
        cell(cv, rng, g, k + 1, body=(206 + k % 3 * 10, 150, 196 - k % 3 * 10))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_cells_many")
    out = []
    frame = sbox(0, 0, W, H)
    for k, g in enumerate(cells):
        seen = clip(g, W, H)
        for later in cells[k + 1:]:
            seen = seen.difference(later)
        assert seen.geom_type == "Polygon", (k, seen.geom_type)
        out.append(pref("cell", seen, truncated=not g.within(frame), occluded=seen.area < clip(g, W, H).area - 1))
    check_occluded(cv, ids, {k + 1: ref["attributes"] for k, ref in enumerate(out)})
    return {"polygons": out, "boxes": drawn_boxes(cv, ids, {k + 1: "cell" for k in range(len(cells))})}


@scene
def sc_tissue():
    """A stained tissue section: four glands (each a ring of cells around a pale lumen; the gland
    is the outer outline, lumen included) and two small blood vessels."""
    rng = np.random.default_rng(1307)
    W, H = 640, 460
    cv = Canvas(W, H, aerial(W, H, rng, base=(232, 190, 214), amp=6, cell=20))
    glands = [blob(rng, (150, 130), 90, rough=0.25, stretch=1.3, angle=30), blob(rng, (440, 120), 80, rough=0.3),
              blob(rng, (200, 340), 70, rough=0.3, stretch=1.4, angle=-20),
              blob(rng, (500, 340), 96, rough=0.25, stretch=1.2, angle=70)]
    for k, g in enumerate(glands):
        cv.geom(g, (150, 70, 140), k + 1)
        lumen = g.buffer(-14)
        cv.geom(lumen, (246, 230, 240), k + 1)
        ring = g.buffer(-6).exterior
        for _ in range(40):                                                  # nuclei inside the ring
            p = ring.interpolate(rng.uniform(0, ring.length))
            cv.circle((p.x + rng.uniform(-1.5, 1.5), p.y + rng.uniform(-1.5, 1.5)), 2.5, (80, 30, 90), k + 1)
    vessels = [ellipse_geom((330, 250), 22, 12, angle=30), ellipse_geom((600, 40), 16, 10, angle=-20)]
    for k, v in enumerate(vessels):
        cv.geom(v, (200, 40, 60), 10 + k)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_tissue")
    return [pref("gland", g) for g in glands] + [pref("vessel", v) for v in vessels]


@scene
def sc_lesion():
    """A close-up of skin with one irregular pigmented lesion and a few small freckles."""
    rng = np.random.default_rng(1308)
    W, H = 480, 400
    cv = Canvas(W, H, aerial(W, H, rng, base=(226, 180, 150), amp=5, cell=24))
    lesion = blob(rng, (250, 200), 90, rough=0.35, stretch=1.25, angle=25)
    cv.geom(lesion, (130, 84, 60), 1)
    cv.geom(blob(rng, (236, 196), 40, rough=0.3), (96, 60, 44), 1)
    for _ in range(8):
        cv.circle((rng.uniform(20, 120), rng.uniform(20, 380)), rng.uniform(2, 4), (170, 120, 96))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_lesion")
    return [pref("lesion", lesion)]



@scene
def sc_food_tray():
    """A Korean meal tray from above: rice, soup, kimchi and a side dish of seasoned greens, each in
    its bowl or dish; a spoon and chopsticks. The food is the target, not the bowl."""
    rng = np.random.default_rng(1309)
    W, H = 680, 480
    cv = Canvas(W, H, gradient(W, H, (170, 120, 80), (150, 104, 66), horizontal=True, scale=SS))
    cv.rect((30, 30, 650, 450), (214, 96, 60), radius=24)                         # tray
    dishes = {"rice": ((170, 320), 92, 74), "soup": ((400, 320), 96, 80), "kimchi": ((170, 130), 80, None),
              "side_dish": ((400, 130), 76, None)}
    foods = {}
    for name, (c, r_dish, r_food) in dishes.items():
        steel = name in ("rice", "soup")                                          # stainless bowls, china dishes
        cv.circle(c, r_dish, (196, 200, 206) if steel else (248, 248, 244))
        cv.circle(c, r_dish - 6, (150, 156, 164) if steel else (232, 232, 226))
        if r_food:
            foods[name] = circle_geom(c, r_food, n=72)
    foods["kimchi"] = blob(rng, (172, 128), 52, rough=0.35, stretch=1.2, angle=20)
    foods["side_dish"] = blob(rng, (398, 132), 46, rough=0.4)
    colour = {"rice": (246, 244, 236), "soup": (176, 96, 50), "kimchi": (206, 50, 36), "side_dish": (90, 130, 50)}
    for k, (name, g) in enumerate(foods.items()):
        cv.geom(g, colour[name], k + 1)
        x0, y0, x1, y1 = g.bounds
        inner = g.buffer(-4)
        for _ in range(70):                                                      # grains, leaves, bits
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if inner.contains(Polygon([(x - 1, y - 1), (x + 1, y - 1), (x + 1, y + 1), (x - 1, y + 1)])):
                shade = tuple(int(c * rng.uniform(0.85, 1.0)) for c in colour[name])
                cv.circle((x, y), 2, shade, k + 1)
    cv.line([(560, 60), (580, 420)], (200, 200, 206), 7)                         # chopsticks
    cv.line([(590, 60), (604, 420)], (200, 200, 206), 7)
    cv.line([(530, 250), (540, 430)], (210, 210, 214), 8)                        # spoon
    cv.ellipse((512, 200, 550, 262), (210, 210, 214))
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_food_tray")
    return [pref(name, g) for name, g in foods.items()]


@scene
def sc_defect():
    """A brushed steel plate with two scratches (thin tilted strips) and two rust stains."""
    rng = np.random.default_rng(1310)
    W, H = 640, 420
    arr = gradient(W, H, (176, 180, 186), (150, 154, 160), horizontal=True, scale=SS)
    streak = rng.normal(0, 1, (H // 3 + 2, 4)).astype(np.float32)
    arr += np.asarray(Image.fromarray(streak, "F").resize((W * SS, H * SS), Image.BICUBIC))[:, :, None] * 4
    cv = Canvas(W, H, arr)
    for x, y in ((20, 20), (600, 20), (20, 380), (600, 380)):                    # bolts (not defects)
        cv.circle((x + 10, y + 10), 10, (110, 114, 120))
    scratches = [affinity.rotate(sbox(120, 96, 330, 103), -18, origin=(225, 100)),
                 affinity.rotate(sbox(360, 290, 520, 296), 24, origin=(440, 293))]
    stains = [blob(rng, (470, 120), 44, rough=0.4, stretch=1.3, angle=30), blob(rng, (180, 300), 30, rough=0.4)]
    for k, g in enumerate(scratches):
        cv.geom(g, (70, 72, 78), k + 1)
    for k, g in enumerate(stains):
        cv.geom(g, (170, 96, 50), 10 + k)
        cv.geom(g.buffer(-8), (140, 70, 36), 10 + k)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_defect")
    return [pref("scratch", g) for g in scratches] + [pref("stain", g) for g in stains]


def leaf_geom(base, tip, width):
    """A leaf outline from its base to its tip, widest a little below the middle."""
    L = math.dist(base, tip)
    ang = math.degrees(math.atan2(tip[1] - base[1], tip[0] - base[0]))
    upper = [(L * t, -width * math.sin(math.pi * t) ** 0.9 * (1.15 - 0.3 * t)) for t in np.linspace(0, 1, 30)]
    lower = [(x, -y) for x, y in reversed(upper[1:-1])]
    g = Polygon(upper + lower)
    g = affinity.rotate(g, ang, origin=(0, 0))
    return affinity.translate(g, base[0], base[1])


@scene
def sc_leaf():
    """A pepper leaf with leaf-spot disease on a bench: the leaf (stalk not included) and four
    brown spots, each with a yellow halo that is not part of the spot."""
    rng = np.random.default_rng(1311)
    W, H = 640, 440
    cv = Canvas(W, H, gradient(W, H, (226, 222, 210), (204, 198, 186), scale=SS))
    base, tip = (140, 300), (560, 150)
    cv.line([(60, 340), base], (120, 150, 60), 8)                               # stalk
    leaf = leaf_geom(base, tip, 120)
    cv.geom(leaf, (70, 130, 50), 1)
    cv.line([base, tip], (110, 170, 80), 3, 1)                                   # midrib
    for t in (0.25, 0.45, 0.65):
        p = (base[0] + (tip[0] - base[0]) * t, base[1] + (tip[1] - base[1]) * t)
        for sgn in (-1, 1):
            cv.line([p, (p[0] + 60, p[1] + sgn * 50 - 20)], (100, 160, 70), 2, 1)
    spots = [blob(rng, c, r, rough=0.3) for c, r in (((250, 240), 18), ((360, 250), 24), ((420, 170), 14),
                                                     ((300, 300), 12))]
    for k, g in enumerate(spots):
        cv.geom(g.buffer(6), (200, 190, 70), 1)                                  # yellow halo (leaf)
        cv.geom(g, (110, 70, 40), 10 + k)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_leaf")
    return [pref("leaf", leaf)] + [pref("spot", g) for g in spots]


@scene
def sc_road_drivable():
    """A driver's view of a two-lane road: the drivable road surface, with the car's own bonnet at
    the bottom, a truck parked over the left edge (and cut by the image edge) and a car parked over the right edge."""
    rng = np.random.default_rng(1312)
    W, H = 760, 440
    arr = gradient(W, H, (150, 190, 230), (220, 228, 236), scale=SS)
    arr[200 * SS:] = np.array((120, 150, 96), float) + blotches(rng, W, H, 20, 6, scale=SS)[200 * SS:]
    cv = Canvas(W, H, arr)
    road = Polygon([(350, 200), (410, 200), (W, 380), (W, H), (0, H), (0, 390)])
    walk = Polygon([(410, 200), (430, 200), (W, 330), (W, 380)])
    cv.geom(walk, (190, 186, 176))
    cv.geom(road, (96, 98, 104), 1)
    for t in np.linspace(0.08, 1, 8):                                           # centre dashes (road)
        y = 200 + t * 240
        cv.line([(380, y), (380, y + 16 * t)], (240, 210, 60), max(1.5, 6 * t), 1, round_caps=False)
    truck = sbox(0, 236, 190, 392)
    cv.geom(truck, (226, 226, 220), 2)
    cv.rect((0, 376, 190, 392), (60, 60, 64), 2)
    parked = Polygon([(560, 310), (700, 310), (720, 330), (720, 380), (540, 380), (540, 330)])
    cv.geom(parked, (40, 80, 150), 3)
    cv.rect((560, 318, 700, 340), (60, 70, 84), 3)
    hood = Polygon([(80, H), (160, 412), (380, 400), (600, 412), (680, H)])
    cv.geom(hood, (30, 34, 40), 4)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_road_drivable")
    seen = road.difference(truck).difference(parked).difference(hood).intersection(sbox(0, 0, W, H))
    assert seen.geom_type == "Polygon" and not seen.interiors, seen.geom_type
    return [pref("road", seen, tolerance=0.5)]


@scene
def sc_parking_angle():
    """Cars parked at 45° in angled bays, from a drone; the car body outline is the target (side
    mirrors excluded). One car is cut by the right edge, one partly under a tree."""
    rng = np.random.default_rng(1313)
    W, H = 760, 440
    arr = np.zeros((H * SS, W * SS, 3)) + np.array((96, 98, 100), float) + blotches(rng, W, H, 30, 4, scale=SS)
    cv = Canvas(W, H, arr)
    for k in range(9):
        x = 40 + k * 100
        cv.line([(x, 60), (x + 140, 340)], (232, 232, 226), 4, round_caps=False)
    cars = []
    for k, (x, colour) in enumerate(((140, (220, 220, 224)), (240, (200, 40, 40)), (440, (40, 70, 150)),
                                     (540, (30, 30, 34)), (740, (230, 200, 40)))):
        cx, cy = x + 20, 200
        car_top(cv, cx, cy, colour, k + 1, heading=-117)
        cars.append(Polygon(rounded_rect_pts(cx, cy, 150, 76, 16, -117)))
    crown = circle_geom((300, 132), 50)
    tree_top(cv, (300, 132), 50, rng)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_parking_angle")
    out = []
    frame = sbox(0, 0, W, H)
    for g in cars:
        seen = g.intersection(frame).difference(crown)
        out.append(pref("car", seen, tolerance=0.5, truncated=not g.within(frame),
                        occluded=seen.area < g.intersection(frame).area - 1))
    check_occluded(cv, ids, {k + 1: ref["attributes"] for k, ref in enumerate(out)})
    return {"polygons": out, "boxes": drawn_boxes(cv, ids, {k + 1: "car" for k in range(len(cars))})}


def bottle_geom(x0, x1, bottom, body_top, neck_top, neck_w=0.36):
    w = x1 - x0
    cx = (x0 + x1) / 2
    nw = w * neck_w / 2
    shoulder = body_top - w * 0.45
    body = sbox(x0, body_top, x1, bottom)
    chest = Polygon([(x0, body_top + 1), (cx - nw, shoulder), (cx + nw, shoulder), (x1, body_top + 1)])
    neck = sbox(cx - nw, neck_top + 6, cx + nw, shoulder + 1)
    cap = sbox(cx - nw - 2, neck_top, cx + nw + 2, neck_top + 12)
    return unary_union([body, chest, neck, cap]).simplify(0.01)


@scene
def sc_bottles():
    """Four bottles on a table: a wine bottle partly behind a water bottle, a short juice bottle and
    a soy-sauce bottle; a glass that is not a bottle."""
    rng = np.random.default_rng(1314)
    W, H = 640, 440
    cv = Canvas(W, H, gradient(W, H, (230, 226, 218), (206, 200, 190), scale=SS))
    cv.rect((0, 360, W, H), (170, 130, 90))
    plan = [(150, 230, 360, 170, 40, (110, 24, 40), 0.3), (200, 270, 360, 200, 100, (200, 224, 236), 0.4),
            (330, 400, 360, 260, 200, (240, 150, 40), 0.45), (470, 530, 360, 220, 140, (50, 30, 24), 0.32)]
    geoms = []
    for k, (x0, x1, bottom, body_top, neck_top, colour, nw) in enumerate(plan):
        g = bottle_geom(x0, x1, bottom, body_top, neck_top, nw)
        cv.geom(g, colour, k + 1)
        cv.rect((x0 + 4, body_top + 30, x1 - 4, bottom - 30), (246, 240, 226), k + 1)      # paper label
        geoms.append(g)
    cv.rect((560, 270, 610, 360), (220, 230, 236), outline=(170, 180, 190), width=2)   # glass (not a bottle)
    img, ids = cv.reduce()
    for k, t in ((1, "생수"), (2, "주스"), (3, "간장")):
        x0, x1, bottom, body_top = plan[k][:4]
        put_text(img, ((x0 + x1) / 2, (body_top + bottom) / 2), t, font("sans-b", 16), (40, 40, 40, 255),
                 anchor="mm")
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_bottles")
    out = []
    for k, g in enumerate(geoms):
        seen = g
        for later in geoms[k + 1:]:
            seen = seen.difference(later)
        out.append(pref("bottle", seen, occluded=seen.area < g.area - 1))
    check_occluded(cv, ids, {k + 1: ref["attributes"] for k, ref in enumerate(out)})
    return {"polygons": out, "boxes": drawn_boxes(cv, ids, {k + 1: "bottle" for k in range(len(geoms))})}


def arrow_geom(kind, c, s=1.0, angle=0.0):
    """Road arrows painted on the road, seen from above: 'straight', 'left', 'right'."""
    x, y = c
    shaft = [(x - 8 * s, y + 70 * s), (x + 8 * s, y + 70 * s), (x + 8 * s, y - 20 * s), (x + 22 * s, y - 20 * s),
             (x, y - 60 * s), (x - 22 * s, y - 20 * s), (x - 8 * s, y - 20 * s)]
    if kind == "straight":
        g = Polygon(shaft)
    else:   # a left-turn arrow; the right-turn one is its mirror image
        g = Polygon([(x - 8 * s, y + 70 * s), (x + 8 * s, y + 70 * s), (x + 8 * s, y - 10 * s),
                     (x - 22 * s, y - 10 * s), (x - 22 * s, y - 30 * s), (x - 54 * s, y - 2 * s),
                     (x - 22 * s, y + 26 * s), (x - 22 * s, y + 6 * s), (x - 8 * s, y + 6 * s)])
        if kind == "right":
            g = affinity.scale(g, xfact=-1, origin=c)
    return affinity.rotate(g, angle, origin=c) if angle else g


@scene
def sc_road_marks():
    """An intersection approach from above: three lane arrows (left turn, straight, right turn),
    a stop line and a crosswalk of stripes; the crosswalk is labelled as one area."""
    rng = np.random.default_rng(1315)
    W, H = 720, 480
    arr = np.zeros((H * SS, W * SS, 3)) + np.array((92, 94, 98), float) + blotches(rng, W, H, 30, 4, scale=SS)
    cv = Canvas(W, H, arr)
    white = (236, 236, 230)
    for x in (240, 480):
        for y in range(200, H, 60):
            cv.rect((x - 3, y, x + 3, y + 34), white)
    cv.rect((0, 176, W, 184), white)                                              # stop line (not a target)
    arrows = [arrow_geom("left", (120, 320), 1.1), arrow_geom("straight", (360, 320), 1.1),
              arrow_geom("right", (590, 320), 1.1)]
    for k, g in enumerate(arrows):
        cv.geom(g, white, k + 1)
    stripes = [sbox(20 + 56 * k, 40, 52 + 56 * k, 150) for k in range(12)]
    for g in stripes:
        cv.geom(g, white, 10)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_road_marks")
    xs = [g.bounds for g in stripes]
    crosswalk = sbox(min(b[0] for b in xs), min(b[1] for b in xs), max(b[2] for b in xs), max(b[3] for b in xs))
    return {"polygons": [pref("arrow", g) for g in arrows] + [pref("crosswalk", crosswalk)],
            "boxes": drawn_boxes(cv, ids, {1: "arrow", 2: "arrow", 3: "arrow", 10: "crosswalk"})}


@scene
def sc_sat_solar():
    """Solar panel arrays on farmland from above: five tilted rectangular arrays of panels (an array
    is one polygon), one partly shaded by a tree crown, one cut by the bottom edge."""
    rng = np.random.default_rng(1316)
    W, H = 720, 460
    cv = Canvas(W, H, aerial(W, H, rng, base=(130, 150, 96), amp=6, cell=30))
    cv.polygon([(0, 230), (W, 210), (W, 236), (0, 256)], (176, 170, 150))
    arrays = [affinity.rotate(sbox(40, 40, 300, 110), 6, origin=(170, 75)),
              affinity.rotate(sbox(360, 30, 680, 100), 6, origin=(520, 65)),
              affinity.rotate(sbox(60, 130, 300, 196), 6, origin=(180, 163)),
              affinity.rotate(sbox(380, 290, 660, 360), -4, origin=(520, 325)),
              affinity.rotate(sbox(60, 380, 330, 480), -4, origin=(195, 430))]
    for k, g in enumerate(arrays):
        cv.geom(g, (40, 60, 110), k + 1)
        x0, y0, x1, y1 = g.bounds
        inner = g.buffer(-2)
        for j in range(1, 12):                                                    # panel seams
            x = x0 + (x1 - x0) * j / 12
            seam = LineString([(x, y0 - 20), (x + 4, y1 + 20)]).intersection(inner)
            if not seam.is_empty and seam.geom_type == "LineString":
                cv.line(list(seam.coords), (120, 140, 180), 1.2, k + 1, round_caps=False)
    crown = circle_geom((300, 120), 44)
    tree_top(cv, (300, 120), 44, rng)
    img, ids = cv.reduce()
    save(finish(img, rng, grain=0.0, vignette=0.06), "sc_sat_solar")
    frame = sbox(0, 0, W, H)
    out = []
    for g in arrays:
        seen = g.intersection(frame).difference(crown)
        out.append(pref("solar_panel", seen, truncated=not g.within(frame),
                        occluded=seen.area < g.intersection(frame).area - 1))
    check_occluded(cv, ids, {k + 1: ref["attributes"] for k, ref in enumerate(out)})
    return out


def main(names):
    REFS.parent.mkdir(parents=True, exist_ok=True)
    refs = json.loads(REFS.read_text()) if REFS.exists() else {}
    for name in names or list(SCENES):
        refs[name] = SCENES[name]()
        print("   ", json.dumps(refs[name], ensure_ascii=False)[:300])
    REFS.write_text(json.dumps(refs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
