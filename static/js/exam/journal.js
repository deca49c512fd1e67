// The offline journal: every change not yet confirmed by the server, kept in localStorage
// so that a reload, a crash or a lost connection loses nothing.
//
// Two tabs of one attempt share the stored journal: each write re-reads it and keeps, per item,
// the entry with the highest sequence number, so one tab never drops the other's changes.
export class Journal {
  constructor(attemptId) {
    this.key = `exam_prep:attempt:${attemptId}:journal`;
    this.entries = this.load();
  }

  load() {
    try {
      return JSON.parse(localStorage.getItem(this.key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  save(stored) {
    try {
      if (Object.keys(stored).length) localStorage.setItem(this.key, JSON.stringify(stored));
      else localStorage.removeItem(this.key);
    } catch (e) { /* storage full or disabled: the server copy still holds */ }
  }

  put(itemId, entry) {
    this.entries[itemId] = entry;
    const stored = this.load();
    if (!stored[itemId] || stored[itemId].seq <= entry.seq) stored[itemId] = entry;
    this.save(stored);
  }

  get(itemId) { return this.entries[itemId]; }

  // Forget an entry once the server holds it (or something newer).
  confirm(itemId, seq) {
    const entry = this.entries[itemId];
    if (entry && entry.seq <= seq) delete this.entries[itemId];
    const stored = this.load();
    if (stored[itemId] && stored[itemId].seq <= seq) {
      delete stored[itemId];
      this.save(stored);
    }
  }

  pending() { return Object.keys(this.entries); }

  // The attempt is over: nothing left to send, from any tab.
  clear() { this.entries = {}; this.save({}); }
}
