// Image classification: {"labels": [["cat"], ["dog", "person"]]}, one list per image in order
// (single-label: radio buttons, at most one each); null while nothing is chosen.
const groups = (item) => [...item.querySelectorAll("fieldset.lab-classify-image")];

export function read(item) {
  let any = false;
  const labels = groups(item).map((group) => {
    const chosen = [...group.querySelectorAll(".lab-classify-options input:checked")].map((input) => input.value);
    if (chosen.length) any = true;
    return chosen;
  });
  return any ? { labels } : null;
}

export function apply(item, response) {
  const lists = (response && Array.isArray(response.labels)) ? response.labels : [];
  groups(item).forEach((group, i) => {
    const chosen = new Set(Array.isArray(lists[i]) ? lists[i] : []);
    group.querySelectorAll(".lab-classify-options input").forEach((input) => { input.checked = chosen.has(input.value); });
  });
}
