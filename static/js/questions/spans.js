// Spans: {"spans": [{"start": 0, "end": 3, "label": "PER"}]}, offsets in Unicode code points
// (end exclusive), sorted; null while nothing is tagged. The editor: ../labeling/spans.js.
import { typeModule } from "../labeling/editor.js";
import { SpanEditor } from "../labeling/spans.js";

const isIndex = (v) => Number.isInteger(v) && v >= 0;

function fromResponse(response) {
  const spans = (response && Array.isArray(response.spans)) ? response.spans : [];
  return spans
    .filter((s) => s && isIndex(s.start) && isIndex(s.end) && s.end > s.start && typeof s.label === "string")
    .map((s) => ({ start: s.start, end: s.end, label: s.label }));
}

function toResponse(spans) {
  if (!spans.length) return null;
  return {
    spans: [...spans].sort((a, b) => a.start - b.start || a.end - b.end)
      .map((s) => ({ start: s.start, end: s.end, label: s.label })),
  };
}

const make = (item) => new SpanEditor(item, { fromResponse, toResponse });

export const { init, read, apply } = typeModule(make);
