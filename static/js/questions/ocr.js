// OCR: a box or a polygon around each text region, with what it says:
// {"regions": [{"box": [x, y, w, h], "text": "STOP"}, {"points": [[x, y], ...], "text": "..."}]};
// null while no region is drawn. The editor: ../labeling/shapes.js.
import { typeModule } from "../labeling/editor.js";
import { ShapeEditor } from "../labeling/shapes.js";
import { round1 } from "../labeling/util.js";

// The text is saved while typing, after a short pause (main.js listens to "input").
export const typing = true;

const isNumber = (v) => typeof v === "number" && Number.isFinite(v);

function fromResponse(response) {
  const regions = (response && Array.isArray(response.regions)) ? response.regions : [];
  const shapes = [];
  for (const r of regions) {
    if (!r) continue;
    const text = typeof r.text === "string" ? r.text : "";
    if (Array.isArray(r.box) && r.box.length === 4 && r.box.every(isNumber)) {
      shapes.push({ kind: "box", box: r.box.map(round1), text });
    } else if (Array.isArray(r.points) && r.points.length >= 3 && r.points.every((p) => Array.isArray(p) && p.length === 2 && p.every(isNumber))) {
      shapes.push({ kind: "poly", points: r.points.map((p) => p.map(round1)), text });
    }
  }
  return shapes;
}

function toResponse(shapes) {
  if (!shapes.length) return null;
  return {
    regions: shapes.map((s) => (s.kind === "box"
      ? { box: s.box.map(round1), text: s.text || "" }
      : { points: s.points.map((p) => p.map(round1)), text: s.text || "" })),
  };
}

const make = (item) => new ShapeEditor(item, { kinds: ["box", "poly"], hasLabels: false, hasText: true, fromResponse, toResponse });

export const { init, read, apply } = typeModule(make);
