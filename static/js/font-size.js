// Reading settings, remembered on this computer: three font sizes (fs-<size> on <html>) and the
// high-contrast theme (data-contrast="high" on <html>, styles in css/contrast.css). A classic
// script in <head>, so both are on <html> before the page paints (no flash of the other look).
(function () {
  var root = document.documentElement;

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; /* private mode */ }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }
  function press(selector, isPressed) {
    document.querySelectorAll(selector).forEach(function (b) {
      b.setAttribute("aria-pressed", String(isPressed(b)));
    });
  }

  // Font size
  var SIZE_KEY = "exam_prep:font-size";
  var sizes = ["small", "medium", "large"];
  var size = sizes.indexOf(load(SIZE_KEY)) >= 0 ? load(SIZE_KEY) : "medium";
  function applySize(next) {
    sizes.forEach(function (s) { root.classList.remove("fs-" + s); });
    root.classList.add("fs-" + next);
    press("[data-font-size]", function (b) { return b.getAttribute("data-font-size") === next; });
  }

  // Contrast: the saved choice ("high" or "normal"); with none, what the system asks for
  // (prefers-contrast: more). Windows' own high-contrast colours (forced-colors) need no choice:
  // contrast.css follows them by itself.
  var CONTRAST_KEY = "exam_prep:contrast";
  var systemMore = window.matchMedia ? window.matchMedia("(prefers-contrast: more)") : null;
  var chosen = null;  // this page's choice, in case localStorage refuses to keep it
  function contrast() {
    var saved = chosen || load(CONTRAST_KEY);
    if (saved === "high" || saved === "normal") return saved;
    return systemMore && systemMore.matches ? "high" : "normal";
  }
  function applyContrast(next) {
    // Always set, "normal" too: css/contrast.css tells a page without this script by its absence.
    root.setAttribute("data-contrast", next);
    press("[data-contrast-toggle]", function () { return next === "high"; });
  }

  applySize(size);
  applyContrast(contrast());
  if (systemMore && systemMore.addEventListener) {
    systemMore.addEventListener("change", function () { applyContrast(contrast()); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    applySize(size);
    applyContrast(contrast());
    document.querySelectorAll("[data-font-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        size = button.getAttribute("data-font-size");
        store(SIZE_KEY, size);
        applySize(size);
      });
    });
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var next = contrast() === "high" ? "normal" : "high";
        chosen = next;
        store(CONTRAST_KEY, next);
        applyContrast(next);
      });
    });
  });
})();
