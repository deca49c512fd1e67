// The image, at its own pixel coordinates (SVG viewBox "0 0 W H"), in a scrolling viewport.
// Zooming makes the SVG larger inside the viewport; panning scrolls the viewport. Everything an
// editor draws goes into `layer` (the shapes) or `overlay` (handles, the shape being drawn),
// in image pixels.
//
// By touch: two fingers pinch to zoom and move together to pan; a long press (or a right click)
// is handed to the editor (`onLongPress`), and a finger that starts a gesture first cancels what
// the editor began with it (`onGesture`). The editors never see a gesture's fingers.
import { clamp, h, svg } from "./util.js";

const MIN_ZOOM = 0.5;
const MAX_ZOOM = 24;
const STEP = 1.25;
const LONG_PRESS_MS = 550;
const LONG_PRESS_SLOP = 10; // screen px a finger may wander during a long press

export class Canvas {
  constructor(stage, image, { label, onZoom }) {
    this.stage = stage;
    this.width = image.width;
    this.height = image.height;
    this.onZoom = onZoom || (() => {});
    this.zoom = 1; // times the size that fits the stage
    this.fit = 0; // screen px per image px at zoom 1 (0 until the stage is laid out)
    this.spaceHeld = false;
    this.pan = null;
    this.onGesture = () => {}; // a pinch or long press took over: drop the drag begun on pointerdown
    this.onLongPress = () => {}; // (target, clientX, clientY): what a right click does
    this.touches = new Map(); // touch pointers on the image: id -> [clientX, clientY]
    this.swallowed = new Set(); // pointers of a gesture: their events never reach the editor
    this.pinch = null;
    this.longPress = null;

    this.viewport = h("div", { class: "lab-viewport", tabindex: "0", role: "group", "aria-label": label });
    this.svg = svg("svg", {
      class: "lab-svg", viewBox: `0 0 ${this.width} ${this.height}`, preserveAspectRatio: "none",
      width: this.width, height: this.height,
    });
    // Fetch the image now, even while this question is hidden: it is there when the network is not.
    new Image().src = image.url;
    this.image = svg("image", {
      href: image.url, x: 0, y: 0, width: this.width, height: this.height, preserveAspectRatio: "none",
    }, this.svg);
    this.layer = svg("g", { class: "lab-layer" }, this.svg);
    this.overlay = svg("g", { class: "lab-overlay" }, this.svg);
    this.viewport.append(this.svg);
    stage.append(this.viewport);

    this.layout();
    new ResizeObserver(() => this.layout()).observe(stage);
    window.addEventListener("resize", () => this.layout());
    this.listen();
  }

  // --- size and zoom

  get scale() { return (this.fit || 1) * this.zoom; }

  layout() {
    const available = this.stage.clientWidth;
    if (!available) return; // hidden (another question is shown): laid out when it appears
    const maxHeight = Math.max(260, Math.round(window.innerHeight * 0.68));
    const fit = Math.min((available - 4) / this.width, maxHeight / this.height);
    if (Math.abs(fit - this.fit) < 1e-6) return;
    this.fit = fit;
    this.viewport.style.height = `${Math.ceil(this.height * fit)}px`;
    this.resize();
  }

  resize() {
    this.svg.style.width = `${this.width * this.scale}px`;
    this.svg.style.height = `${this.height * this.scale}px`;
    // Far in, show the image's pixels as squares (their edges are what the candidate aligns to).
    this.svg.classList.toggle("lab-pixelated", this.scale >= 3);
    this.onZoom();
  }

  // Zoom keeping the image point under (clientX, clientY) where it is; default: the view's centre.
  setZoom(zoom, clientX, clientY) {
    zoom = clamp(zoom, MIN_ZOOM, MAX_ZOOM);
    if (zoom === this.zoom) return;
    if (clientX === undefined) {
      const box = this.viewport.getBoundingClientRect();
      clientX = box.left + this.viewport.clientWidth / 2;
      clientY = box.top + this.viewport.clientHeight / 2;
    }
    const [x, y] = this.toImage(clientX, clientY, false);
    this.zoom = zoom;
    this.resize();
    const [cx, cy] = this.toClient(x, y);
    this.viewport.scrollLeft += cx - clientX;
    this.viewport.scrollTop += cy - clientY;
  }

  zoomIn(clientX, clientY) { this.setZoom(this.zoom * STEP, clientX, clientY); }

  zoomOut(clientX, clientY) { this.setZoom(this.zoom / STEP, clientX, clientY); }

  zoomFit() {
    this.zoom = 1;
    this.resize();
    this.viewport.scrollLeft = 0;
    this.viewport.scrollTop = 0;
  }

  // Shown size in percent of the image's own pixels.
  get percent() { return Math.round(this.scale * 100); }

  // --- coordinates

  toImage(clientX, clientY, limit = true) {
    const box = this.svg.getBoundingClientRect();
    let x = ((clientX - box.left) * this.width) / (box.width || 1);
    let y = ((clientY - box.top) * this.height) / (box.height || 1);
    if (limit) {
      x = clamp(x, 0, this.width);
      y = clamp(y, 0, this.height);
    }
    return [x, y];
  }

  toClient(x, y) {
    const box = this.svg.getBoundingClientRect();
    return [box.left + (x * box.width) / this.width, box.top + (y * box.height) / this.height];
  }

  // Image pixels per screen pixel: to keep handles and strokes the same size at any zoom.
  get unit() {
    const shown = this.svg.getBoundingClientRect().width;
    return shown ? this.width / shown : 1 / this.scale;
  }

  // The image point at the centre of what is visible.
  viewCenter() {
    const box = this.viewport.getBoundingClientRect();
    return this.toImage(box.left + this.viewport.clientWidth / 2, box.top + this.viewport.clientHeight / 2);
  }

  // The visible part of the image, in image pixels: [x, y, w, h].
  visibleRect() {
    const box = this.viewport.getBoundingClientRect();
    const [x0, y0] = this.toImage(box.left, box.top);
    const [x1, y1] = this.toImage(box.left + this.viewport.clientWidth, box.top + this.viewport.clientHeight);
    return [x0, y0, x1 - x0, y1 - y0];
  }

  // Scroll so that the image point (x, y) is visible (after a keyboard move, for example).
  reveal(x, y) {
    const box = this.viewport.getBoundingClientRect();
    const [cx, cy] = this.toClient(x, y);
    const margin = 24;
    const right = box.left + this.viewport.clientWidth;
    const bottom = box.top + this.viewport.clientHeight;
    if (cx < box.left + margin) this.viewport.scrollLeft -= box.left + margin - cx;
    else if (cx > right - margin) this.viewport.scrollLeft += cx - (right - margin);
    if (cy < box.top + margin) this.viewport.scrollTop -= box.top + margin - cy;
    else if (cy > bottom - margin) this.viewport.scrollTop += cy - (bottom - margin);
  }

  panBy(dx, dy) {
    this.viewport.scrollLeft += dx;
    this.viewport.scrollTop += dy;
  }

  // Pan by a share of the visible size in a direction: "left", "right", "up", "down".
  panStep(direction) {
    const dx = this.viewport.clientWidth * 0.25;
    const dy = this.viewport.clientHeight * 0.25;
    const moves = { left: [-dx, 0], right: [dx, 0], up: [0, -dy], down: [0, dy] };
    const [x, y] = moves[direction] || [0, 0];
    this.panBy(x, y);
  }

  // --- mouse: pan with Space held or the middle button; Ctrl/⌘ + wheel zooms

  listen() {
    const vp = this.viewport;
    vp.addEventListener("pointerdown", (event) => {
      if (!(event.button === 1 || (event.button === 0 && this.spaceHeld))) return;
      event.preventDefault();
      event.stopPropagation(); // the editors do not see this press
      this.pan = { id: event.pointerId, x: event.clientX, y: event.clientY, left: vp.scrollLeft, top: vp.scrollTop };
      vp.setPointerCapture(event.pointerId);
      vp.classList.add("lab-panning");
    }, true);
    vp.addEventListener("pointermove", (event) => {
      if (!this.pan || event.pointerId !== this.pan.id) return;
      event.stopPropagation();
      vp.scrollLeft = this.pan.left - (event.clientX - this.pan.x);
      vp.scrollTop = this.pan.top - (event.clientY - this.pan.y);
    }, true);
    const end = (event) => {
      if (!this.pan || event.pointerId !== this.pan.id) return;
      event.stopPropagation();
      this.pan = null;
      vp.classList.remove("lab-panning");
    };
    vp.addEventListener("pointerup", end, true);
    vp.addEventListener("pointercancel", end, true);
    // The middle button would start the browser's own autoscroll.
    vp.addEventListener("mousedown", (event) => { if (event.button === 1) event.preventDefault(); });
    vp.addEventListener("auxclick", (event) => { if (event.button === 1) event.preventDefault(); });

    vp.addEventListener("wheel", (event) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      if (event.deltaY < 0) this.zoomIn(event.clientX, event.clientY);
      else if (event.deltaY > 0) this.zoomOut(event.clientX, event.clientY);
    }, { passive: false });

    vp.addEventListener("keydown", (event) => {
      if (event.code !== "Space" || event.target.tagName === "INPUT" || event.target.tagName === "BUTTON") return;
      event.preventDefault(); // no page scrolling
      if (!this.spaceHeld) {
        this.spaceHeld = true;
        vp.classList.add("lab-pan-ready");
      }
    });
    const release = () => {
      this.spaceHeld = false;
      vp.classList.remove("lab-pan-ready");
    };
    vp.addEventListener("keyup", (event) => { if (event.code === "Space") release(); });
    vp.addEventListener("focusout", (event) => { if (!vp.contains(event.relatedTarget)) release(); });
    window.addEventListener("blur", release);
    this.listenTouch();
  }

  // --- touch: pinch zoom, two-finger pan, long press; a right click is a long press too

  listenTouch() {
    const vp = this.viewport;
    vp.addEventListener("pointerdown", (event) => this.touchDown(event), true);
    vp.addEventListener("pointermove", (event) => this.touchMove(event), true);
    const up = (event) => this.touchUp(event);
    vp.addEventListener("pointerup", up, true);
    vp.addEventListener("pointercancel", up, true);
    vp.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      if (event.pointerType === "touch" || this.longPressFired) return; // a long press: done on its timer
      this.onLongPress(event.target, event.clientX, event.clientY);
    });
  }

  touchDown(event) {
    if (event.pointerType !== "touch") return;
    this.touches.set(event.pointerId, [event.clientX, event.clientY]);
    this.longPressFired = false;
    if (this.touches.size === 1) {
      const { clientX, clientY, pointerId } = event;
      this.longPress = {
        id: pointerId, x: clientX, y: clientY,
        timer: setTimeout(() => {
          this.longPress = null;
          this.longPressFired = true;
          this.swallowed.add(pointerId);
          this.onGesture();
          // What is under the finger now (the drag just undone may have redrawn what it pressed).
          const target = document.elementFromPoint(clientX, clientY);
          if (target && this.svg.contains(target)) this.onLongPress(target, clientX, clientY);
        }, LONG_PRESS_MS),
      };
      return;
    }
    // A second finger: the first one's drawing or moving is undone, and both pinch.
    this.cancelLongPress();
    event.stopPropagation();
    event.preventDefault();
    for (const id of this.touches.keys()) this.swallowed.add(id);
    this.onGesture();
    this.startPinch();
  }

  // The image point between the two fingers stays between them: as they spread (zoom) and as they
  // move together (pan).
  startPinch() {
    const [a, b] = [...this.touches.values()];
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    this.pinch = {
      distance: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, zoom: this.zoom, anchor: this.toImage(...mid, false),
    };
  }

  touchMove(event) {
    if (!this.touches.has(event.pointerId)) return;
    this.touches.set(event.pointerId, [event.clientX, event.clientY]);
    const lp = this.longPress;
    if (lp && lp.id === event.pointerId && Math.hypot(event.clientX - lp.x, event.clientY - lp.y) > LONG_PRESS_SLOP) {
      this.cancelLongPress();
    }
    if (!this.swallowed.has(event.pointerId)) return;
    event.stopPropagation();
    if (!this.pinch || this.touches.size < 2) return;
    const [a, b] = [...this.touches.values()];
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const distance = Math.hypot(a[0] - b[0], a[1] - b[1]);
    const zoom = clamp(this.pinch.zoom * (distance / this.pinch.distance), MIN_ZOOM, MAX_ZOOM);
    if (zoom !== this.zoom) {
      this.zoom = zoom;
      this.resize();
    }
    const [x, y] = this.toClient(...this.pinch.anchor);
    this.panBy(x - mid[0], y - mid[1]);
  }

  touchUp(event) {
    if (this.longPress && this.longPress.id === event.pointerId) this.cancelLongPress();
    this.touches.delete(event.pointerId);
    if (this.touches.size < 2) this.pinch = null;
    if (!this.swallowed.has(event.pointerId)) return;
    this.swallowed.delete(event.pointerId);
    event.stopPropagation();
  }

  cancelLongPress() {
    if (!this.longPress) return;
    clearTimeout(this.longPress.timer);
    this.longPress = null;
  }
}
