// The options of a choice question in the editor: only the rows in use are shown, with a button
// to add one (up to the schema's maximum) and one to remove each (down to its minimum). The page
// holds every row, so without this script all of them are shown and blank ones are not saved.
const textOf = (row) => row.querySelector('input[type="text"]');
const markOf = (row) => row.querySelector('input[name="answer"]');

export function init(section) {
  const fieldset = section.querySelector(".option-editor");
  const rows = [...fieldset.querySelectorAll(".option-row")];
  const add = fieldset.querySelector(".add-option");
  const min = Number(fieldset.dataset.min) || 2;
  const used = rows.map((row) => textOf(row).value.trim() !== "" || markOf(row).checked);
  let count = Math.max(min, used.lastIndexOf(true) + 1);

  const changed = () => fieldset.dispatchEvent(new Event("input", { bubbles: true }));

  function render() {
    rows.forEach((row, i) => {
      row.hidden = i >= count;
      row.querySelector(".remove-option").hidden = count <= min;
    });
    add.hidden = count >= rows.length;
  }

  add.addEventListener("click", () => {
    count += 1;
    render();
    textOf(rows[count - 1]).focus();
  });

  rows.forEach((row, i) => {
    row.querySelector(".remove-option").addEventListener("click", () => {
      for (let j = i; j < count - 1; j += 1) {
        textOf(rows[j]).value = textOf(rows[j + 1]).value;
        markOf(rows[j]).checked = markOf(rows[j + 1]).checked;
      }
      textOf(rows[count - 1]).value = "";
      markOf(rows[count - 1]).checked = false;
      count -= 1;
      render();
      textOf(rows[Math.min(i, count - 1)]).focus();
      changed();
    });
  });
  render();
}
