// The OCR editor section: reference text regions (boxes or polygons and their text) drawn with the
// candidate's OCR editor. The bank's reference and the response's "regions" have the same items.
import { setupLabelingSection } from "./labeling-section.js";

const list = (value) => (Array.isArray(value) ? value : []);

export const converters = {
  toResponse: (reference) => ({ regions: list(reference) }),
  toReference: (response) => list(response && response.regions),
};

export function init(section) {
  setupLabelingSection(section, converters);
}
