// The spans editor section: the reference tags put on the pasted text with the candidate's span
// editor (offsets in code points, end exclusive, as the bank keeps them).
import { setupLabelingSection } from "./labeling-section.js";

const list = (value) => (Array.isArray(value) ? value : []);

export const converters = {
  toResponse: (reference) => ({ spans: list(reference).filter((s) => s && Number.isInteger(s.start)) }),
  toReference: (response) => list(response && response.spans).map((s) => ({ start: s.start, end: s.end, label: s.label })),
};

export function init(section) {
  setupLabelingSection(section, converters);
}
