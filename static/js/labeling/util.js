// Small helpers shared by the labeling editors: DOM and SVG building, numbers, text, keys.
export const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") el.textContent = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  return el;
}

// An HTML element: h("button", {type: "button", class: "button"}, "text", child, ...).
export function h(tag, attrs, ...children) {
  const el = setAttrs(document.createElement(tag), attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// An SVG element, appended to `parent` when given.
export function svg(tag, attrs, parent) {
  const el = setAttrs(document.createElementNS(SVG_NS, tag), attrs);
  if (parent) parent.append(el);
  return el;
}

// Image coordinates are kept and sent rounded to 0.1 px.
export function round1(value) {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}

export function clamp(value, lo, hi) {
  return Math.min(Math.max(value, lo), hi);
}

// A number for people: at most one decimal, none when whole.
export function num(value) {
  return String(round1(value));
}

// "{label} 상자 {n}" with {name} replaced from vars (the strings come from the templates, for Babel).
export function fmt(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (whole, key) => (key in vars ? String(vars[key]) : whole));
}

// The JSON a template put in <script type="application/json" class="...">.
export function readJSON(root, className) {
  const el = root.querySelector(`script.${className}`);
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch (e) { return null; }
}

export function deepCopy(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// Focus is in a place where keys type text: leave the keys alone there.
export function isTextField(el) {
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.tagName !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(el.type);
}

// Which key, independent of the keyboard's input mode (a Korean IME turns KeyN into "ㅜ").
export function keyName(event) {
  const code = event.code || "";
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)[0-9]$/.test(code)) return code.slice(-1);
  if (code === "Equal" || code === "NumpadAdd") return event.shiftKey || code === "NumpadAdd" ? "+" : "=";
  if (code === "Minus" || code === "NumpadSubtract") return "-";
  if (code === "BracketLeft") return "[";
  if (code === "BracketRight") return "]";
  if (code === "Space") return " ";
  const key = event.key || "";
  return key.length === 1 ? key.toLowerCase() : key;
}

// Ctrl on Windows/Linux, ⌘ on a Mac.
export function isCommand(event) {
  return event.ctrlKey || event.metaKey;
}

// Tell main.js (and anything listening) that the answer changed: it reads and saves it.
export function emitChange(item) {
  item.dispatchEvent(new Event("change", { bubbles: true }));
}

// Label colours: distinct, dark enough for white text, with a dashed variant past nine.
const PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#e377c2", "#8c564b", "#17becf", "#bcbd22", "#ff7f0e"];

export function colour(index) {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

// A screen-reader live region: say() replaces what it says (the same words twice are still read).
export class Live {
  constructor(el) {
    this.el = el;
    this.flip = false;
  }

  say(message) {
    if (!this.el || !message) return;
    this.flip = !this.flip;
    this.el.textContent = message + (this.flip ? "" : "\u00a0");
  }
}

// Scroll the box `box` (a list with its own scroll bar) so that `el` inside it is in view,
// without scrolling the page.
export function revealWithin(box, el) {
  if (!box || !el || box.scrollHeight <= box.clientHeight) return;
  const outer = box.getBoundingClientRect();
  const inner = el.getBoundingClientRect();
  if (inner.bottom > outer.bottom) box.scrollTop += inner.bottom - outer.bottom;
  else if (inner.top < outer.top) box.scrollTop -= outer.top - inner.top;
}

// Scroll the page as little as possible so that two screen rectangles ({top, bottom}) are both
// in view, below what a sticky bar covers at the top (the page declares it as the root's
// scroll-padding-top). When they cannot both fit, `must` is shown whole with as much of `also`
// as fits beside it.
export function scrollIntoViewTogether(must, also) {
  const margin = 8;
  const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  const top = covered + margin;
  const bottom = window.innerHeight - margin;
  const lo = Math.min(must.top, also.top);
  const hi = Math.max(must.bottom, also.bottom);
  let dy = 0;
  if (hi - lo <= bottom - top) {
    if (lo < top) dy = lo - top;
    else if (hi > bottom) dy = hi - bottom;
  } else {
    dy = also.top < must.top ? must.bottom - bottom : must.top - top;
  }
  if (dy) window.scrollBy({ top: dy, behavior: "instant" });
}

// --- the input in use: "touch" (a finger or a pen) or "keys" (a mouse and a keyboard)
//
// Kept on <html data-lab-input="..."> so that labeling.css shows the hints for it (key names or
// touch gestures, never both). At first it follows the device (no hover and a coarse pointer:
// a phone or a tablet); then the last pointer used, or a real key typed outside a text field
// (an on-screen keyboard sends "Unidentified" keys).
const INPUT_EVENT = "lab-input";
let watching = false;

export function inputKind() {
  const kind = document.documentElement.dataset.labInput;
  if (kind) return kind;
  return window.matchMedia("(hover: none) and (pointer: coarse)").matches ? "touch" : "keys";
}

function setInputKind(kind) {
  if (document.documentElement.dataset.labInput === kind) return;
  document.documentElement.dataset.labInput = kind;
  document.dispatchEvent(new CustomEvent(INPUT_EVENT, { detail: kind }));
}

// Calls `onChange(kind)` when the input in use changes (each editor redraws its handles).
export function watchInput(onChange) {
  if (!watching) {
    watching = true;
    setInputKind(inputKind());
    document.addEventListener("pointerdown", (event) => {
      setInputKind(event.pointerType === "mouse" ? "keys" : "touch");
    }, true);
    document.addEventListener("keydown", (event) => {
      if (!event.key || event.key === "Unidentified" || event.key === "Process" || isTextField(event.target)) return;
      if (["Shift", "Control", "Alt", "Meta"].includes(event.key)) return;
      setInputKind("keys");
    }, true);
  }
  if (onChange) document.addEventListener(INPUT_EVENT, (event) => onChange(event.detail));
}
