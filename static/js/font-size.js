// Three font sizes, remembered on this computer. Runs before the page paints.
(function () {
  var KEY = "exam_prep:font-size";
  var sizes = ["small", "medium", "large"];
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  var size = sizes.indexOf(saved) >= 0 ? saved : "medium";
  var root = document.documentElement;
  function apply(next) {
    sizes.forEach(function (s) { root.classList.remove("fs-" + s); });
    root.classList.add("fs-" + next);
    document.querySelectorAll("[data-font-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-font-size") === next));
    });
  }
  apply(size);
  document.addEventListener("DOMContentLoaded", function () {
    apply(size);
    document.querySelectorAll("[data-font-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        size = button.getAttribute("data-font-size");
        try { localStorage.setItem(KEY, size); } catch (e) { /* ignore */ }
        apply(size);
      });
    });
  });
})();
