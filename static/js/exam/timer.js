// Remaining time from the server's deadline: the page is told how many seconds are left and
// counts down on the monotonic clock (not the computer's clock), re-asking the server now and
// then. A warning shows at 5 minutes; at zero onExpire runs.
import { request } from "../api.js";

const WARN_AT = 5 * 60;
const RESYNC_EVERY = 30 * 1000;

export function format(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export class Timer {
  constructor({ secondsLeft, stateUrl, element, box, warning, onExpire, onFinished, onState }) {
    this.stateUrl = stateUrl;
    this.onState = onState || (() => {});
    this.element = element;
    this.box = box;
    this.warning = warning;
    this.onExpire = onExpire;
    this.onFinished = onFinished;
    this.setRemaining(secondsLeft);
    this.expired = false;
    this.tick();
    this.interval = setInterval(() => this.tick(), 250);
    this.resync = setInterval(() => this.sync(), RESYNC_EVERY);
    this.sync(); // the page may have been rendered a moment before a save landed
  }

  setRemaining(seconds) { this.endsAt = performance.now() + seconds * 1000; }

  remaining() { return Math.max(0, (this.endsAt - performance.now()) / 1000); }

  async sync() {
    try {
      const state = await request("GET", this.stateUrl);
      if (state.status !== "open") { this.onFinished(); return; }
      this.setRemaining(state.seconds_left);
      this.onState(state);
    } catch (e) { /* offline: keep counting */ }
  }

  tick() {
    const left = this.remaining();
    this.element.textContent = format(left);
    const warn = left <= WARN_AT;
    this.box.classList.toggle("warning", warn);
    if (warn && this.warning.hidden && left > 0) {
      this.warning.hidden = false;
    }
    if (left <= 0 && !this.expired) {
      this.expired = true;
      clearInterval(this.interval);
      this.onExpire();
    }
  }
}
