"""Generate the second set of practice (labeling) images and their exact references.

Every scene is drawn from known geometry, so the references are exact by construction:

* shapes are drawn 4x larger and reduced with a box filter (smooth edges); beside the picture an
  *instance map* is drawn with the same shapes in the same order, one id per object, so a later
  shape hides an earlier one there too. A bounding box is the extent of an object's id in that
  map (the visible part only), taken at pixel centres after the reduction;
* polygons are the shapely geometry that was drawn (visible part = shape minus the shapes drawn
  in front of it);
* keypoints are the joint centres the figure was drawn around; a joint hidden by something in
  front of it or lying outside the image is recorded as `hidden`;
* OCR regions are the ink extent of each text line drawn on its own transparent layer (a tilted
  line: the four corners of that extent moved by the same rotation as the layer).

Writes question_bank/media/<name>.png and /tmp/prac2/refs.json (the references that go into
question_bank/level2/practical/*_2.yaml). Needs Debian's fonts-noto-cjk. Run by hand:

    python tools/make_practice_images.py            # all scenes
    python tools/make_practice_images.py kp_robot_arm bbox_shelf   # some scenes
"""
from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
from imaging import rect_corners, rotate_onto, save_palette_png  # tools/ is on sys.path when run
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry import box as sbox

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("PRACTICE_MEDIA_OUT", ROOT / "question_bank" / "media"))  # override to test reproducibility
REFS = Path(os.environ.get("PRACTICE_REFS", "/tmp/prac2/refs.json"))
NOTO = "/usr/share/fonts/opentype/noto/"
SS = 4  # supersampling factor of the shape drawings


def font(kind, size):
    path = {"sans-b": "NotoSansCJK-Bold.ttc", "sans-r": "NotoSansCJK-Regular.ttc",
            "serif-b": "NotoSerifCJK-Bold.ttc", "sans-m": "NotoSansCJK-Medium.ttc"}[kind]
    if not Path(NOTO + path).exists():
        path = "NotoSansCJK-Bold.ttc"
    f = ImageFont.truetype(NOTO + path, size, index=1)
    assert "KR" in f.getname()[0], f.getname()
    return f


# ---------------------------------------------------------------- canvas with an instance map

class Canvas:
    """A picture and its instance map, both drawn SS times larger. Coordinates are final pixels."""

    def __init__(self, W, H, background):
        self.W, self.H = W, H
        if isinstance(background, np.ndarray):  # (H*SS, W*SS, 3) float array
            self.img = Image.fromarray(np.clip(background, 0, 255).astype(np.uint8), "RGB")
        else:
            self.img = Image.new("RGB", (W * SS, H * SS), background)
        self.ids = Image.new("L", (W * SS, H * SS), 0)
        self.d = ImageDraw.Draw(self.img)
        self.di = ImageDraw.Draw(self.ids)

    @staticmethod
    def _pts(pts):
        return [(x * SS, y * SS) for x, y in pts]

    @staticmethod
    def _box(b):
        return [v * SS for v in b]

    def polygon(self, pts, fill, oid=0, outline=None, width=0):
        self.d.polygon(self._pts(pts), fill=fill, outline=outline, width=int(width * SS))
        self.di.polygon(self._pts(pts), fill=oid, outline=oid if outline else None, width=int(width * SS))

    def geom(self, g, fill, oid=0):
        """Fill a shapely Polygon / MultiPolygon (holes drawn back in the background? no: holes are
        not used here)."""
        for part in getattr(g, "geoms", [g]):
            self.polygon(list(part.exterior.coords), fill, oid)

    def ellipse(self, b, fill, oid=0, outline=None, width=0):
        self.d.ellipse(self._box(b), fill=fill, outline=outline, width=int(width * SS))
        self.di.ellipse(self._box(b), fill=oid if fill is not None else None,
                        outline=oid if outline else None, width=int(width * SS))

    def circle(self, c, r, fill, oid=0, outline=None, width=0):
        self.ellipse((c[0] - r, c[1] - r, c[0] + r, c[1] + r), fill, oid, outline, width)

    def rect(self, b, fill, oid=0, outline=None, width=0, radius=0):
        if radius:
            self.d.rounded_rectangle(self._box(b), radius * SS, fill=fill, outline=outline, width=int(width * SS))
            self.di.rounded_rectangle(self._box(b), radius * SS, fill=oid if fill is not None else None,
                                      outline=oid if outline else None, width=int(width * SS))
        else:
            self.d.rectangle(self._box(b), fill=fill, outline=outline, width=int(width * SS))
            self.di.rectangle(self._box(b), fill=oid if fill is not None else None,
                              outline=oid if outline else None, width=int(width * SS))

    def line(self, pts, fill, width, oid=0, round_caps=True):
        self.d.line(self._pts(pts), fill=fill, width=int(width * SS), joint="curve")
        self.di.line(self._pts(pts), fill=oid, width=int(width * SS), joint="curve")
        if round_caps:
            for p in (pts[0], pts[-1]):
                self.circle(p, width / 2, fill, oid)

    def arc(self, b, start, end, fill, width, oid=0):
        self.d.arc(self._box(b), start, end, fill=fill, width=int(width * SS))
        self.di.arc(self._box(b), start, end, fill=oid, width=int(width * SS))

    def paint(self, fill, oid=0):
        """Draw-only helper for details that must not change the instance map."""
        return self.d

    def reduce(self):
        """(RGBA picture, instance map) at the final size. The map is sampled at pixel centres."""
        img = self.img.resize((self.W, self.H), Image.BOX).convert("RGBA")
        ids = np.asarray(self.ids)[SS // 2::SS, SS // 2::SS].copy()
        return img, ids


def visible_box(ids, oid):
    ys, xs = np.nonzero(ids == oid)
    assert len(xs), f"object {oid} is not visible"
    return [int(xs.min()), int(ys.min()), int(xs.max() + 1 - xs.min()), int(ys.max() + 1 - ys.min())]


def full_box_in_image(ids_full_extent, W, H):
    x0, y0, x1, y1 = ids_full_extent
    return x0 < 0 or y0 < 0 or x1 > W or y1 > H


# ---------------------------------------------------------------- backgrounds and finish

def gradient(W, H, top, bottom, horizontal=False, scale=1):
    w, h = W * scale, H * scale
    t = np.linspace(0, 1, w if horizontal else h)
    cols = (1 - t)[:, None] * np.array(top, float) + t[:, None] * np.array(bottom, float)
    if horizontal:
        return np.broadcast_to(cols[None, :, :], (h, w, 3)).astype(float).copy()
    return np.broadcast_to(cols[:, None, :], (h, w, 3)).astype(float).copy()


def blotches(rng, W, H, cell, amp, scale=1):
    small = rng.normal(0, 1, (H // cell + 2, W // cell + 2)).astype(np.float32)
    img = Image.fromarray(small, mode="F").resize((W * scale, H * scale), Image.BICUBIC)
    return np.asarray(img)[:, :, None] * amp


def finish(img, rng, grain=0.8, vignette=0.15):
    arr = np.asarray(img.convert("RGB")).astype(float)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    r = np.sqrt(((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / math.sqrt(2)
    arr *= (1 - vignette * r ** 2)[:, :, None]
    arr += rng.normal(0, grain, (h, w, 1))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def save(img, name):
    """Palette PNG (<= 256 colours) so the files stay small."""
    return save_palette_png(img, OUT / name, good_kb=150, limit_kb=200)


# ---------------------------------------------------------------- text (final scale)

def text_layer(size, xy, text, fnt, fill, tracking=0, anchor="la"):
    layer = Image.new("RGBA", size, tuple(fill[:3]) + (0,))
    d = ImageDraw.Draw(layer)
    if tracking:
        x, y = xy
        for ch in text:
            d.text((x, y), ch, font=fnt, fill=fill, anchor=anchor)
            x += fnt.getlength(ch) + tracking
    else:
        d.text(xy, text, font=fnt, fill=fill, anchor=anchor)
    return layer, layer.getchannel("A").getbbox()


def put_text(base, xy, text, fnt, fill, tracking=0, anchor="la"):
    layer, bbox = text_layer(base.size, xy, text, fnt, fill, tracking, anchor)
    base.alpha_composite(layer)
    return bbox


def put_vertical(base, x, y, text, fnt, fill, step):
    """Characters stacked top to bottom, centred on x, the first centred at y."""
    layer = Image.new("RGBA", base.size, tuple(fill[:3]) + (0,))
    d = ImageDraw.Draw(layer)
    for i, ch in enumerate(text):
        d.text((x, y + i * step), ch, font=fnt, fill=fill, anchor="mm")
    base.alpha_composite(layer)
    return layer.getchannel("A").getbbox()






def ref_box(b, text):
    x0, y0, x1, y1 = b
    return {"box": [x0, y0, x1 - x0, y1 - y0], "text": text}


def ref_poly(fwd, b, text):
    return {"points": [[round(x, 1), round(y, 1)] for x, y in (fwd(p) for p in rect_corners(b))], "text": text}


def check_rotated(scene_size, layer, fwd_poly, pivot, target, angle, text):
    """Every inked pixel of the rotated line lies in its polygon (grown by 1 px)."""
    solid = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    solid.putalpha(layer.getchannel("A"))
    blank = Image.new("RGBA", scene_size, (0, 0, 0, 0))
    rotate_onto(blank, solid, pivot, target, angle)
    alpha = np.asarray(blank.getchannel("A"))
    mask = Image.new("L", scene_size, 0)
    ImageDraw.Draw(mask).polygon([tuple(p) for p in fwd_poly], fill=255)
    grown = np.asarray(mask.filter(ImageFilter.MaxFilter(3))) > 0
    outside = int(((alpha > 60) & ~grown).sum())
    assert outside == 0, (text, outside)


# ---------------------------------------------------------------- geometry helpers

def circle_geom(c, r, n=96):
    return Polygon([(c[0] + r * math.cos(2 * math.pi * i / n), c[1] + r * math.sin(2 * math.pi * i / n))
                    for i in range(n)])


def ellipse_geom(c, rx, ry, n=96, angle=0):
    g = Polygon([(c[0] + rx * math.cos(2 * math.pi * i / n), c[1] + ry * math.sin(2 * math.pi * i / n))
                 for i in range(n)])
    return affinity.rotate(g, angle, origin=c) if angle else g


def poly_ref(g, tolerance=0.3):
    g = g.simplify(tolerance, preserve_topology=True)
    assert g.geom_type == "Polygon", g.geom_type
    pts = list(g.exterior.coords)[:-1]
    return [[round(x, 1), round(y, 1)] for x, y in pts]


WOOD = (222, 184, 136)
WOOD_DARK = (176, 132, 88)
WOOD_JOINT = (196, 152, 104)


# ================================================================ keypoints scenes

def mannequin(cv, J, oid, facing="front", behind=(), head_r=(23, 28)):
    """An art mannequin. J: joint name -> (x, y). Limbs listed in `behind` are drawn before the
    torso (hidden behind the body). Returns nothing; the joints are the given positions."""
    for name in behind:  # drawn with their own id (oid + 100) so that a check can tell them from the body
        mannequin_limb(cv, J, name, oid + 100, facing)
    # legs first (the pelvis covers their tops)
    for name in ("right_leg", "left_leg"):
        if name not in behind:
            mannequin_limb(cv, J, name, oid, facing)
    mannequin_torso(cv, J, oid)
    mannequin_joint(cv, J, "right_hip", oid, 8)
    mannequin_joint(cv, J, "left_hip", oid, 8)
    mannequin_head(cv, J, oid, facing, head_r)
    # shoulders joints over the torso edge, then the arms in front
    mannequin_joint(cv, J, "right_shoulder", oid, 9)
    mannequin_joint(cv, J, "left_shoulder", oid, 9)
    for name in ("right_arm", "left_arm"):
        if name not in behind and name.replace("arm", "forearm") not in behind:
            mannequin_limb(cv, J, name, oid, facing)
        elif name.replace("arm", "forearm") in behind:  # upper arm in front, forearm behind
            mannequin_limb(cv, J, name.replace("arm", "upper_arm"), oid, facing)


def mannequin_joint(cv, J, name, oid, r=8):
    cv.circle(J[name], r, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)


def mannequin_limb(cv, J, part, oid, facing):
    """One limb of the mannequin, e.g. "right_arm": an arm, a forearm (elbow down, with its hand),
    an upper arm (shoulder to elbow) or a leg (with its foot), and the joints along it."""
    side, kind = part.split("_", 1)

    def bone(a, b, w):
        cv.line([J[f"{side}_{a}"], J[f"{side}_{b}"]], WOOD, w, oid)

    if kind in ("arm", "upper_arm"):
        bone("shoulder", "elbow", 15)
    if kind in ("arm", "forearm"):
        bone("elbow", "wrist", 13)
        mannequin_hand(cv, J[f"{side}_elbow"], J[f"{side}_wrist"], oid)
    if kind in ("arm", "upper_arm"):
        mannequin_joint(cv, J, f"{side}_elbow", oid)
    if kind in ("arm", "forearm"):
        mannequin_joint(cv, J, f"{side}_wrist", oid, 7)
    if kind == "upper_arm":
        mannequin_joint(cv, J, f"{side}_shoulder", oid, 9)
    if kind == "leg":
        bone("hip", "knee", 20)
        bone("knee", "ankle", 16)
        mannequin_foot(cv, J[f"{side}_ankle"], oid, facing)
        mannequin_joint(cv, J, f"{side}_knee", oid, 9)
        mannequin_joint(cv, J, f"{side}_ankle", oid, 7)


def mannequin_hand(cv, elbow, wrist, oid, length=20, w=13):
    """A hand: the forearm's line carried on past the wrist."""
    ex, ey = elbow
    wx, wy = wrist
    L = math.hypot(wx - ex, wy - ey)
    ux, uy = (wx - ex) / L, (wy - ey) / L
    tip = (wx + ux * length, wy + uy * length)
    cv.line([(wx + ux * 6, wy + uy * 6), tip], WOOD, w, oid)


def mannequin_foot(cv, ankle, oid, facing):
    """A foot below the ankle: a shoe-like block seen from the side, an oval from the front or back."""
    ax, ay = ankle
    if facing == "side":
        cv.rect((ax - 8, ay + 4, ax + 26, ay + 16), WOOD, oid, radius=6)
    else:
        cv.ellipse((ax - 11, ay + 2, ax + 11, ay + 20), WOOD, oid)


def mannequin_torso(cv, J, oid):
    """The mannequin's chest and pelvis, joined by a ball at the waist."""
    rs, ls, rh, lh = J["right_shoulder"], J["left_shoulder"], J["right_hip"], J["left_hip"]
    mid_sh = ((rs[0] + ls[0]) / 2, (rs[1] + ls[1]) / 2)
    mid_hip = ((rh[0] + lh[0]) / 2, (rh[1] + lh[1]) / 2)
    waist = (mid_sh[0] * 0.45 + mid_hip[0] * 0.55, mid_sh[1] * 0.45 + mid_hip[1] * 0.55)
    half_w = abs(ls[0] - rs[0]) / 2
    cv.polygon([(rs[0], rs[1] - 6), (ls[0], ls[1] - 6), (waist[0] + half_w * 0.55 * np.sign(ls[0] - rs[0]), waist[1]),
                (waist[0] - half_w * 0.55 * np.sign(ls[0] - rs[0]), waist[1])], WOOD, oid)
    cv.circle(rs, 9, WOOD, oid)
    cv.circle(ls, 9, WOOD, oid)
    hip_w = abs(lh[0] - rh[0]) / 2 + 12
    s = np.sign(lh[0] - rh[0])
    cv.polygon([(waist[0] - half_w * 0.5 * s, waist[1] - 4), (waist[0] + half_w * 0.5 * s, waist[1] - 4),
                (mid_hip[0] + hip_w * s, mid_hip[1] + 4), (mid_hip[0], mid_hip[1] + 16),
                (mid_hip[0] - hip_w * s, mid_hip[1] + 4)], WOOD, oid)
    cv.circle(waist, 10, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)  # waist ball


def mannequin_head(cv, J, oid, facing, head_r):
    """The mannequin's neck and head: a painted face from the front, hair from behind."""
    nk = J["neck"]
    hx, hy = J["head"]
    cv.line([nk, (hx, hy + head_r[1] - 6)], WOOD, 12, oid)
    cv.circle(nk, 7, WOOD_JOINT, oid, outline=WOOD_DARK, width=1.5)
    cv.ellipse((hx - head_r[0], hy - head_r[1], hx + head_r[0], hy + head_r[1]), WOOD, oid,
               outline=WOOD_DARK, width=1.5)
    if facing == "front":  # a simple painted face: eyes and nose
        for ex in (hx - 9, hx + 9):
            cv.ellipse((ex - 3, hy - 6, ex + 3, hy), (90, 64, 40), oid)
        cv.line([(hx, hy + 1), (hx, hy + 9)], WOOD_DARK, 3, oid)
        cv.arc((hx - 8, hy + 6, hx + 8, hy + 18), 20, 160, (150, 80, 60), 2.5, oid)
    elif facing == "back":  # hair over the back of the head, no face
        cv.ellipse((hx - head_r[0] - 1, hy - head_r[1] - 2, hx + head_r[0] + 1, hy + head_r[1] - 2),
                   (74, 50, 34), oid)
        for dx in (-12, -4, 4, 12):
            cv.line([(hx + dx * 0.6, hy - head_r[1] + 6), (hx + dx, hy + head_r[1] - 10)], (60, 40, 26), 2, oid)


def studio(W, H, rng, wall=(214, 218, 224), floor=(176, 168, 158), floor_y=None):
    arr = gradient(W, H, tuple(c + 10 for c in wall), tuple(c - 12 for c in wall), scale=SS)
    arr += blotches(rng, W, H, 50, 4, scale=SS)
    if floor_y is not None:
        arr[floor_y * SS:] = np.array(floor, float) + blotches(rng, W, H, 30, 5, scale=SS)[floor_y * SS:]
    return arr


MANNEQUIN_POINTS = ["head", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow",
                    "left_wrist", "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle"]


def figure(cx, top, facing="front", scale=1.0):
    """Default standing joints of a mannequin whose head top is at `top`, centred on cx. Subject's
    right is at the image left when facing the viewer, at the image right when seen from behind."""
    s = scale
    side = -1 if facing == "front" else 1  # x direction of the subject's right side
    J = {
        "head": (cx, top + 28 * s),
        "neck": (cx, top + 64 * s),
        "right_shoulder": (cx + side * 42 * s, top + 78 * s),
        "left_shoulder": (cx - side * 42 * s, top + 78 * s),
        "right_hip": (cx + side * 22 * s, top + 196 * s),
        "left_hip": (cx - side * 22 * s, top + 196 * s),
    }
    J["right_knee"] = (J["right_hip"][0] + side * 4 * s, top + 290 * s)
    J["left_knee"] = (J["left_hip"][0] - side * 4 * s, top + 290 * s)
    J["right_ankle"] = (J["right_knee"][0], top + 380 * s)
    J["left_ankle"] = (J["left_knee"][0], top + 380 * s)
    J["right_elbow"] = (J["right_shoulder"][0] + side * 12 * s, top + 148 * s)
    J["left_elbow"] = (J["left_shoulder"][0] - side * 12 * s, top + 148 * s)
    J["right_wrist"] = (J["right_elbow"][0] + side * 6 * s, top + 212 * s)
    J["left_wrist"] = (J["left_elbow"][0] - side * 6 * s, top + 212 * s)
    return J


def kp_ref(J, names, hidden, W, H):
    pts = []
    for n in names:
        x, y = J[n]
        if n in hidden or not (0 <= x <= W and 0 <= y <= H):
            pts.append("hidden")
        else:
            pts.append([round(x, 1), round(y, 1)])
    return pts


def assert_visible(ids, J, names, hidden, oid, behind_joints=()):
    """A joint recorded as visible shows its own body part there; a hidden one inside the image does
    not (something else, or the body itself, is in front). Joints of parts drawn behind the body
    carry the id oid + 100."""
    for n in names:
        x, y = J[n]
        inside = 0 <= x < ids.shape[1] and 0 <= y < ids.shape[0]
        if not inside:
            assert n in hidden, f"{n} is outside the image but not hidden"
            continue
        here = ids[int(y), int(x)] == (oid + 100 if n in behind_joints else oid)
        if n in hidden:
            assert not here, f"{n} is marked hidden but the figure is visible there"
        else:
            assert here, f"{n} is marked visible but something else is there"


def kp_robot_arm():
    rng = np.random.default_rng(101)
    W, H = 560, 420
    cv = Canvas(W, H, studio(W, H, rng, wall=(200, 208, 214), floor=(120, 124, 130), floor_y=350))
    # safety floor stripe (not part of the robot)
    for x in range(0, W, 40):
        cv.polygon([(x, 380), (x + 20, 380), (x + 40, 400), (x + 20, 400)], (230, 190, 40))
    base_c = (150, 348)      # centre of the base plate on the floor
    shoulder = (150, 262)
    elbow = (262, 150)
    wrist = (402, 178)
    tip = (468, 246)
    orange, dark, grey = (236, 120, 32), (64, 66, 72), (150, 154, 160)
    # base pedestal
    cv.polygon([(104, 350), (196, 350), (182, 300), (118, 300)], dark, 1)
    cv.rect((96, 342, 204, 354), (40, 42, 46), 1, radius=3)
    cv.rect((122, 270, 178, 304), grey, 1, radius=6)
    # links
    cv.line([shoulder, elbow], orange, 36, 1)
    cv.line([elbow, wrist], orange, 28, 1)
    # wrist to gripper
    ang = math.atan2(tip[1] - wrist[1], tip[0] - wrist[0])
    ux, uy = math.cos(ang), math.sin(ang)
    px, py = -uy, ux
    palm = (wrist[0] + ux * 40, wrist[1] + uy * 40)
    cv.line([wrist, palm], grey, 18, 1)
    cv.line([(palm[0] + px * 20, palm[1] + py * 20), (palm[0] - px * 20, palm[1] - py * 20)], dark, 10, 1)
    for sgn in (1, -1):
        a = (palm[0] + px * 16 * sgn, palm[1] + py * 16 * sgn)
        b = (tip[0] + px * 10 * sgn, tip[1] + py * 10 * sgn)
        cv.line([a, b], dark, 7, 1)
    # joints: round caps with a centre bolt
    for c, r in ((shoulder, 26), (elbow, 22), (wrist, 17)):
        cv.circle(c, r, grey, 1, outline=dark, width=3)
        cv.circle(c, 5, dark, 1)
    img, ids = cv.reduce()
    # caution label on the base (not a keypoint)
    put_text(img, (150, 326), "주의", font("sans-b", 16), (250, 220, 60, 255), anchor="mm")
    names = ["base", "shoulder", "elbow", "wrist", "gripper_tip"]
    J = {"base": base_c, "shoulder": shoulder, "elbow": elbow, "wrist": wrist, "gripper_tip": tip}
    save(finish(img, rng, vignette=0.12), "kp_robot_arm.png")
    xs = [p[0] for p in J.values()]
    ys = [p[1] for p in J.values()]
    return {"points": kp_ref(J, names, set(), W, H), "area": round((max(xs) - min(xs)) * (max(ys) - min(ys)))}


def kp_mannequin_front():
    rng = np.random.default_rng(102)
    W, H = 440, 520
    cv = Canvas(W, H, studio(W, H, rng, floor_y=430))
    J = figure(220, 40, "front")
    # subject's left arm (image right) raised, waving
    J["left_elbow"] = (J["left_shoulder"][0] + 52, J["left_shoulder"][1] - 30)
    J["left_wrist"] = (J["left_elbow"][0] + 14, J["left_elbow"][1] - 54)
    # subject's right hand behind the back: elbow out to the side, wrist behind the lower back
    J["right_elbow"] = (J["right_shoulder"][0] - 16, J["right_shoulder"][1] + 66)
    J["right_wrist"] = (J["neck"][0] - 4, J["neck"][1] + 128)
    mannequin(cv, J, 1, "front", behind=("right_forearm",))
    # a wooden crate in front of the lower legs
    cv.rect((120, 372, 330, 470), (160, 112, 62), 2, outline=(110, 74, 40), width=3)
    for y in (404, 436):
        cv.line([(124, y), (326, y)], (120, 82, 46), 3, 2, round_caps=False)
    img, ids = cv.reduce()
    hidden = {"right_wrist", "right_ankle", "left_ankle"}
    assert_visible(ids, J, MANNEQUIN_POINTS, hidden, 1, behind_joints={"right_wrist"})
    save(finish(img, rng, vignette=0.12), "kp_mannequin_front.png")
    return {"points": kp_ref(J, MANNEQUIN_POINTS, hidden, W, H), "joints": {k: list(v) for k, v in J.items()}}


UPPER_POINTS = ["head", "neck", "right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow",
                "left_wrist"]


def kp_two_mannequins():
    rng = np.random.default_rng(103)
    W, H = 560, 400
    cv = Canvas(W, H, studio(W, H, rng, wall=(206, 220, 212)))
    # person 1: both arms raised in a V
    A = figure(170, 50, "front", scale=0.95)
    A["right_elbow"] = (A["right_shoulder"][0] - 38, A["right_shoulder"][1] - 42)
    A["right_wrist"] = (A["right_elbow"][0] - 22, A["right_elbow"][1] - 46)
    A["left_elbow"] = (A["left_shoulder"][0] + 38, A["left_shoulder"][1] - 42)
    A["left_wrist"] = (A["left_elbow"][0] + 22, A["left_elbow"][1] - 46)
    # person 2: arms stretched sideways; the left arm (image right) leaves the picture
    B = figure(470, 50, "front", scale=0.95)
    B["right_elbow"] = (B["right_shoulder"][0] - 66, B["right_shoulder"][1] + 4)
    B["right_wrist"] = (B["right_elbow"][0] - 64, B["right_elbow"][1] + 2)
    B["left_elbow"] = (B["left_shoulder"][0] + 66, B["left_shoulder"][1] + 4)
    B["left_wrist"] = (B["left_elbow"][0] + 64, B["left_elbow"][1] + 2)
    mannequin(cv, A, 1, "front")
    mannequin(cv, B, 2, "front")
    img, ids = cv.reduce()
    out = []
    for J, oid in ((A, 1), (B, 2)):
        hidden = {n for n in UPPER_POINTS if not (0 <= J[n][0] < W and 0 <= J[n][1] < H)}
        assert_visible(ids, J, UPPER_POINTS, hidden, oid)
        xs = [J[n][0] for n in J]
        ys = [J[n][1] for n in J]
        out.append({"points": kp_ref(J, UPPER_POINTS, hidden, W, H), "hidden": sorted(hidden),
                    "area": round((max(xs) - min(xs) + 40) * (max(ys) - min(ys) + 40))})
    save(finish(img, rng, vignette=0.12), "kp_two_mannequins.png")
    return out


def kp_mannequin_back():
    rng = np.random.default_rng(104)
    W, H = 440, 520
    cv = Canvas(W, H, studio(W, H, rng, wall=(226, 214, 200), floor=(150, 128, 108), floor_y=440))
    J = figure(220, 36, "back")   # subject's right = image right
    # right hand on the hip (image right): elbow out
    J["right_elbow"] = (J["right_shoulder"][0] + 40, J["right_shoulder"][1] + 62)
    J["right_wrist"] = (J["right_hip"][0] + 14, J["right_hip"][1] - 30)
    # left forearm across the front of the body: from behind, the wrist is hidden by the torso
    J["left_elbow"] = (J["left_shoulder"][0] - 10, J["left_shoulder"][1] + 70)
    J["left_wrist"] = (J["neck"][0] + 6, J["neck"][1] + 98)
    # weight on the left leg, right knee bent a little
    J["right_knee"] = (J["right_hip"][0] + 14, J["right_knee"][1] - 4)
    J["right_ankle"] = (J["right_knee"][0] - 2, J["right_ankle"][1] - 6)
    mannequin(cv, J, 1, "back", behind=("left_forearm",))
    img, ids = cv.reduce()
    hidden = {"left_wrist"}
    assert_visible(ids, J, MANNEQUIN_POINTS, hidden, 1, behind_joints={"left_wrist"})
    save(finish(img, rng, vignette=0.12), "kp_mannequin_back.png")
    return {"points": kp_ref(J, MANNEQUIN_POINTS, hidden, W, H), "joints": {k: list(v) for k, v in J.items()}}


def car_side(cv, x0, y_ground, length, oid, facing="left", body=(40, 96, 170), plate=None):
    """A hatchback seen from the side. Returns its keypoints (visible side only) as a dict."""
    L = length
    h = L * 0.34
    s = -1 if facing == "left" else 1     # +1: front at image right
    def X(f):  # f in [0, 1] from rear to front
        return x0 + (f * L if s == 1 else (1 - f) * L)
    wheel_r = L * 0.085
    rear_w, front_w = X(0.2), X(0.8)
    wy = y_ground - wheel_r
    sill = y_ground - wheel_r * 0.7
    lower = [(X(0.0), sill - 10), (X(0.0), y_ground - h * 0.55), (X(0.06), y_ground - h * 0.62),
             (X(0.24), y_ground - h * 0.64), (X(0.36), y_ground - h), (X(0.66), y_ground - h),
             (X(0.80), y_ground - h * 0.62), (X(0.97), y_ground - h * 0.55), (X(1.0), y_ground - h * 0.40),
             (X(1.0), sill - 6), (X(0.97), sill)]
    lower += [(X(0.03), sill)]
    cv.polygon(lower, body, oid)
    # windows
    glass = (170, 200, 220)
    cv.polygon([(X(0.38), y_ground - h * 0.94), (X(0.50), y_ground - h * 0.94), (X(0.50), y_ground - h * 0.66),
                (X(0.27), y_ground - h * 0.66)], glass, oid)
    cv.polygon([(X(0.53), y_ground - h * 0.94), (X(0.645), y_ground - h * 0.94), (X(0.77), y_ground - h * 0.66),
                (X(0.53), y_ground - h * 0.66)], glass, oid)
    # door lines, handle, mirror
    cv.line([(X(0.52), y_ground - h * 0.66), (X(0.52), sill - 2)], tuple(int(c * 0.7) for c in body), 2, oid)
    cv.line([(X(0.44), y_ground - h * 0.52), (X(0.48), y_ground - h * 0.52)], (30, 30, 34), 3, oid)
    cv.polygon([(X(0.755), y_ground - h * 0.70), (X(0.80), y_ground - h * 0.74), (X(0.80), y_ground - h * 0.64),
                (X(0.76), y_ground - h * 0.62)], tuple(int(c * 0.75) for c in body), oid)
    # lights on the visible corners
    head = (X(0.985), y_ground - h * 0.47)
    tail = (X(0.012), y_ground - h * 0.47)
    cv.ellipse((head[0] - 9, head[1] - 7, head[0] + 9, head[1] + 7), (250, 240, 190), oid,
               outline=(90, 90, 90), width=1.5)
    cv.ellipse((tail[0] - 7, tail[1] - 9, tail[0] + 7, tail[1] + 9), (210, 30, 30), oid,
               outline=(90, 20, 20), width=1.5)
    # wheels
    for cx in (rear_w, front_w):
        cv.circle((cx, wy), wheel_r + 4, (30, 30, 32), oid)
        cv.circle((cx, wy), wheel_r * 0.55, (180, 184, 190), oid)
        cv.circle((cx, wy), 4, (60, 60, 64), oid)
    return {"front_wheel": (front_w, wy), "rear_wheel": (rear_w, wy), "headlight": head, "tail_light": tail}


CAR_POINTS = ["left_front_wheel", "right_front_wheel", "left_rear_wheel", "right_rear_wheel", "left_headlight",
              "right_headlight", "left_tail_light", "right_tail_light"]


def kp_car_side():
    rng = np.random.default_rng(105)
    W, H = 640, 360
    arr = gradient(W, H, (176, 206, 232), (226, 232, 236), scale=SS)
    arr[250 * SS:] = np.array((112, 112, 116), float) + blotches(rng, W, H, 20, 5, scale=SS)[250 * SS:]
    cv = Canvas(W, H, arr)
    cv.rect((0, 246, W, 252), (180, 180, 176))   # kerb
    for x in range(20, W, 120):
        cv.rect((x, 318, x + 60, 324), (236, 236, 230))  # lane marks
    P = car_side(cv, 90, 300, 460, 1, facing="left", body=(190, 40, 46))
    img, ids = cv.reduce()
    # The car faces left, so its LEFT side faces the camera: the visible wheels and lights are the left ones.
    J = {"left_front_wheel": P["front_wheel"], "left_rear_wheel": P["rear_wheel"],
         "left_headlight": P["headlight"], "left_tail_light": P["tail_light"],
         "right_front_wheel": None, "right_rear_wheel": None, "right_headlight": None, "right_tail_light": None}
    pts = [[round(J[n][0], 1), round(J[n][1], 1)] if J[n] else "hidden" for n in CAR_POINTS]
    for n in CAR_POINTS:
        if J[n]:
            assert ids[int(J[n][1]), int(J[n][0])] == 1
    save(finish(img, rng, vignette=0.12), "kp_car_side.png")
    return {"points": pts, "area": 460 * 160}



# ================================================================ bbox scenes

def bbox_traffic_lights():
    rng = np.random.default_rng(201)
    W, H = 640, 440
    arr = gradient(W, H, (150, 190, 228), (222, 232, 240), scale=SS)
    cv = Canvas(W, H, arr)
    for x0, w, h, col in [(0, 120, 170, (188, 194, 204)), (130, 90, 120, (178, 186, 198)),
                          (230, 150, 190, (192, 198, 208)), (390, 110, 140, (182, 188, 200)),
                          (510, 130, 175, (190, 196, 206))]:
        cv.rect((x0, 290 - h, x0 + w, 290), col)
        for wy in range(300 - h, 280, 24):
            for wx in range(x0 + 10, x0 + w - 14, 22):
                cv.rect((wx, wy, wx + 10, wy + 12), tuple(c - 18 for c in col))
    cv.rect((0, 284, W, 300), (168, 164, 158))            # far sidewalk
    cv.rect((0, 300, W, 400), (86, 88, 92))               # road
    for x in range(20, W, 56):
        cv.rect((x, 316, x + 30, 388), (226, 226, 222))   # crosswalk
    cv.rect((0, 400, W, H), (172, 168, 162))              # near sidewalk
    grey, black = (128, 132, 138), (30, 31, 34)
    # street lamp (not a traffic light)
    cv.rect((26, 60, 36, 430), grey)
    cv.rect((26, 52, 96, 62), grey, radius=3)
    cv.rect((70, 62, 100, 72), (236, 232, 200), radius=3)
    # vehicle signal on an arm
    cv.rect((560, 110, 574, 430), grey)
    cv.rect((330, 110, 574, 122), grey)
    cv.rect((419, 122, 431, 138), grey)                   # bracket (not part of the light)
    cv.rect((345, 138, 505, 190), black, 1, radius=8)
    for cx, col in ((372, (236, 52, 40)), (425, (92, 80, 30)), (478, (28, 70, 44))):
        cv.circle((cx, 164), 18, col, 1)
    cv.circle((366, 158), 5, (255, 160, 150), 1)          # glint on the lit lamp
    # near pedestrian signal on its own pole
    cv.rect((96, 150, 108, 430), grey)
    cv.rect((108, 200, 114, 214), grey)                   # bracket
    cv.rect((114, 170, 164, 272), black, 2, radius=6)
    cv.rect((120, 176, 158, 218), (70, 16, 14), 2)
    cv.rect((120, 226, 158, 266), (16, 46, 24), 2)
    cv.circle((139, 184), 4, (236, 52, 40), 2)            # red standing person
    cv.rect((134, 190, 144, 204), (236, 52, 40), 2)
    cv.line([(136, 204), (136, 214)], (236, 52, 40), 3, 2)
    cv.line([(142, 204), (142, 214)], (236, 52, 40), 3, 2)
    # far pedestrian signal across the road
    cv.rect((249, 236, 253, 296), grey)
    cv.rect((255, 240, 271, 270), black, 3, radius=2)
    cv.rect((257, 242, 269, 254), (226, 50, 40), 3)
    cv.rect((257, 257, 269, 268), (16, 46, 24), 3)
    img, ids = cv.reduce()
    save(finish(img, rng), "bbox_traffic_lights.png")
    return [{"label": "vehicle_light", "box": visible_box(ids, 1)},
            {"label": "ped_light", "box": visible_box(ids, 2)},
            {"label": "ped_light", "box": visible_box(ids, 3)}]


def bottle(cv, x0, x1, bottom, body_top, neck_top, color, cap, oid, label=None, neck_w=0.36):
    w = x1 - x0
    cx = (x0 + x1) / 2
    nw = w * neck_w / 2
    shoulder = body_top - w * 0.45
    cv.rect((x0, body_top - 10, x1, bottom), color, oid, radius=10)
    cv.polygon([(x0, body_top + 2), (cx - nw, shoulder), (cx + nw, shoulder), (x1, body_top + 2)], color, oid)
    cv.rect((cx - nw, neck_top + 8, cx + nw, shoulder + 2), color, oid)
    cv.rect((cx - nw - 2, neck_top, cx + nw + 2, neck_top + 14), cap, oid, radius=2)
    if label:
        cv.rect((x0 + 2, body_top + 24, x1 - 2, bottom - 22), label, oid)
    cv.rect((x0 + 6, body_top + 4, x0 + 12, bottom - 8), tuple(min(255, c + 40) for c in color), oid, radius=3)


def can(cv, x0, y0, x1, y1, color, oid, band=None):
    cv.rect((x0, y0, x1, y1), color, oid, radius=5)
    cv.rect((x0 + 2, y0, x1 - 2, y0 + 6), (200, 202, 206), oid, radius=2)
    cv.rect((x0 + 2, y1 - 6, x1 - 2, y1), (190, 192, 196), oid, radius=2)
    if band:
        cv.rect((x0, (y0 + y1) / 2 - 12, x1, (y0 + y1) / 2 + 12), band, oid)
    cv.rect((x0 + 5, y0 + 10, x0 + 10, y1 - 10), tuple(min(255, c + 50) for c in color), oid, radius=2)


def bbox_shelf():
    rng = np.random.default_rng(202)
    W, H = 620, 440
    arr = gradient(W, H, (236, 232, 222), (214, 208, 196), scale=SS) + blotches(rng, W, H, 60, 3, scale=SS)
    cv = Canvas(W, H, arr)
    wood, back = (178, 134, 88), (206, 196, 178)
    cv.rect((30, 14, 590, 410), back)
    cv.rect((18, 8, 30, 440), wood)
    cv.rect((590, 8, 602, 440), wood)
    cv.rect((18, 2, 602, 14), wood)
    # top shelf (objects stand on y = 200)
    bottle(cv, 50, 106, 200, 100, 38, (40, 120, 70), (200, 180, 60), 1, label=(236, 226, 196))
    bottle(cv, 182, 240, 200, 76, 10, (110, 24, 40), (60, 20, 24), 3, label=(230, 220, 200), neck_w=0.3)  # behind
    bottle(cv, 140, 206, 200, 110, 60, (120, 72, 30), (210, 210, 214), 2, label=(240, 236, 226))
    can(cv, 290, 118, 340, 200, (200, 40, 40), 4, band=(250, 250, 250))
    can(cv, 346, 118, 396, 200, (40, 90, 190), 5, band=(240, 210, 60))
    bottle(cv, 440, 492, 200, 84, 40, (170, 214, 236), (40, 120, 220), 6, label=(60, 140, 220))
    cv.rect((512, 140, 580, 200), (190, 150, 100))        # cardboard box (not a target)
    cv.line([(512, 170), (580, 170)], (160, 120, 76), 3, round_caps=False)
    cv.rect((30, 200, 590, 216), wood)                    # top board
    # bottom shelf (objects stand on y = 410)
    can(cv, 60, 328, 110, 410, (230, 200, 40), 7, band=(60, 60, 60))
    can(cv, 150, 328, 200, 410, (40, 150, 90), 8, band=(250, 250, 250))
    can(cv, 200, 328, 250, 410, (150, 60, 160), 9, band=(250, 250, 250))
    bottle(cv, 300, 356, 410, 270, 226, (230, 236, 240), (220, 40, 40), 10, label=(220, 40, 40))
    # a bottle lying on its side
    cv.rect((410, 368, 528, 410), (60, 130, 60), 11, radius=14)
    cv.polygon([(526, 370), (548, 382), (548, 396), (526, 408)], (60, 130, 60), 11)
    cv.rect((546, 380, 566, 398), (60, 130, 60), 11)
    cv.rect((564, 377, 578, 401), (230, 230, 230), 11, radius=2)
    cv.rect((440, 370, 500, 408), (236, 226, 196), 11)
    cv.rect((30, 410, 590, 426), wood)                    # bottom board
    # price cards: one stands in front of the yellow can and hides its lower part
    cv.rect((52, 374, 124, 420), (252, 252, 248), 0, outline=(120, 120, 120), width=1.5)
    for x in (160, 318, 470):
        cv.rect((x, 202, x + 56, 214), (252, 252, 248), outline=(150, 150, 150), width=1)
    img, ids = cv.reduce()
    put_text(img, (88, 398), "1,500원", font("sans-b", 15), (30, 30, 30, 255), anchor="mm")
    save(finish(img, rng), "bbox_shelf.png")
    kinds = {1: "bottle", 2: "bottle", 3: "bottle", 4: "can", 5: "can", 6: "bottle", 7: "can", 8: "can", 9: "can",
             10: "bottle", 11: "bottle"}
    occluded = {3, 7}
    return [{"label": kinds[i], "box": visible_box(ids, i), "attributes": {"occluded": i in occluded}} for i in kinds]


def rounded_rect_pts(cx, cy, w, h, r, angle=0.0, n=6):
    pts = []
    for qx, qy, a0 in ((w / 2 - r, -h / 2 + r, -90), (w / 2 - r, h / 2 - r, 0), (-w / 2 + r, h / 2 - r, 90),
                       (-w / 2 + r, -h / 2 + r, 180)):
        for k in range(n + 1):
            a = math.radians(a0 + 90 * k / n)
            pts.append((qx + r * math.cos(a), qy + r * math.sin(a)))
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in pts]


def car_top(cv, cx, cy, color, oid, heading=-90, L=150, Wd=76):
    """A car seen from above; heading in degrees (0 = front to the right, -90 = front up)."""
    def local(x, y):
        c, s = math.cos(math.radians(heading)), math.sin(math.radians(heading))
        return (cx + x * c - y * s, cy + x * s + y * c)
    cv.polygon(rounded_rect_pts(cx, cy, L, Wd, 16, heading), color, oid)
    dark = (40, 48, 60)
    cv.polygon([local(*p) for p in ((28, -30), (48, -26), (48, 26), (28, 30))], dark, oid)       # windscreen
    cv.polygon([local(*p) for p in ((-48, -28), (-36, -28), (-36, 28), (-48, 28))], dark, oid)   # rear window
    cv.polygon([local(*p) for p in ((-34, -28), (26, -28), (26, 28), (-34, 28))],
               tuple(min(255, c + 22) for c in color), oid)                                     # roof
    for side in (-1, 1):
        cv.polygon([local(*p) for p in ((30, side * 38), (36, side * 44), (40, side * 44), (38, side * 38))],
                   color, oid)
        cv.polygon([local(*p) for p in ((L / 2 - 6, side * 30), (L / 2 - 1, side * 28), (L / 2 - 1, side * 18),
                                        (L / 2 - 6, side * 18))], (250, 246, 210), oid)


def tree_top(cv, c, r, rng):
    cv.circle(c, r, (46, 96, 46))
    for _ in range(14):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.7)
        cv.circle((c[0] + d * math.cos(a), c[1] + d * math.sin(a)), r * rng.uniform(0.18, 0.3),
                  (58 + rng.integers(0, 30), 120 + rng.integers(0, 30), 54))


def bbox_parking_lot():
    rng = np.random.default_rng(203)
    W, H = 720, 480
    arr = np.zeros((H * SS, W * SS, 3)) + np.array((92, 94, 98), float) + blotches(rng, W, H, 16, 6, scale=SS)
    cv = Canvas(W, H, arr)
    white = (232, 232, 226)
    cv.rect((0, 8, W, 12), white)
    for x in range(60, W, 90):
        cv.rect((x - 2, 8, x + 2, 172), white)
    cv.rect((0, 468, W, 472), white)
    for x in range(20, W, 90):
        cv.rect((x - 2, 308, x + 2, 472), white)
    for x in range(10, W, 60):                           # aisle arrows / centre dashes
        cv.rect((x, 238, x + 28, 242), (210, 200, 120))
    cars = []
    def add(cx, cy, color, heading=-90):
        oid = len(cars) + 1
        car_top(cv, cx, cy, color, oid, heading)
        cars.append(oid)
    add(15, 92, (190, 40, 40))           # 1 cut by the left edge
    add(105, 92, (236, 236, 236))        # 2
    add(285, 90, (40, 80, 170), 90)      # 3 parked nose-out
    add(375, 92, (130, 134, 140))        # 4
    add(645, 92, (230, 190, 40))         # 5 under the tree
    add(65, 390, (40, 120, 70), 90)      # 6
    add(245, 390, (236, 236, 236), 90)   # 7
    add(335, 420, (150, 154, 160), 90)   # 8 cut by the bottom edge
    add(515, 390, (30, 32, 36), 90)      # 9 under the tree
    add(695, 390, (200, 200, 206), 90)   # 10 cut by the right edge
    add(470, 240, (180, 60, 40), 0)      # 11 driving in the aisle
    tree_top(cv, (664, 40), 62, rng)
    tree_top(cv, (566, 322), 46, rng)
    img, ids = cv.reduce()
    save(finish(img, rng), "bbox_parking_lot.png")
    truncated = {1, 8, 10}
    occluded = {5, 9}
    return [{"label": "car", "box": visible_box(ids, i),
             "attributes": {"truncated": i in truncated, "occluded": i in occluded}} for i in cars]


def person_side(cv, x, feet, h, oid, shirt, pants, skin=(232, 190, 150), hair=(50, 36, 28), stride=0.16, facing=1):
    """A walking person seen from the side, feet on y = feet, height h, centred on x."""
    top = feet - h
    head_r = h * 0.075
    head = (x + facing * h * 0.01, top + head_r)
    sh = (x, top + h * 0.2)
    hip = (x, top + h * 0.52)
    for sgn, col in ((-1, tuple(int(c * 0.8) for c in pants)), (1, pants)):   # far leg darker
        foot = (x + sgn * stride * h, feet - h * 0.02)
        knee = (x + sgn * stride * h * 0.55, top + h * 0.75)
        cv.line([hip, knee, foot], col, h * 0.075, oid)
        cv.polygon([(foot[0] - h * 0.03, feet - h * 0.045), (foot[0] + facing * h * 0.07, feet - h * 0.03),
                    (foot[0] + facing * h * 0.07, feet), (foot[0] - h * 0.03, feet)], (40, 40, 44), oid)
    cv.line([(sh[0] - facing * h * 0.02, sh[1] + h * 0.03), (x - facing * h * 0.1, top + h * 0.5)],
            tuple(int(c * 0.8) for c in shirt), h * 0.05, oid)                           # far arm
    cv.polygon([(x - h * 0.07, sh[1] - h * 0.02), (x + h * 0.07, sh[1] - h * 0.02), (x + h * 0.06, hip[1] + h * 0.02),
                (x - h * 0.06, hip[1] + h * 0.02)], shirt, oid)
    cv.line([(x, top + h * 0.14), (x, sh[1])], skin, h * 0.045, oid)
    cv.circle(head, head_r, skin, oid)
    cv.ellipse((head[0] - head_r - 1, head[1] - head_r - 2, head[0] + head_r + 1, head[1] - head_r * 0.1), hair, oid)
    cv.line([(sh[0] + facing * h * 0.02, sh[1] + h * 0.03), (x + facing * h * 0.11, top + h * 0.49)],
            shirt, h * 0.05, oid)
    cv.circle((x + facing * h * 0.11, top + h * 0.5), h * 0.03, skin, oid)


def bicycle(cv, rear, front, r, oid, frame=(30, 110, 180)):
    (rx, ry), (fx, _fy) = rear, front
    for c in (rear, front):
        cv.circle(c, r, None, oid, outline=(30, 30, 32), width=5)
        cv.line([(c[0] - r + 4, c[1]), (c[0] + r - 4, c[1])], (150, 150, 150), 1.2, oid)
        cv.line([(c[0], c[1] - r + 4), (c[0], c[1] + r - 4)], (150, 150, 150), 1.2, oid)
    crank = (rx + (fx - rx) * 0.45, ry)
    seat = (rx + (fx - rx) * 0.3, ry - r * 1.45)
    head = (rx + (fx - rx) * 0.85, ry - r * 1.5)
    for a, b in ((rear, crank), (crank, seat), (seat, rear), (seat, head), (crank, head), (head, front)):
        cv.line([a, b], frame, 5, oid)
    cv.line([(seat[0] - 12, seat[1] - 4), (seat[0] + 10, seat[1] - 4)], (30, 30, 32), 6, oid)
    cv.line([head, (head[0] + 6, head[1] - 14), (head[0] - 6, head[1] - 20)], (30, 30, 32), 4, oid)
    cv.circle(crank, 7, (60, 60, 64), oid)
    return {"seat": seat, "crank": crank, "bar": (head[0] - 6, head[1] - 20)}


def bbox_crosswalk():
    rng = np.random.default_rng(204)
    W, H = 720, 460
    arr = gradient(W, H, (206, 196, 182), (190, 178, 164), scale=SS) + blotches(rng, W, H, 40, 4, scale=SS)
    cv = Canvas(W, H, arr)
    for x0 in range(0, W, 180):                                  # shop fronts
        cv.rect((x0 + 12, 40, x0 + 168, 190), (150, 170, 184), outline=(110, 100, 90), width=4)
    # bus shelter advertisement with a printed person (not a target)
    cv.rect((520, 60, 650, 236), (240, 240, 236), outline=(70, 74, 80), width=5)
    cv.rect((528, 68, 642, 228), (120, 190, 210))
    person_side(cv, 585, 222, 140, 0, (230, 120, 40), (60, 60, 90))
    cv.rect((0, 236, W, 300), (176, 170, 162))                   # far sidewalk
    cv.rect((0, 300, W, H), (86, 88, 92))                        # road
    for y in range(312, H, 36):
        cv.rect((0, y, W, y + 18), (222, 222, 218))              # crosswalk stripes
    objects = {}
    # far small person on the far sidewalk
    person_side(cv, 680, 292, 66, 1, (60, 90, 160), (50, 50, 56), facing=-1)
    objects[1] = "person"
    # person walking, cut by the left edge
    person_side(cv, 18, 444, 230, 2, (200, 60, 60), (40, 50, 80), facing=1)
    objects[2] = "person"
    # person walking in the middle
    person_side(cv, 210, 440, 214, 3, (90, 150, 90), (70, 60, 50), facing=-1)
    objects[3] = "person"
    # cyclist: the bicycle, then the rider over it
    B = bicycle(cv, (392, 404), (508, 404), 40, 4)
    objects[4] = "bicycle"
    skin, shirt, pants = (232, 190, 150), (240, 200, 60), (40, 40, 60)
    hip = (B["seat"][0] + 2, B["seat"][1] - 8)
    shoulder = (hip[0] + 44, hip[1] - 92)
    cv.line([hip, (hip[0] + 40, hip[1] + 36), (B["crank"][0] + 10, B["crank"][1] + 14)], pants, 15, 5)
    cv.polygon([(hip[0] - 12, hip[1] + 6), (hip[0] + 12, hip[1] + 10), (shoulder[0] + 12, shoulder[1] + 4),
                (shoulder[0] - 10, shoulder[1] - 6)], shirt, 5)
    cv.line([shoulder, (shoulder[0] + 30, shoulder[1] + 40), B["bar"]], shirt, 10, 5)
    head = (shoulder[0] + 14, shoulder[1] - 26)
    cv.circle(head, 17, skin, 5)
    cv.ellipse((head[0] - 19, head[1] - 21, head[0] + 19, head[1] - 2), (220, 40, 40), 5)   # helmet
    cv.polygon([(B["crank"][0] + 2, B["crank"][1] + 8), (B["crank"][0] + 26, B["crank"][1] + 10),
                (B["crank"][0] + 26, B["crank"][1] + 20), (B["crank"][0] + 2, B["crank"][1] + 20)], (40, 40, 44), 5)
    objects[5] = "person"
    # parked bicycle cut by the right edge
    bicycle(cv, (664, 410), (780, 410), 40, 6, frame=(200, 60, 60))
    objects[6] = "bicycle"
    img, ids = cv.reduce()
    save(finish(img, rng), "bbox_crosswalk.png")
    truncated = {2, 6}
    return [{"label": objects[i], "box": visible_box(ids, i), "attributes": {"truncated": i in truncated}}
            for i in objects]


# ================================================================ polygon scenes

def regular_polygon(c, R, n, phase):
    return [(c[0] + R * math.cos(math.radians(phase + 360 * k / n)),
             c[1] + R * math.sin(math.radians(phase + 360 * k / n)))
            for k in range(n)]


def poly_road_signs():
    rng = np.random.default_rng(301)
    W, H = 560, 400
    arr = gradient(W, H, (140, 186, 230), (214, 230, 240), scale=SS)
    cv = Canvas(W, H, arr)
    for i in range(12):                                          # bushes
        cv.circle((i * 52 + rng.integers(-10, 10), 372 + rng.integers(-8, 8)), 44, (70 + i % 3 * 12, 130, 70))
    grey = (150, 154, 160)
    red, white = (206, 30, 36), (252, 252, 252)
    stop = regular_polygon((110, 150), 72, 8, 22.5)
    yld = [(206, 84), (354, 84), (280, 212)]
    speed_c, speed_r = (450, 150), 66
    for cx, top in ((110, 200), (280, 200), (450, 200)):
        cv.rect((cx - 6, top, cx + 6, H), grey)
    cv.polygon(stop, white, 1)
    cv.polygon(regular_polygon((110, 150), 64, 8, 22.5), red, 1)
    cv.polygon(yld, red, 2)
    cv.polygon([(226, 96), (334, 96), (280, 190)], white, 2)
    cv.circle(speed_c, speed_r, red, 3)
    cv.circle(speed_c, 52, white, 3)
    img, ids = cv.reduce()
    put_text(img, (110, 150), "정지", font("sans-b", 44), white + (255,), anchor="mm")
    put_text(img, (280, 122), "양보", font("sans-b", 26), red + (255,), anchor="mm")
    put_text(img, (450, 152), "50", font("sans-b", 52), (20, 20, 20, 255), anchor="mm")
    save(finish(img, rng), "poly_road_signs.png")
    circle = [[round(speed_c[0] + speed_r * math.cos(2 * math.pi * k / 24), 1),
               round(speed_c[1] + speed_r * math.sin(2 * math.pi * k / 24), 1)] for k in range(24)]
    return [{"label": "stop_sign", "points": [[round(x, 1), round(y, 1)] for x, y in stop]},
            {"label": "yield_sign", "points": [list(p) for p in yld]},
            {"label": "speed_sign", "points": circle}]


def poly_rooftops():
    rng = np.random.default_rng(302)
    W, H = 640, 480
    arr = np.zeros((H * SS, W * SS, 3)) + np.array((112, 150, 88), float) + blotches(rng, W, H, 20, 9, scale=SS)
    cv = Canvas(W, H, arr)
    cv.rect((0, 414, W, 462), (96, 98, 102))                      # road
    for x in range(0, W, 50):
        cv.rect((x, 436, x + 26, 440), (232, 220, 140))
    cv.rect((250, 330, 280, 414), (150, 146, 140))                # driveway
    cv.rect((60, 288, 156, 352), (240, 240, 236))                 # pool deck (not a building)
    cv.rect((68, 296, 148, 344), (70, 160, 210))
    buildings = {
        1: [(40, 40), (240, 40), (240, 110), (130, 110), (130, 230), (40, 230)],
        2: [(320, 50), (540, 50), (540, 230), (470, 230), (470, 120), (390, 120), (390, 230), (320, 230)],
        3: [(580, 270), (640, 270), (640, 390), (580, 390)],
        4: [(190, 300), (226, 300), (226, 332), (190, 332)],
    }
    rot = affinity.rotate(sbox(325, 295, 475, 365), -18, origin=(400, 330))
    buildings[5] = [(round(x, 1), round(y, 1)) for x, y in list(rot.exterior.coords)[:-1]]
    colours = {1: (176, 92, 70), 2: (130, 136, 148), 3: (72, 104, 158), 4: (140, 100, 70), 5: (206, 196, 166)}
    for oid, pts in buildings.items():
        cv.polygon(pts, colours[oid], oid)
    # roof details inside the outlines (ridges, vents)
    cv.line([(50, 75), (230, 75)], (150, 74, 56), 3, 1)
    cv.line([(85, 110), (85, 220)], (150, 74, 56), 3, 1)
    for x, y in ((350, 70), (500, 70), (345, 180), (500, 180)):
        cv.rect((x, y, x + 18, y + 14), (90, 94, 104), 2)
    cv.line([(610, 280), (610, 380)], (52, 80, 130), 3, 3)
    crossing = affinity.rotate(Polygon([(335, 330), (465, 330), (465, 331)]), -18, origin=(400, 330))
    cv.line(list(crossing.exterior.coords)[:2], (170, 160, 130), 3, 5)
    for c, r in (((430, 185), 16), ((286, 170), 20), ((300, 260), 18), ((578, 120), 22), ((20, 300), 20),
                 ((170, 390), 18)):
        tree_top(cv, c, r, rng)
    cv.rect((80, 424, 116, 442), (200, 40, 40), radius=4)          # car on the road
    img, ids = cv.reduce()
    for oid in buildings:
        assert (ids == oid).any()
    save(finish(img, rng), "poly_rooftops.png")
    return [{"label": "building", "points": [list(p) for p in buildings[oid]]} for oid in buildings]


def poly_fruit_plate():
    rng = np.random.default_rng(303)
    W, H = 560, 440
    arr = gradient(W, H, (170, 120, 80), (140, 96, 60), horizontal=True, scale=SS)
    streak = rng.normal(0, 1, (H // 5 + 2, 3)).astype(np.float32)
    arr += np.asarray(Image.fromarray(streak, "F").resize((W * SS, H * SS), Image.BICUBIC))[:, :, None] * 9
    cv = Canvas(W, H, arr)
    cv.ellipse((50, 20, 510, 420), (226, 226, 222))
    cv.ellipse((80, 46, 480, 394), (246, 246, 242))
    orange = circle_geom((215, 190), 78)
    apple = circle_geom((330, 212), 72)
    banana = circle_geom((280, 70), 230, 240).difference(circle_geom((280, 45), 225, 240)).intersection(
        sbox(120, 0, 450, H))
    # orange
    cv.geom(orange, (242, 150, 36), 1)
    for _ in range(60):
        a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, 68)
        cv.circle((215 + d * math.cos(a), 190 + d * math.sin(a)), 1.6, (222, 130, 26), 1)
    cv.circle((200, 170), 14, (250, 186, 90), 1)
    # apple
    cv.geom(apple, (196, 36, 40), 2)
    cv.circle((305, 184), 14, (232, 110, 100), 2)
    cv.line([(330, 160), (334, 146)], (96, 62, 30), 4, 2)
    cv.ellipse((338, 146, 360, 157), (80, 150, 60), 2)
    # banana (front)
    cv.geom(banana, (240, 206, 60), 3)
    for x in (120, 444):
        cv.geom(banana.intersection(sbox(x, 0, x + 6, H)), (110, 84, 40), 3)
    inner = circle_geom((280, 45), 228, 240).difference(circle_geom((280, 45), 226, 240)).intersection(banana)
    cv.geom(inner, (210, 170, 40), 3)
    img, ids = cv.reduce()
    vis_orange = orange.difference(apple).difference(banana)
    vis_apple = apple.difference(banana)
    save(finish(img, rng), "poly_fruit_plate.png")
    return [{"label": "orange", "points": poly_ref(vis_orange), "attributes": {"occluded": True}},
            {"label": "apple", "points": poly_ref(vis_apple), "attributes": {"occluded": True}},
            {"label": "banana", "points": poly_ref(banana), "attributes": {"occluded": False}}]



# ================================================================ OCR scenes

def ocr_subway_exit():
    rng = np.random.default_rng(401)
    W, H = 560, 380
    arr = gradient(W, H, (226, 228, 226), (200, 202, 200), scale=SS)
    cv = Canvas(W, H, arr)
    for y in range(0, H, 40):                                     # wall tiles
        cv.rect((0, y, W, y + 2), (180, 182, 180))
    for x in range(0, W, 40):
        cv.rect((x, 0, x + 2, H), (180, 182, 180))
    cv.rect((36, 36, 524, 306), (44, 50, 60), radius=10)
    cv.rect((48, 48, 150, 294), (250, 206, 40), radius=6)
    cv.polygon([(99, 92), (138, 142), (114, 142), (114, 236), (84, 236), (84, 142), (60, 142)], (30, 30, 34))
    img, _ = cv.reduce()
    refs = []
    white, yellow = (255, 255, 255, 255), (250, 206, 40, 255)
    for xy, text, f, col in (((176, 56), "3번 출구", font("sans-b", 66), white),
                             ((178, 154), "Exit 3", font("sans-r", 40), white),
                             ((178, 226), "시립도서관 방면", font("sans-r", 34), yellow)):
        refs.append(ref_box(put_text(img, xy, text, f, col), text))
    save(finish(img, rng), "ocr_subway_exit.png")
    return refs


def ocr_sale_board():
    rng = np.random.default_rng(402)
    W, H = 540, 480
    arr = gradient(W, H, (196, 190, 178), (170, 160, 146), scale=SS) + blotches(rng, W, H, 40, 5, scale=SS)
    cv = Canvas(W, H, arr)
    cv.rect((0, 420, W, H), (150, 142, 132))
    cv.polygon([(70, 470), (96, 30), (444, 30), (470, 470), (452, 470), (430, 48), (110, 48), (88, 470)],
               (150, 104, 60))
    cv.rect((96, 30, 444, 420), (150, 104, 60), radius=6)
    cv.rect((112, 46, 428, 404), (38, 66, 52))
    chalk = blotches(rng, W, H, 12, 5, scale=SS)
    drawn = np.asarray(cv.ids)[:, :, None] >= 0
    cv.img = Image.fromarray(np.clip(np.asarray(cv.img).astype(float) + chalk * drawn, 0, 255).astype(np.uint8), "RGB")
    cv.d = ImageDraw.Draw(cv.img)
    # strawberry doodle (not text)
    cv.polygon([(346, 300), (396, 300), (371, 352)], (210, 50, 60))
    cv.circle((358, 300), 13, (210, 50, 60))
    cv.circle((384, 300), 13, (210, 50, 60))
    cv.polygon([(356, 290), (371, 280), (386, 290), (371, 296)], (70, 150, 70))
    img, _ = cv.reduce()
    refs = []
    white, yellow = (246, 246, 240, 255), (250, 220, 90, 255)
    for xy, text, f, col in (((270, 96), "오늘의 특가!", font("sans-b", 52), white),
                             ((270, 200), "딸기 1팩 9,900원", font("sans-b", 40), yellow),
                             ((132, 276), "※ 카드 결제 가능", font("sans-r", 28), white)):
        anchor = "mm" if xy[0] == 270 else "la"
        refs.append(ref_box(put_text(img, xy, text, f, col, anchor=anchor), text))
    save(finish(img, rng), "ocr_sale_board.png")
    return refs


def ocr_parcel_box():
    rng = np.random.default_rng(403)
    W, H = 600, 460
    arr = gradient(W, H, (204, 210, 214), (182, 188, 192), scale=SS) + blotches(rng, W, H, 50, 4, scale=SS)
    cv = Canvas(W, H, arr)
    cv.rect((0, 368, W, 420), (70, 110, 160))                     # shelf beam
    cv.rect((0, 420, W, H), (150, 150, 146))
    cv.rect((70, 70, 520, 368), (196, 150, 96))                   # box
    cv.rect((70, 70, 520, 94), (178, 132, 82))
    cv.rect((280, 70, 310, 368), (214, 180, 130))                 # tape
    cv.rect((244, 374, 366, 414), (250, 250, 246), radius=3)      # shelf label plate
    img, _ = cv.reduce()
    refs = []
    # shelf label, horizontal
    refs.append(ref_box(put_text(img, (305, 394), "B-12", font("sans-b", 34), (20, 20, 20, 255), anchor="mm"), "B-12"))
    # shipping sticker, built upright then tilted
    SW, SH = 290, 170
    sticker = Image.new("RGBA", (SW, SH), (250, 250, 246, 0))
    sd = ImageDraw.Draw(sticker)
    sd.rounded_rectangle((0, 0, SW - 1, SH - 1), 10, fill=(250, 250, 246, 255))
    sd.rounded_rectangle((8, 8, SW - 9, SH - 9), 6, outline=(210, 40, 40, 255), width=4)
    # broken-glass pictogram (not text)
    sd.polygon([(26, 40), (74, 40), (66, 96), (34, 96)], outline=(40, 40, 40, 255), width=4)
    sd.line([(50, 96), (50, 132)], fill=(40, 40, 40, 255), width=4)
    sd.line([(36, 132), (64, 132)], fill=(40, 40, 40, 255), width=4)
    sd.line([(46, 42), (54, 62), (44, 74)], fill=(40, 40, 40, 255), width=3)
    l1, b1 = text_layer((SW, SH), (186, 62), "취급주의", font("sans-b", 50), (210, 40, 40, 255), anchor="mm")
    l2, b2 = text_layer((SW, SH), (186, 124), "FRAGILE", font("sans-b", 36), (30, 30, 30, 255), anchor="mm")
    sticker.alpha_composite(l1)
    sticker.alpha_composite(l2)
    angle, pivot, target = 14.0, (SW / 2, SH / 2), (200, 214)
    shadow = Image.new("RGBA", (SW, SH), (0, 0, 0, 0))
    ImageDraw.Draw(shadow).rounded_rectangle((0, 0, SW - 1, SH - 1), 10, fill=(60, 40, 20, 90))
    rotate_onto(img, shadow.filter(ImageFilter.GaussianBlur(4)), pivot, (target[0] + 5, target[1] + 6), angle)
    fwd = rotate_onto(img, sticker, pivot, target, angle)
    for lay, b, t in ((l1, b1, "취급주의"), (l2, b2, "FRAGILE")):
        refs.append(ref_poly(fwd, b, t))
        check_rotated((W, H), lay, refs[-1]["points"], pivot, target, angle, t)
    save(finish(img, rng), "ocr_parcel_box.png")
    return refs


def ocr_vertical_sign():
    rng = np.random.default_rng(404)
    W, H = 600, 520
    arr = gradient(W, H, (214, 206, 194), (190, 182, 170), scale=SS) + blotches(rng, W, H, 30, 5, scale=SS)
    cv = Canvas(W, H, arr)
    for y in range(0, H, 26):                                      # stone cladding joints
        cv.rect((0, y, W, y + 2), (176, 168, 156))
    cv.rect((40, 24, 130, 470), (250, 250, 246), outline=(40, 80, 160), width=5)     # vertical sign 1
    cv.rect((470, 40, 548, 250), (30, 130, 80), radius=6)                            # vertical sign 2
    cv.rect((494, 52, 524, 60), (250, 250, 246))                                     # pharmacy cross (not text)
    cv.rect((505, 44, 513, 68), (250, 250, 246))
    cv.rect((160, 120, 446, 500), (60, 64, 70))                                      # glass door frame
    cv.rect((170, 130, 436, 500), (130, 160, 176))
    cv.polygon([(210, 130), (250, 130), (186, 310), (170, 310), (170, 230)], (160, 186, 198))
    cv.rect((172, 230, 434, 284), (250, 250, 246), radius=4)                          # hours plate
    img, _ = cv.reduce()
    refs = []
    refs.append(ref_box(put_vertical(img, 85, 74, "행복한의원", font("sans-b", 58), (40, 80, 160, 255), 84),
                        "행복한의원"))
    refs.append(ref_box(put_vertical(img, 509, 124, "약국", font("sans-b", 52), (250, 250, 246, 255), 74), "약국"))
    refs.append(ref_box(put_text(img, (303, 257), "진료시간 09:00~19:00", font("sans-b", 24), (30, 30, 30, 255),
                                 anchor="mm"), "진료시간 09:00~19:00"))
    save(finish(img, rng), "ocr_vertical_sign.png")
    return refs


# ================================================================ classify images (320 x 240)

CW, CH = 320, 240


def weather_cloud(cv, c, s, col):
    """A cloud of five puffs around c, scaled by s."""
    for dx, dy, r in ((-30, 6, 22), (-8, -8, 28), (20, 0, 24), (38, 10, 16), (0, 12, 22)):
        cv.circle((c[0] + dx * s, c[1] + dy * s), r * s, col)


def sunny_sky(cv, rng):
    cv.circle((80, 70), 30, (252, 214, 60))
    for k in range(12):
        a = 2 * math.pi * k / 12
        cv.line([(80 + 40 * math.cos(a), 70 + 40 * math.sin(a)), (80 + 54 * math.cos(a), 70 + 54 * math.sin(a))],
                (252, 214, 60), 4)
    weather_cloud(cv, (230, 60), 0.6, (250, 250, 250))


def cloudy_sky(cv, rng):
    for c, s in (((70, 60), 1.0), ((180, 50), 1.2), ((280, 80), 0.9), ((130, 110), 0.8)):
        weather_cloud(cv, c, s, (214, 216, 220))


def rainy_sky(cv, rng):
    """Dark clouds, rain streaks and a puddle."""
    for c, s in (((70, 40), 1.1), ((190, 36), 1.3), ((290, 50), 1.0)):
        weather_cloud(cv, c, s, (110, 114, 124))
    for _ in range(70):
        x, y = rng.uniform(0, CW), rng.uniform(60, 230)
        cv.line([(x, y), (x - 4, y + 14)], (200, 214, 236), 1.5)
    cv.ellipse((40, 200, 120, 214), (120, 140, 170))


def snowy_sky(cv, rng):
    """Pale clouds, snowflakes and snow on the house's roof."""
    for c, s in (((90, 40), 1.0), ((230, 44), 1.1)):
        weather_cloud(cv, c, s, (218, 220, 226))
    for _ in range(80):
        x, y = rng.uniform(0, CW), rng.uniform(50, 235)
        cv.circle((x, y), rng.uniform(1.5, 3.2), (255, 255, 255))
    cv.polygon([(226, 134), (256, 106), (286, 134), (276, 138), (236, 138)], (250, 250, 252))


def cls_weather(kind):
    rng = np.random.default_rng({"sunny": 501, "cloudy": 502, "rain": 503, "snow": 504}[kind])
    sky = {"sunny": ((90, 160, 230), (180, 214, 240)), "cloudy": ((150, 156, 164), (196, 200, 204)),
           "rain": ((90, 96, 108), (140, 146, 154)), "snow": ((196, 202, 210), (230, 232, 236))}[kind]
    arr = gradient(CW, CH, *sky, scale=SS)
    cv = Canvas(CW, CH, arr)
    ground = {"sunny": (110, 170, 80), "cloudy": (110, 150, 90), "rain": (80, 110, 70), "snow": (246, 248, 250)}[kind]
    cv.polygon([(0, 180), (90, 160), (200, 176), (320, 158), (320, 240), (0, 240)], ground)
    cv.rect((236, 132, 276, 176), (170, 120, 90))                  # a small house
    cv.polygon([(228, 134), (256, 108), (284, 134)], (150, 60, 50))
    {"sunny": sunny_sky, "cloudy": cloudy_sky, "rain": rainy_sky, "snow": snowy_sky}[kind](cv, rng)
    img, _ = cv.reduce()
    save(finish(img, rng, vignette=0.1), f"cls_weather_{kind}.png")
    return {"image": f"media/cls_weather_{kind}.png"}


def cls_vehicle(kind):
    rng = np.random.default_rng({"car": 511, "bus": 512, "truck": 513, "bicycle": 514}[kind])
    arr = gradient(CW, CH, (190, 214, 234), (230, 236, 240), scale=SS)
    arr[190 * SS:] = (120, 120, 124)
    cv = Canvas(CW, CH, arr)
    cv.rect((0, 186, CW, 190), (170, 170, 166))
    if kind == "car":
        car_side(cv, 40, 212, 240, 1, facing="right", body=(40, 110, 190))
    elif kind == "bus":
        cv.rect((20, 80, 300, 200), (60, 150, 90), radius=10)
        for x in range(36, 280, 44):
            cv.rect((x, 94, x + 34, 130), (180, 210, 226), radius=3)
        cv.rect((264, 140, 292, 196), (180, 210, 226))
        cv.rect((20, 160, 300, 168), (240, 240, 236))
        for x in (70, 250):
            cv.circle((x, 200), 20, (30, 30, 32))
            cv.circle((x, 200), 9, (170, 170, 176))
    elif kind == "truck":
        cv.rect((20, 70, 210, 190), (236, 236, 232), outline=(150, 150, 150), width=2)
        cv.polygon([(214, 110), (270, 110), (300, 150), (300, 192), (214, 192)], (200, 50, 40))
        cv.polygon([(240, 118), (268, 118), (290, 148), (240, 148)], (180, 210, 226))
        cv.rect((20, 188, 300, 196), (60, 60, 64))
        for x in (60, 110, 250):
            cv.circle((x, 204), 18, (30, 30, 32))
            cv.circle((x, 204), 8, (170, 170, 176))
    else:
        bicycle(cv, (100, 190), (220, 190), 44, 1, frame=(220, 120, 30))
    img, _ = cv.reduce()
    save(finish(img, rng, vignette=0.1), f"cls_vehicle_{kind}.png")
    return {"image": f"media/cls_vehicle_{kind}.png"}


def cls_face(kind):
    rng = np.random.default_rng({"happy": 521, "sad": 522, "angry": 523, "surprised": 524, "neutral": 525}[kind])
    bg = {"happy": (200, 226, 240), "sad": (214, 220, 200), "angry": (230, 214, 200), "surprised": (220, 210, 236),
          "neutral": (226, 226, 220)}[kind]
    cv = Canvas(CW, CH, bg)
    cx, cy = 160, 124
    cv.rect((96, 200, 224, 240), (80, 100, 140), radius=20)          # shoulders
    cv.ellipse((cx - 70, cy - 88, cx + 70, cy + 84), (236, 196, 160))
    cv.ellipse((cx - 74, cy - 100, cx + 74, cy - 50), (70, 48, 34))  # hair
    cv.ellipse((cx - 78, cy - 12, cx - 64, cy + 18), (226, 184, 150))
    cv.ellipse((cx + 64, cy - 12, cx + 78, cy + 18), (226, 184, 150))
    ink = (50, 36, 30)
    eye_y = cy - 6
    for sx in (-1, 1):
        ex = cx + sx * 28
        r = 9 if kind == "surprised" else 6
        cv.ellipse((ex - r - 4, eye_y - r, ex + r + 4, eye_y + r), (255, 255, 255))
        cv.circle((ex, eye_y), r * 0.7, ink)
        # eyebrows: (inner end y, outer end y)
        inner, outer = {"happy": (-24, -26), "sad": (-30, -20), "angry": (-16, -28), "surprised": (-36, -34),
                        "neutral": (-24, -24)}[kind]
        cv.line([(cx + sx * 14, eye_y + inner), (cx + sx * 42, eye_y + outer)], ink, 5)
    cv.line([(cx, cy), (cx - 6, cy + 22), (cx + 4, cy + 24)], (200, 150, 120), 3)
    my = cy + 48
    if kind == "happy":
        cv.arc((cx - 30, my - 30, cx + 30, my + 12), 20, 160, (150, 50, 50), 5)
    elif kind == "sad":
        cv.arc((cx - 26, my - 2, cx + 26, my + 30), 200, 340, (150, 50, 50), 5)
        cv.ellipse((cx + 30, eye_y + 12, cx + 38, eye_y + 26), (120, 180, 240))
    elif kind == "angry":
        cv.line([(cx - 24, my + 8), (cx - 14, my + 2), (cx + 14, my + 2), (cx + 24, my + 8)], (150, 50, 50), 5)
    elif kind == "surprised":
        cv.ellipse((cx - 14, my - 12, cx + 14, my + 20), (120, 40, 40))
    else:
        cv.line([(cx - 22, my + 2), (cx + 22, my + 2)], (150, 50, 50), 5)
    img, _ = cv.reduce()
    save(finish(img, rng, vignette=0.1), f"cls_face_{kind}.png")
    return {"image": f"media/cls_face_{kind}.png"}


def cls_car_plate():
    rng = np.random.default_rng(531)
    arr = gradient(CW, CH, (150, 154, 160), (120, 124, 128), scale=SS)
    cv = Canvas(CW, CH, arr)
    cv.rect((0, 200, CW, CH), (90, 92, 96))
    cv.rect((40, 50, 280, 206), (236, 236, 236), radius=24)           # rear of a car
    cv.rect((64, 62, 256, 116), (60, 70, 84), radius=10)              # rear window
    cv.rect((44, 130, 92, 156), (210, 40, 40), radius=6)              # tail lights
    cv.rect((228, 130, 276, 156), (210, 40, 40), radius=6)
    cv.rect((104, 150, 216, 182), (252, 252, 252), outline=(40, 40, 40), width=2)   # plate
    cv.rect((50, 200, 90, 222), (30, 30, 32), radius=6)
    cv.rect((230, 200, 270, 222), (30, 30, 32), radius=6)
    img, _ = cv.reduce()
    put_text(img, (160, 166), "12가 3456", font("sans-b", 22), (20, 20, 20, 255), anchor="mm")
    save(finish(img, rng, vignette=0.1), "cls_car_plate.png")
    return {"image": "media/cls_car_plate.png"}


def cls_shop_phone():
    rng = np.random.default_rng(532)
    arr = gradient(CW, CH, (200, 180, 160), (176, 156, 136), scale=SS) + blotches(rng, CW, CH, 24, 5, scale=SS)
    cv = Canvas(CW, CH, arr)
    cv.rect((16, 30, 304, 130), (40, 90, 150), outline=(230, 230, 230), width=4)
    cv.rect((60, 150, 260, 240), (120, 150, 170), outline=(60, 60, 64), width=6)   # shop window
    img, _ = cv.reduce()
    put_text(img, (160, 66), "바른 세탁소", font("sans-b", 38), (255, 255, 255, 255), anchor="mm")
    put_text(img, (160, 108), "TEL 031-234-5678", font("sans-b", 22), (250, 220, 90, 255), anchor="mm")
    save(finish(img, rng, vignette=0.1), "cls_shop_phone.png")
    return {"image": "media/cls_shop_phone.png"}


def classify_images():
    out = []
    for k in ("sunny", "cloudy", "rain", "snow"):
        out.append(cls_weather(k))
    for k in ("car", "bus", "truck", "bicycle"):
        out.append(cls_vehicle(k))
    for k in ("happy", "sad", "angry", "surprised", "neutral"):
        out.append(cls_face(k))
    out.append(cls_car_plate())
    out.append(cls_shop_phone())
    return out


SCENES = {}


def scene(fn):
    SCENES[fn.__name__] = fn
    return fn


for _fn in (kp_robot_arm, kp_mannequin_front, kp_two_mannequins, kp_mannequin_back, kp_car_side,
            bbox_traffic_lights, bbox_shelf, bbox_parking_lot, bbox_crosswalk,
            poly_road_signs, poly_rooftops, poly_fruit_plate,
            ocr_subway_exit, ocr_sale_board, ocr_parcel_box, ocr_vertical_sign, classify_images):
    scene(_fn)


def main(names):
    REFS.parent.mkdir(parents=True, exist_ok=True)
    refs = json.loads(REFS.read_text()) if REFS.exists() else {}
    for name in names or list(SCENES):
        refs[name] = SCENES[name]()
        print("   ", json.dumps(refs[name], ensure_ascii=False)[:600])
    REFS.write_text(json.dumps(refs, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
