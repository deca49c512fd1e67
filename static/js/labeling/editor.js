// What every labeling editor has: the item's config and saved answer (JSON in the template),
// the template's strings, undo / redo, a live region, toolbar buttons, keys, a label picker.
//
// A subclass provides getState() / setState(state) (plain JSON: what undo restores),
// stateFrom(response) (the state showing a saved response), response() (the answer, or null),
// render(), and handleKey(event, name) → true when it used the key.
import "./kits.js";
import { History } from "./history.js";
import { colour, emitChange, fmt, inputKind, isCommand, isTextField, keyName, Live, readJSON, watchInput } from "./util.js";

// The parts every item of a type shares (toolbar, hint, help) come once per page in the type's
// kit, <template class="lab-kit" data-kit="..."> (templates/questions/_labeling.html): a copy of each
// goes where the item has its slot. Returns the kit's strings.
export function fillKit(root) {
  const name = root.dataset.kit;
  const kit = name && [...document.querySelectorAll("template.lab-kit")].find((t) => t.dataset.kit === name);
  if (!kit) return {};
  for (const slot of root.querySelectorAll("[data-kit-slot]")) {
    const part = kit.content.querySelector(`.${slot.dataset.kitSlot}`);
    if (part) slot.replaceWith(part.cloneNode(true));
  }
  return readJSON(kit.content, "labeling-text") || {};
}

// "사용법과 단축키" is open the first time a candidate meets an editor of a kind (in this
// browser), folded after that.
export function openHelpOnFirstUse(root) {
  const help = root.querySelector(".lab-help");
  if (!help) return;
  const key = `exam_prep:lab-help-seen:${root.dataset.editor}`;
  try {
    if (localStorage.getItem(key)) return;
    localStorage.setItem(key, "1");
  } catch (e) {
    return; // storage refused: stay folded rather than open on every item
  }
  help.open = true;
}

export class EditorBase {
  constructor(item) {
    this.item = item;
    this.root = item.querySelector(".labeling");
    this.text = fillKit(this.root);
    this.config = readJSON(this.root, "labeling-config") || {};
    this.saved = readJSON(this.root, "labeling-saved");
    this.labels = this.config.labels || [];
    this.labelIndex = 0;
    this.live = new Live(this.root.querySelector(".lab-live"));
    this.history = new History();
    this.status = this.root.querySelector(".lab-status");
    watchInput(); // the hints shown follow the input in use (labeling.css)
    openHelpOnFirstUse(this.root);
  }

  // A string from the template (wrapped there for Babel), with {name} filled in.
  t(key, vars) {
    const template = key in this.text ? this.text[key] : key;
    return vars ? fmt(template, vars) : template;
  }

  // The words for the input in use: by touch, the template's `{key}_touch` where it has one
  // (status lines that would otherwise name keys).
  tInput(key, vars) {
    const touchKey = `${key}_touch`;
    return this.t(inputKind() === "touch" && touchKey in this.text ? touchKey : key, vars);
  }

  labelTitle(name) {
    const label = this.labels.find((l) => l.name === name);
    return label ? label.title || label.name : name || "";
  }

  labelColour(name) {
    const index = this.labels.findIndex((l) => l.name === name);
    return colour(index < 0 ? 0 : index);
  }

  attributeTitle(name) {
    return (this.text.attributes && this.text.attributes[name]) || name;
  }

  // --- wiring

  listen() {
    // Inputs inside the editor (label picker, attributes, text) change the answer through
    // commit(), which sends one "change" of its own: theirs would make a second save.
    this.root.addEventListener("change", (event) => {
      if (event.target === this.root) return;
      event.stopPropagation();
      this.onInputChange(event);
    });
    this.root.addEventListener("keydown", (event) => this.onKeyDown(event));
    // With nothing focused (after a click on the page), or the focus elsewhere in this question
    // (its "나중에 다시 보기" box, where the answer sheet puts it), keys go to the editor on screen.
    document.addEventListener("keydown", (event) => {
      const active = document.activeElement;
      const nowhere = !active || active === document.body;
      if (!nowhere && (this.root.contains(active) || !this.item.contains(active) || isTextField(active))) return;
      if (!this.root.getClientRects().length) return;
      this.onKeyDown(event);
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (!button || !this.root.contains(button) || button.disabled) return;
      this.action(button.dataset.action, button);
    });
    this.setupLabelPicker();
    this.setupLabelHelpColours();
  }

  setupLabelPicker() {
    this.labelInputs = [...this.root.querySelectorAll("input.lab-label-input")];
    this.labelInputs.forEach((input, index) => {
      input.closest(".lab-label").style.setProperty("--c", colour(index));
      if (input.checked) this.labelIndex = index;
    });
  }

  setupLabelHelpColours() {
    this.root.querySelectorAll("[data-label-colour]").forEach((el) => {
      el.style.setProperty("--c", colour(Number(el.dataset.labelColour)));
    });
  }

  // The label picker shows `index` (without relabelling anything).
  showLabel(index) {
    this.labelIndex = index;
    this.labelInputs.forEach((input, i) => { input.checked = i === index; });
  }

  onInputChange(event) {
    const input = event.target;
    if (input.classList.contains("lab-label-input")) {
      this.pickLabel(this.labelInputs.indexOf(input));
    }
  }

  // A label chosen (key 1–9 or the picker); subclasses relabel the selected shape.
  pickLabel(index) {
    if (index < 0 || index >= this.labels.length) return;
    this.showLabel(index);
    this.live.say(this.t("label_now", { label: this.labels[index].title || this.labels[index].name }));
  }

  action(name) {
    const canvasActions = {
      "zoom-in": () => this.canvas.zoomIn(),
      "zoom-out": () => this.canvas.zoomOut(),
      "zoom-fit": () => this.canvas.zoomFit(),
      "pan-left": () => this.canvas.panStep("left"),
      "pan-right": () => this.canvas.panStep("right"),
      "pan-up": () => this.canvas.panStep("up"),
      "pan-down": () => this.canvas.panStep("down"),
    };
    if (canvasActions[name] && this.canvas) canvasActions[name]();
    else if (name === "undo") this.undo();
    else if (name === "redo") this.redo();
  }

  // --- keys

  onKeyDown(event) {
    if (event.defaultPrevented || event.isComposing) return;
    const name = keyName(event);
    const target = event.target;
    if (isTextField(target)) {
      this.handleTextFieldKey(event, name);
      return;
    }
    if (isCommand(event) && !event.altKey) {
      if (name === "z" && !event.shiftKey) this.undo();
      else if ((name === "z" && event.shiftKey) || name === "y") this.redo();
      else return;
      event.preventDefault();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (this.canvas && (name === "+" || name === "=")) {
      this.canvas.zoomIn();
    } else if (this.canvas && name === "-") {
      this.canvas.zoomOut();
    } else if (this.canvas && name === "0") {
      this.canvas.zoomFit();
    } else if (/^[1-9]$/.test(name) && this.labels.length && this.usesLabelKeys) {
      const index = Number(name) - 1;
      if (index >= this.labels.length) return;
      if (event.shiftKey && this.relabel) this.relabel(index);
      else this.pickLabel(index);
    } else if (!this.handleKey(event, name)) {
      return;
    }
    event.preventDefault();
  }

  get usesLabelKeys() { return true; }

  handleTextFieldKey() {}

  handleKey() { return false; }

  // Keys that act on the drawing (arrows, Delete, Enter, ...) only with focus on the image,
  // a shape, or nowhere: on buttons, radios and checkboxes they keep their usual meaning.
  onCanvas(target) {
    return !target || target === document.body || (this.canvas && this.canvas.viewport.contains(target));
  }

  // --- changes

  // The answer changed: record it for undo, redraw, tell the page (which saves it).
  commit(message, key = null) {
    const changed = this.history.push(this.getState(), key);
    this.render();
    if (message) this.live.say(message);
    if (changed) emitChange(this.item);
    return changed;
  }

  undo() {
    const state = this.history.undo();
    if (state === null) {
      this.live.say(this.t("nothing_to_undo"));
      return;
    }
    this.setState(state);
    this.render();
    this.live.say(this.t("undone"));
    emitChange(this.item);
  }

  redo() {
    const state = this.history.redo();
    if (state === null) {
      this.live.say(this.t("nothing_to_redo"));
      return;
    }
    this.setState(state);
    this.render();
    this.live.say(this.t("redone"));
    emitChange(this.item);
  }

  // Show a saved answer (apply() after an offline journal entry): a fresh start for undo.
  load(state) {
    this.setState(state);
    this.history.reset(this.getState());
    this.render();
  }

  updateButtons() {
    this.root.querySelectorAll('[data-action="undo"]').forEach((b) => { b.disabled = !this.history.canUndo; });
    this.root.querySelectorAll('[data-action="redo"]').forEach((b) => { b.disabled = !this.history.canRedo; });
  }

  showZoom() {
    const el = this.root.querySelector(".lab-zoom");
    if (el && this.canvas) el.textContent = this.t("zoom", { p: this.canvas.percent });
  }
}

// One editor per item element, made on first use (init(), or read() if init was not called).
export function editorFor(item, make) {
  if (!item.labelingEditor) {
    if (!item.querySelector(".labeling")) return null;
    item.labelingEditor = make(item);
  }
  return item.labelingEditor;
}

// A question type's browser side (the module a type names as its `script`) for an editor made by `make(item)`:
// init builds it, read gives its response (null: nothing done), apply shows a saved response
// (the editor's stateFrom(response)) as a fresh start for undo.
export function typeModule(make) {
  return {
    init(item) { editorFor(item, make); },
    read(item) {
      const editor = editorFor(item, make);
      return editor ? editor.response() : null;
    },
    apply(item, response) {
      const editor = editorFor(item, make);
      if (editor) editor.load(editor.stateFrom(response));
    },
  };
}
