// Multiple choice (choose all): checkboxes; no box ticked means no answer.
export function read(item) {
  const choices = [...item.querySelectorAll('input[type="checkbox"][name^="item-"]:checked')].map((i) => Number(i.value));
  return choices.length ? { choices: choices.sort((a, b) => a - b) } : null;
}

export function apply(item, response) {
  const chosen = new Set((response && response.choices) || []);
  item.querySelectorAll('input[type="checkbox"][name^="item-"]').forEach((input) => {
    input.checked = chosen.has(Number(input.value));
  });
}
