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
    Canvas,
    blotches,
    car_side,
    ellipse_geom,
    figure,
    finish,
    font,
    gradient,
    mannequin,
    mannequin_limb,
    put_text,
    studio,
)
from PIL import Image
from shapely.geometry import Polygon
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


def kp_result(ids, J, names, oid, W, H, **kw):
    return {"label": "person", "points": visible_points(ids, J, names, oid, W, H, **kw), "area": area_of(J)}


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
    return out


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
    return [{"label": "dog", "points": pts, "area": 380 * 240}]


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
    return out


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


def main(names):
    REFS.parent.mkdir(parents=True, exist_ok=True)
    refs = json.loads(REFS.read_text()) if REFS.exists() else {}
    for name in names or list(SCENES):
        refs[name] = SCENES[name]()
        print("   ", json.dumps(refs[name], ensure_ascii=False)[:300])
    REFS.write_text(json.dumps(refs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
