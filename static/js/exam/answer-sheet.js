// The answer sheet on a phone or a narrow window, where it is not beside the question: a sheet
// that slides up from the bottom of the screen (css/site.css), opened by the exam bar's 답안표
// button. It is a modal <dialog>: the page behind cannot be reached while it is open, Escape and
// 닫기 close it, and the focus goes to the current question's number, then back to the button.
// Choosing a number closes it, and the navigation goes to that question. The sheet's body (the
// numbers) moves into the dialog while it is open and back into the side column after, so the
// numbers exist once and keep their marks.
export const NARROW = "(max-width: 800px)"; // css/site.css: where .exam-body is one column

export class AnswerSheet {
  constructor({ column, dialog, opener, closer }) {
    this.column = column;
    this.body = column.querySelector(".sheet-body");
    this.dialog = dialog;
    this.opener = opener;
    this.chosen = false;
    opener.hidden = false;
    opener.addEventListener("click", () => this.open());
    closer.addEventListener("click", () => this.close());
    // Captured on the dialog, before a number's own listener moves to its question (and the
    // focus into it): the sheet is closed by then, so the focus stays there.
    dialog.addEventListener("click", (event) => {
      if (event.target.closest(".sheet-cell")) {
        this.chosen = true;
        this.close();
      } else if (event.target === dialog && outside(dialog, event)) {
        this.close(); // a tap on the dimmed page around the sheet
      }
    }, true);
    dialog.addEventListener("close", () => this.closed());
    // Widened past the breakpoint (a phone turned, a window resized): the side column is back.
    window.matchMedia(NARROW).addEventListener("change", (event) => {
      if (!event.matches) this.close();
    });
  }

  open() {
    if (this.dialog.open) return;
    this.chosen = false;
    this.dialog.append(this.body);
    this.dialog.showModal();
    this.opener.setAttribute("aria-expanded", "true");
    const current = this.body.querySelector(".sheet-cell.current") || this.body.querySelector(".sheet-cell");
    if (current) current.focus();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  closed() {
    // The close event comes a moment after close(): if the sheet was opened again meanwhile (a
    // quick tap on 답안표), the numbers stay in it.
    if (this.dialog.open) return;
    this.column.append(this.body);
    this.opener.setAttribute("aria-expanded", "false");
    // Back to the button, unless a number was chosen: then the navigation has put the focus
    // on that question.
    if (!this.chosen) this.opener.focus();
  }
}

function outside(dialog, event) {
  const box = dialog.getBoundingClientRect();
  return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
}
