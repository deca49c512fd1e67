// Spans: tag parts of a text with labels. The candidate selects with the mouse or with the
// keyboard (Shift + arrows in the text, which has a caret of its own), then presses 1–9 or a
// label button. Offsets are Unicode code points, end exclusive (the browser counts UTF-16).
import { EditorBase } from "./editor.js";
import { clamp, deepCopy, h } from "./util.js";

const segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("ko", { granularity: "grapheme" }) : null;

export class SpanEditor extends EditorBase {
  constructor(item, { fromResponse, toResponse }) {
    super(item);
    this.fromResponse = fromResponse;
    this.toResponse = toResponse;
    this.source = String(this.config.text || "");
    this.buildOffsets();
    this.textEl = this.root.querySelector(".lab-text");
    this.wrap = this.root.querySelector(".lab-text-wrap");
    this.caret = h("span", { class: "lab-caret", "aria-hidden": "true", hidden: true });
    this.wrap.append(this.caret);
    this.list = this.root.querySelector(".lab-list");
    this.empty = this.root.querySelector(".lab-empty");
    this.selectionText = this.root.querySelector(".lab-selection");
    this.anchor = 0; // the selection, in UTF-16 offsets of the text
    this.focus = 0;
    this.spans = [];
    this.listen();
    this.listenText();
    this.setState(this.stateFrom(this.saved));
    this.history.reset(this.getState());
    this.render();
  }

  // --- code points and UTF-16

  buildOffsets() {
    const s = this.source;
    this.u16ToCp = new Array(s.length + 1).fill(0);
    this.cpToU16 = [0];
    let cp = 0;
    for (let i = 0; i < s.length;) {
      const width = s.codePointAt(i) > 0xffff ? 2 : 1;
      this.u16ToCp[i] = cp;
      if (width === 2) this.u16ToCp[i + 1] = cp; // inside a surrogate pair: its start
      i += width;
      cp += 1;
      this.cpToU16.push(i);
    }
    this.u16ToCp[s.length] = cp;
    // Caret stops: grapheme cluster boundaries (an emoji with a skin tone is one step).
    this.stops = [0];
    if (segmenter) {
      for (const seg of segmenter.segment(s)) if (seg.index > 0) this.stops.push(seg.index);
    } else {
      for (let i = 1; i < this.cpToU16.length - 1; i += 1) this.stops.push(this.cpToU16[i]);
    }
    if (s.length > 0) this.stops.push(s.length);
  }

  toCp(u16) { return this.u16ToCp[clamp(u16, 0, this.source.length)]; }

  toU16(cp) { return this.cpToU16[clamp(cp, 0, this.cpToU16.length - 1)]; }

  snap(u16) {
    // Never between the halves of a surrogate pair, nor inside a grapheme cluster.
    let best = 0;
    for (const stop of this.stops) if (stop <= u16) best = stop;
    return best;
  }

  prevStop(u16) {
    let best = 0;
    for (const stop of this.stops) if (stop < u16) best = stop;
    return best;
  }

  nextStop(u16) {
    for (const stop of this.stops) if (stop > u16) return stop;
    return this.source.length;
  }

  // --- state

  getState() { return { spans: this.spans }; }

  setState(state) {
    this.spans = deepCopy(state.spans || []).sort((a, b) => a.start - b.start || a.end - b.end);
  }

  stateFrom(response) { return { spans: this.fromResponse(response) }; }

  response() { return this.toResponse(this.spans); }

  spanText(span) { return this.source.slice(this.toU16(span.start), this.toU16(span.end)); }

  describeSpan(span) {
    return this.t("span_desc", { label: this.labelTitle(span.label), text: this.spanText(span) });
  }

  // --- the DOM of the text and the selection in it

  render() {
    const hadFocus = document.activeElement === this.textEl;
    const parts = [];
    let at = 0;
    this.spans.forEach((span, index) => {
      const s = this.toU16(span.start);
      const e = this.toU16(span.end);
      if (s < at) return; // overlapping spans are not kept (see tag()); be safe
      if (s > at) parts.push(document.createTextNode(this.source.slice(at, s)));
      const mark = h("mark", {
        class: "lab-mark", "data-span": index, "data-title": this.labelTitle(span.label),
      }, this.source.slice(s, e));
      mark.style.setProperty("--c", this.labelColour(span.label));
      parts.push(mark);
      at = e;
    });
    if (at < this.source.length) parts.push(document.createTextNode(this.source.slice(at)));
    this.textEl.replaceChildren(...parts);
    if (hadFocus) this.showSelection();
    this.renderList();
    this.updateButtons();
    this.renderSelectionText();
  }

  renderList() {
    this.list.replaceChildren(...this.spans.map((span, index) => {
      const show = h("button", { type: "button", class: "lab-row-select", tabindex: "-1" }, this.describeSpan(span));
      show.addEventListener("click", () => {
        this.anchor = this.toU16(span.start);
        this.focus = this.toU16(span.end);
        this.textEl.focus({ preventScroll: true });
        this.showSelection();
      });
      const remove = h("button", {
        type: "button", class: "button lab-row-delete", "aria-label": this.t("delete_named", { name: this.describeSpan(span) }),
      }, this.t("delete"));
      remove.addEventListener("click", () => this.removeSpans([index], remove));
      const li = h("li", { class: "lab-row" }, h("span", { class: "lab-swatch", "aria-hidden": "true" }), show, remove);
      li.style.setProperty("--c", this.labelColour(span.label));
      return li;
    }));
    if (this.empty) this.empty.hidden = this.spans.length > 0;
  }

  renderSelectionText() {
    if (!this.selectionText) return;
    const [s, e] = this.range();
    this.selectionText.textContent = s === e ? this.t("selection_none") : this.t("selection", { text: this.source.slice(s, e) });
  }

  // UTF-16 offset in the text of a DOM position (node, offset).
  offsetOf(node, offset) {
    if (!this.textEl.contains(node)) {
      return this.textEl.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING ? 0 : this.source.length;
    }
    const range = document.createRange();
    range.selectNodeContents(this.textEl);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  // DOM position of a UTF-16 offset.
  positionOf(u16) {
    const walker = document.createTreeWalker(this.textEl, NodeFilter.SHOW_TEXT);
    let at = 0;
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.data.length;
      if (u16 <= at + length) return { node, offset: u16 - at };
      at += length;
      last = node;
    }
    return last ? { node: last, offset: last.data.length } : { node: this.textEl, offset: 0 };
  }

  // The selection of the page, when it is in the text: [anchor, focus] in UTF-16.
  readSelection() {
    const sel = window.getSelection();
    if (!sel || !sel.rangeCount || !sel.anchorNode) return null;
    const inside = (n) => this.textEl.contains(n);
    if (!inside(sel.anchorNode) && !inside(sel.focusNode)) return null;
    return [this.snap(this.offsetOf(sel.anchorNode, sel.anchorOffset)), this.snap(this.offsetOf(sel.focusNode, sel.focusOffset))];
  }

  range() {
    return [Math.min(this.anchor, this.focus), Math.max(this.anchor, this.focus)];
  }

  showSelection() {
    const a = this.positionOf(this.anchor);
    const f = this.positionOf(this.focus);
    const sel = window.getSelection();
    this.settingSelection = true;
    sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
    this.settingSelection = false;
    this.placeCaret();
    this.renderSelectionText();
  }

  caretRect(u16) {
    const rectOf = (s, e) => {
      const range = document.createRange();
      const a = this.positionOf(s);
      const b = this.positionOf(e);
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const rects = [...range.getClientRects()].filter((r) => r.height > 0);
      return rects;
    };
    // After a character: the right edge of that character; at the start: left edge of the first.
    if (u16 > 0 && this.source[u16 - 1] !== "\n") {
      const rects = rectOf(this.prevStop(u16), u16);
      if (rects.length) {
        const r = rects[rects.length - 1];
        return { left: r.right, top: r.top, height: r.height };
      }
    }
    if (u16 < this.source.length) {
      const rects = rectOf(u16, this.nextStop(u16));
      if (rects.length) return { left: rects[0].left, top: rects[0].top, height: rects[0].height };
    }
    const box = this.textEl.getBoundingClientRect();
    return { left: box.left, top: box.top, height: parseFloat(getComputedStyle(this.textEl).lineHeight) || 24 };
  }

  placeCaret() {
    if (document.activeElement !== this.textEl) {
      this.caret.hidden = true;
      return;
    }
    const r = this.caretRect(this.focus);
    const box = this.wrap.getBoundingClientRect();
    this.caret.hidden = false;
    this.caret.style.left = `${r.left - box.left + this.wrap.scrollLeft - 1}px`;
    this.caret.style.top = `${r.top - box.top + this.wrap.scrollTop}px`;
    this.caret.style.height = `${r.height}px`;
    // Restart the blink so the caret is seen right after a move.
    this.caret.classList.remove("lab-blink");
    this.caret.getBoundingClientRect(); // a reflow, so the animation starts again
    this.caret.classList.add("lab-blink");
  }

  listenText() {
    document.addEventListener("selectionchange", () => {
      if (this.settingSelection) return;
      const read = this.readSelection();
      if (!read) return;
      [this.anchor, this.focus] = read;
      this.placeCaret();
      this.renderSelectionText();
    });
    this.textEl.addEventListener("focus", () => {
      const read = this.readSelection();
      if (read) [this.anchor, this.focus] = read;
      requestAnimationFrame(() => this.placeCaret());
    });
    this.textEl.addEventListener("blur", () => { this.caret.hidden = true; });
    this.textEl.addEventListener("keydown", (event) => this.onTextKey(event));
    new ResizeObserver(() => this.placeCaret()).observe(this.textEl);
    // Label buttons keep the focus (and the selection) in the text when pressed with the mouse.
    this.root.querySelectorAll('[data-action="tag"]').forEach((button) => {
      button.addEventListener("mousedown", (event) => event.preventDefault());
    });
  }

  // --- keyboard in the text

  lineStart(u16) { return this.source.lastIndexOf("\n", u16 - 1) + 1; }

  lineEnd(u16) {
    const end = this.source.indexOf("\n", u16);
    return end < 0 ? this.source.length : end;
  }

  wordLeft(u16) {
    let i = u16;
    while (i > 0 && /\s/.test(this.source[i - 1])) i -= 1;
    while (i > 0 && !/\s/.test(this.source[i - 1])) i -= 1;
    return this.snap(i);
  }

  wordRight(u16) {
    let i = u16;
    const n = this.source.length;
    while (i < n && /\s/.test(this.source[i])) i += 1;
    while (i < n && !/\s/.test(this.source[i])) i += 1;
    return this.snap(i);
  }

  // Up / down a visual line: the text position under the caret, one line higher or lower.
  verticalMove(u16, direction) {
    const r = this.caretRect(u16);
    const y = direction < 0 ? r.top - r.height / 2 : r.top + r.height * 1.5;
    const box = this.textEl.getBoundingClientRect();
    if (y < box.top) return 0;
    if (y > box.bottom) return this.source.length;
    const hit = document.caretRangeFromPoint ? document.caretRangeFromPoint(r.left + 1, y) : null;
    if (!hit || !this.textEl.contains(hit.startContainer)) return direction < 0 ? this.lineStart(u16) : this.lineEnd(u16);
    return this.snap(this.offsetOf(hit.startContainer, hit.startOffset));
  }

  onTextKey(event) {
    const key = event.key;
    const moves = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];
    if (!moves.includes(key) || event.altKey || event.metaKey) return;
    const read = this.readSelection();
    if (read) [this.anchor, this.focus] = read;
    const [s, e] = this.range();
    const collapsed = s === e;
    const word = event.ctrlKey;
    let focus = this.focus;
    if (key === "ArrowLeft") focus = !event.shiftKey && !collapsed ? s : word ? this.wordLeft(focus) : this.prevStop(focus);
    else if (key === "ArrowRight") focus = !event.shiftKey && !collapsed ? e : word ? this.wordRight(focus) : this.nextStop(focus);
    else if (key === "Home") focus = word ? 0 : this.lineStart(focus);
    else if (key === "End") focus = word ? this.source.length : this.lineEnd(focus);
    else focus = this.verticalMove(focus, key === "ArrowUp" ? -1 : 1);
    this.focus = focus;
    if (!event.shiftKey) this.anchor = focus;
    event.preventDefault();
    event.stopPropagation();
    this.showSelection();
    if (event.shiftKey) {
      const [a, b] = this.range();
      this.live.say(a === b ? this.t("selection_none") : this.t("selection", { text: this.source.slice(a, b) }));
    }
  }

  // --- tagging

  pickLabel(index) {
    if (index < 0 || index >= this.labels.length) return;
    this.tag(index);
  }

  tag(index) {
    const read = this.readSelection();
    if (read) [this.anchor, this.focus] = read;
    let [s, e] = this.range();
    while (s < e && /\s/.test(this.source[s])) s += 1;
    while (e > s && /\s/.test(this.source[e - 1])) e -= 1;
    if (s === e) {
      this.live.say(this.t("select_first"));
      this.flash();
      return;
    }
    const start = this.toCp(s);
    const end = this.toCp(e);
    const label = this.labels[index].name;
    const replaced = this.spans.filter((sp) => sp.start < end && sp.end > start);
    this.spans = this.spans.filter((sp) => !(sp.start < end && sp.end > start));
    const span = { start, end, label };
    this.spans.push(span);
    this.spans.sort((a, b) => a.start - b.start || a.end - b.end);
    this.anchor = e;
    this.focus = e;
    const message = this.t("tagged", { desc: this.describeSpan(span) })
      + (replaced.length ? ` ${this.t("replaced", { n: replaced.length })}` : "");
    this.commit(message);
    if (document.activeElement === this.textEl || !this.root.contains(document.activeElement)) {
      this.textEl.focus({ preventScroll: true });
    }
    this.showSelection();
  }

  flash() {
    this.textEl.classList.remove("lab-flash");
    this.textEl.getBoundingClientRect(); // a reflow, so the animation starts again
    this.textEl.classList.add("lab-flash");
  }

  removeSpans(indexes, from) {
    if (!indexes.length) return;
    const gone = indexes.map((i) => this.describeSpan(this.spans[i]));
    this.spans = this.spans.filter((_, i) => !indexes.includes(i));
    this.commit(this.t("deleted", { name: gone.join(", ") }));
    if (from && !document.contains(from)) this.textEl.focus({ preventScroll: true });
  }

  // Delete / Backspace in the text: the tags under the selection, or at / just before the caret.
  removeAtSelection() {
    const [s, e] = this.range();
    const start = this.toCp(s);
    const end = this.toCp(e);
    let hits = [];
    if (start < end) {
      hits = this.spans.map((sp, i) => (sp.start < end && sp.end > start ? i : -1)).filter((i) => i >= 0);
    } else {
      hits = this.spans.map((sp, i) => (sp.start <= start && start < sp.end ? i : -1)).filter((i) => i >= 0);
      if (!hits.length) hits = this.spans.map((sp, i) => (sp.end === start ? i : -1)).filter((i) => i >= 0);
    }
    if (!hits.length) {
      this.live.say(this.t("nothing_here"));
      return;
    }
    this.removeSpans(hits);
    this.showSelection();
  }

  action(name, button) {
    if (name === "tag") this.tag(Number(button.dataset.label));
    else super.action(name, button);
  }

  handleKey(event, name) {
    if (event.target !== this.textEl && event.target !== document.body) return false;
    if (name === "Delete" || name === "Backspace") this.removeAtSelection();
    else if (name === "Escape") {
      this.anchor = this.focus;
      this.showSelection();
    } else return false;
    return true;
  }
}
