// Inspection (검수): {"judgements": [{"label": n, "decision": "approve" | "reject", "reason": key}],
// "missed": [{"box": [x, y, w, h]}], "verdict": "approve" | "reject" | null}, labels numbered from 1
// in the order submitted, a reason only with "reject"; null while nothing is done.
// The editor: ../labeling/inspect.js (images, or the text of a spans task).
import { typeModule } from "../labeling/editor.js";
import { ImageInspector, TextInspector } from "../labeling/inspect.js";

const make = (item) => (item.querySelector(".labeling").dataset.task === "spans"
  ? new TextInspector(item) : new ImageInspector(item));

export const { init, read, apply } = typeModule(make);
