// One question at a time, an answer sheet that shows answered / unanswered / flagged, and
// jumping to any question. The current question survives a reload.
export class Navigation {
  // onShow(item, nextItem) is called with the item shown and the one after it (or undefined).
  constructor({ attemptId, items, cells, prev, next, onShow }) {
    this.items = items;
    this.onShow = onShow || (() => {});
    this.cells = new Map(cells.map((c) => [c.dataset.goto, c]));
    this.prev = prev;
    this.next = next;
    this.key = `exam_prep:attempt:${attemptId}:current`;
    let start = 0;
    try { start = Number(sessionStorage.getItem(this.key)) || 0; } catch (e) { start = 0; }
    this.index = Math.min(Math.max(start, 0), items.length - 1);
    prev.addEventListener("click", () => this.go(this.index - 1));
    next.addEventListener("click", () => this.go(this.index + 1));
    cells.forEach((cell) => cell.addEventListener("click", () => this.goTo(cell.dataset.goto)));
    keepBelow(document.querySelector(".exam-bar"));
    this.show();
  }

  goTo(itemId) {
    const index = this.items.findIndex((i) => i.dataset.item === String(itemId));
    if (index >= 0) this.go(index, true);
  }

  go(index, focus = false) {
    if (index < 0 || index >= this.items.length) return;
    this.index = index;
    try { sessionStorage.setItem(this.key, String(index)); } catch (e) { /* ignore */ }
    this.show();
    const item = this.items[index];
    if (focus) {
      const first = item.querySelector("input");
      if (first) first.focus({ preventScroll: true });
    }
    item.scrollIntoView({ block: "nearest" });
  }

  show() {
    this.items.forEach((item, i) => item.classList.toggle("current", i === this.index));
    this.cells.forEach((cell) => {
      cell.classList.remove("current");
      cell.removeAttribute("aria-current");
    });
    const cell = this.cells.get(this.items[this.index].dataset.item);
    if (cell) {
      cell.classList.add("current");
      cell.setAttribute("aria-current", "step"); // screen readers say "current"
    }
    this.prev.disabled = this.index === 0;
    this.next.disabled = this.index === this.items.length - 1;
    this.onShow(this.items[this.index], this.items[this.index + 1]);
  }

  // The cell's look and its name: "3번 문제로 가기 (답함, 다시 보기)" (the name the template gave,
  // then the state), so that a screen reader hears what the eye sees.
  mark(itemId, { answered, flagged }) {
    const cell = this.cells.get(String(itemId));
    if (!cell) return;
    cell.classList.toggle("answered", answered);
    cell.classList.toggle("flagged", flagged);
    if (!cell.dataset.name) cell.dataset.name = cell.getAttribute("aria-label") || cell.textContent.trim();
    const state = [answered ? "답함" : "안 푼 문제", flagged ? "다시 보기" : ""].filter(Boolean).join(", ");
    cell.title = state;
    cell.setAttribute("aria-label", `${cell.dataset.name} (${state})`);
  }
}

// The sticky status bar covers the top of the window. Its height (which changes with the width
// and the font size) becomes the page's scroll-padding-top, so that a question scrolled to, a
// focused field, and what the labeling editors bring into view all stop below it.
function keepBelow(bar) {
  if (!bar) return;
  const update = () => {
    document.documentElement.style.scrollPaddingTop = `${Math.ceil(bar.getBoundingClientRect().height) + 8}px`;
  };
  new ResizeObserver(update).observe(bar);
  update();
}
