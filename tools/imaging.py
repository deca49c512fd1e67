"""Drawing helpers shared by the image generators in tools/ (run by hand)."""
import math

from PIL import Image


def rotate_onto(scene, layer, pivot, target, angle_deg):
    """Paste `layer` rotated by angle_deg (positive = counter-clockwise on screen) so that the
    layer point `pivot` lands on the scene point `target`. Returns the forward point mapping."""
    th = math.radians(angle_deg)
    c, s = math.cos(th), math.sin(th)
    px, py = pivot
    tx, ty = target

    def fwd(p):
        dx, dy = p[0] - px, p[1] - py
        return (tx + c * dx + s * dy, ty - s * dx + c * dy)

    # inverse: p = pivot + R^T (q - target); Pillow's AFFINE maps output (x, y) to input.
    data = (c, -s, px - c * tx + s * ty, s, c, py - s * tx - c * ty)
    out = layer.transform(scene.size, Image.AFFINE, data, resample=Image.BICUBIC)
    scene.alpha_composite(out)
    return fwd


def rect_corners(bbox):
    """The four corners of an (x0, y0, x1, y1) box, clockwise from the top left."""
    x0, y0, x1, y1 = bbox
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def save_palette_png(img, path, good_kb, limit_kb):
    """Quantise to the largest palette (256 colours down to 96) that makes the PNG smaller than
    good_kb, so textured images stay small; fail if even the smallest is limit_kb or more."""
    for colors in (256, 192, 160, 128, 96):
        q = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT)
        q.save(path, optimize=True)
        kb = path.stat().st_size / 1024
        if kb < good_kb:
            break
    print(f"{path.name}: {img.size[0]}x{img.size[1]}, {colors} colours, {kb:.1f} KB")
    assert kb < limit_kb, path.name
    return path
