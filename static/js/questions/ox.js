// O/X: two radio buttons with values "true" and "false".
export function read(item) {
  const checked = item.querySelector('input[type="radio"]:checked');
  return checked ? { value: checked.value === "true" } : null;
}

export function apply(item, response) {
  item.querySelectorAll('input[type="radio"]').forEach((input) => {
    input.checked = !!response && (input.value === "true") === response.value;
  });
}
