// Keypoints: the skeleton's points placed in order on the image, for one or more instances
// (objects). Each point is in one of COCO's three states, chosen per point with the toggle
// 보임 / 가려짐(위치 추정) / 표시 안 함: [x, y] (visible, v=2), [x, y, 1] (occluded, its position
// estimated, v=1), "hidden" (not labelled, v=0); null while not placed yet.
//
// A click (or a tap) places the next point; a placed point is dragged to move it. By touch a
// point is placed when the finger lifts, so that a drag on the image moves the view and two
// fingers zoom; a long press on a point (or a right click) deletes it.
import { Canvas } from "./canvas.js";
import { EditorBase } from "./editor.js";
import { clamp, deepCopy, h, inputKind, num, round1, svg, watchInput } from "./util.js";

const CLICK = 4;
const TOUCH_CLICK = 10;

const placed = (p) => Array.isArray(p);
const occluded = (p) => placed(p) && p[2] === 1;
// A point moved to (x, y), keeping its visibility.
const at = (p, x, y) => (occluded(p) ? [x, y, 1] : [x, y]);

export class KeypointEditor extends EditorBase {
  constructor(item, { fromResponse, toResponse }) {
    super(item);
    this.fromResponse = fromResponse;
    this.toResponse = toResponse;
    const skeleton = this.config.skeleton || { points: [], edges: [] };
    this.points = skeleton.points || [];
    this.edges = skeleton.edges || [];
    this.instances = [];
    this.inst = 0; // the instance being labelled
    this.cur = 0; // its current point (V, arrows, Delete act on it)
    this.drag = null;
    this.els = new Map(); // "instance:point" -> circle
    this.pending = new Set(); // "instance:point" of unplaced points to be placed as occluded

    const image = this.config.image || { url: "", width: 1, height: 1 };
    this.canvas = new Canvas(this.root.querySelector(".lab-stage"), image, {
      label: this.t("viewport"),
      onZoom: () => { if (this.canvas) { this.renderCanvas(); this.showZoom(); } },
    });
    this.list = this.root.querySelector(".lab-kp-list");
    this.next = this.root.querySelector(".lab-kp-next-name");
    this.instanceBox = this.root.querySelector(".lab-instances");
    this.listen();
    this.listenPointer();
    watchInput(() => this.renderCanvas());
    this.setState(this.stateFrom(this.saved));
    this.history.reset(this.getState());
    this.cur = this.target() >= 0 ? this.target() : 0;
    this.render();
  }

  get W() { return this.canvas.width; }

  get H() { return this.canvas.height; }

  emptyInstance(label) {
    return { label: label || (this.labels[0] && this.labels[0].name) || "", points: this.points.map(() => null) };
  }

  getState() { return { instances: this.instances, pending: [...this.pending].sort() }; }

  setState(state) {
    this.instances = deepCopy(state.instances || []);
    this.pending = new Set(state.pending || []);
    if (!this.instances.length) this.instances.push(this.emptyInstance());
    this.inst = clamp(this.inst, 0, this.instances.length - 1);
    this.cur = clamp(this.cur, 0, Math.max(0, this.points.length - 1));
    const index = this.labels.findIndex((l) => l.name === this.instances[this.inst].label);
    if (this.labelInputs) this.showLabel(Math.max(0, index));
  }

  stateFrom(response) { return { instances: this.fromResponse(response, this) }; }

  response() { return this.toResponse(this.instances); }

  get usesLabelKeys() { return this.labels.length > 1; }

  // --- words

  instanceName(i = this.inst) {
    return this.t("instance_name", { label: this.labelTitle(this.instances[i].label), n: i + 1 });
  }

  pointTitle(k) {
    const point = this.points[k];
    return point ? point.title || point.name : "";
  }

  pointState(i, k) {
    const p = this.instances[i].points[k];
    if (p === "hidden") return this.t("state_hidden");
    if (occluded(p)) return this.t("state_occluded", { x: num(p[0]), y: num(p[1]) });
    if (placed(p)) return this.t("state_placed", { x: num(p[0]), y: num(p[1]) });
    return this.pending.has(`${i}:${k}`) ? this.t("state_empty_occluded") : this.t("state_empty");
  }

  // The toggle's state of a point: "visible", "occluded" or "hidden" (an unplaced point: how
  // the next click will place it).
  visibilityOf(i, k) {
    const p = this.instances[i].points[k];
    if (p === "hidden") return "hidden";
    if (occluded(p) || (p === null && this.pending.has(`${i}:${k}`))) return "occluded";
    return "visible";
  }

  describePoint(i, k) {
    return this.t("point_desc", {
      instance: this.instanceName(i), n: k + 1, title: this.pointTitle(k), state: this.pointState(i, k),
    });
  }

  // --- which point comes next

  // The point a click places: the current one if not placed, else the next one not placed.
  // (A point marked hidden is done; V again clears the mark, and then it can be placed.)
  target() {
    const pts = this.instances[this.inst].points;
    if (pts[this.cur] === null) return this.cur;
    for (let step = 1; step < pts.length; step += 1) {
      const k = (this.cur + step) % pts.length;
      if (pts[k] === null) return k;
    }
    return -1;
  }

  nextEmptyAfter(k) {
    const pts = this.instances[this.inst].points;
    for (let step = 1; step < pts.length; step += 1) {
      const j = (k + step) % pts.length;
      if (pts[j] === null) return j;
    }
    return k;
  }

  // --- drawing

  render() {
    this.renderCanvas();
    this.renderPanel();
    this.updateButtons();
    this.showZoom();
  }

  renderCanvas() {
    const layer = this.canvas.layer;
    const unit = this.canvas.unit;
    const focusedKey = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key : null;
    const keep = new Set();
    // Edges first (under the points), rebuilt each time; points reused so focus stays.
    let edges = layer.querySelector(".lab-edges");
    if (!edges) edges = svg("g", { class: "lab-edges", "aria-hidden": "true" }, layer);
    edges.replaceChildren();
    this.instances.forEach((instance, i) => {
      const c = this.labelColour(instance.label);
      for (const [a, b] of this.edges) {
        const pa = instance.points[a];
        const pb = instance.points[b];
        if (!placed(pa) || !placed(pb)) continue;
        const line = svg("line", { class: "lab-edge", x1: pa[0], y1: pa[1], x2: pb[0], y2: pb[1] }, edges);
        line.style.setProperty("--c", c);
        if (i !== this.inst) line.classList.add("lab-other");
      }
      instance.points.forEach((p, k) => {
        if (!placed(p)) return;
        const key = `${i}:${k}`;
        keep.add(key);
        let g = this.els.get(key);
        if (!g) {
          g = svg("g", { class: "lab-kp", tabindex: "0", role: "button", "data-key": key }, layer);
          g.addEventListener("focus", () => this.onPointFocus(key));
          this.els.set(key, g);
        }
        g.replaceChildren();
        g.style.setProperty("--c", c);
        g.classList.toggle("current", i === this.inst && k === this.cur);
        g.classList.toggle("lab-other", i !== this.inst);
        g.classList.toggle("occluded", occluded(p));
        g.setAttribute("aria-label", this.describePoint(i, k));
        // The area that grabs a point: 28 px across, 44 by touch (WCAG 2.5.8).
        svg("circle", { class: "lab-kp-hit", cx: p[0], cy: p[1], r: (inputKind() === "touch" ? 22 : 14) * unit }, g);
        if (occluded(p)) {
          // Occluded: a hollow ring with a cross, not only another colour.
          svg("circle", { class: "lab-kp-ring", cx: p[0], cy: p[1], r: 7 * unit }, g);
          svg("path", { class: "lab-kp-cross", d: `M${p[0] - 4 * unit} ${p[1] - 4 * unit}l${8 * unit} ${8 * unit}m0 ${-8 * unit}l${-8 * unit} ${8 * unit}` }, g);
        } else {
          svg("circle", { class: "lab-kp-dot", cx: p[0], cy: p[1], r: 7 * unit }, g);
        }
        svg("text", {
          class: "lab-tag", x: p[0] + 10 * unit, y: p[1] - 8 * unit, "font-size": 15 * unit, "stroke-width": 4 * unit, "aria-hidden": "true",
          text: String(k + 1),
        }, g);
      });
    });
    for (const [key, g] of [...this.els]) {
      if (!keep.has(key)) {
        g.remove();
        this.els.delete(key);
      }
    }
    // Points in document order = Tab order: instance by instance, point by point.
    const ordered = [...this.els.entries()].sort(([a], [b]) => {
      const [ai, ak] = a.split(":").map(Number);
      const [bi, bk] = b.split(":").map(Number);
      return ai - bi || ak - bk;
    });
    const shown = [...layer.querySelectorAll(".lab-kp")];
    if (ordered.some(([, g], n) => shown[n] !== g)) for (const [, g] of ordered) layer.append(g);
    if (focusedKey && this.els.has(focusedKey) && document.activeElement !== this.els.get(focusedKey)) {
      this.quietFocus = true; // moved in the DOM: the same point keeps the focus, nothing else changes
      this.els.get(focusedKey).focus({ preventScroll: true });
      this.quietFocus = false;
    }
  }

  renderPanel() {
    const instance = this.instances[this.inst];
    const target = this.target();
    if (this.next) {
      this.next.textContent = target >= 0
        ? this.t("next_point", { n: target + 1, title: this.pointTitle(target) })
        : this.t("all_placed");
    }
    const state = this.visibilityOf(this.inst, this.cur);
    for (const name of ["visible", "occluded", "hidden"]) {
      const button = this.root.querySelector(`[data-action="${name}"]`);
      if (button) button.setAttribute("aria-pressed", String(state === name));
    }
    const pointName = this.root.querySelector(".lab-vis-point");
    if (pointName) pointName.textContent = `${this.cur + 1}. ${this.pointTitle(this.cur)}`;
    const clear = this.root.querySelector('[data-action="clear-point"]');
    if (clear) clear.disabled = instance.points[this.cur] === null;
    if (this.list) {
      if (this.list.children.length !== this.points.length) {
        this.list.replaceChildren(...this.points.map((p, k) => {
          const button = h("button", { type: "button", class: "lab-kp-row", tabindex: "-1", "data-point": k });
          button.addEventListener("click", () => this.setCurrent(k, { focus: true }));
          return h("li", {}, button);
        }));
      }
      [...this.list.children].forEach((li, k) => {
        const p = instance.points[k];
        const button = li.firstChild;
        li.className = occluded(p) ? "occluded-point" : placed(p) ? "placed" : p === "hidden" ? "hidden-point" : "empty";
        li.classList.toggle("current", k === this.cur);
        li.classList.toggle("target", k === target);
        if (k === this.cur) button.setAttribute("aria-current", "true");
        else button.removeAttribute("aria-current");
        button.replaceChildren(
          h("span", { class: "lab-kp-n" }, String(k + 1)),
          h("span", { class: "lab-kp-title" }, this.pointTitle(k)),
          h("span", { class: "lab-kp-state" }, this.pointState(this.inst, k)),
        );
      });
    }
    if (this.instanceBox) this.renderInstances();
    if (this.status) {
      this.status.textContent = this.t("status", {
        instance: this.instanceName(), n: this.cur + 1, title: this.pointTitle(this.cur),
        state: this.pointState(this.inst, this.cur),
      });
    }
  }

  renderInstances() {
    const holder = this.instanceBox.querySelector(".lab-instance-list");
    const wanted = this.instances.map((inst) => inst.label).join("|") + `#${this.inst}`;
    if (holder.dataset.shown !== wanted) {
      holder.dataset.shown = wanted;
      holder.replaceChildren(...this.instances.map((inst, i) => {
        const input = h("input", { type: "radio", name: `${this.item.id}-instance`, class: "lab-instance-input", value: i });
        input.checked = i === this.inst;
        return h("label", { class: "lab-instance" }, input, h("span", {}, this.instanceName(i)));
      }));
    }
    const remove = this.root.querySelector('[data-action="delete-instance"]');
    if (remove) remove.disabled = this.instances.length < 2 && this.instances[0].points.every((p) => p === null);
  }

  // --- changes

  setCurrent(k, { focus = false, say = true } = {}) {
    if (k < 0 || k >= this.points.length) return;
    this.cur = k;
    this.render();
    if (say) this.live.say(this.describePoint(this.inst, k));
    if (focus) {
      const g = this.els.get(`${this.inst}:${k}`);
      if (g) g.focus({ preventScroll: true });
    }
  }

  place(x, y) {
    const k = this.target();
    if (k < 0) {
      this.live.say(this.t("all_placed"));
      return;
    }
    const key = `${this.inst}:${k}`;
    const xy = [round1(clamp(x, 0, this.W)), round1(clamp(y, 0, this.H))];
    this.instances[this.inst].points[k] = this.pending.has(key) ? [...xy, 1] : xy;
    this.pending.delete(key);
    const message = this.t("placed", { desc: this.describePoint(this.inst, k) });
    this.cur = this.nextEmptyAfter(k);
    const next = this.target();
    this.commit(next >= 0 ? `${message} ${this.t("next_point_say", { n: next + 1, title: this.pointTitle(next) })}` : message);
  }

  toggleHidden() {
    const pts = this.instances[this.inst].points;
    const k = this.cur;
    this.pending.delete(`${this.inst}:${k}`);
    if (pts[k] === "hidden") {
      pts[k] = null;
      this.commit(this.t("unhidden", { n: k + 1, title: this.pointTitle(k) }));
      return;
    }
    pts[k] = "hidden";
    this.cur = this.nextEmptyAfter(k);
    const next = this.target();
    const message = this.t("hidden_now", { n: k + 1, title: this.pointTitle(k) });
    this.commit(next >= 0 ? `${message} ${this.t("next_point_say", { n: next + 1, title: this.pointTitle(next) })}` : message);
  }

  // The toggle 보임 / 가려짐(위치 추정) for the current point: a placed point keeps its place and
  // changes its state; an unplaced (or hidden) one is placed in that state by the next click.
  setVisibility(state) {
    const pts = this.instances[this.inst].points;
    const k = this.cur;
    const key = `${this.inst}:${k}`;
    const p = pts[k];
    const words = { n: k + 1, title: this.pointTitle(k) };
    if (placed(p)) {
      if ((state === "occluded") === occluded(p)) return;
      pts[k] = state === "occluded" ? [p[0], p[1], 1] : [p[0], p[1]];
      this.commit(this.t(state === "occluded" ? "occluded_now" : "visible_now", words));
      return;
    }
    if (p === "hidden") pts[k] = null;
    if (state === "occluded") this.pending.add(key);
    else this.pending.delete(key);
    this.commit(this.t(state === "occluded" ? "occluded_next" : "visible_next", words));
  }

  // O: the current point between 보임 and 가려짐(위치 추정).
  toggleOccluded() {
    this.setVisibility(this.visibilityOf(this.inst, this.cur) === "occluded" ? "visible" : "occluded");
  }

  clearPoint(k = this.cur) {
    const pts = this.instances[this.inst].points;
    if (pts[k] === null) return;
    pts[k] = null;
    this.cur = k;
    this.commit(this.t("cleared", { n: k + 1, title: this.pointTitle(k) }));
    this.canvas.viewport.focus({ preventScroll: true });
  }

  // The point the arrow keys and Delete act on: the focused one, else the current one.
  active() {
    const el = document.activeElement;
    if (el && el.classList && el.classList.contains("lab-kp") && this.canvas.layer.contains(el)) {
      const [i, k] = el.dataset.key.split(":").map(Number);
      if (i === this.inst) return k;
    }
    return this.cur;
  }

  nudge(dx, dy) {
    const k = this.active();
    const pts = this.instances[this.inst].points;
    const p = pts[k];
    if (!placed(p)) return false;
    pts[k] = at(p, round1(clamp(p[0] + dx, 0, this.W)), round1(clamp(p[1] + dy, 0, this.H)));
    this.commit(this.describePoint(this.inst, k), `nudge:${this.inst}:${k}`);
    this.canvas.reveal(...pts[k]);
    return true;
  }

  addInstance() {
    this.instances.push(this.emptyInstance(this.labels[this.labelIndex] && this.labels[this.labelIndex].name));
    this.inst = this.instances.length - 1;
    this.cur = 0;
    this.commit(this.t("instance_added", { name: this.instanceName() }));
  }

  deleteInstance() {
    const name = this.instanceName();
    const gone = this.inst;
    this.pending = new Set([...this.pending].flatMap((key) => {
      const [i, k] = key.split(":").map(Number);
      if (i === gone) return [];
      return [i > gone ? `${i - 1}:${k}` : key];
    }));
    this.instances.splice(this.inst, 1);
    if (!this.instances.length) this.instances.push(this.emptyInstance());
    this.inst = Math.min(this.inst, this.instances.length - 1);
    this.cur = Math.max(0, this.target());
    this.commit(this.t("instance_deleted", { name }));
  }

  selectInstance(i) {
    if (i === this.inst || !this.instances[i]) return;
    this.inst = i;
    this.cur = Math.max(0, this.target());
    const index = this.labels.findIndex((l) => l.name === this.instances[i].label);
    this.showLabel(Math.max(0, index));
    this.render();
    this.live.say(this.instanceName());
  }

  pickLabel(index) {
    if (index < 0 || index >= this.labels.length) return;
    this.showLabel(index);
    const instance = this.instances[this.inst];
    if (instance.label !== this.labels[index].name) {
      instance.label = this.labels[index].name;
      this.commit(this.t("relabelled", { name: this.instanceName() }));
    }
  }

  onInputChange(event) {
    if (event.target.classList.contains("lab-instance-input")) this.selectInstance(Number(event.target.value));
    else super.onInputChange(event);
  }

  onPointFocus(key) {
    if (this.drag || this.quietFocus) return;
    const [i, k] = key.split(":").map(Number);
    if (i === this.inst && k === this.cur) return;
    if (i !== this.inst) this.selectInstance(i);
    this.setCurrent(k, { say: false });
  }

  // --- mouse

  listenPointer() {
    const area = this.canvas.svg;
    this.canvas.onGesture = () => this.cancelDrag();
    this.canvas.onLongPress = (target) => {
      const pointEl = target.closest(".lab-kp");
      if (!pointEl) return;
      const [i, k] = pointEl.dataset.key.split(":").map(Number);
      if (i !== this.inst) this.selectInstance(i);
      this.clearPoint(k);
    };
    area.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || this.drag) return;
      event.preventDefault();
      const pointEl = event.target.closest(".lab-kp");
      const vp = this.canvas.viewport;
      const start = {
        x: event.clientX, y: event.clientY, id: event.pointerId, touch: event.pointerType !== "mouse",
        left: vp.scrollLeft, top: vp.scrollTop,
      };
      if (pointEl) {
        const [i, k] = pointEl.dataset.key.split(":").map(Number);
        // A drag only fixes the point (the focus goes to it, for the arrow keys); a click
        // without moving also makes it the current point (for V and Delete).
        if (i !== this.inst) this.selectInstance(i);
        const g = this.els.get(`${i}:${k}`);
        this.quietFocus = true;
        if (g) g.focus({ preventScroll: true });
        this.quietFocus = false;
        this.drag = { ...start, k, original: this.instances[i].points[k], p: this.canvas.toImage(event.clientX, event.clientY) };
        area.setPointerCapture(event.pointerId);
      } else if (start.touch) {
        this.drag = { ...start, tap: true }; // placed when the finger lifts without moving
        vp.focus({ preventScroll: true });
        area.setPointerCapture(event.pointerId);
      } else {
        const [x, y] = this.canvas.toImage(event.clientX, event.clientY);
        vp.focus({ preventScroll: true });
        this.place(x, y);
      }
    });
    area.addEventListener("pointermove", (event) => {
      const drag = this.drag;
      if (!drag || event.pointerId !== drag.id) return;
      if (!drag.moved && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < (drag.touch ? TOUCH_CLICK : CLICK)) return;
      drag.moved = true;
      if (drag.tap) { // a finger dragged on the image: the view follows it
        this.canvas.viewport.scrollLeft = drag.left - (event.clientX - drag.x);
        this.canvas.viewport.scrollTop = drag.top - (event.clientY - drag.y);
        return;
      }
      const [x, y] = this.canvas.toImage(event.clientX, event.clientY);
      const [ox, oy] = drag.original;
      this.instances[this.inst].points[drag.k] = at(
        drag.original, round1(clamp(ox + x - drag.p[0], 0, this.W)), round1(clamp(oy + y - drag.p[1], 0, this.H)),
      );
      this.renderCanvas();
    });
    const end = (event) => {
      const drag = this.drag;
      if (!drag || (event && event.pointerId !== drag.id)) return;
      this.drag = null;
      if (drag.tap) {
        if (!drag.moved) this.place(...this.canvas.toImage(event.clientX, event.clientY));
      } else if (drag.moved) this.commit(this.describePoint(this.inst, drag.k));
      else this.setCurrent(drag.k);
    };
    area.addEventListener("pointerup", end);
    area.addEventListener("pointercancel", () => this.cancelDrag());
  }

  // A drag given up (a second finger, a long press): the point goes back where it was.
  cancelDrag() {
    const drag = this.drag;
    if (!drag) return;
    this.drag = null;
    if (!drag.tap) this.instances[this.inst].points[drag.k] = drag.original;
    this.render();
  }

  // --- keys

  action(name, button) {
    if (name === "hidden") this.toggleHidden();
    else if (name === "visible" || name === "occluded") this.setVisibility(name);
    else if (name === "prev-point") this.setCurrent((this.cur - 1 + this.points.length) % this.points.length);
    else if (name === "next-point") this.setCurrent((this.cur + 1) % this.points.length);
    else if (name === "clear-point") this.clearPoint();
    else if (name === "new") this.placeAtCentre();
    else if (name === "new-instance") this.addInstance();
    else if (name === "delete-instance") this.deleteInstance();
    else super.action(name, button);
  }

  placeAtCentre() {
    const [x, y] = this.canvas.viewCenter().map(Math.round);
    const k = this.target();
    this.place(x, y);
    const g = k >= 0 ? this.els.get(`${this.inst}:${k}`) : null;
    if (g) {
      // The arrow keys now move the point just placed (it has the focus); V, N and a click go
      // on with the next point, as after a click.
      this.quietFocus = true;
      g.focus({ preventScroll: true });
      this.quietFocus = false;
    }
  }

  handleKey(event, name) {
    if (this.drag) return false;
    const step = event.shiftKey ? 10 : 1;
    if (name === "v") this.toggleHidden();
    else if (name === "o") this.toggleOccluded();
    else if (name === "n" && event.shiftKey) this.addInstance();
    else if (name === "n") this.placeAtCentre();
    else if (name === "[" || name === "PageUp") this.setCurrent((this.cur - 1 + this.points.length) % this.points.length, { focus: true });
    else if (name === "]" || name === "PageDown") this.setCurrent((this.cur + 1) % this.points.length, { focus: true });
    else if (!this.onCanvas(event.target)) return false;
    else if (name.startsWith("Arrow")) {
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const [dx, dy] = moves[name];
      if (!this.nudge(dx * step, dy * step)) this.canvas.panBy(dx * 40 * step, dy * 40 * step);
    } else if (name === "Delete" || name === "Backspace") this.clearPoint(this.active());
    else if (name === "Escape") this.canvas.viewport.focus({ preventScroll: true });
    else return false;
    return true;
  }
}
