// The exam page: wires the question editors, autosave, timer, answer sheet and submit.
import { request } from "../api.js";
import { AnswerSheet } from "./answer-sheet.js";
import { Navigation } from "./navigation.js";
import { loadTypes, startAutosave } from "./page.js";
import { Timer } from "./timer.js";

const data = JSON.parse(document.getElementById("attempt-data").textContent);
const text = data.text;
const items = [...document.querySelectorAll(".item[data-item]")];
const types = await loadTypes(items, data.scripts);
document.documentElement.classList.add("js");
document.body.classList.add("js");

const byId = new Map(items.map((el) => [el.dataset.item, el]));
const statusEl = document.getElementById("save-status");
let leaving = false;

function goToResult() {
  if (leaving) return;
  leaving = true;
  window.location.assign(data.urls.result);
}

const autosave = startAutosave(data, statusEl, goToResult);

// Types with an editor of their own (labeling tools) build it from the item's markup and the
// server's saved response, and fetch their image then. An editor is built when its item is first
// shown, and the next item's ahead of time, so that loading the page fetches two images, not all
// of them. Until its editor is built, an item's answer is its saved response (its
// .labeling-saved JSON), which an answer restored from elsewhere replaces.
const built = new WeakSet();

function build(item) {
  if (!item || built.has(item)) return;
  built.add(item);
  const type = types[item.dataset.type];
  if (type.init) type.init(item);
}

const isWaiting = (item) => !built.has(item) && Boolean(types[item.dataset.type].init);
const savedJSON = (item) => item.querySelector("script.labeling-saved");

function read(item) {
  if (!isWaiting(item)) return types[item.dataset.type].read(item);
  const saved = savedJSON(item);
  try { return saved ? JSON.parse(saved.textContent) : null; } catch (e) { return null; }
}

function apply(item, response) {
  const saved = savedJSON(item);
  if (isWaiting(item) && saved) saved.textContent = JSON.stringify(response ?? null);
  else types[item.dataset.type].apply(item, response);
}

const nav = new Navigation({
  attemptId: data.id,
  items,
  cells: [...document.querySelectorAll(".sheet-cell")],
  prev: document.getElementById("prev"),
  next: document.getElementById("next"),
  onShow(shown, next) {
    build(shown);
    build(next);
  },
});

new AnswerSheet({
  column: document.getElementById("answer-sheet"),
  dialog: document.getElementById("sheet-dialog"),
  opener: document.getElementById("sheet-open"),
  closer: document.getElementById("sheet-close"),
});

function current(item) {
  return {
    response: read(item),
    flagged: item.querySelector(".flag input").checked,
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
  document.getElementById("sheet-answered").textContent = answered;
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
  apply(item, entry.response);
  item.querySelector(".flag input").checked = !!entry.flagged;
}

// Typed answers are saved after a short pause in typing; until then they wait here.
const typing = new Map(); // item element -> timer of its save

function saveNow(item) {
  clearTimeout(typing.get(item));
  typing.delete(item);
  changed(item);
}

// Save at once what is being typed: before a submit (also the automatic one at the end of
// time) and before the page goes away, so the last words typed are not lost.
function saveTyping() {
  for (const item of [...typing.keys()]) saveNow(item);
}

for (const item of items) {
  const type = types[item.dataset.type];
  item.addEventListener("change", () => saveNow(item));
  if (type.typing) {
    item.addEventListener("input", (event) => {
      if (event.target.matches(".flag input")) return;
      clearTimeout(typing.get(item));
      typing.set(item, setTimeout(() => saveNow(item), 500));
      refresh();
    });
  }
}
refresh();
autosave.flush();

// With JavaScript the form is never posted (it is the fallback for browsers without it, and
// its CSRF field is inside <noscript>): Enter in a short-answer box saves the answer instead.
document.getElementById("items").addEventListener("submit", (event) => {
  event.preventDefault();
  saveTyping();
});

// Answers the server holds that are newer than those on screen: a save that landed just after
// the page was rendered (a reload right after reconnecting), or one made in another tab.
// Items with a change of their own not yet saved keep it.
function adoptServer(responses) {
  let adopted = false;
  for (const [id, saved] of Object.entries(responses || {})) {
    const item = byId.get(id);
    if (!item || typing.has(item) || autosave.journal.get(id)) continue;
    if ((saved.seq || 0) <= (autosave.lastSeq[id] || 0)) continue;
    autosave.lastSeq[id] = saved.seq;
    apply(item, saved.response);
    item.querySelector(".flag input").checked = !!saved.flagged;
    adopted = true;
  }
  if (adopted) refresh();
}

// Submitting: list unanswered questions, then confirm.
const dialog = document.getElementById("submit-dialog");
const confirmButton = document.getElementById("submit-confirm");

async function submit() {
  confirmButton.disabled = true;
  saveTyping();
  statusEl.textContent = text.submitting;
  try {
    await autosave.flush();
    // A submit now would score the attempt without the answers the server has not got.
    if (autosave.hasPending()) throw new Error("answers not saved yet");
    await request("POST", data.urls.submit);
    autosave.journal.clear();
    goToResult();
  } catch (error) {
    if (error.status === 409 || error.status === 200) { goToResult(); return; }
    confirmButton.disabled = false;
    autosave.report();
    alert(text.submitFailed);
  }
}

// Without JavaScript this button could do nothing (the form's own submit button shows
// instead), so it stays hidden until this script runs.
const submitOpen = document.getElementById("submit-open");
submitOpen.hidden = false;
submitOpen.addEventListener("click", () => {
  const missing = items.filter((item) => current(item).response === null).map((item) => item.dataset.item);
  document.getElementById("unanswered-none").hidden = missing.length > 0;
  document.getElementById("unanswered-some").hidden = missing.length === 0;
  document.getElementById("unanswered-list").textContent = missing
    .map((n) => text.unansweredItem.replace("{n}", n)).join(", ");
  dialog.showModal();
});
document.getElementById("submit-cancel").addEventListener("click", () => dialog.close());
confirmButton.addEventListener("click", submit);

// The time warnings: a word by the timer and a line under the bar to see, one sentence to hear.
function warnTime(minutes) {
  const timerAlert = document.getElementById("timer-alert");
  timerAlert.textContent = `⚠ ${text[`warnWord${minutes}`]}`;
  timerAlert.hidden = false;
  const shown = document.getElementById("time-warning");
  shown.textContent = text[`warnShown${minutes}`];
  shown.hidden = false;
  const saved = statusEl.dataset.state === "saved"
    ? text.allSaved : text.saveState.replace("{state}", statusEl.textContent.trim());
  document.getElementById("time-announce").textContent = `${text[`warnSaid${minutes}`]} ${saved}`;
}

new Timer({
  secondsLeft: data.secondsLeft,
  stateUrl: data.urls.state,
  element: document.getElementById("timer-value"),
  box: document.getElementById("timer"),
  onWarning: warnTime,
  onExpire: submit,
  onFinished: goToResult,
  onState: (state) => adoptServer(state.responses),
});

// Leaving with answers the server has not confirmed asks first; they stay in the journal.
window.addEventListener("beforeunload", (event) => {
  if (leaving) return;
  saveTyping(); // into the journal, which the next load re-sends
  if (autosave.hasPending()) { event.preventDefault(); event.returnValue = ""; }
});
