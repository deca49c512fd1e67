// Short answer: one text box; an empty box means no answer.
export const typing = true; // saves while typing, after a short pause

export function read(item) {
  const text = item.querySelector('input[type="text"]').value;
  return text.trim() ? { text } : null;
}

export function apply(item, response) {
  item.querySelector('input[type="text"]').value = (response && response.text) || "";
}
