// Bounding boxes: {"shapes": [{"label": "coin", "box": [x, y, w, h], "attributes": {...}}]}
// in image pixels; null while nothing is drawn. The editor: ../labeling/shapes.js.
import { typeModule } from "../labeling/editor.js";
import { ShapeEditor } from "../labeling/shapes.js";
import { round1 } from "../labeling/util.js";

const isNumber = (v) => typeof v === "number" && Number.isFinite(v);

function fromResponse(response) {
  const shapes = (response && Array.isArray(response.shapes)) ? response.shapes : [];
  return shapes
    .filter((s) => s && Array.isArray(s.box) && s.box.length === 4 && s.box.every(isNumber))
    .map((s) => ({ kind: "box", box: s.box.map(round1), label: s.label, attributes: { ...(s.attributes || {}) } }));
}

function toResponse(shapes) {
  if (!shapes.length) return null;
  return {
    shapes: shapes.map((s) => ({ label: s.label, box: s.box.map(round1), attributes: { ...(s.attributes || {}) } })),
  };
}

const make = (item) => new ShapeEditor(item, { kinds: ["box"], hasLabels: true, hasText: false, fromResponse, toResponse });

export const { init, read, apply } = typeModule(make);
