// Autosave: every change goes to the server at once with a per-item sequence number; the
// server keeps the highest one, so a late, older save never overwrites a newer answer.
// Unconfirmed changes live in the journal and are re-sent when the network returns.
import { request, HttpError } from "../api.js";
import { Journal } from "./journal.js";

export class Autosave {
  constructor({ attemptId, itemUrl, serverResponses, onStatus, onClosed }) {
    this.itemUrl = itemUrl;
    this.onStatus = onStatus;
    this.onClosed = onClosed;
    this.journal = new Journal(attemptId);
    this.lastSeq = {};
    this.inFlight = new Map(); // item id -> promise of its save(s) under way
    this.offline = false;
    this.failed = false;
    this.closed = false; // the server said the attempt is over: nothing more to send or show
    this.retryDelay = 2000;
    this.retryTimer = null;
    for (const [id, saved] of Object.entries(serverResponses)) this.lastSeq[id] = saved.seq || 0;
    window.addEventListener("online", () => this.flush());
  }

  // Journal entries newer than what the server sent: the answers to restore on screen.
  recoverUnsent() {
    const recovered = {};
    for (const id of this.journal.pending()) {
      const entry = this.journal.get(id);
      if (entry.seq > (this.lastSeq[id] || 0)) {
        recovered[id] = entry;
        this.lastSeq[id] = entry.seq;
      } else {
        this.journal.confirm(id, this.lastSeq[id]);
      }
    }
    return recovered;
  }

  record(itemId, response, flagged) {
    // Milliseconds keep the order right across tabs and reloads; +1 keeps it strictly rising.
    const seq = Math.max((this.lastSeq[itemId] || 0) + 1, Date.now());
    this.lastSeq[itemId] = seq;
    this.journal.put(itemId, { response, flagged, seq });
    this.flush();
  }

  hasPending() { return this.journal.pending().length > 0; }

  status() {
    if (this.refused) return "refused";  // the server refused a change: say so until one saves
    if (!this.hasPending()) return "saved";
    if (this.offline) return "offline";
    if (this.failed) return "error";
    return "saving";
  }

  report() { if (!this.closed) this.onStatus(this.status()); }

  // Send every unconfirmed change. The promise settles when every save under way is done,
  // including those started before this call, so a submit never overtakes an answer.
  flush() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const id of this.journal.pending()) this.send(id);
    this.report();
    return Promise.all([...this.inFlight.values()]);
  }

  // One request at a time per item; a change made while it is out goes next, in the same promise.
  send(itemId) {
    if (!this.inFlight.has(itemId)) {
      const sending = this.sendPending(itemId).finally(() => {
        this.inFlight.delete(itemId);
        this.report();
      });
      this.inFlight.set(itemId, sending);
    }
    return this.inFlight.get(itemId);
  }

  async sendPending(itemId) {
    let entry = this.journal.get(itemId);
    while (entry && await this.put(itemId, entry)) {
      const newer = this.journal.get(itemId);
      entry = newer && newer.seq > entry.seq ? newer : null;
    }
  }

  // Send one journal entry; true when done with it (newer changes may follow), false to stop.
  async put(itemId, entry) {
    try {
      const result = await request("PUT", this.itemUrl + itemId, {
        response: entry.response, flagged: entry.flagged, seq: entry.seq,
      });
      this.offline = false;
      this.failed = false;
      this.refused = false;
      this.retryDelay = 2000;
      this.journal.confirm(itemId, Math.max(result.seq, entry.seq));
      return true;
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) {
        this.journal.clear();
        if (!this.closed) {
          this.closed = true;
          this.onClosed();
        }
        return false;
      }
      if (error instanceof HttpError && (error.status === 400 || error.status === 404)) {
        // The server will never take this change; keeping it would retry forever.
        console.error("save refused", itemId, error.message);
        this.journal.confirm(itemId, entry.seq);
        this.failed = true;
        this.refused = true;
        return true;
      }
      this.offline = !(error instanceof HttpError) || !navigator.onLine;
      this.failed = error instanceof HttpError;
      this.scheduleRetry();
      return false;
    }
  }

  // One retry for all the items that failed, backing off from 2 s to 30 s.
  scheduleRetry() {
    if (this.retryTimer !== null) return;
    this.retryTimer = setTimeout(() => this.flush(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 30000);
  }
}
