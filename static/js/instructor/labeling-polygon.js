// The polygon editor section: reference polygons drawn with the candidate's polygon editor.
import { setupLabelingSection } from "./labeling-section.js";
import { shapeConverters } from "./labeling-shapes.js";

export const converters = shapeConverters("points");

export function init(section) {
  setupLabelingSection(section, converters);
}
