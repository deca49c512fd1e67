// Keypoints: {"instances": [{"label": "person", "points": [[x, y] | [x, y, 1] | "hidden" | null, ...]}]},
// one entry per skeleton point, in order: [x, y] visible, [x, y, 1] occluded with an estimated
// position, "hidden" not labelled (표시 안 함); null while not placed or marked.
// The editor: ../labeling/keypoints.js.
import { typeModule } from "../labeling/editor.js";
import { KeypointEditor } from "../labeling/keypoints.js";
import { round1 } from "../labeling/util.js";

function point(p) {
  if (p === "hidden") return "hidden";
  const xy = Array.isArray(p) && (p.length === 2 || (p.length === 3 && p[2] === 1)) ? p.slice(0, 2) : null;
  if (xy && xy.every((v) => typeof v === "number" && Number.isFinite(v))) return p.length === 3 ? [...xy.map(round1), 1] : xy.map(round1);
  return null;
}

function fromResponse(response, editor) {
  const count = editor.points.length;
  const instances = (response && Array.isArray(response.instances)) ? response.instances : [];
  return instances.filter((inst) => inst && Array.isArray(inst.points)).map((inst) => ({
    label: inst.label || (editor.labels[0] && editor.labels[0].name) || "",
    points: Array.from({ length: count }, (_, k) => point(inst.points[k])),
  }));
}

function toResponse(instances) {
  const used = instances.filter((inst) => inst.points.some((p) => p !== null));
  if (!used.length) return null;
  return { instances: used.map((inst) => ({ label: inst.label, points: inst.points.map(point) })) };
}

const make = (item) => new KeypointEditor(item, { fromResponse, toResponse });

export const { init, read, apply } = typeModule(make);
