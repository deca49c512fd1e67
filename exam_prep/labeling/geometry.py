"""Geometry for scoring labels: areas and IoU (Intersection over Union) of boxes and polygons.

Coordinates are image pixels, origin top-left, x right, y down (docs/labeling.md). Nothing is
clipped to the image. A box is ``[x, y, w, h]``; a polygon is a list of ``[x, y]`` points.

IoU = area(A ∩ B) / area(A ∪ B). When the union has no area (two zero-area shapes) the IoU is 0,
as it is for disjoint or merely touching shapes (their intersection has no area).

Polygons drawn by hand may cross themselves (a "bow-tie"). They are repaired with
``shapely.make_valid``, which keeps every lobe (a bow-tie becomes two triangles), unlike the
older ``buffer(0)`` trick that silently drops one lobe; then only the polygonal parts are kept.
The "structure" method is used: the result covers every area the outline encloses (a region
the ring goes round twice counts once, it is not cut out as a hole as with "linework"), and a
collapsed polygon (all points on a line) becomes empty.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.errors import GEOSException

__all__ = [
    "box_areas",
    "box_iou",
    "box_to_polygon",
    "points_bbox_area",
    "polygon_areas",
    "polygon_iou",
    "to_polygons",
]

_EMPTY = shapely.Polygon()
GRID = 1e-6  # px: the precision of the robust overlay used with repaired polygons
# Polygon coordinates are rounded to the same grid first (responses are stored to 0.01 px):
# GEOS's floating-point predicates misjudge coordinates such as 1e-189 (underflow).
_DECIMALS = 6
# px²: a polygon with less area has none for IoU. Far below anything drawable (a triangle on the
# 0.01 px grid responses are stored on has at least 5e-5 px²), but it keeps GEOS's floating-point
# overlay away from 1e-60-wide slivers, where A ∩ B and B ∩ A disagree.
MIN_AREA = 1e-6
_POLYGONAL = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


# Boxes ---------------------------------------------------------------------------------------

def _corners(boxes: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """(N, 4) array of [x1, y1, x2, y2] with x1 <= x2, y1 <= y2 from [x, y, w, h] boxes.

    A negative width or height is read as a box drawn leftwards / upwards (no box is lost).
    """
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    x, y, w, h = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    return np.stack([np.minimum(x, x + w), np.minimum(y, y + h), np.maximum(x, x + w), np.maximum(y, y + h)], axis=1)


@np.errstate(all="ignore")
def box_areas(boxes: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Area of each [x, y, w, h] box, shape (N,)."""
    c = _corners(boxes)
    return (c[:, 2] - c[:, 0]) * (c[:, 3] - c[:, 1])


@np.errstate(all="ignore")  # a non-finite coordinate gives 0, not a warning
def box_iou(a: Sequence[Sequence[float]] | np.ndarray, b: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """IoU of every box of ``a`` with every box of ``b``: an (N, M) matrix, vectorised.

    Touching boxes (a shared edge) and zero-area boxes give 0.
    """
    ca, cb = _corners(a), _corners(b)
    if len(ca) == 0 or len(cb) == 0:
        return np.zeros((len(ca), len(cb)))
    iw = np.minimum(ca[:, None, 2], cb[None, :, 2]) - np.maximum(ca[:, None, 0], cb[None, :, 0])
    ih = np.minimum(ca[:, None, 3], cb[None, :, 3]) - np.maximum(ca[:, None, 1], cb[None, :, 1])
    inter = np.clip(iw, 0, None) * np.clip(ih, 0, None)
    area_a = (ca[:, 2] - ca[:, 0]) * (ca[:, 3] - ca[:, 1])
    area_b = (cb[:, 2] - cb[:, 0]) * (cb[:, 3] - cb[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return np.clip(np.nan_to_num(iou, nan=0.0), 0.0, 1.0)


def box_to_polygon(box: Sequence[float]) -> list[list[float]]:
    """The four corners of an [x, y, w, h] box, clockwise on screen from the top-left."""
    x, y, w, h = (float(v) for v in box)
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


# Polygons ------------------------------------------------------------------------------------

def _polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the areas of a repaired geometry: a Polygon or MultiPolygon (possibly empty)."""
    if shapely.get_type_id(geom) in _POLYGONAL:
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in _POLYGONAL]
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        return parts[0]
    return shapely.union_all(parts)


def to_polygons(shapes: Iterable[Sequence[Sequence[float]]]) -> np.ndarray:
    """Valid shapely (Multi)Polygons, one per point list, as a numpy object array.

    Fewer than three points, or a non-finite coordinate, give an empty polygon (area 0).
    Invalid rings (self-crossing, repeated or collinear points) are repaired with make_valid
    and reduced to their polygonal parts.
    """
    return _build(shapes)[0]


def _rings(shapes: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The point lists that can make a ring (3+ finite [x, y] points): their shape indices,
    their concatenated coordinates (rounded to the 1e-6 px grid), and a ring id per coordinate."""
    lengths = np.fromiter((len(points) for points in shapes), dtype=np.intp, count=len(shapes))
    try:  # the common case in one go: every point an [x, y] pair
        flat = np.array([point for points in shapes for point in points], dtype=float).reshape(-1, 2)
        if len(flat) != lengths.sum():
            raise ValueError
    except (ValueError, TypeError):  # something odd in there: one by one
        return _rings_one_by_one(shapes)
    flat = np.round(flat, _DECIMALS)
    owner = np.repeat(np.arange(len(shapes)), lengths)
    bad = np.zeros(len(shapes), dtype=bool)
    bad[owner[~np.isfinite(flat).all(axis=1)]] = True
    keep = (lengths >= 3) & ~bad
    points = keep[owner]
    index = np.nonzero(keep)[0]
    return index, flat[points], np.repeat(np.arange(len(index)), lengths[keep])


def _rings_one_by_one(shapes: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    coords, index = [], []
    for i, points in enumerate(shapes):
        try:
            arr = np.round(np.asarray(points, dtype=float), _DECIMALS)
        except (ValueError, TypeError):
            continue
        if arr.ndim == 2 and arr.shape[1] == 2 and len(arr) >= 3 and np.isfinite(arr).all():
            coords.append(arr)
            index.append(i)
    if not coords:
        return np.zeros(0, dtype=np.intp), np.empty((0, 2)), np.zeros(0, dtype=np.intp)
    ids = np.repeat(np.arange(len(coords)), [len(c) for c in coords])
    return np.asarray(index), np.concatenate(coords), ids


@np.errstate(all="ignore")
def _build(shapes: Iterable[Sequence[Sequence[float]]]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`to_polygons` and a mask of the polygons that had to be repaired."""
    shapes = list(shapes)
    out = np.empty(len(shapes), dtype=object)
    out[:] = _EMPTY
    repaired = np.zeros(len(shapes), dtype=bool)
    index, coords, ring_ids = _rings(shapes)
    if not len(index):
        return out, repaired
    # One vectorised construction for all rings: shapely closes each ring itself.
    rings = shapely.linearrings(coords, indices=ring_ids)
    polys = shapely.polygons(rings)
    invalid = ~shapely.is_valid(polys)
    if invalid.any():
        # "structure" (GEOS >= 3.10): the union of the areas the ring encloses, every lobe
        # kept; ~4x faster than the default "linework", and no collapsed lines to drop.
        fixed = shapely.make_valid(polys[invalid], method="structure", keep_collapsed=False)
        polys[invalid] = [_polygonal_part(g) for g in fixed]
    out[index] = polys
    repaired[index] = invalid
    return out, repaired


def _as_polygons(shapes: Sequence | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geometries and a "needs robust overlay" mask from point lists or from :func:`to_polygons`."""
    if isinstance(shapes, np.ndarray) and shapes.dtype == object and (
        len(shapes) == 0 or isinstance(shapes[0], shapely.Geometry)
    ):
        # Already built: treat every multi-part geometry as a repaired one.
        return shapes, shapely.get_num_geometries(shapes) > 1 if len(shapes) else np.zeros(0, dtype=bool)
    return _build(shapes)


@np.errstate(all="ignore")
def polygon_areas(shapes: Sequence | np.ndarray) -> np.ndarray:
    """Area of each polygon (point lists or geometries from :func:`to_polygons`), shape (N,)."""
    geoms = _as_polygons(shapes)[0]
    return shapely.area(geoms).astype(float) if len(geoms) else np.zeros(0)


def _intersection_areas(a: np.ndarray, b: np.ndarray, robust: np.ndarray) -> np.ndarray:
    """Area of a[k] ∩ b[k] for every k; pairs flagged ``robust`` use a fixed-precision overlay.

    GEOS's floating-point overlay can go wrong on the slivers that repairing a self-crossing
    polygon leaves behind (its new vertices are rounded crossing points): A ∩ B and B ∩ A then
    differ, or both miss half the true intersection (cases found by the property tests).
    Snap-rounding on a 1e-6 px grid is robust and exact up to that grid, but about five times
    slower (~0.1 ms a pair), so it is used only for pairs that involve a repaired polygon.
    """
    out = np.zeros(len(a))
    for mask, grid in ((~robust, None), (robust, GRID)):
        if not mask.any():
            continue
        try:
            out[mask] = shapely.area(shapely.intersection(a[mask], b[mask], grid_size=grid))
        except GEOSException:  # pragma: no cover - a last resort, pair by pair on the grid
            for k in np.nonzero(mask)[0]:
                out[k] = shapely.area(shapely.intersection(a[k], b[k], grid_size=GRID))
    if robust.any():
        # The same repaired shape twice: its whole area (snapping would shave a hair off it).
        same = np.zeros(len(a), dtype=bool)
        same[robust] = shapely.equals_exact(a[robust], b[robust], tolerance=0.0)
        out[same] = shapely.area(a[same])
    return out


@np.errstate(all="ignore")  # pathological coordinates (1e-300) must not warn: pytest runs warnings=error
def polygon_iou(a: Sequence | np.ndarray, b: Sequence | np.ndarray, floor: float = 0.0) -> np.ndarray:
    """IoU of every polygon of ``a`` with every polygon of ``b``: an (N, M) matrix.

    ``a`` and ``b`` are lists of point lists, or arrays from :func:`to_polygons`; a polygon
    under ``MIN_AREA`` (1e-6 px²) has IoU 0 with everything. Only pairs whose bounding boxes
    overlap with positive area are intersected, and those all at once with
    shapely's array functions, so 50 x 50 polygons cost a few milliseconds.

    ``floor`` > 0 skips the pairs whose IoU cannot reach it and leaves them at 0: with m the
    smallest of the two areas and of their bounding boxes' intersection, IoU <= m / (a + b - m).
    A scorer passes its threshold: a pair under it is never paired anyway.
    """
    (ga, fixed_a), (gb, fixed_b) = _as_polygons(a), _as_polygons(b)
    iou = np.zeros((len(ga), len(gb)))
    if len(ga) == 0 or len(gb) == 0:
        return iou
    area_a, area_b = shapely.area(ga), shapely.area(gb)
    ba, bb = shapely.bounds(ga), shapely.bounds(gb)  # NaN for empty geometries: never overlap
    iw = np.minimum(ba[:, None, 2], bb[None, :, 2]) - np.maximum(ba[:, None, 0], bb[None, :, 0])
    ih = np.minimum(ba[:, None, 3], bb[None, :, 3]) - np.maximum(ba[:, None, 1], bb[None, :, 1])
    overlap = (iw > 0) & (ih > 0) & (area_a[:, None] >= MIN_AREA) & (area_b[None, :] >= MIN_AREA)
    if floor > 0:
        m = np.minimum(iw * ih, np.minimum(area_a[:, None], area_b[None, :]))
        bound = m / (area_a[:, None] + area_b[None, :] - m)
        overlap &= bound >= floor
    i, j = np.nonzero(overlap)
    if len(i) == 0:
        return iou
    inter = _intersection_areas(ga[i], gb[j], fixed_a[i] | fixed_b[j])
    union = area_a[i] + area_b[j] - inter
    values = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    iou[i, j] = np.clip(np.nan_to_num(values, nan=0.0), 0.0, 1.0)
    return iou


# Points --------------------------------------------------------------------------------------

def points_bbox_area(points: Iterable[Sequence[float]]) -> float:
    """Area of the axis-aligned bounding box of some [x, y] points (0 for fewer than two)."""
    arr = np.asarray([p for p in points if p is not None and all(math.isfinite(v) for v in p)], dtype=float)
    if arr.size == 0:
        return 0.0
    arr = arr.reshape(-1, 2)
    span = arr.max(axis=0) - arr.min(axis=0)
    return float(span[0] * span[1])


def shape_geometry(shape: dict[str, Any]) -> dict[str, Any]:
    """Where a drawn shape (``box`` or ``points``) is drawn in a review picture: the box, or the
    points as an SVG ``points`` string, and the anchor (top-left) of its tag."""
    if shape.get("box") is not None:
        x, y, w, h = shape["box"]
        return {"box": [x, y, w, h], "anchor": [x, y]}
    points = shape.get("points") or []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return {"points": " ".join(f"{x},{y}" for x, y in points),
            "anchor": [min(xs) if xs else 0, min(ys) if ys else 0]}
