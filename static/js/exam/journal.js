// The offline journal: every change not yet confirmed by the server, kept in localStorage
// so that a reload, a crash or a lost connection loses nothing.
export class Journal {
  constructor(attemptId) {
    this.key = `exam_prep:attempt:${attemptId}:journal`;
    this.entries = {};
    try {
      this.entries = JSON.parse(localStorage.getItem(this.key) || "{}") || {};
    } catch (e) {
      this.entries = {};
    }
  }

  persist() {
    try {
      if (Object.keys(this.entries).length) localStorage.setItem(this.key, JSON.stringify(this.entries));
      else localStorage.removeItem(this.key);
    } catch (e) { /* storage full or disabled: the server copy still holds */ }
  }

  put(itemId, entry) { this.entries[itemId] = entry; this.persist(); }

  get(itemId) { return this.entries[itemId]; }

  // Forget an entry once the server holds it (or something newer).
  confirm(itemId, seq) {
    const entry = this.entries[itemId];
    if (entry && entry.seq <= seq) { delete this.entries[itemId]; this.persist(); }
  }

  pending() { return Object.keys(this.entries); }

  clear() { this.entries = {}; this.persist(); }
}
