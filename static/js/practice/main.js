// The practice page: the exam's editors, autosave (with its offline journal) and navigation,
// without a timer or a submit; each item's "정답 확인" saves its answer, then asks the server
// to score it and shows the result (the review's picture and explanation) below the item.
import { HttpError, request } from "../api.js";
import { Navigation } from "../exam/navigation.js";
import { loadTypes, startAutosave } from "../exam/page.js";

const data = JSON.parse(document.getElementById("attempt-data").textContent);
const text = data.text;
const slots = [...document.querySelectorAll(".practice-item[data-item]")];
const questions = slots.map((slot) => slot.querySelector(".practice-question"));
const types = await loadTypes(questions);
document.documentElement.classList.add("js");
document.body.classList.add("js");

const byId = new Map(questions.map((el) => [el.dataset.item, el]));
const slotOf = (question) => question.closest(".practice-item");
const statusEl = document.getElementById("save-status");
let leaving = false;

function goToSummary() {
  if (leaving) return;
  leaving = true;
  window.location.assign(data.urls.summary);
}

const autosave = startAutosave(data, statusEl, goToSummary);

const nav = new Navigation({
  attemptId: data.id,
  items: slots,
  cells: [...document.querySelectorAll(".sheet-cell")],
  prev: document.getElementById("prev"),
  next: document.getElementById("next"),
});

const read = (question) => types[question.dataset.type].read(question);

function refresh() {
  for (const question of questions) {
    nav.mark(question.dataset.item, { answered: read(question) !== null, flagged: false });
  }
  const checked = slots.filter((slot) => slot.querySelector(".check-result").childElementCount > 0).length;
  document.getElementById("checked-count").textContent = checked;
  document.getElementById("progress-bar").value = checked;
}

// The answer sheet's cell of an item says its last check's result (✓ △ ✗, and in its name).
function markCell(question, result) {
  const cell = document.querySelector(`.sheet-cell[data-goto="${question.dataset.item}"]`);
  if (!cell) return;
  // Its own name, before Navigation.mark added the answered state to it.
  if (!cell.dataset.base) cell.dataset.base = cell.dataset.name || cell.getAttribute("aria-label");
  if (result) cell.dataset.result = result; else delete cell.dataset.result;
  cell.dataset.name = result ? `${cell.dataset.base} · ${text.results[result]}` : cell.dataset.base;
}

// The result area of an item: shown after a check, cleared by 다시 풀기 or by a new answer.
function showResult(question, html, result = null) {
  const slot = slotOf(question);
  slot.querySelector(".check-result").innerHTML = html;
  slot.querySelector(".retry-button").hidden = !html;
  markCell(question, result);
  refresh();
}

function changed(question) {
  autosave.record(question.dataset.item, read(question), false);
  // The result shown was for the answer before this change.
  if (slotOf(question).querySelector(".check-result").childElementCount) showResult(question, "");
  refresh();
}

for (const question of questions) {
  const type = types[question.dataset.type];
  if (type.init) type.init(question);
}

const recovered = autosave.recoverUnsent();
for (const [id, entry] of Object.entries(recovered)) {
  const question = byId.get(id);
  if (question) types[question.dataset.type].apply(question, entry.response);
}

const typing = new Map(); // question element -> timer of its save

function saveNow(question) {
  clearTimeout(typing.get(question));
  typing.delete(question);
  changed(question);
}

for (const question of questions) {
  question.addEventListener("change", () => saveNow(question));
  if (types[question.dataset.type].typing) {
    question.addEventListener("input", () => {
      clearTimeout(typing.get(question));
      typing.set(question, setTimeout(() => saveNow(question), 500));
    });
  }
}

async function check(question) {
  const slot = slotOf(question);
  const status = slot.querySelector(".check-status");
  const button = slot.querySelector(".check-button");
  if (typing.has(question)) saveNow(question);
  if (read(question) === null) { status.textContent = text.noAnswer; return; }
  button.disabled = true;
  status.textContent = text.checking;
  try {
    await autosave.flush();
    // The server scores what it holds: an answer still in the journal would be checked stale.
    if (autosave.journal.get(question.dataset.item)) { status.textContent = text.notSaved; return; }
    // The page names the check URL of item 0; each item's is the same with its number.
    const result = await request("POST", data.urls.check.replace("/items/0/", `/items/${question.dataset.item}/`));
    status.textContent = "";
    showResult(question, result.html, result.correct ? "right" : (result.partial ? "partial" : "wrong"));
    slot.querySelector(".check-result").focus({ preventScroll: true });
    slot.querySelector(".check-result").scrollIntoView({ block: "nearest" });
  } catch (error) {
    if (error instanceof HttpError && error.status === 409) { goToSummary(); return; }
    status.textContent = text.checkFailed.replace("{reason}", error instanceof HttpError ? error.message : text.offline);
  } finally {
    button.disabled = false;
  }
}

for (const question of questions) {
  const slot = slotOf(question);
  // 다시 풀기 needs this script: it shows with a result (one the server drew, after a reload).
  slot.querySelector(".retry-button").hidden = !slot.querySelector(".check-result").childElementCount;
  const cell = document.querySelector(`.sheet-cell[data-goto="${question.dataset.item}"]`);
  if (cell && cell.dataset.result) markCell(question, cell.dataset.result);
  // With JavaScript the item's form is never posted (it is the fallback without it).
  slot.querySelector(".practice-answer").addEventListener("submit", (event) => {
    event.preventDefault();
    check(question);
  });
  slot.querySelector(".retry-button").addEventListener("click", () => {
    showResult(question, "");
    slot.querySelector(".check-status").textContent = "";
    const first = question.querySelector("input:not([type=hidden]), button, [tabindex]");
    if (first) first.focus();
  });
}
refresh();
autosave.flush();

// Finishing sends what the journal holds first (the form posts when JavaScript is off).
document.querySelector(".finish-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  for (const question of [...typing.keys()]) saveNow(question);
  await autosave.flush();
  try {
    await request("POST", data.urls.finish);
    autosave.journal.clear();
  } catch (error) {
    if (!(error instanceof HttpError)) { alert(text.notSaved); return; }
  }
  goToSummary();
});

window.addEventListener("beforeunload", (event) => {
  if (leaving) return;
  for (const question of [...typing.keys()]) saveNow(question);
  if (autosave.hasPending()) { event.preventDefault(); event.returnValue = ""; }
});
