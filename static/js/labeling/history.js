// Undo / redo: snapshots of an editor's answer (plain JSON), newest last.
export class History {
  constructor(limit = 300) {
    this.limit = limit;
    this.stack = [];
    this.index = -1;
    this.lastKey = null;
    this.lastTime = 0;
  }

  reset(state) {
    this.stack = [JSON.stringify(state)];
    this.index = 0;
    this.lastKey = null;
  }

  // Record a new state; false when nothing changed. Steps with the same `key` in quick
  // succession (one shape nudged by the arrow keys) become one step to undo.
  push(state, key = null) {
    const snapshot = JSON.stringify(state);
    if (snapshot === this.stack[this.index]) return false;
    const now = Date.now();
    const merge = key !== null && key === this.lastKey && now - this.lastTime < 1500 && this.index > 0;
    this.stack.length = this.index + 1;
    if (merge) {
      this.stack[this.index] = snapshot;
    } else {
      this.stack.push(snapshot);
      this.index += 1;
      if (this.stack.length > this.limit) {
        this.stack.shift();
        this.index -= 1;
      }
    }
    this.lastKey = key;
    this.lastTime = now;
    return true;
  }

  get canUndo() { return this.index > 0; }

  get canRedo() { return this.index < this.stack.length - 1; }

  undo() {
    if (!this.canUndo) return null;
    this.index -= 1;
    this.lastKey = null;
    return JSON.parse(this.stack[this.index]);
  }

  redo() {
    if (!this.canRedo) return null;
    this.index += 1;
    this.lastKey = null;
    return JSON.parse(this.stack[this.index]);
  }
}
