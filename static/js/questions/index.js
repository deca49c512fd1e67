// The browser side of the question-type registry: type name -> { read, apply }.
import * as single from "./single.js";
import * as multiple from "./multiple.js";
import * as ox from "./ox.js";
import * as short from "./short.js";

export const types = { single, multiple, ox, short };
