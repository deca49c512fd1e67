// Single choice: one radio button per option; the value is the bank option number.
export function read(item) {
  const checked = item.querySelector('input[type="radio"]:checked');
  return checked ? { choice: Number(checked.value) } : null;
}

export function apply(item, response) {
  item.querySelectorAll('input[type="radio"]').forEach((input) => {
    input.checked = !!response && Number(input.value) === response.choice;
  });
}
