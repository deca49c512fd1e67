// The exam page: wires the question editors, autosave, timer, answer sheet and submit.
import { request } from "../api.js";
import { types } from "../questions/index.js";
import { Autosave } from "./autosave.js";
import { Navigation } from "./navigation.js";
import { Timer } from "./timer.js";

const data = JSON.parse(document.getElementById("attempt-data").textContent);
const text = data.text;
document.documentElement.classList.add("js");
document.body.classList.add("js");

const items = [...document.querySelectorAll(".item[data-item]")];
const byId = new Map(items.map((el) => [el.dataset.item, el]));
const statusEl = document.getElementById("save-status");
let leaving = false;

function goToResult() {
  if (leaving) return;
  leaving = true;
  window.location.assign(data.urls.result);
}

const autosave = new Autosave({
  attemptId: data.id,
  itemUrl: data.urls.item,
  serverResponses: data.responses,
  onStatus(state) {
    statusEl.dataset.state = state;
    statusEl.textContent = text[state];
  },
  onClosed() {
    statusEl.dataset.state = "error";
    statusEl.textContent = text.closed;
    setTimeout(goToResult, 1500);
  },
});

const nav = new Navigation({
  attemptId: data.id,
  items,
  cells: [...document.querySelectorAll(".sheet-cell")],
  prev: document.getElementById("prev"),
  next: document.getElementById("next"),
});

function current(item) {
  return {
    response: types[item.dataset.type].read(item),
    flagged: item.querySelector(".flag-input").checked,
  };
}

function refresh() {
  let answered = 0;
  for (const item of items) {
    const state = current(item);
    if (state.response !== null) answered += 1;
    nav.mark(item.dataset.item, { answered: state.response !== null, flagged: state.flagged });
  }
  document.getElementById("answered-count").textContent = answered;
  document.getElementById("progress-bar").value = answered;
}

function changed(item) {
  const state = current(item);
  autosave.record(item.dataset.item, state.response, state.flagged);
  refresh();
}

// Restore what the journal holds beyond the server's copy (answers made offline).
const recovered = autosave.recoverUnsent();
for (const [id, entry] of Object.entries(recovered)) {
  const item = byId.get(id);
  if (!item) continue;
  types[item.dataset.type].apply(item, entry.response);
  item.querySelector(".flag-input").checked = !!entry.flagged;
}

for (const item of items) {
  const type = types[item.dataset.type];
  let pause = null;
  item.addEventListener("change", () => { clearTimeout(pause); changed(item); });
  if (type.typing) {
    item.addEventListener("input", (event) => {
      if (event.target.classList.contains("flag-input")) return;
      clearTimeout(pause);
      pause = setTimeout(() => changed(item), 500);
      refresh();
    });
  }
}
refresh();
autosave.flush();

// Submitting: list unanswered questions, then confirm.
const dialog = document.getElementById("submit-dialog");
const confirmButton = document.getElementById("submit-confirm");

async function submit() {
  confirmButton.disabled = true;
  statusEl.textContent = text.submitting;
  try {
    await autosave.flush();
    await request("POST", data.urls.submit);
    autosave.journal.clear();
    goToResult();
  } catch (error) {
    if (error.status === 409 || error.status === 200) { goToResult(); return; }
    confirmButton.disabled = false;
    alert(text.submitFailed);
  }
}

document.getElementById("submit-open").addEventListener("click", () => {
  const missing = items.filter((item) => current(item).response === null).map((item) => item.dataset.item);
  document.getElementById("unanswered-none").hidden = missing.length > 0;
  document.getElementById("unanswered-some").hidden = missing.length === 0;
  document.getElementById("unanswered-list").textContent = missing
    .map((n) => text.unansweredItem.replace("{n}", n)).join(", ");
  dialog.showModal();
});
document.getElementById("submit-cancel").addEventListener("click", () => dialog.close());
confirmButton.addEventListener("click", submit);

new Timer({
  secondsLeft: data.secondsLeft,
  stateUrl: data.urls.state,
  element: document.getElementById("timer-value"),
  box: document.getElementById("timer"),
  warning: document.getElementById("time-warning"),
  onExpire: submit,
  onFinished: goToResult,
});

// Keep the exam open after a reload (bfcache etc.) in sync with the server.
window.addEventListener("beforeunload", (event) => {
  if (autosave.hasPending() && !leaving) { event.preventDefault(); event.returnValue = ""; }
});
