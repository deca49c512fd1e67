// Remaining time from the server's deadline: the page is told how many seconds are left and
// counts down on the monotonic clock (not the computer's clock), re-asking the server now and
// then. At 5 and at 1 minute left onWarning(minutes) runs, once each; at zero onExpire runs.
import { request } from "../api.js";

const WARN_AT = 5 * 60;
const WARNINGS = [1, 5]; // minutes left at which the candidate is told, the nearest first
const RESYNC_EVERY = 30 * 1000;

export function format(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export class Timer {
  constructor({ secondsLeft, stateUrl, element, box, onWarning, onExpire, onFinished, onState }) {
    this.stateUrl = stateUrl;
    this.onState = onState || (() => {});
    this.element = element;
    this.box = box;
    this.onWarning = onWarning;
    this.warned = new Set(); // a resync that moves the time back a little does not warn again
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
    const minutes = WARNINGS.find((m) => left <= m * 60);
    if (minutes && left > 0 && !this.warned.has(minutes)) {
      WARNINGS.filter((m) => m >= minutes).forEach((m) => this.warned.add(m));
      this.onWarning(minutes);
    }
    if (left <= 0 && !this.expired) {
      this.expired = true;
      clearInterval(this.interval);
      this.onExpire();
    }
  }
}
