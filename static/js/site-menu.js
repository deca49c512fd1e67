// The header's 메뉴 button on the exam and practice pages of a phone: it shows and hides the main
// menu and the reading settings (css/site.css collapses them only where this button shows, and
// only when scripts run). Escape closes the open menu and gives the focus back to the button.
const toggle = document.getElementById("menu-toggle");

function setOpen(open) {
  toggle.setAttribute("aria-expanded", String(open));
}

if (toggle) {
  const parts = toggle.getAttribute("aria-controls").split(" ").map((id) => document.getElementById(id));
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
    if (!parts.some((part) => part && part.contains(document.activeElement)) && document.activeElement !== toggle) return;
    setOpen(false);
    toggle.focus();
  });
}
