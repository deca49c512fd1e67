// The question editor: a live preview of the draft (the form posted to the preview URL a moment
// after the last change, its exam item started by its type's script), and the type section's
// own script (data-editor-script: a module whose init(section) runs once). Without JavaScript
// the 미리 보기 button posts the form instead.
const form = document.getElementById("editor");
const body = document.getElementById("preview-body");
const state = document.getElementById("preview-state");
const section = document.getElementById("type-section");
const DELAY_MS = 500;

const csrfToken = () => document.querySelector('meta[name="csrf-token"]').content;
let timer = null;
let sent = 0;
let shown = 0;

function say(key) {
  state.textContent = state.dataset[key] || "";
  state.dataset.state = key;
}

async function refresh() {
  const mine = ++sent;
  say("busy");
  let response;
  try {
    response = await fetch(form.dataset.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "text/html" },
      body: new FormData(form),
    });
  } catch (e) {
    if (mine === sent) say("offline");
    return;
  }
  const html = await response.text();
  if (mine < shown) return; // an older answer arriving after a newer one
  shown = mine;
  if (!response.ok) {
    say("failed");
    return;
  }
  body.innerHTML = html; // rendered and sanitized by the server (exam_prep.markdown)
  await startItems();
  say(body.querySelector('[data-state="invalid"]') ? "invalid" : "done");
}

// The exam item of the preview gets its type's script, as on the exam page (a labeling item
// builds its drawing editor from the markup), so the instructor can try the task.
async function startItems() {
  for (const item of body.querySelectorAll(".preview-item[data-script]")) {
    const type = await import(item.dataset.script);
    if (typeof type.init === "function") type.init(item);
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(refresh, DELAY_MS);
}

form.addEventListener("input", later);
form.addEventListener("change", later);
document.getElementById("preview-button").addEventListener("click", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  refresh();
});

if (section && section.dataset.editorScript) {
  const module = await import(section.dataset.editorScript);
  if (typeof module.init === "function") module.init(section);
}
// A new, still empty question shows the hint, not a list of what is missing yet.
if (form.elements.question.value.trim() !== "") refresh();
form.dataset.ready = "true";
