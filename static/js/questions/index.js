// The browser side of the question-type registry: type name -> { init?, read, apply }.
import * as single from "./single.js";
import * as multiple from "./multiple.js";
import * as ox from "./ox.js";
import * as short from "./short.js";
import * as bbox from "./bbox.js";
import * as polygon from "./polygon.js";
import * as keypoints from "./keypoints.js";
import * as classify from "./classify.js";
import * as spans from "./spans.js";
import * as ocr from "./ocr.js";
import * as inspect from "./inspect.js";

export const types = { single, multiple, ox, short, bbox, polygon, keypoints, classify, spans, ocr, inspect };
