// Polygons: {"shapes": [{"label": "text", "points": [[x, y], ...], "attributes": {...}}]} in
// image pixels (3+ points); null while nothing is drawn. The editor: ../labeling/shapes.js.
import { typeModule } from "../labeling/editor.js";
import { ShapeEditor } from "../labeling/shapes.js";
import { round1 } from "../labeling/util.js";

const isPoint = (p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === "number" && Number.isFinite(v));

function fromResponse(response) {
  const shapes = (response && Array.isArray(response.shapes)) ? response.shapes : [];
  return shapes
    .filter((s) => s && Array.isArray(s.points) && s.points.length >= 3 && s.points.every(isPoint))
    .map((s) => ({
      kind: "poly", points: s.points.map((p) => p.map(round1)), label: s.label, attributes: { ...(s.attributes || {}) },
    }));
}

function toResponse(shapes) {
  if (!shapes.length) return null;
  return {
    shapes: shapes.map((s) => ({
      label: s.label, points: s.points.map((p) => p.map(round1)), attributes: { ...(s.attributes || {}) },
    })),
  };
}

const make = (item) => new ShapeEditor(item, { kinds: ["poly"], hasLabels: true, hasText: false, fromResponse, toResponse });

export const { init, read, apply } = typeModule(make);
