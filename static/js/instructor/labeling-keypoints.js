// The keypoints editor section: reference instances placed with the candidate's keypoint editor
// (a point, "hidden", or [x, y, 1] where the editor marks occluded points). An instance's `area`,
// which the editor does not show, is kept from the reference it had.
import { setupLabelingSection } from "./labeling-section.js";

const list = (value) => (Array.isArray(value) ? value : []);

export const converters = {
  toResponse: (reference) => ({
    instances: list(reference).filter((i) => i && Array.isArray(i.points)).map((i) => ({ label: i.label, points: i.points })),
  }),
  toReference: (response, previous) => list(response && response.instances).map((instance, index) => {
    const before = list(previous)[index];
    const kept = { label: instance.label, points: instance.points };
    if (before && before.area !== undefined && before.label === instance.label) kept.area = before.area;
    return kept;
  }),
};

export function init(section) {
  setupLabelingSection(section, converters);
}
