// Boxes and polygons over an image: bbox, polygon and ocr (boxes or polygons with text).
//
// A shape here: {kind: "box", box: [x, y, w, h]} or {kind: "poly", points: [[x, y], ...]},
// plus label and attributes (bbox, polygon) or text (ocr); image pixels, rounded to 0.1.
//
// Two modes, as in CVAT and Label Studio, always shown (the pressed tool button and a word):
// 그리기 (draw, key D): a drag always draws a new box, a press always adds a polygon corner,
// also inside a shape already drawn (a camera in front of a person); a click without a drag
// selects the shape under it. The editor stays in this mode after each shape.
// 선택·이동 (select, key S): a drag moves a shape, its handles resize it or move a corner; a
// drag on the empty image moves the view.
// By touch the same, with larger handles; a tap adds a polygon corner (a drag moves the view),
// a long press on a corner deletes it, on a shape opens its menu (as a right click does).
import { Canvas } from "./canvas.js";
import { EditorBase } from "./editor.js";
import {
  clamp, deepCopy, h, inputKind, num, revealWithin, round1, scrollIntoViewTogether, svg, watchInput,
} from "./util.js";

const HANDLE = 12; // handle size on screen, px
const HIT = 24; // the area that grabs a handle, px
const TOUCH_HANDLE = 20; // ... when the input is a finger
const TOUCH_HIT = 44; // WCAG 2.5.8: a finger's target, at least 44 × 44 px
const CLICK = 4; // a press that moves less than this (screen px) is a click, not a drag
const TOUCH_CLICK = 10; // ... for a finger, which is never quite still
// Two presses this close in time and on the same spot (a double click) close a polygon being
// drawn. Farther apart, however quick, they are two corners of a small object.
const DOUBLE_MS = 450;
const DOUBLE_PX = 3;
const BOX_PARTS = [null, "left", "top", "right", "bottom"];
const HANDLES = { nw: [0, 0], n: [0.5, 0], ne: [1, 0], e: [1, 0.5], se: [1, 1], s: [0.5, 1], sw: [0, 1], w: [0, 0.5] };

export function bounds(shape) {
  if (shape.kind === "box") {
    const [x, y, w, h] = shape.box;
    return [x, y, x + w, y + h];
  }
  const xs = shape.points.map((p) => p[0]);
  const ys = shape.points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function polygonArea(points) {
  let sum = 0;
  points.forEach(([x0, y0], i) => {
    const [x1, y1] = points[(i + 1) % points.length];
    sum += x0 * y1 - x1 * y0;
  });
  return Math.abs(sum) / 2;
}

function boxFromEdges(l, t, r, b) {
  const x0 = round1(Math.min(l, r));
  const y0 = round1(Math.min(t, b));
  return [x0, y0, round1(Math.max(l, r) - x0), round1(Math.max(t, b) - y0)];
}

export class ShapeEditor extends EditorBase {
  // options: {kinds: ["box"] | ["poly"] | ["box", "poly"], hasLabels, hasText,
  //           fromResponse(response) -> shapes, toResponse(shapes) -> response | null}
  constructor(item, options) {
    super(item);
    this.options = options;
    this.shapes = [];
    this.sel = -1; // selected shape
    this.part = null; // what the arrow keys move: null (all), an edge name, or a vertex index
    this.tool = options.kinds[0];
    this.mode = options.mode || "draw"; // "draw" | "select"
    this.draft = null; // polygon being drawn: {points, hover}
    this.drag = null;
    this.lastPress = null;
    this.els = [];
    this.rows = [];

    const image = this.config.image || { url: "", width: 1, height: 1 };
    this.canvas = new Canvas(this.root.querySelector(".lab-stage"), image, {
      label: this.t("viewport"),
      onZoom: () => { if (this.canvas) { this.renderShapes(); this.renderOverlay(); this.showZoom(); } },
    });
    this.list = this.root.querySelector(".lab-list");
    this.empty = this.root.querySelector(".lab-empty");
    this.selBox = this.root.querySelector(".lab-selected");
    this.modeWord = this.root.querySelector(".lab-mode-word");
    this.prepare();
    this.listen();
    this.listenPointer();
    watchInput(() => {
      this.renderOverlay();
      this.renderStatus();
    });
    this.setState(this.stateFrom(this.saved));
    this.history.reset(this.getState());
    this.render();
  }

  // A subclass's own setup, once the canvas is made and before the saved answer is shown
  // (it runs inside this constructor: a subclass keeps its fields here, not in class fields).
  prepare() {}

  get W() { return this.canvas.width; }

  get H() { return this.canvas.height; }

  getState() { return { shapes: this.shapes }; }

  setState(state) {
    this.shapes = deepCopy(state.shapes || []);
    if (this.options.hasLabels) {
      for (const shape of this.shapes) {
        if (!this.labels.some((l) => l.name === shape.label) && this.labels.length) shape.label = this.labels[0].name;
        shape.attributes = this.defaultAttributes(shape.label, shape.attributes || {});
      }
    }
    if (this.sel >= this.shapes.length) this.sel = this.shapes.length - 1;
    if (this.sel < 0) this.part = null;
    this.fixPart();
  }

  stateFrom(response) { return { shapes: this.options.fromResponse(response) }; }

  response() { return this.options.toResponse(this.shapes); }

  get usesLabelKeys() { return this.options.hasLabels; }

  // --- labels and attributes

  currentLabel() {
    const label = this.labels[this.labelIndex];
    return label ? label.name : "";
  }

  defaultAttributes(labelName, previous = {}) {
    const label = this.labels.find((l) => l.name === labelName);
    const attributes = {};
    for (const attr of (label && label.attributes) || []) {
      const name = typeof attr === "string" ? attr : attr.name;
      attributes[name] = !!previous[name];
    }
    return attributes;
  }

  // 1–9 / the picker: the label of shapes drawn from now on.
  pickLabel(index) {
    if (index < 0 || index >= this.labels.length) return;
    this.showLabel(index);
    this.live.say(this.t("label_now", { label: this.labelTitle(this.labels[index].name) }));
  }

  // Shift+1–9 / the selected shape's label list: change the selected shape's label.
  relabel(index) {
    const shape = this.shapes[this.sel];
    if (!shape || index < 0 || index >= this.labels.length) return;
    const name = this.labels[index].name;
    if (shape.label === name) return;
    shape.label = name;
    shape.attributes = this.defaultAttributes(name, shape.attributes);
    this.commit(this.t("relabelled", { name: this.name(this.sel) }));
  }

  onInputChange(event) {
    const input = event.target;
    if (input.classList.contains("lab-shape-label")) {
      this.relabel(this.labels.findIndex((l) => l.name === input.value));
    } else if (input.classList.contains("lab-attr-input")) {
      const shape = this.shapes[this.sel];
      if (!shape) return;
      shape.attributes = { ...shape.attributes, [input.dataset.attr]: input.checked };
      this.commit();
    } else if (input.classList.contains("lab-row-text")) {
      const index = Number(input.dataset.index);
      if (this.shapes[index]) {
        this.shapes[index].text = input.value;
        this.commit(null, `text:${index}`);
      }
    } else {
      super.onInputChange(event);
    }
  }

  // --- words for people and screen readers

  name(index) {
    const shape = this.shapes[index];
    const n = index + 1;
    if (!this.options.hasLabels) return this.t("region_name", { n });
    const label = this.labelTitle(shape.label);
    return this.t(shape.kind === "box" ? "box_name" : "poly_name", { label, n });
  }

  describe(index) {
    const shape = this.shapes[index];
    const name = this.name(index);
    let text;
    if (shape.kind === "box") {
      const [x, y, w, h] = shape.box;
      text = this.t("box_desc", { name, x: num(x), y: num(y), w: num(w), h: num(h) });
    } else {
      const [x0, y0, x1, y1] = bounds(shape);
      text = this.t("poly_desc", {
        name, count: shape.points.length, x0: num(x0), y0: num(y0), x1: num(x1), y1: num(y1),
      });
    }
    if (this.options.hasText) {
      text += shape.text ? this.t("text_desc", { text: shape.text }) : this.t("text_none");
    }
    return text;
  }

  partName(part = this.part) {
    if (part === null || part === undefined) return this.t("part_whole");
    if (typeof part === "number") {
      const [x, y] = this.shapes[this.sel].points[part];
      return this.t("part_vertex", { n: part + 1, x: num(x), y: num(y) });
    }
    return this.t(`part_${part}`);
  }

  // --- drawing

  render() {
    this.renderShapes();
    this.renderOverlay();
    this.renderList();
    this.renderSelected();
    this.renderStatus();
    this.updateButtons();
    this.showZoom();
  }

  colourOf(shape) {
    return this.options.hasLabels ? this.labelColour(shape.label) : "#d62728";
  }

  renderShapes() {
    const unit = this.canvas.unit;
    while (this.els.length > this.shapes.length) this.els.pop().remove();
    this.shapes.forEach((shape, index) => {
      let g = this.els[index];
      if (!g) {
        g = svg("g", { class: "lab-shape", tabindex: "0", role: "button", "data-index": index }, this.canvas.layer);
        g.addEventListener("focus", () => this.onShapeFocus(index));
        this.els.push(g);
      }
      g.replaceChildren();
      g.style.setProperty("--c", this.colourOf(shape));
      g.classList.toggle("selected", index === this.sel);
      g.setAttribute("aria-label", this.describe(index));
      if (shape.kind === "box") {
        const [x, y, w, h] = shape.box;
        svg("rect", { class: "lab-body", x, y, width: w, height: h }, g);
      } else {
        svg("polygon", { class: "lab-body", points: shape.points.map((p) => p.join(",")).join(" ") }, g);
      }
      const [x0, y0] = bounds(shape);
      const size = 15 * unit;
      const tag = this.tagText(index);
      svg("text", {
        class: "lab-tag", x: x0, y: y0 - 4 * unit < size ? y0 + size : y0 - 4 * unit, "font-size": size, "stroke-width": 4 * unit,
        "aria-hidden": "true", text: tag,
      }, g);
    });
  }

  // The words on the image beside a shape.
  tagText(index) {
    return this.options.hasLabels ? `${index + 1} ${this.labelTitle(this.shapes[index].label)}` : `${index + 1}`;
  }

  get touch() { return inputKind() === "touch"; }

  handle(parent, name, x, y, { round = false, extra = "" } = {}) {
    const unit = this.canvas.unit;
    const hit = (this.touch ? TOUCH_HIT : HIT) * unit;
    const size = (this.touch ? TOUCH_HANDLE : HANDLE) * unit;
    svg(round ? "circle" : "rect", round
      ? { class: "lab-hit", "data-handle": name, cx: x, cy: y, r: hit / 2 }
      : { class: "lab-hit", "data-handle": name, x: x - hit / 2, y: y - hit / 2, width: hit, height: hit }, parent);
    svg(round ? "circle" : "rect", round
      ? { class: `lab-handle ${extra}`, cx: x, cy: y, r: size / 2 }
      : { class: `lab-handle ${extra}`, x: x - size / 2, y: y - size / 2, width: size, height: size }, parent);
  }

  renderOverlay() {
    const overlay = this.canvas.overlay;
    overlay.replaceChildren();
    const unit = this.canvas.unit;
    const shape = this.shapes[this.sel];
    // Handles only in select mode: in draw mode a drag anywhere draws.
    const handles = this.mode === "select";
    if (shape && !this.draft) {
      const g = svg("g", { class: "lab-handles" }, overlay);
      g.style.setProperty("--c", this.colourOf(shape));
      if (shape.kind === "box") {
        const [x, y, w, h] = shape.box;
        if (this.part) {
          const edges = {
            left: [x, y, x, y + h], right: [x + w, y, x + w, y + h], top: [x, y, x + w, y], bottom: [x, y + h, x + w, y + h],
          };
          const [x1, y1, x2, y2] = edges[this.part];
          svg("line", { class: "lab-part", x1, y1, x2, y2 }, g);
        }
        // A finger's handles are large: on a small box only the corners, so that its middle moves it.
        const room = Math.min(w, h) / unit >= 3 * (this.touch ? TOUCH_HIT : HIT);
        for (const [name, [fx, fy]] of Object.entries(HANDLES)) {
          if (!handles || (name.length === 1 && !room)) continue;
          this.handle(g, name, x + fx * w, y + fy * h, { extra: `lab-handle-${name}` });
        }
      } else if (handles) {
        const points = shape.points;
        // The middle of an edge adds a corner; a finger's only where it does not cover the corners.
        const room = this.touch ? 2 * TOUCH_HIT * unit : 0;
        points.forEach(([x0, y0], i) => {
          const [x1, y1] = points[(i + 1) % points.length];
          if (Math.hypot(x1 - x0, y1 - y0) < room) return;
          this.handle(g, `m${i}`, (x0 + x1) / 2, (y0 + y1) / 2, { round: true, extra: "lab-mid" });
        });
        points.forEach(([x, y], i) => {
          this.handle(g, `v${i}`, x, y, { round: true, extra: i === this.part ? "lab-vertex lab-part-vertex" : "lab-vertex" });
        });
      } else if (typeof this.part === "number" && shape.points[this.part]) {
        const [x, y] = shape.points[this.part];
        svg("circle", { class: "lab-handle lab-vertex lab-part-vertex", cx: x, cy: y, r: (HANDLE / 2) * unit }, g);
      }
    }
    if (this.drag && this.drag.mode === "draw" && this.drag.box) {
      const [x, y, w, h] = this.drag.box;
      svg("rect", { class: "lab-draft", x, y, width: w, height: h }, overlay);
    }
    if (this.draft) {
      const g = svg("g", { class: "lab-draft-poly" }, overlay);
      g.style.setProperty("--c", this.options.hasLabels ? this.labelColour(this.currentLabel()) : "#d62728");
      const pts = this.draft.points;
      const line = pts.concat(this.draft.hover ? [this.draft.hover] : []);
      svg("polyline", { class: "lab-draft", points: line.map((p) => p.join(",")).join(" ") }, g);
      pts.forEach(([x, y], i) => {
        svg("circle", { class: i === 0 ? "lab-draft-first" : "lab-draft-point", cx: x, cy: y, r: (i === 0 ? 7 : 4.5) * unit }, g);
      });
    }
  }

  renderList() {
    if (!this.list) return;
    while (this.rows.length > this.shapes.length) this.rows.pop().li.remove();
    this.shapes.forEach((shape, index) => {
      let row = this.rows[index];
      if (!row) {
        row = this.makeRow(index);
        this.rows.push(row);
        this.list.append(row.li);
      }
      row.li.classList.toggle("selected", index === this.sel);
      row.li.style.setProperty("--c", this.colourOf(shape));
      row.select.textContent = this.describe(index);
      row.remove.setAttribute("aria-label", this.t("delete_named", { name: this.name(index) }));
      if (row.text) {
        row.text.setAttribute("aria-label", this.t("text_field", { name: this.name(index) }));
        if (row.text.value !== (shape.text || "")) row.text.value = shape.text || "";
      }
    });
    if (this.empty) this.empty.hidden = this.shapes.length > 0;
  }

  makeRow(index) {
    const select = h("button", { type: "button", class: "lab-row-select", tabindex: "-1" });
    select.addEventListener("click", () => this.select(index, { focus: true }));
    const remove = h("button", { type: "button", class: "button lab-row-delete" }, this.t("delete"));
    remove.addEventListener("click", () => this.remove(index));
    let text = null;
    const li = h("li", { class: "lab-row" }, h("span", { class: "lab-swatch", "aria-hidden": "true" }), select);
    if (this.options.hasText) {
      text = h("input", {
        type: "text", class: "lab-row-text", "data-index": index, placeholder: this.t("text_placeholder"),
        autocomplete: "off", spellcheck: "false", lang: "ko",
      });
      text.addEventListener("input", () => {
        if (!this.shapes[index]) return;
        this.shapes[index].text = text.value;
        const g = this.els[index];
        if (g) g.setAttribute("aria-label", this.describe(index));
        select.textContent = this.describe(index);
      });
      text.addEventListener("focus", () => {
        if (this.sel !== index) {
          this.sel = index;
          this.part = null;
          this.renderShapes();
          this.renderOverlay();
          this.renderSelected();
          this.renderStatus();
          this.rows.forEach((r, i) => r.li.classList.toggle("selected", i === index));
        }
      });
      li.append(h("label", { class: "lab-row-text-wrap" }, text));
    }
    li.append(remove);
    return { li, select, remove, text };
  }

  // The selected shape's own panel: its label and its attributes.
  renderSelected() {
    if (!this.selBox) return;
    const shape = this.shapes[this.sel];
    this.selBox.hidden = !shape;
    if (!shape) return;
    this.selBox.querySelector(".lab-selected-name").textContent = this.name(this.sel);
    const select = this.selBox.querySelector(".lab-shape-label");
    if (select && select.value !== shape.label) select.value = shape.label;
    const holder = this.selBox.querySelector(".lab-attr-list");
    const attrs = Object.keys(shape.attributes || {});
    const wanted = attrs.map((a) => `${a}=${shape.attributes[a]}`).join("|") + `#${this.sel}`;
    if (holder.dataset.shown === wanted) return;
    holder.dataset.shown = wanted;
    const focused = holder.contains(document.activeElement) ? document.activeElement.dataset.attr : null;
    holder.replaceChildren();
    for (const attr of attrs) {
      const input = h("input", { type: "checkbox", class: "lab-attr-input", "data-attr": attr });
      input.checked = !!shape.attributes[attr];
      holder.append(h("label", { class: "lab-attr" }, input, h("span", {}, this.attributeTitle(attr))));
      if (focused === attr) input.focus();
    }
  }

  renderStatus() {
    if (!this.status) return;
    if (this.draft) {
      this.status.textContent = this.tInput("status_draft", { n: this.draft.points.length });
    } else if (this.sel >= 0) {
      this.status.textContent = this.tInput("status_selected", { name: this.name(this.sel), part: this.partName() });
    } else {
      this.status.textContent = this.tInput("status_none");
    }
    this.root.querySelectorAll('[data-action="delete"]').forEach((b) => { b.disabled = this.sel < 0; });
    const closable = !!this.draft && this.draft.points.length >= 3;
    this.root.querySelectorAll('[data-action="close-draft"]').forEach((b) => { b.disabled = !closable; });
    this.root.querySelectorAll("[data-action^='tool-']").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.action === `tool-${this.tool}`));
    });
    this.renderMode();
  }

  // The mode: the pressed button of the pair, a word beside it, the pointer over the image.
  renderMode() {
    this.root.querySelectorAll("[data-mode]").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.mode === this.mode));
    });
    if (this.modeWord) this.modeWord.textContent = this.t(`mode_word_${this.mode}`);
    this.canvas.viewport.classList.toggle("lab-mode-draw", this.mode === "draw");
    this.canvas.viewport.classList.toggle("lab-mode-select", this.mode === "select");
  }

  setMode(mode, { say = true } = {}) {
    if (mode !== "draw" && mode !== "select") return;
    if (this.mode === mode) {
      if (say) this.live.say(this.t(`mode_${mode}`));
      return;
    }
    this.cancelDrag();
    if (this.draft) {
      if (this.draft.points.length >= 3) this.closeDraft();
      else this.cancelDraft(false);
    }
    this.closeContext();
    this.mode = mode;
    this.render();
    if (say) this.live.say(this.t(`mode_${mode}`));
  }

  // --- selection

  onShapeFocus(index) {
    if (this.sel === index || this.drag) return;
    this.select(index);
  }

  select(index, { focus = false } = {}) {
    const changed = this.sel !== index;
    this.sel = index;
    if (changed) this.part = null;
    this.render();
    if (focus && this.els[index]) this.els[index].focus({ preventScroll: true });
  }

  fixPart() {
    const shape = this.shapes[this.sel];
    if (!shape) this.part = null;
    else if (typeof this.part === "number" && (shape.kind !== "poly" || this.part >= shape.points.length)) this.part = null;
    else if (typeof this.part === "string" && shape.kind !== "box") this.part = null;
  }

  parts() {
    const shape = this.shapes[this.sel];
    if (!shape) return [null];
    return shape.kind === "box" ? BOX_PARTS : [null, ...shape.points.map((p, i) => i)];
  }

  cyclePart(step) {
    if (this.sel < 0) return;
    const parts = this.parts();
    const at = parts.indexOf(this.part);
    this.part = parts[(at + step + parts.length) % parts.length];
    this.render();
    this.live.say(this.t("part_now", { part: this.partName() }));
  }

  // --- changes

  add(shape, message) {
    this.shapes.push(shape);
    this.sel = this.shapes.length - 1;
    this.part = null;
    this.commit(message || this.t("created", { desc: this.describe(this.sel) }));
    this.afterCreate(this.sel);
  }

  // A new shape takes the focus; with text (OCR) its text field does, and the page keeps the
  // region in sight beside it (the browser's own scrolling to the field would push the image away).
  afterCreate(index) {
    const row = this.rows[index];
    if (this.options.hasText && row && row.text) {
      row.text.focus({ preventScroll: true });
      revealWithin(this.list, row.li);
      scrollIntoViewTogether(row.text.getBoundingClientRect(), this.shownRect(index));
    } else if (this.els[index]) {
      this.els[index].focus({ preventScroll: true });
    }
  }

  // Where shape `index` is on the screen, within the part of the image that is shown.
  shownRect(index) {
    const shape = this.els[index].getBoundingClientRect();
    const view = this.canvas.viewport.getBoundingClientRect();
    return { top: Math.max(shape.top, view.top), bottom: Math.min(shape.bottom, view.bottom) };
  }

  newShape(kind, geometry) {
    const shape = kind === "box" ? { kind, box: geometry } : { kind, points: geometry };
    if (this.options.hasLabels) {
      shape.label = this.currentLabel();
      shape.attributes = this.defaultAttributes(shape.label);
    }
    if (this.options.hasText) shape.text = "";
    return shape;
  }

  remove(index) {
    if (!this.shapes[index]) return;
    const name = this.name(index);
    const hadFocus = this.root.contains(document.activeElement);
    this.shapes.splice(index, 1);
    this.sel = this.shapes.length ? Math.min(index, this.shapes.length - 1) : -1;
    this.part = null;
    this.commit(this.t("deleted", { name }));
    if (hadFocus) {
      if (this.sel >= 0) this.els[this.sel].focus({ preventScroll: true });
      else this.canvas.viewport.focus({ preventScroll: true });
    }
  }

  // A new shape in the middle of what is visible (keyboard drawing).
  createAtCentre() {
    const [cx, cy] = this.canvas.viewCenter();
    const [, , vw, vh] = this.canvas.visibleRect();
    // Whole pixels, so that arrow-key steps reach whole-pixel positions.
    const size = Math.round(clamp(Math.min(vw, vh) * 0.25, 4, Math.min(this.W, this.H)));
    const x = Math.round(clamp(cx - size / 2, 0, this.W - size));
    const y = Math.round(clamp(cy - size / 2, 0, this.H - size));
    if (this.tool === "box") {
      this.add(this.newShape("box", [round1(x), round1(y), round1(size), round1(size)]));
    } else {
      const [x0, y0, x1, y1] = [x, y, x + size, y + size].map(round1);
      this.add(this.newShape("poly", [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]));
      this.live.say(`${this.t("created", { desc: this.describe(this.sel) })} ${this.t("poly_keys_hint")}`);
    }
  }

  // Move the selected shape, or the chosen edge / vertex, by (dx, dy) image px.
  nudge(dx, dy) {
    const shape = this.shapes[this.sel];
    if (!shape) return;
    const [bx0, by0, bx1, by1] = bounds(shape);
    if (this.part === null) {
      const mx = clamp(dx, -bx0, this.W - bx1);
      const my = clamp(dy, -by0, this.H - by1);
      this.translate(shape, mx, my);
    } else if (shape.kind === "box") {
      let [l, t, r, b] = [bx0, by0, bx1, by1];
      const horizontal = this.part === "left" || this.part === "right";
      if ((horizontal && !dx) || (!horizontal && !dy)) {
        this.live.say(this.t(horizontal ? "edge_keys_horizontal" : "edge_keys_vertical"));
        return;
      }
      if (this.part === "left") l = clamp(l + dx, 0, r - 1);
      if (this.part === "right") r = clamp(r + dx, l + 1, this.W);
      if (this.part === "top") t = clamp(t + dy, 0, b - 1);
      if (this.part === "bottom") b = clamp(b + dy, t + 1, this.H);
      shape.box = boxFromEdges(l, t, r, b);
    } else {
      const [x, y] = shape.points[this.part];
      shape.points[this.part] = [round1(clamp(x + dx, 0, this.W)), round1(clamp(y + dy, 0, this.H))];
    }
    this.commit(null, `nudge:${this.sel}:${this.part}`);
    this.live.say(typeof this.part === "number" ? `${this.name(this.sel)}, ${this.partName()}` : this.describe(this.sel));
    const [x0, y0, x1, y1] = bounds(shape);
    const focusPoint = typeof this.part === "number" ? shape.points[this.part]
      : { left: [x0, (y0 + y1) / 2], right: [x1, (y0 + y1) / 2], top: [(x0 + x1) / 2, y0], bottom: [(x0 + x1) / 2, y1] }[this.part]
        || [(x0 + x1) / 2, (y0 + y1) / 2];
    this.canvas.reveal(...focusPoint);
  }

  translate(shape, dx, dy) {
    if (shape.kind === "box") {
      const [x, y, w, h] = shape.box;
      shape.box = [round1(x + dx), round1(y + dy), w, h];
    } else {
      shape.points = shape.points.map(([x, y]) => [round1(x + dx), round1(y + dy)]);
    }
  }

  insertVertex() {
    const shape = this.shapes[this.sel];
    if (!shape || shape.kind !== "poly") return;
    const at = typeof this.part === "number" ? this.part : shape.points.length - 1;
    const [x0, y0] = shape.points[at];
    const [x1, y1] = shape.points[(at + 1) % shape.points.length];
    shape.points.splice(at + 1, 0, [round1((x0 + x1) / 2), round1((y0 + y1) / 2)]);
    this.part = at + 1;
    this.commit(this.t("vertex_added", { part: this.partName() }));
  }

  removeVertex() {
    const shape = this.shapes[this.sel];
    if (!shape || shape.kind !== "poly" || typeof this.part !== "number") return;
    if (shape.points.length <= 3) {
      this.live.say(this.t("vertex_min"));
      return;
    }
    const removed = this.part + 1;
    shape.points.splice(this.part, 1);
    this.part = Math.min(this.part, shape.points.length - 1);
    this.commit(this.t("vertex_removed", { n: removed }));
  }

  setTool(tool) {
    if (!this.options.kinds.includes(tool) || this.tool === tool) return;
    this.cancelDraft(false);
    this.tool = tool;
    if (this.mode !== "draw") this.setMode("draw", { say: false }); // a shape is chosen to draw it
    this.renderStatus();
    this.live.say(this.t(`tool_${tool}`));
  }

  // --- polygon being drawn

  addDraftPoint(point) {
    if (!this.draft) {
      this.draft = { points: [], hover: null };
      this.sel = -1;
      this.part = null;
      this.live.say(this.t("draft_started"));
    }
    this.draft.points.push(point.map(round1));
    this.render();
  }

  closeDraft() {
    if (!this.draft) return;
    const points = this.draft.points;
    if (points.length < 3 || polygonArea(points) < 0.5) {
      this.live.say(this.t("draft_too_few"));
      return;
    }
    this.draft = null;
    this.add(this.newShape("poly", points));
  }

  cancelDraft(say = true) {
    if (!this.draft) return;
    this.draft = null;
    this.render();
    if (say) this.live.say(this.t("draft_cancelled"));
  }

  // --- mouse

  listenPointer() {
    const area = this.canvas.svg;
    area.addEventListener("pointerdown", (event) => this.onDown(event));
    area.addEventListener("pointermove", (event) => this.onMove(event));
    area.addEventListener("pointerup", (event) => this.onUp(event));
    area.addEventListener("pointercancel", () => this.cancelDrag());
    area.addEventListener("lostpointercapture", () => { if (this.drag) this.onUp(null); });
    area.addEventListener("pointerleave", () => {
      if (this.draft && this.draft.hover) {
        this.draft.hover = null;
        this.renderOverlay();
      }
    });
    this.canvas.onGesture = () => this.cancelDrag();
    this.canvas.onLongPress = (target, x, y) => this.onLongPress(target, x, y);
  }

  onDown(event) {
    if (event.button !== 0 || this.drag) return;
    event.preventDefault();
    this.closeContext();
    const p = this.canvas.toImage(event.clientX, event.clientY);
    const touch = event.pointerType !== "mouse";
    const vp = this.canvas.viewport;
    const start = {
      x: event.clientX, y: event.clientY, p, id: event.pointerId, touch, target: event.target,
      left: vp.scrollLeft, top: vp.scrollTop,
    };
    // A polygon's corner by touch: on lifting the finger (a drag moves the view, two fingers zoom).
    if (this.mode === "draw" && (this.draft || this.tool === "poly")) {
      if (touch) {
        this.drag = { mode: "tap", ...start };
        this.canvas.svg.setPointerCapture(event.pointerId);
      } else {
        this.pressPoint(event.clientX, event.clientY, p);
      }
      return;
    }
    if (this.mode === "draw") {
      this.drag = { mode: "draw", box: null, ...start };
      vp.focus({ preventScroll: true });
      this.canvas.svg.setPointerCapture(event.pointerId);
      return;
    }
    const handleEl = event.target.closest("[data-handle]");
    const shapeEl = event.target.closest(".lab-shape");
    if (handleEl && this.shapes[this.sel]) {
      this.grabHandle(handleEl.dataset.handle, start);
      this.els[this.sel].focus({ preventScroll: true });
    } else if (shapeEl) {
      const index = Number(shapeEl.dataset.index);
      if (index !== this.sel) this.select(index);
      this.drag = { mode: "move", original: deepCopy(this.shapes[index]), ...start };
      this.els[index].focus({ preventScroll: true });
    } else {
      this.drag = { mode: "view", ...start }; // a click deselects, a drag moves the view
      vp.focus({ preventScroll: true });
    }
    this.canvas.svg.setPointerCapture(event.pointerId);
  }

  grabHandle(name, start) {
    const shape = this.shapes[this.sel];
    const original = deepCopy(shape);
    if (name[0] === "m") {
      const at = Number(name.slice(1)) + 1;
      const [x0, y0] = shape.points[at - 1];
      const [x1, y1] = shape.points[at % shape.points.length];
      shape.points.splice(at, 0, [round1((x0 + x1) / 2), round1((y0 + y1) / 2)]);
      this.drag = { mode: "vertex", vertex: at, original: deepCopy(shape), inserted: true, ...start };
      this.part = at;
    } else if (name[0] === "v") {
      this.drag = { mode: "vertex", vertex: Number(name.slice(1)), original, ...start };
    } else {
      this.drag = { mode: "resize", handle: name, original, ...start };
    }
  }

  // A press (a click, or a finger lifted) that adds a polygon's corner, or closes it: back on the
  // first corner, or a double click (which never adds a corner on top of the last one).
  pressPoint(clientX, clientY, p) {
    if (!this.draft) {
      this.lastPress = { t: performance.now(), x: clientX, y: clientY };
      this.addDraftPoint(p);
      this.canvas.viewport.focus({ preventScroll: true });
      return;
    }
    const last = this.lastPress;
    const now = performance.now();
    this.lastPress = { t: now, x: clientX, y: clientY };
    const [fx, fy] = this.canvas.toClient(...this.draft.points[0]);
    const reach = (this.touch ? TOUCH_HIT : HIT) / 2;
    const nearFirst = Math.hypot(fx - clientX, fy - clientY) <= reach;
    const double = last && now - last.t < DOUBLE_MS && Math.hypot(last.x - clientX, last.y - clientY) <= DOUBLE_PX;
    if ((nearFirst && this.draft.points.length >= 3) || double) {
      this.closeDraft(); // the new shape (or its text field) takes the focus
      if (this.draft) this.canvas.viewport.focus({ preventScroll: true });
    } else {
      this.addDraftPoint(p);
      this.canvas.viewport.focus({ preventScroll: true });
    }
  }

  onMove(event) {
    if (!this.drag) {
      if (this.draft && event.pointerType === "mouse") {
        this.draft.hover = this.canvas.toImage(event.clientX, event.clientY).map(round1);
        this.renderOverlay();
      }
      return;
    }
    const drag = this.drag;
    if (event.pointerId !== drag.id) return;
    const still = drag.touch ? TOUCH_CLICK : CLICK;
    if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < still) return;
    drag.moved = true;
    if (drag.mode === "view" || drag.mode === "tap") {
      const vp = this.canvas.viewport;
      vp.scrollLeft = drag.left - (event.clientX - drag.x);
      vp.scrollTop = drag.top - (event.clientY - drag.y);
      return;
    }
    const p = this.canvas.toImage(event.clientX, event.clientY);
    const dx = p[0] - drag.p[0];
    const dy = p[1] - drag.p[1];
    const shape = this.shapes[this.sel];
    if (drag.mode === "draw") {
      drag.box = boxFromEdges(drag.p[0], drag.p[1], p[0], p[1]);
    } else if (drag.mode === "move") {
      const [x0, y0, x1, y1] = bounds(drag.original);
      const mx = clamp(dx, -x0, this.W - x1);
      const my = clamp(dy, -y0, this.H - y1);
      Object.assign(shape, deepCopy(drag.original));
      this.translate(shape, mx, my);
    } else if (drag.mode === "vertex") {
      const [x, y] = drag.original.points[drag.vertex];
      shape.points[drag.vertex] = [round1(clamp(x + dx, 0, this.W)), round1(clamp(y + dy, 0, this.H))];
      this.part = drag.vertex;
    } else if (drag.mode === "resize") {
      let [l, t, r, b] = bounds(drag.original);
      if (drag.handle.includes("w")) l = clamp(l + dx, 0, this.W);
      if (drag.handle.includes("e")) r = clamp(r + dx, 0, this.W);
      if (drag.handle.includes("n")) t = clamp(t + dy, 0, this.H);
      if (drag.handle.includes("s")) b = clamp(b + dy, 0, this.H);
      shape.box = boxFromEdges(l, t, r, b);
    }
    this.renderShapes();
    this.renderOverlay();
  }

  onUp(event) {
    const drag = this.drag;
    if (!drag || (event && event.pointerId !== drag.id)) return;
    this.drag = null;
    if (this.canvas.svg.hasPointerCapture(drag.id)) this.canvas.svg.releasePointerCapture(drag.id);
    const shape = this.shapes[this.sel];
    if (drag.mode === "tap") {
      if (!drag.moved && event) this.pressPoint(event.clientX, event.clientY, this.canvas.toImage(event.clientX, event.clientY));
      return;
    }
    if (drag.mode === "view") {
      if (!drag.moved) this.clickAt(drag.target);
      return;
    }
    if (drag.mode === "draw") {
      const box = drag.box;
      if (drag.moved && box && box[2] >= 1 && box[3] >= 1) {
        this.add(this.newShape("box", box));
      } else if (drag.moved) {
        this.live.say(this.t("too_small"));
        this.select(-1);
      } else {
        this.clickAt(drag.target);
      }
      return;
    }
    if (!drag.moved) {
      if (drag.inserted) Object.assign(shape, drag.original, { points: drag.original.points.filter((_, i) => i !== drag.vertex) });
      if (drag.inserted) this.part = null;
      this.render();
      return;
    }
    if (drag.mode === "resize" && (shape.box[2] < 1 || shape.box[3] < 1)) {
      Object.assign(shape, drag.original);
      this.render();
      this.live.say(this.t("too_small"));
      return;
    }
    const message = drag.mode === "vertex" ? `${this.name(this.sel)}, ${this.partName()}` : this.describe(this.sel);
    this.commit(message);
  }

  // A click without a drag (either mode): the shape under it is selected, the empty image deselects.
  clickAt(target) {
    const shapeEl = target && target.closest ? target.closest(".lab-shape") : null;
    if (shapeEl) this.select(Number(shapeEl.dataset.index), { focus: true });
    else this.select(-1);
  }

  // --- a long press (touch) or a right click: a corner is deleted, a shape gets its menu

  onLongPress(target, clientX, clientY) {
    const handleEl = target.closest("[data-handle]");
    // A box's handle stands for its (selected) box.
    const shapeEl = target.closest(".lab-shape") || (handleEl && this.els[this.sel]);
    if (this.draft) {
      this.draft.points.pop();
      if (!this.draft.points.length) this.cancelDraft();
      else this.render();
      return;
    }
    if (handleEl && handleEl.dataset.handle[0] === "v" && this.shapes[this.sel]) {
      this.part = Number(handleEl.dataset.handle.slice(1));
      this.removeVertex();
      return;
    }
    if (!shapeEl) return;
    this.select(Number(shapeEl.dataset.index));
    this.openContext(clientX, clientY);
  }

  // The selected shape's menu beside where it was pressed: delete it, or close the menu.
  openContext(clientX, clientY) {
    this.closeContext();
    const stage = this.canvas.stage;
    const box = stage.getBoundingClientRect();
    const remove = h("button", { type: "button", class: "button lab-context-delete" }, this.t("delete_named", { name: this.name(this.sel) }));
    const close = h("button", { type: "button", class: "button" }, this.t("context_close"));
    const menu = h("div", { class: "lab-context", role: "group", "aria-label": this.t("context_menu") }, remove, close);
    remove.addEventListener("click", () => {
      this.closeContext();
      if (this.sel >= 0) this.remove(this.sel);
    });
    close.addEventListener("click", () => this.closeContext({ focus: true }));
    menu.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      this.closeContext({ focus: true });
    });
    stage.append(menu);
    const x = clamp(clientX - box.left, 0, Math.max(0, box.width - menu.offsetWidth));
    const y = clamp(clientY - box.top + 8, 0, Math.max(0, box.height - menu.offsetHeight));
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    this.context = menu;
    remove.focus({ preventScroll: true });
  }

  closeContext({ focus = false } = {}) {
    if (!this.context) return;
    this.context.remove();
    this.context = null;
    if (focus && this.els[this.sel]) this.els[this.sel].focus({ preventScroll: true });
  }

  cancelDrag() {
    const drag = this.drag;
    if (!drag) return;
    this.drag = null;
    if (drag.original && this.shapes[this.sel]) {
      const original = deepCopy(drag.original);
      // A corner pulled out of an edge's middle is not kept.
      if (drag.inserted) original.points = original.points.filter((_, i) => i !== drag.vertex);
      this.shapes[this.sel] = original;
      if (drag.inserted) this.part = null;
    }
    if (this.canvas.svg.hasPointerCapture(drag.id)) this.canvas.svg.releasePointerCapture(drag.id);
    this.render();
  }

  // --- keys

  action(name, button) {
    if (name === "delete") {
      if (this.sel >= 0) this.remove(this.sel);
    } else if (name === "new") {
      this.createAtCentre();
    } else if (name === "mode-draw" || name === "mode-select") {
      this.setMode(name.slice(5));
    } else if (name === "tool-box") {
      this.setTool("box");
    } else if (name === "tool-poly") {
      this.setTool("poly");
    } else if (name === "close-draft") {
      this.closeDraft();
    } else {
      super.action(name, button);
    }
  }

  handleTextFieldKey(event, name) {
    const input = event.target;
    if (!input.classList.contains("lab-row-text")) return;
    const index = Number(input.dataset.index);
    if (name === "Escape" || name === "Enter") {
      event.preventDefault(); // Enter would submit the exam's form
      if (this.shapes[index]) this.shapes[index].text = input.value;
      this.commit(null, `text:${index}`);
      if (this.els[index]) this.els[index].focus({ preventScroll: true });
    }
  }

  handleKey(event, name) {
    const target = event.target;
    const onCanvas = this.onCanvas(target);
    const step = event.shiftKey ? 10 : 1;
    if (this.drag) return name === "Escape" ? (this.cancelDrag(), true) : false;
    if ((name === "d" || name === "s") && !event.shiftKey) {
      this.setMode(name === "d" ? "draw" : "select");
      return true;
    }
    if (this.draft) {
      // Enter, or N as in CVAT ("N" starts a shape and N again finishes it).
      if (name === "Enter" || (name === "n" && !event.shiftKey)) this.closeDraft();
      else if (name === "Escape") this.cancelDraft();
      else if (name === "Backspace" || name === "Delete") {
        this.draft.points.pop();
        if (!this.draft.points.length) this.cancelDraft();
        else this.render();
      } else return false;
      return true;
    }
    if (name === "n" && !event.shiftKey) {
      this.createAtCentre();
      return true;
    }
    if (name === "t" && this.options.kinds.length > 1) {
      this.setTool(this.tool === "box" ? "poly" : "box");
      return true;
    }
    if (!onCanvas) return false;
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (name in arrows) {
      const [dx, dy] = arrows[name];
      if (this.sel >= 0) this.nudge(dx * step, dy * step);
      else this.canvas.panBy(dx * 40 * step, dy * 40 * step);
      return true;
    }
    if (this.sel < 0) return false;
    if (name === "e") this.cyclePart(event.shiftKey ? -1 : 1);
    else if ((name === "Delete" || name === "Backspace") && event.shiftKey && typeof this.part === "number") this.removeVertex();
    else if (name === "Delete" || name === "Backspace") this.remove(this.sel);
    else if (name === "i" || name === "Insert") this.insertVertex();
    else if (name === "Enter" && this.options.hasText && this.rows[this.sel]) this.rows[this.sel].text.focus();
    else if (name === "Escape") {
      this.select(-1);
      this.canvas.viewport.focus({ preventScroll: true });
    } else return false;
    return true;
  }
}
