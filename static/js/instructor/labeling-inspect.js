// The inspection (검수) editor section: pick a labeling exercise, whose reference becomes the
// labels to inspect; change them with the candidate's editor of that task to plant errors; give
// each error its rejection reason and guide rule (suggested from what changed); list the objects
// deleted from the reference as missed; preview the task as the candidate sees it.
//
// Hidden fields (the bank's keys): task, image, text, labels, skeleton (JSON), submitted (JSON,
// the canvas's), errors (JSON, built here from the table).
import { converters as bbox } from "./labeling-bbox.js";
import { converters as keypoints } from "./labeling-keypoints.js";
import { converters as ocr } from "./labeling-ocr.js";
import { converters as polygon } from "./labeling-polygon.js";
import { announce, parseJSON, postJSON, ReferenceCanvas, say } from "./labeling-section.js";
import { converters as spans } from "./labeling-spans.js";

const CONVERTERS = { bbox, polygon, keypoints, ocr, spans };
const IMAGE_TASKS = ["bbox", "polygon", "keypoints", "ocr"];
const list = (value) => (Array.isArray(value) ? value : []);
const MATCH = 0.5;

// --- comparing the labels with the reference they came from --------------------------------

// [x0, y0, x1, y1] of a label (spans: [start, 0, end, 1]); null when it has no extent.
function bounds(label) {
  if (!label || typeof label !== "object") return null;
  if (Array.isArray(label.box)) {
    const [x, y, w, h] = label.box;
    return [x, y, x + w, y + h];
  }
  if (Number.isInteger(label.start)) return [label.start, 0, label.end, 1];
  const points = list(label.points).filter((p) => Array.isArray(p) && p.length >= 2);
  if (!points.length) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function iou(a, b) {
  if (!a || !b) return 0;
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const area = (r) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]) || 1e-9;
  const inter = w * h;
  return inter / (area(a) + area(b) - inter);
}

// JSON with its keys sorted (the server's JSON sorts them; the editors write them in their order).
const canonical = (value) => JSON.stringify(value, (key, v) => (v && typeof v === "object" && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
const same = (a, b) => canonical(a) === canonical(b);

// Pairs each original (reference) label with the submitted label most like it.
function pairUp(original, submitted) {
  const taken = new Set();
  const partner = new Map(); // submitted index -> original index
  original.forEach((o, i) => {
    let best = -1;
    let bestScore = MATCH;
    submitted.forEach((s, k) => {
      if (taken.has(k)) return;
      const score = same(o, s) ? 2 : iou(bounds(o), bounds(s));
      if (score >= bestScore) { best = k; bestScore = score; }
    });
    if (best >= 0) { taken.add(best); partner.set(best, i); }
  });
  return partner;
}

// The reason a changed label most likely carries (only among the offered ones), "" when unchanged.
function suggest(task, o, s, offered) {
  const pick = (...keys) => keys.find((k) => offered.includes(k)) || offered[0] || "";
  if (!o) return pick("not_an_object", "duplicate");
  if (same(o, s)) return "";
  if (o.label !== s.label) return pick("wrong_class");
  if (o.text !== undefined && o.text !== s.text) return pick("transcription");
  if (task === "keypoints") return pick(same(list(o.points).map((p) => p === "hidden"), list(s.points).map((p) => p === "hidden")) ? "off_joint" : "hidden_guessed");
  if (task === "spans") return pick("span_boundary");
  const a = bounds(o);
  const b = bounds(s);
  if (!same(a, b) && !same(o.attributes || {}, s.attributes || {}) && same(o.box || o.points, s.box || s.points)) return pick("wrong_attribute");
  const grew = b && a && (b[2] - b[0]) * (b[3] - b[1]) > (a[2] - a[0]) * (a[3] - a[1]);
  return grew ? pick("not_tight") : pick("cuts_object", "not_tight");
}

function describe(label, index, titles) {
  const name = label.label ? (titles[label.label] || label.label) : "";
  if (Number.isInteger(label.start)) return `${index + 1}. ${name} [${label.start}–${label.end})`;
  const b = bounds(label);
  const where = b ? ` (x ${Math.round(b[0])}, y ${Math.round(b[1])})` : "";
  const text = label.text ? ` “${label.text}”` : "";
  return `${index + 1}. ${name}${text}${where}`;
}

// --- the section -------------------------------------------------------------------------

class InspectionSection {
  constructor(section) {
    this.section = section;
    this.root = section.querySelector(".inspect-section");
    this.field = (name) => this.root.querySelector(`input[type=hidden][name=${name}]`);
    this.box = this.root.querySelector(".reference-editor");
    this.original = null; // the reference of the exercise it started from (this session)
    this.rows = new Map(); // submitted number -> {reason, rule, touched}
    this.missed = new Map(); // original index -> {on, rule}
    this.keptMissed = []; // missed objects of the saved task (editing: no original known)
    this.reasonNames = Object.fromEntries([...this.root.querySelectorAll(".reason-choice")]
      .map((el) => [el.dataset.reason, el.querySelector(".reason-title").textContent.trim()]));
    this.taskNames = parseJSON(this.root.querySelector(".inspect-material").dataset.taskNames, {});
    this.loadSavedErrors();
    this.wire();
    this.makeCanvas();
    this.loadExercises();
  }

  get task() { return this.field("task").value; }

  get submitted() { return list(parseJSON(this.field("submitted").value, [])); }

  get offered() {
    return [...this.root.querySelectorAll(".reason-choices input:checked")].map((input) => input.value);
  }

  material() {
    const material = { guide: this.root.querySelector("textarea[name=guide]").value };
    if (IMAGE_TASKS.includes(this.task)) material.image = this.field("image").value;
    else material.text = this.field("text").value;
    const labels = list(parseJSON(this.field("labels").value, []));
    if (labels.length) material.labels = labels;
    const skeleton = parseJSON(this.field("skeleton").value, null);
    if (skeleton) material.skeleton = skeleton;
    return material;
  }

  loadSavedErrors() {
    for (const error of list(parseJSON(this.root.querySelector(".errors-json").value, []))) {
      if (error && Number.isInteger(error.label)) this.rows.set(error.label, { reason: error.reason || "", rule: error.rule || "", touched: true });
      else if (error && error.missed) this.keptMissed.push({ missed: error.missed, rule: error.rule || "", on: true });
    }
  }

  wire() {
    this.root.querySelector(".inspect-source").addEventListener("change", (event) => this.start(event.target.value));
    this.root.querySelector(".reason-choices").addEventListener("change", () => this.renderErrors());
    this.root.querySelector("textarea[name=guide]").addEventListener("input", () => this.canvas && this.canvas.later());
    this.root.querySelector(".inspect-preview-button").addEventListener("click", () => this.preview());
  }

  makeCanvas() {
    const host = this.box.querySelector(".ref-canvas");
    if (!CONVERTERS[this.task]) {
      host.replaceChildren();
      this.renderErrors();
      return;
    }
    this.canvas = new ReferenceCanvas(this.box, {
      type: this.task, converters: CONVERTERS[this.task], material: () => this.material(),
      onChange: () => { this.renderErrors(); announce(this.section); },
    });
    this.canvas.draw().then(() => this.renderErrors());
  }

  async loadExercises() {
    const select = this.root.querySelector(".inspect-source");
    let data = null;
    try {
      const response = await fetch(this.root.dataset.exercisesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      data = response.ok ? await response.json() : null;
    } catch (e) { data = null; }
    for (const row of list(data && data.exercises)) {
      select.append(new Option(`${row.id} · ${this.taskNames[row.type] || row.type} · ${row.question}`, row.id));
    }
    select.dataset.loaded = "true";
  }

  async start(questionId) {
    if (!questionId) return;
    const status = this.box.querySelector(".canvas-status");
    let material = null;
    try {
      const response = await fetch(`${this.root.dataset.exercisesUrl}/${encodeURIComponent(questionId)}`,
        { credentials: "same-origin", headers: { Accept: "application/json" } });
      material = await response.json();
      if (!response.ok) { say(status, material.error, true); return; }
    } catch (e) { say(status, "서버에 연결할 수 없습니다.", true); return; }
    this.field("task").value = material.task;
    this.field("image").value = material.image || "";
    this.field("text").value = material.text || "";
    this.field("labels").value = JSON.stringify(material.labels || []);
    this.field("skeleton").value = material.skeleton ? JSON.stringify(material.skeleton) : "";
    this.field("submitted").value = JSON.stringify(material.submitted);
    this.root.querySelector("textarea[name=guide]").value = material.guide || "";
    this.root.querySelectorAll(".reason-choices input").forEach((input) => { input.checked = material.reasons.includes(input.value); });
    this.original = material.submitted;
    this.rows = new Map();
    this.missed = new Map();
    this.keptMissed = [];
    this.makeCanvas();
    announce(this.section);
  }

  // --- the planted errors

  renderErrors() {
    const submitted = this.submitted;
    const offered = this.offered;
    const titles = Object.fromEntries(list(parseJSON(this.field("labels").value, [])).map((l) => [l.name, l.title || l.name]));
    const partner = this.original ? pairUp(this.original, submitted) : new Map();
    const body = this.root.querySelector(".error-rows");
    body.replaceChildren(...submitted.map((label, k) => {
      const n = k + 1;
      let row = this.rows.get(n);
      if (!row || !row.touched) {
        const o = this.original ? this.original[partner.get(k)] : undefined;
        row = { reason: this.original ? suggest(this.task, o, label, offered) : "", rule: row ? row.rule : "", touched: false };
        this.rows.set(n, row);
      }
      return this.errorRow(n, label, row, offered, titles);
    }));
    for (const n of [...this.rows.keys()]) if (n > submitted.length) this.rows.delete(n);
    this.renderMissed(partner, titles);
    this.writeErrors();
  }

  errorRow(n, label, row, offered, titles) {
    const tr = document.createElement("tr");
    const name = document.createElement("td");
    name.textContent = describe(label, n - 1, titles);
    const decision = document.createElement("td");
    const select = document.createElement("select");
    select.className = "error-reason";
    select.setAttribute("aria-label", `${n}번 라벨 판정`);
    select.append(new Option("맞음 (오류 없음)", ""));
    for (const key of offered) select.append(new Option(`반려: ${this.reasonNames[key] || key}`, key));
    if (row.reason && !offered.includes(row.reason)) select.append(new Option(`반려: ${this.reasonNames[row.reason] || row.reason}`, row.reason));
    select.value = row.reason;
    select.addEventListener("change", () => { row.reason = select.value; row.touched = true; this.writeErrors(); });
    decision.append(select);
    const rule = document.createElement("td");
    const input = document.createElement("input");
    input.type = "text";
    input.className = "error-rule";
    input.value = row.rule;
    input.setAttribute("aria-label", `${n}번 라벨이 어긴 규칙`);
    input.addEventListener("input", () => { row.rule = input.value; this.writeErrors(); });
    rule.append(input);
    tr.append(name, decision, rule);
    return tr;
  }

  renderMissed(partner, titles) {
    const box = this.root.querySelector(".missed-rows");
    const items = [];
    if (this.original && IMAGE_TASKS.includes(this.task)) {
      const paired = new Set(partner.values());
      this.original.forEach((o, i) => {
        if (paired.has(i)) { this.missed.delete(i); return; }
        const b = bounds(o);
        if (!b) return;
        if (!this.missed.has(i)) this.missed.set(i, { on: true, rule: "" });
        const box = [b[0], b[1], b[2] - b[0], b[3] - b[1]].map((v) => Math.round(v * 10) / 10);
        this.missed.get(i).missed = { label: o.label || "text", box };
        items.push([this.missed.get(i), describe(o, i, titles)]);
      });
    }
    for (const kept of this.keptMissed) items.push([kept, describe(kept.missed, 0, titles).replace(/^1\. /, "")]);
    box.replaceChildren(...items.map(([entry, text], index) => {
      const li = document.createElement("li");
      const label = document.createElement("label");
      label.className = "check";
      const check = document.createElement("input");
      check.type = "checkbox";
      check.checked = entry.on;
      check.addEventListener("change", () => { entry.on = check.checked; this.writeErrors(); });
      label.append(check, ` 누락 오류로 넣기: ${text}`);
      const rule = document.createElement("input");
      rule.type = "text";
      rule.value = entry.rule;
      rule.setAttribute("aria-label", `빠뜨린 객체 ${index + 1}이 어긴 규칙`);
      rule.addEventListener("input", () => { entry.rule = rule.value; this.writeErrors(); });
      li.append(label, rule);
      return li;
    }));
    this.root.querySelector(".no-missed").hidden = items.length > 0;
  }

  writeErrors() {
    const errors = [];
    for (const [n, row] of [...this.rows].sort((a, b) => a[0] - b[0])) {
      if (!row.reason) continue;
      errors.push(row.rule.trim() ? { label: n, reason: row.reason, rule: row.rule.trim() } : { label: n, reason: row.reason });
    }
    const missed = [...this.missed.values(), ...this.keptMissed].filter((entry) => entry.on && entry.missed);
    for (const entry of missed) {
      errors.push(entry.rule.trim() ? { missed: entry.missed, rule: entry.rule.trim() } : { missed: entry.missed });
    }
    const hidden = this.root.querySelector(".errors-json");
    const value = JSON.stringify(errors);
    if (hidden.value !== value) {
      hidden.value = value;
      announce(this.section);
    }
  }

  // --- the candidate's view

  async preview() {
    const status = this.root.querySelector(".preview-status");
    const body = this.root.querySelector(".inspect-preview-body");
    const draft = {
      task: this.task, ...this.material(), submitted: this.submitted,
      reasons: this.offered, errors: list(parseJSON(this.root.querySelector(".errors-json").value, [])),
    };
    say(status, "검수 화면을 만드는 중입니다…");
    const { ok, data } = await postJSON(this.root.dataset.previewUrl, { type: "inspect", draft });
    if (!ok) { say(status, data.error, true); body.replaceChildren(); return; }
    say(status, "수험생에게 이렇게 보입니다. 직접 판정해 볼 수 있습니다 (저장되지 않습니다).");
    body.innerHTML = data.html; // rendered by the server from the inspection's exam template
    const item = body.querySelector(".item");
    item.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    const module = await import(data.script);
    if (module.init) module.init(item);
    body.dataset.state = "ready";
  }
}

export function init(section) {
  return new InspectionSection(section);
}
