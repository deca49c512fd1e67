// The labeling editor sections (templates/instructor/editor/labeling/): the image picker and
// upload, the label rows, the reference drawn with the CANDIDATE'S OWN editor (the type's
// script under js/questions/, on the HTML the server renders from the type's exam template), and
// the import of a reference from a COCO or Label Studio export.
//
// The reference lives in a hidden field (JSON, the bank's inline shape). Each type's module
// (labeling-<type>.js) gives two converters: toResponse(reference) → what the candidate's editor
// shows as drawn, and toReference(response, previous, material) → the bank's reference.
const csrfToken = () => document.querySelector('meta[name="csrf-token"]').content;
const DELAY_MS = 400;

async function send(url, body, json) {
  const headers = { "X-CSRFToken": csrfToken(), Accept: "application/json" };
  if (json) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, { method: "POST", credentials: "same-origin", headers, body: json ? JSON.stringify(body) : body });
  } catch (e) {
    return { ok: false, data: { error: "서버에 연결할 수 없습니다." } };
  }
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { ok: response.ok, status: response.status, data: data || { error: `HTTP ${response.status}` } };
}

export const postJSON = (url, body) => send(url, body, true);
export const postForm = (url, formData) => send(url, formData, false);

export function say(el, text, problem = false) {
  if (!el) return;
  el.textContent = text || "";
  el.classList.toggle("problem", !!problem);
}

export function parseJSON(text, fallback) {
  try { return JSON.parse(text); } catch (e) { return fallback; }
}

// The section changed the draft without an input event of its own: the page's live preview follows.
export function announce(section) {
  section.dispatchEvent(new Event("input", { bubbles: true }));
}

// --- repeated rows (labels, skeleton points) ----------------------------------------------

// Rows named prefix.N.key: "더하기" clones the last row blank, "빼기" removes one; names renumbered.
export function setupRows(box, prefix, onChange) {
  const list = box.querySelector("ol");
  const renumber = () => {
    [...list.children].forEach((row, i) => {
      row.dataset.row = String(i);
      row.querySelectorAll("[name]").forEach((input) => {
        input.name = input.name.replace(new RegExp(`^${prefix.replace(".", "\\.")}\\.\\d+\\.`), `${prefix}.${i}.`);
      });
      const number = row.querySelector(".point-number");
      if (number) number.textContent = number.textContent.replace(/\d+/, String(i));
    });
  };
  box.querySelector(".add-row").addEventListener("click", () => {
    const last = list.lastElementChild;
    const row = last.cloneNode(true);
    row.classList.remove("has-error");
    row.querySelectorAll(".errors").forEach((el) => el.remove());
    row.querySelectorAll("input[type=text]").forEach((input) => { input.value = ""; });
    row.querySelectorAll("input[type=checkbox]").forEach((input) => { input.checked = false; });
    list.append(row);
    renumber();
    row.querySelector("input[type=text]").focus();
  });
  list.addEventListener("click", (event) => {
    const button = event.target.closest(".remove-row");
    if (!button) return;
    const row = button.closest("li");
    if (list.children.length > 1) row.remove();
    else row.querySelectorAll("input[type=text]").forEach((input) => { input.value = ""; });
    renumber();
    onChange();
  });
}

// --- the material the reference is drawn on ------------------------------------------------

function readLabels(box) {
  return [...box.querySelectorAll(".label-row")].map((row) => ({
    name: row.querySelector(".label-name").value.trim(),
    title: row.querySelector(".label-title").value.trim(),
    attributes: [...row.querySelectorAll("input[type=checkbox]:checked")].map((input) => input.value),
  })).filter((label) => label.name);
}

function readSkeleton(box) {
  const preset = box.querySelector("[name='skeleton.preset']").value;
  if (preset) return { preset };
  const points = [...box.querySelectorAll(".point-row")].map((row) => {
    const [name, title] = [...row.querySelectorAll("input[type=text]")].map((input) => input.value.trim());
    return title ? { name, title } : { name };
  }).filter((point) => point.name);
  const edges = box.querySelector("[name='skeleton.edges']").value.split(",")
    .map((part) => part.split("-").map((end) => Number(end.trim())))
    .filter((pair) => pair.length === 2 && pair.every((n) => Number.isInteger(n) && n >= 0 && n < points.length));
  return { points, edges };
}

// What the canvas is drawn on, read from the section's material fields (data-material).
export function readMaterial(section) {
  const material = {};
  const guide = section.querySelector("textarea[name=guide]");
  if (guide) material.guide = guide.value;
  section.querySelectorAll("[data-material]").forEach((el) => {
    const key = el.dataset.material;
    if (key === "labels") material.labels = readLabels(el);
    else if (key === "skeleton") material.skeleton = readSkeleton(el);
    else if (key === "images") material.images = parseJSON(el.value, []);
    else if (key === "multi_label") material.multi_label = el.checked;
    else material[key] = el.value;
  });
  return material;
}

// --- images --------------------------------------------------------------------------------

export function addImageOption(select, path) {
  if (![...select.options].some((option) => option.value === path)) {
    select.append(new Option(path, path));
  }
}

// The upload panel: the file and its licence fields sent on their own; onStored(path) after.
export function setupUpload(panel, onStored) {
  if (!panel) return;
  const status = panel.querySelector(".upload-status");
  panel.querySelector(".upload-button").addEventListener("click", async () => {
    const file = panel.querySelector(".upload-file").files[0];
    if (!file) { say(status, "올릴 파일을 골라 주세요.", true); return; }
    const data = new FormData();
    data.append("file", file);
    data.append("source", panel.querySelector(".upload-source").value);
    data.append("licence", panel.querySelector(".upload-licence").value);
    data.append("note", panel.querySelector(".upload-note").value);
    say(status, "올리는 중입니다…");
    const { ok, data: answer } = await postForm(panel.dataset.uploadUrl, data);
    if (!ok) { say(status, answer.error, true); return; }
    say(status, `올렸습니다: ${answer.path}`);
    onStored(answer.path);
  });
}

// --- the reference canvas ------------------------------------------------------------------

// The candidate's editor of `type` on the material, showing the reference in `hidden` (JSON);
// every change of the drawing is written back into `hidden` (converters.toReference).
export class ReferenceCanvas {
  constructor(box, { type, converters, material, onChange }) {
    this.box = box;
    this.type = type;
    this.converters = converters;
    this.material = material;
    this.onChange = onChange || (() => {});
    this.hidden = box.querySelector("input[type=hidden]");
    this.host = box.querySelector(".ref-canvas");
    this.status = box.querySelector(".canvas-status");
    this.drawn = 0;
    this.timer = null;
  }

  get reference() {
    const value = parseJSON(this.hidden.value, []);
    return Array.isArray(value) ? value : [];
  }

  set reference(value) {
    this.hidden.value = JSON.stringify(value);
  }

  later() {
    this.host.dataset.state = "pending";
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.draw(), DELAY_MS);
  }

  async draw() {
    const mine = ++this.drawn;
    this.host.dataset.state = "pending";
    const material = this.material();
    say(this.status, this.status.dataset.loading);
    const { ok, data } = await postJSON(this.host.dataset.canvasUrl, {
      type: this.type, material, response: this.converters.toResponse(this.reference, material),
    });
    if (mine !== this.drawn) return; // a newer drawing was asked for meanwhile
    if (!ok) {
      say(this.status, data.error, true);
      this.host.replaceChildren();
      this.host.dataset.state = "problem";
      return;
    }
    say(this.status, "");
    this.host.innerHTML = data.html; // rendered by the server from the type's exam template
    const item = this.host.querySelector(".item");
    const module = await import(data.script);
    if (module.init) module.init(item);
    const update = () => {
      const before = this.hidden.value;
      this.reference = this.converters.toReference(module.read(item), this.reference, material);
      if (this.hidden.value !== before) this.onChange();
    };
    item.addEventListener("change", update);
    item.addEventListener("input", update);
    update(); // what the editor shows (labels it could not keep, images added) is what is saved
    // Enter in the editor's own text boxes (OCR text) must not post the question form.
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input[type=text]")) event.preventDefault();
    });
    this.host.dataset.state = "ready";
  }
}

// --- importing from an export --------------------------------------------------------------

export function setupImport(panel, { type, draft, onImported }) {
  if (!panel) return;
  const status = panel.querySelector(".import-status");
  const choose = panel.querySelector(".import-choose");
  const choice = panel.querySelector(".import-choice");
  const apply = panel.querySelector(".import-apply");
  const form = (withChoice) => {
    const data = new FormData();
    data.append("file", panel.querySelector(".import-file").files[0]);
    data.append("kind", panel.querySelector(".import-kind").value);
    data.append("type", type);
    data.append("draft", JSON.stringify(draft()));
    if (withChoice) data.append("choice", choice.value);
    return data;
  };
  panel.querySelector(".import-list").addEventListener("click", async () => {
    if (!panel.querySelector(".import-file").files[0]) { say(status, "내보내기 파일을 골라 주세요.", true); return; }
    const { ok, data } = await postForm(panel.dataset.importUrl, form(false));
    if (!ok) { say(status, data.error, true); return; }
    choice.replaceChildren(...data.choices.map((row) => new Option(row.title, String(row.value))));
    choose.hidden = false;
    apply.hidden = false;
    say(status, `이미지(작업) ${data.choices.length}개가 있습니다. 가져올 것을 고르세요.`);
  });
  apply.addEventListener("click", async () => {
    const { ok, data } = await postForm(panel.dataset.importUrl, form(true));
    if (!ok) { say(status, data.error, true); return; }
    onImported(data);
    say(status, `정답 ${data.reference.length}개를 가져왔습니다.`);
  });
}

// --- a whole section of a labeling type ----------------------------------------------------

// Wires a section (the type's material, canvas and import) given its converters.
export function setupLabelingSection(section, converters) {
  const root = section.querySelector(".labeling-section");
  const type = root.dataset.referenceType;
  const canvas = new ReferenceCanvas(root.querySelector(".reference-editor"), {
    type, converters, material: () => readMaterial(root), onChange: () => announce(section),
  });
  const redraw = () => canvas.later();
  root.querySelectorAll(".label-rows, .point-list").forEach((list) => {
    setupRows(list.closest("fieldset, .skeleton-custom"), list.classList.contains("point-list") ? "skeleton.points" : "labels", redraw);
  });
  // A material field changed (not something inside the drawing): draw again, keeping the reference.
  const onMaterial = (event) => {
    if (event.target === section || canvas.host.contains(event.target)) return;
    // Typing redraws on "input"; the "change" a text box sends when it loses focus (often to a
    // press on the drawing) would only draw the same again.
    if (event.type === "change" && event.target.matches("input[type=text], textarea")) return;
    if (event.target.closest("[data-material]") || event.target.name === "guide") redraw();
  };
  root.addEventListener("input", onMaterial);
  root.addEventListener("change", onMaterial);
  // A preset skeleton has its own points: the fields of a skeleton of one's own are hidden.
  const preset = root.querySelector("[name='skeleton.preset']");
  if (preset) {
    const custom = root.querySelector(".skeleton-custom");
    const show = () => { custom.hidden = !!preset.value; };
    preset.addEventListener("change", show);
    show();
  }
  const imageSelect = root.querySelector(".image-select");
  setupUpload(imageSelect && root.querySelector(".upload-panel"), (path) => {
    addImageOption(imageSelect, path);
    imageSelect.value = path;
    imageSelect.dispatchEvent(new Event("change", { bubbles: true }));
  });
  setupImport(root.querySelector(".import-panel"), {
    type,
    draft: () => {
      const material = readMaterial(root);
      delete material.images;
      return material;
    },
    onImported: (data) => {
      if (data.text !== undefined) {
        const text = root.querySelector("[data-material=text]");
        if (text) text.value = data.text;
      }
      canvas.reference = data.reference;
      canvas.draw();
      announce(section);
    },
  });
  canvas.draw();
  return { root, canvas, redraw };
}
