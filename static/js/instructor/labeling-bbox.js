// The bbox editor section: reference boxes drawn with the candidate's box editor.
import { setupLabelingSection } from "./labeling-section.js";
import { shapeConverters } from "./labeling-shapes.js";

export const converters = shapeConverters("box");

export function init(section) {
  setupLabelingSection(section, converters);
}
