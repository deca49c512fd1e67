// What the exam page and the practice page share: loading the question types' scripts, and
// autosave wired to the save-status line.
import { Autosave } from "./autosave.js";

// The browser side of each question type on the page, loaded once per type: its script (from the
// type's class), which the server names on the item (data-script) or once per type in the page's
// JSON (`scripts`, the exam page).
export async function loadTypes(elements, scripts = {}) {
  const urls = new Map(elements.map((el) => [el.dataset.type, el.dataset.script || scripts[el.dataset.type]]));
  const loaded = await Promise.all([...urls].map(async ([name, url]) => [name, await import(url)]));
  return Object.fromEntries(loaded);
}

// Autosave of the attempt in `data` (the page's attempt-data JSON), its state shown in
// `statusEl` in the page's words; when the server says the attempt is closed, `leave()` after a
// moment (to the result or the summary).
export function startAutosave(data, statusEl, leave) {
  return new Autosave({
    attemptId: data.id,
    itemUrl: data.urls.item,
    serverResponses: data.responses,
    onStatus(state) {
      statusEl.dataset.state = state;
      statusEl.textContent = data.text[state];
    },
    onClosed() {
      statusEl.dataset.state = "error";
      statusEl.textContent = data.text.closed;
      setTimeout(leave, 1500);
    },
  });
}
