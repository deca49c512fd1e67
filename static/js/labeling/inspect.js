// Inspection (검수): a labeler's submission shown read-only, over the image (bbox, polygon,
// keypoints, ocr) or in the text (spans). Each submitted label is approved or rejected with a
// reason; on images, boxes are drawn around objects the labeler missed (the bbox editor's tools,
// shapes.js, in its draw mode: "누락 객체 그리기", key D or M; select mode, key S, is for judging
// and moving the drawn boxes); last, a verdict for the whole item.
//
// State (what undo restores): {decisions: one per submitted label, null | {decision: "approve"}
// | {decision: "reject", reason: key | null}; verdict: null | "approve" | "reject"; shapes: the
// missed boxes, [{kind: "box", box}] (images)}. A rejection whose reason is not chosen yet stays
// on screen ("이유를 고르세요") but is not in the response.
import { EditorBase } from "./editor.js";
import { bounds, ShapeEditor } from "./shapes.js";
import { colour, h, num, round1, svg } from "./util.js";

const DECISIONS = ["approve", "reject"];
const MISSED_COLOUR = "#1f6fd1"; // the review draws the candidate's boxes in this blue
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
// A placed keypoint: [x, y] (visible, COCO v=2) or [x, y, 1] (occluded, position estimated, v=1).
const placed = (p) => Array.isArray(p) && p.slice(0, 2).every(isNumber) && (p.length === 2 || (p.length === 3 && p[2] === 1));
const occluded = (p) => placed(p) && p.length === 3;

// The response: null while nothing is judged, drawn or decided.
function toResponse(judgements, missed, verdict) {
  if (!judgements.length && !missed.length && !verdict) return null;
  return { judgements, missed, verdict };
}

function missedFrom(response) {
  const missed = (response && Array.isArray(response.missed)) ? response.missed : [];
  return missed
    .filter((m) => m && Array.isArray(m.box) && m.box.length === 4 && m.box.every(isNumber))
    .map((m) => ({ kind: "box", box: m.box.map(round1) }));
}

// Keep `el` in view inside its scrolling list without scrolling the page.
function scrollWithin(list, el) {
  if (!list || !el || list.scrollHeight <= list.clientHeight) return;
  const top = el.offsetTop - list.offsetTop;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + el.offsetHeight > list.scrollTop + list.clientHeight) {
    list.scrollTop = top + el.offsetHeight - list.clientHeight;
  }
}

// The judgements of the submitted labels and the verdict: the list beside the work (rendered by
// the template: one row per label with its choices and the reasons' names), the verdict radios,
// and the keys A / R / 1–9 / J / K / arrows / V. The editor `ed` draws the labels and provides
// what(i) (the label in words), labelColourOf(i), showCurrent(i, focus) and commit().
class Judgements {
  constructor(ed) {
    this.ed = ed;
    this.submitted = ed.config.submitted || [];
    this.reasons = ed.config.reasons || [];
    this.decisions = this.submitted.map(() => null);
    this.verdict = null;
    this.cur = -1; // the label the keys act on
    this.list = ed.root.querySelector(".lab-judge-list");
    this.rows = [...ed.root.querySelectorAll(".lab-judge-row")].map((li) => ({
      li,
      name: li.querySelector(".lab-judge-name"),
      decisionInputs: [...li.querySelectorAll(".lab-decision-input")],
      reasonBox: li.querySelector(".lab-reasons"),
      reasonInputs: [...li.querySelectorAll(".lab-reason-input")],
    }));
    // The reasons' Korean names, as the template wrote them (reason_name in _reasons.html).
    this.reasonNames = {};
    if (this.rows.length) {
      this.rows[0].reasonInputs.forEach((input) => {
        const name = input.closest(".lab-reason").querySelector(".lab-reason-name");
        this.reasonNames[input.value] = name ? name.textContent.trim() : input.value;
      });
    }
    this.verdictInputs = [...ed.root.querySelectorAll(".lab-verdict-input")];
    this.rows.forEach((row, i) => {
      row.name.addEventListener("click", () => this.setCurrent(i, { focus: true }));
      row.li.addEventListener("focusin", () => { if (this.cur !== i) this.setCurrent(i); });
    });
  }

  t(key, vars) { return this.ed.t(key, vars); }

  say(message) { this.ed.live.say(message); }

  // --- state

  getState() { return { decisions: this.decisions, verdict: this.verdict }; }

  normalise(d) {
    if (!d || !DECISIONS.includes(d.decision)) return null;
    if (d.decision === "approve") return { decision: "approve" };
    return { decision: "reject", reason: this.reasons.includes(d.reason) ? d.reason : null };
  }

  setState(state) {
    const given = Array.isArray(state.decisions) ? state.decisions : [];
    this.decisions = this.submitted.map((_, i) => this.normalise(given[i]));
    this.verdict = DECISIONS.includes(state.verdict) ? state.verdict : null;
  }

  stateFrom(response) {
    const decisions = this.submitted.map(() => null);
    const judgements = (response && Array.isArray(response.judgements)) ? response.judgements : [];
    for (const j of judgements) {
      if (!j || !Number.isInteger(j.label) || j.label < 1 || j.label > decisions.length) continue;
      if (j.decision === "approve") decisions[j.label - 1] = { decision: "approve" };
      else if (j.decision === "reject" && this.reasons.includes(j.reason)) {
        decisions[j.label - 1] = { decision: "reject", reason: j.reason };
      }
    }
    return { decisions, verdict: response && DECISIONS.includes(response.verdict) ? response.verdict : null };
  }

  // The judgements of the response, by label number; a rejection without its reason is left out.
  judgements() {
    const out = [];
    this.decisions.forEach((d, i) => {
      if (d && d.decision === "approve") out.push({ label: i + 1, decision: "approve" });
      else if (d && d.reason) out.push({ label: i + 1, decision: "reject", reason: d.reason });
    });
    return out;
  }

  // --- words

  reasonName(key) { return this.reasonNames[key] || key; }

  stateText(i) {
    const d = this.decisions[i];
    if (!d) return this.t("state_none");
    if (d.decision === "approve") return this.t("state_approve");
    return d.reason ? this.t("state_reject", { reason: this.reasonName(d.reason) }) : this.t("state_reject_pending");
  }

  // "2 원: 상자, x 100, y 30, 너비 85, 높이 85 — 반려: 헐거움 (…)". It starts with the words on
  // the label's tag, so the name a screen reader or voice control uses is the one seen (WCAG 2.5.3).
  describe(i) {
    return this.t("label_desc", { tag: this.ed.tagWords(i), what: this.ed.what(i), state: this.stateText(i) });
  }

  // The mark after a label's tag on the image or in the text.
  mark(i) {
    const d = this.decisions[i];
    if (!d) return "";
    return d.decision === "approve" ? " ✓" : " ✗";
  }

  classes(el, i) {
    const d = this.decisions[i];
    el.classList.toggle("current", i === this.cur);
    el.classList.toggle("approved", !!d && d.decision === "approve");
    el.classList.toggle("rejected", !!d && d.decision === "reject");
  }

  choices() {
    return this.reasons.slice(0, 9).map((key, k) => `${k + 1} ${this.reasonName(key)}`).join(", ");
  }

  verdictName(v = this.verdict) { return this.t(v ? `verdict_${v}` : "verdict_none"); }

  // --- drawing the list and the verdict

  render() {
    this.rows.forEach((row, i) => {
      const d = this.decisions[i];
      row.li.style.setProperty("--c", this.ed.labelColourOf(i));
      this.classes(row.li, i);
      row.li.classList.toggle("pending", !!d && d.decision === "reject" && !d.reason);
      const desc = this.describe(i);
      if (row.name.textContent !== desc) row.name.textContent = desc;
      row.decisionInputs.forEach((input) => { input.checked = !!d && input.value === d.decision; });
      row.reasonBox.hidden = !(d && d.decision === "reject");
      row.reasonInputs.forEach((input) => { input.checked = !!d && input.value === d.reason; });
    });
    this.verdictInputs.forEach((input) => { input.checked = input.value === this.verdict; });
  }

  // --- the current label

  setCurrent(i, { focus = false, say = false } = {}) {
    this.cur = i;
    this.ed.showCurrent(i, focus);
    if (i >= 0 && this.rows[i]) scrollWithin(this.list, this.rows[i].li);
    if (say && i >= 0) this.say(this.describe(i));
  }

  move(step) {
    const count = this.submitted.length;
    if (!count) return;
    const next = this.cur < 0 ? (step > 0 ? 0 : count - 1) : this.cur + step;
    if (next < 0 || next >= count) {
      this.say(this.t(next < 0 ? "first_label" : "last_label"));
      if (this.cur >= 0) this.setCurrent(this.cur, { focus: true });
      return;
    }
    this.setCurrent(next, { focus: true, say: true });
  }

  // The next label after i not judged yet (or rejected without a reason); -1 when none.
  nextOpen(i) {
    const count = this.submitted.length;
    for (let step = 1; step < count; step += 1) {
      const j = (i + step) % count;
      const d = this.decisions[j];
      if (!d || (d.decision === "reject" && !d.reason)) return j;
    }
    return -1;
  }

  ready(i) {
    if (i >= 0 && i < this.submitted.length) return true;
    this.say(this.t("pick_label"));
    return false;
  }

  // After a judgement by key: on to the next open label (its words said), or say all are done.
  after(i, message, advance) {
    if (!advance) {
      this.say(message);
      return;
    }
    const next = this.nextOpen(i);
    if (next < 0) {
      this.say(`${message} ${this.t("all_done")}`);
      return;
    }
    this.setCurrent(next, { focus: true });
    this.say(`${message} ${this.t("next", { desc: this.describe(next) })}`);
  }

  // --- judging

  approve(i, { advance = false } = {}) {
    if (!this.ready(i)) return;
    this.decisions[i] = { decision: "approve" };
    this.ed.commit();
    this.after(i, this.t("approved", { n: i + 1 }), advance);
  }

  reject(i) {
    if (!this.ready(i)) return;
    const before = this.decisions[i];
    const reason = before && before.decision === "reject" ? before.reason : null;
    this.decisions[i] = { decision: "reject", reason };
    this.ed.commit(reason
      ? this.t("reason_set", { n: i + 1, reason: this.reasonName(reason) })
      : this.t("rejected", { n: i + 1, choices: this.choices() }));
  }

  setReason(i, key, { advance = false } = {}) {
    if (!this.ready(i)) return;
    this.decisions[i] = { decision: "reject", reason: key };
    this.ed.commit();
    this.after(i, this.t("reason_set", { n: i + 1, reason: this.reasonName(key) }), advance);
  }

  // Key 1–9: the reason of the current label, once it is rejected.
  pickReason(i, index) {
    if (!this.ready(i)) return;
    const d = this.decisions[i];
    if (!d || d.decision !== "reject") {
      this.say(this.t("reason_first"));
      return;
    }
    if (index >= this.reasons.length) {
      this.say(this.t("reason_range", { max: Math.min(9, this.reasons.length) }));
      return;
    }
    this.setReason(i, this.reasons[index], { advance: true });
  }

  setVerdict(verdict) {
    this.verdict = verdict;
    this.ed.commit(this.t("verdict_set", { now: this.verdictName() }));
  }

  focusVerdict() {
    const input = this.verdictInputs.find((el) => el.checked) || this.verdictInputs[0];
    if (!input) return;
    input.focus({ preventScroll: true });
    input.closest("fieldset").scrollIntoView({ block: "nearest" });
    this.say(this.t("verdict_focus", { now: this.verdictName() }));
  }

  // A choice made in the list or the verdict (mouse, Space, the arrows of a radio group).
  onInput(input) {
    const row = input.closest(".lab-judge-row");
    const i = row ? Number(row.dataset.n) - 1 : -1;
    if (input.classList.contains("lab-decision-input")) {
      if (input.value === "approve") this.approve(i);
      else this.reject(i);
    } else if (input.classList.contains("lab-reason-input")) {
      this.setReason(i, input.value);
    } else if (input.classList.contains("lab-verdict-input")) {
      this.setVerdict(input.value);
    } else {
      return false;
    }
    return true;
  }

  // `nav`: the focus is on the labels (or nowhere), where the arrows move between them.
  handleKey(event, name, nav) {
    const target = event.target;
    if (target && target.classList && target.classList.contains("lab-verdict-input") && (name === "a" || name === "r")) {
      this.setVerdict(name === "a" ? "approve" : "reject");
    } else if (name === "v") {
      this.focusVerdict();
    } else if (name === "j" || (nav && (name === "ArrowDown" || name === "ArrowRight"))) {
      this.move(1);
    } else if (name === "k" || (nav && (name === "ArrowUp" || name === "ArrowLeft"))) {
      this.move(-1);
    } else if (name === "a") {
      this.approve(this.cur, { advance: true });
    } else if (name === "r") {
      this.reject(this.cur);
    } else if (/^[1-9]$/.test(name)) {
      this.pickReason(this.cur, Number(name) - 1);
    } else if (name === "Escape" && nav && this.cur >= 0) {
      this.setCurrent(-1);
    } else {
      return false;
    }
    return true;
  }
}

// --- images: bbox, polygon, keypoints, ocr

export class ImageInspector extends ShapeEditor {
  constructor(item) {
    super(item, {
      kinds: ["box"], hasLabels: false, hasText: false, mode: "select", fromResponse: missedFrom, toResponse: () => null,
    });
  }

  // Runs inside ShapeEditor's constructor, before the saved answer is shown.
  prepare() {
    this.task = this.config.task;
    this.submitted = this.config.submitted || [];
    this.skeleton = this.config.skeleton || { points: [], edges: [] };
    this.subEls = [];
    // Each keypoint label's point numbers, beside its button (not inside it): a button's name is
    // its description, and digits inside it would not match that name (WCAG 2.5.3 Label in Name).
    this.numEls = [];
    this.subLayer = svg("g", { class: "lab-insp-layer" });
    this.canvas.svg.insertBefore(this.subLayer, this.canvas.layer);
    this.judge = new Judgements(this);
  }

  stateFrom(response) { return { shapes: missedFrom(response), ...this.judge.stateFrom(response) }; }

  getState() { return { shapes: this.shapes, ...this.judge.getState() }; }

  setState(state) {
    super.setState(state);
    this.judge.setState(state);
  }

  response() {
    const missed = this.shapes.map((s) => ({ box: s.box.map(round1) }));
    return toResponse(this.judge.judgements(), missed, this.judge.verdict);
  }

  // --- words

  attributeWords(s) {
    const on = Object.entries(s.attributes || {}).filter(([, v]) => v === true).map(([k]) => this.attributeTitle(k));
    return on.join(", ");
  }

  // A submitted label in words, after its tag (so without its number, label, attributes or text).
  what(i) {
    const s = this.submitted[i];
    if (this.task === "keypoints") {
      const titles = this.skeleton.points || [];
      let shown = 0;
      let hidden = 0;
      const points = (s.points || []).map((p, k) => {
        const vars = { n: k + 1, title: titles[k] ? titles[k].title || titles[k].name : "" };
        if (placed(p)) {
          shown += 1;
          return this.t(occluded(p) ? "kp_point_occluded" : "kp_point", { ...vars, x: num(p[0]), y: num(p[1]) });
        }
        if (p === "hidden") hidden += 1;
        return this.t(p === "hidden" ? "kp_hidden" : "kp_missing", vars);
      });
      return this.t("what_keypoints", { placed: shown, hidden, points: points.join("; ") });
    }
    if (Array.isArray(s.box)) {
      const [x, y, w, hh] = s.box;
      return this.t(this.task === "ocr" ? "what_ocr_box" : "what_box", { x: num(x), y: num(y), w: num(w), h: num(hh) });
    }
    const [x0, y0, x1, y1] = bounds({ kind: "poly", points: s.points });
    const vars = { count: s.points.length, x0: num(x0), y0: num(y0), x1: num(x1), y1: num(y1) };
    return this.t(this.task === "ocr" ? "what_ocr_poly" : "what_poly", vars);
  }

  // The words on the label's tag: number, then label (and attributes) or text.
  tagWords(i) {
    const s = this.submitted[i];
    let tag = `${i + 1}`;
    if (this.task === "ocr") tag += ` “${s.text || ""}”`;
    else tag += ` ${this.labelTitle(s.label)}`;
    const attrs = this.attributeWords(s);
    if (attrs) tag += ` · ${attrs}`;
    return tag;
  }

  // The tag on the image: its words and the judgement.
  subTag(i) { return this.tagWords(i) + this.judge.mark(i); }

  labelColourOf(i) {
    return this.task === "ocr" ? colour(0) : this.labelColour(this.submitted[i].label);
  }

  subBounds(i) {
    const s = this.submitted[i];
    if (this.task === "keypoints") {
      const pts = (s.points || []).filter(placed);
      if (!pts.length) return [0, 0, 0, 0];
      return bounds({ kind: "poly", points: pts });
    }
    return Array.isArray(s.box) ? bounds({ kind: "box", box: s.box }) : bounds({ kind: "poly", points: s.points });
  }

  // "누락 객체 그리기" is ShapeEditor's draw mode: a drag (or N) makes a box.
  get drawing() { return this.mode === "draw"; }

  // The missed boxes (ShapeEditor's shapes).
  name(index) { return this.t("missed_name", { n: index + 1 }); }

  tagText(index) { return this.t("missed_tag", { n: index + 1 }); }

  colourOf() { return MISSED_COLOUR; }

  // --- drawing

  render() {
    super.render();
    this.judge.render();
  }

  renderShapes() {
    this.renderSubmitted();
    super.renderShapes();
  }

  renderSubmitted() {
    if (!this.judge) return; // the canvas lays itself out before prepare()
    const unit = this.canvas.unit;
    const size = 15 * unit;
    const tags = []; // tags already placed: [x, y], to keep two labels' tags from covering each other
    this.submitted.forEach((s, i) => {
      let g = this.subEls[i];
      if (!g) {
        g = svg("g", { class: "lab-insp", tabindex: "0", role: "button", "data-n": i + 1 }, this.subLayer);
        g.addEventListener("focus", () => { if (!this.drag && this.judge.cur !== i) this.judge.setCurrent(i); });
        this.subEls.push(g);
        this.numEls.push(svg("g", { class: "lab-insp-nums", "aria-hidden": "true" }, this.subLayer));
      }
      g.replaceChildren();
      this.numEls[i].replaceChildren();
      g.style.setProperty("--c", this.labelColourOf(i));
      this.judge.classes(g, i);
      g.setAttribute("aria-label", this.judge.describe(i));
      this.drawSubmitted(g, s, unit, this.numEls[i]);
      const pad = this.task === "keypoints" ? 20 * unit : 0; // above the points' own numbers
      const [x0, y0] = this.subBounds(i).map((v) => v - pad);
      let y = y0 - 4 * unit < size ? y0 + size : y0 - 4 * unit;
      for (let k = 0; k < 30 && tags.some(([tx, ty]) => Math.abs(tx - x0) < 40 * unit && Math.abs(ty - y) < size); k += 1) {
        y += size * 1.1;
      }
      tags.push([x0, y]);
      svg("text", {
        class: "lab-tag", x: x0, y, "font-size": size, "stroke-width": 4 * unit, "aria-hidden": "true", text: this.subTag(i),
      }, g);
    });
  }

  drawSubmitted(g, s, unit, nums) {
    if (this.task === "keypoints") {
      const pts = s.points || [];
      const shown = pts.filter(placed);
      if (shown.length) {
        const [x0, y0, x1, y1] = bounds({ kind: "poly", points: shown });
        const pad = 8 * unit;
        const box = { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad };
        svg("rect", { class: "lab-insp-halo", ...box }, g);
        svg("rect", { class: "lab-insp-hit", ...box }, g);
      }
      for (const [a, b] of this.skeleton.edges || []) {
        if (placed(pts[a]) && placed(pts[b])) {
          svg("line", { class: "lab-insp-edge", x1: pts[a][0], y1: pts[a][1], x2: pts[b][0], y2: pts[b][1] }, g);
        }
      }
      pts.forEach((p, k) => {
        if (!placed(p)) return;
        svg("circle", { class: occluded(p) ? "lab-insp-dot occluded" : "lab-insp-dot", cx: p[0], cy: p[1], r: 5 * unit }, g);
        svg("text", {
          class: "lab-insp-point-n", x: p[0] + 6 * unit, y: p[1] - 6 * unit, "font-size": 12 * unit,
          "stroke-width": 3 * unit, text: String(k + 1),
        }, nums);
      });
      return;
    }
    if (Array.isArray(s.box)) {
      const [x, y, w, hh] = s.box;
      svg("rect", { class: "lab-insp-halo", x, y, width: w, height: hh }, g);
      svg("rect", { class: "lab-insp-body", x, y, width: w, height: hh }, g);
    } else {
      const points = s.points.map((p) => p.join(",")).join(" ");
      svg("polygon", { class: "lab-insp-halo", points }, g);
      svg("polygon", { class: "lab-insp-body", points }, g);
    }
  }

  renderStatus() {
    super.renderStatus();
    if (!this.judge || !this.status) return;
    const cur = this.judge.cur;
    if (this.drawing && this.sel < 0) this.status.textContent = this.tInput("draw_on");
    else if (this.sel < 0 && cur >= 0) this.status.textContent = this.t("status_current", { desc: this.judge.describe(cur) });
    this.canvas.viewport.classList.toggle("lab-drawing", this.drawing);
  }

  // --- the current label and the drawn boxes

  showCurrent(i, focus) {
    if (i >= 0 && this.sel >= 0) {
      this.sel = -1;
      this.part = null;
    }
    this.render();
    if (i < 0 || !this.subEls[i]) return;
    if (focus) this.subEls[i].focus({ preventScroll: true });
    const [x0, y0, x1, y1] = this.subBounds(i);
    this.canvas.reveal((x0 + x1) / 2, (y0 + y1) / 2);
  }

  setMode(mode, { say = true } = {}) {
    if (mode === this.mode) {
      if (say) this.live.say(this.t(mode === "draw" ? "draw_on" : "draw_off"));
      return;
    }
    if (mode === "draw") {
      this.sel = -1;
      this.part = null;
      this.canvas.viewport.focus({ preventScroll: true });
    }
    super.setMode(mode, { say: false });
    if (say) this.live.say(this.t(mode === "draw" ? "draw_on" : "draw_off"));
  }

  setDrawing(on) { this.setMode(on ? "draw" : "select"); }

  // A click without a drag: a submitted label becomes the one judged, in either mode.
  clickAt(target) {
    const g = target && target.closest ? target.closest(".lab-insp") : null;
    if (g && !target.closest(".lab-shape")) {
      if (this.sel >= 0) this.select(-1);
      this.judge.setCurrent(Number(g.dataset.n) - 1, { focus: true });
    } else {
      super.clickAt(target);
    }
  }

  // Enter on a drawn box: done with it (and with drawing); the keys go back to the labels.
  finishBox() {
    const desc = this.describe(this.sel);
    this.setMode("select", { say: false });
    this.select(-1);
    this.canvas.viewport.focus({ preventScroll: true });
    this.live.say(this.t("finished", { desc }));
  }

  // Select mode: pressing a submitted label judges it at once; the rest is ShapeEditor's (a drag
  // draws in draw mode; moves or resizes a drawn box, or the view, in select mode).
  onDown(event) {
    if (event.button !== 0 || this.drag) return;
    if (this.drawing || event.target.closest("[data-handle], .lab-shape") || !event.target.closest(".lab-insp")) {
      super.onDown(event);
      return;
    }
    event.preventDefault();
    this.closeContext();
    if (this.sel >= 0) this.select(-1);
    this.judge.setCurrent(Number(event.target.closest(".lab-insp").dataset.n) - 1, { focus: true });
  }

  onInputChange(event) {
    if (!this.judge.onInput(event.target)) super.onInputChange(event);
  }

  action(name, button) {
    if (name === "draw-missed") this.setMode("draw");
    else super.action(name, button);
  }

  isLabelTarget(target) {
    return !target || target === document.body || this.canvas.viewport.contains(target)
      || target.classList.contains("lab-judge-name");
  }

  handleKey(event, name) {
    const target = event.target;
    const arrows = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];
    if (this.drag) return super.handleKey(event, name);
    if ((name === "d" || name === "s") && !event.shiftKey) {
      this.setMode(name === "d" ? "draw" : "select");
      return true;
    }
    if (this.drawing) {
      if (name === "n" && !event.shiftKey) {
        this.createAtCentre();
        return true;
      }
      if (name === "Escape" || name === "m") {
        this.setDrawing(false);
        return true;
      }
      if (arrows.includes(name) && this.onCanvas(target)) return super.handleKey(event, name); // pans the view
    }
    if (this.sel >= 0 && this.onCanvas(target)) {
      if (name === "Enter") {
        this.finishBox();
        return true;
      }
      if ([...arrows, "e", "Delete", "Backspace", "Escape"].includes(name)) return super.handleKey(event, name);
    }
    if (name === "m") {
      this.setDrawing(true);
      return true;
    }
    return this.judge.handleKey(event, name, this.isLabelTarget(target));
  }
}

// --- text: spans

export class TextInspector extends EditorBase {
  constructor(item) {
    super(item);
    this.submitted = this.config.submitted || [];
    this.chars = Array.from(String(this.config.text || "")); // code points, as the offsets count
    this.textEl = this.root.querySelector(".lab-insp-text");
    this.judge = new Judgements(this);
    this.build();
    this.listen();
    this.setState(this.stateFrom(this.saved));
    this.history.reset(this.getState());
    this.render();
  }

  get usesLabelKeys() { return false; }

  getState() { return this.judge.getState(); }

  setState(state) { this.judge.setState(state); }

  stateFrom(response) { return this.judge.stateFrom(response); }

  response() { return toResponse(this.judge.judgements(), [], this.judge.verdict); }

  spanText(s) { return this.chars.slice(s.start, s.end).join(""); }

  what(i) {
    const s = this.submitted[i];
    return this.t("what_span", { text: this.spanText(s), from: s.start + 1, to: s.end });
  }

  // The words on the tag's badge after the text: number and label.
  tagWords(i) { return `${i + 1} ${this.labelTitle(this.submitted[i].label)}`; }

  labelColourOf(i) { return this.labelColour(this.submitted[i].label); }

  // The text cut where any tag starts or ends: each piece knows the tags over it (tags may
  // overlap or repeat); after the piece where a tag ends, the tag's numbered badge (its focus).
  build() {
    const length = this.chars.length;
    const cuts = new Set([0, length]);
    for (const s of this.submitted) {
      cuts.add(Math.min(Math.max(s.start, 0), length));
      cuts.add(Math.min(Math.max(s.end, 0), length));
    }
    const at = [...cuts].sort((a, b) => a - b);
    const parts = [];
    this.segs = [];
    this.badges = this.submitted.map((s, i) => {
      const badge = h("span", { class: "lab-insp-badge", tabindex: "0", role: "button", "data-n": i + 1 });
      badge.addEventListener("focus", () => { if (this.judge.cur !== i) this.judge.setCurrent(i); });
      badge.addEventListener("click", () => this.judge.setCurrent(i, { focus: true }));
      return badge;
    });
    const size = (i) => this.submitted[i].end - this.submitted[i].start;
    for (let k = 0; k < at.length - 1; k += 1) {
      const [a, b] = [at[k], at[k + 1]];
      const text = this.chars.slice(a, b).join("");
      const over = this.submitted.map((s, i) => (s.start <= a && s.end >= b ? i : -1)).filter((i) => i >= 0);
      if (over.length) {
        const inner = over.reduce((best, i) => (size(i) < size(best) ? i : best));
        const el = h("span", { class: "lab-insp-seg", "data-depth": Math.min(over.length, 3) }, text);
        el.style.setProperty("--c", this.labelColourOf(inner));
        el.addEventListener("click", () => {
          // Again on the same piece: the next tag over it.
          const next = over.includes(this.judge.cur) ? over[(over.indexOf(this.judge.cur) + 1) % over.length] : inner;
          this.judge.setCurrent(next, { focus: true });
        });
        parts.push(el);
        this.segs.push({ el, over });
      } else {
        parts.push(document.createTextNode(text));
      }
      this.submitted.forEach((s, i) => { if (s.end === b) parts.push(this.badges[i]); });
    }
    this.textEl.replaceChildren(...parts);
  }

  render() {
    this.segs.forEach(({ el, over }) => el.classList.toggle("current", over.includes(this.judge.cur)));
    this.badges.forEach((badge, i) => {
      badge.style.setProperty("--c", this.labelColourOf(i));
      this.judge.classes(badge, i);
      badge.textContent = this.tagWords(i) + this.judge.mark(i);
      badge.setAttribute("aria-label", this.judge.describe(i));
    });
    this.judge.render();
    if (this.status) {
      const cur = this.judge.cur;
      this.status.textContent = cur >= 0
        ? this.t("status_current", { desc: this.judge.describe(cur) }) : this.tInput("status_none");
    }
    this.updateButtons();
  }

  showCurrent(i, focus) {
    this.render();
    if (i >= 0 && focus && this.badges[i]) this.badges[i].focus({ preventScroll: true });
    if (i >= 0 && this.badges[i]) this.badges[i].scrollIntoView({ block: "nearest" });
  }

  onInputChange(event) {
    if (!this.judge.onInput(event.target)) super.onInputChange(event);
  }

  isLabelTarget(target) {
    return !target || target === document.body || this.textEl.contains(target)
      || target.classList.contains("lab-judge-name");
  }

  handleKey(event, name) {
    return this.judge.handleKey(event, name, this.isLabelTarget(event.target));
  }
}
