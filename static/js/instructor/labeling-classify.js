// The classify editor section: the images in order (picked from the bank or uploaded), and the
// right label(s) of each chosen on the candidate's own choice list.
import { addImageOption, announce, parseJSON, setupLabelingSection, setupUpload } from "./labeling-section.js";

const list = (value) => (Array.isArray(value) ? value : []);

export const converters = {
  toResponse: (reference) => ({ labels: list(reference).map(list) }),
  toReference: (response, previous, material) => (response
    ? list(response.labels) : list(material && material.images).map(() => [])),
};

function setupImages(root, redraw) {
  const hidden = root.querySelector(".images-json");
  const shown = root.querySelector(".image-list");
  const add = root.querySelector(".image-add");
  const images = () => list(parseJSON(hidden.value, []));
  const show = () => {
    shown.replaceChildren(...images().map((path, i) => {
      const row = document.createElement("li");
      const name = document.createElement("code");
      name.textContent = `${i + 1}. ${path}`;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button small";
      remove.textContent = "빼기";
      remove.setAttribute("aria-label", `${i + 1}번 이미지 빼기`);
      remove.addEventListener("click", () => {
        hidden.value = JSON.stringify(images().filter((_, k) => k !== i));
        show();
        redraw();
      });
      row.append(name, remove);
      return row;
    }));
  };
  const append = (path) => {
    if (!path) return;
    hidden.value = JSON.stringify([...images(), path]);
    show();
    redraw();
  };
  add.addEventListener("change", () => {
    append(add.value);
    add.value = "";
  });
  setupUpload(root.querySelector(".upload-panel"), (path) => {
    addImageOption(add, path);
    append(path);
  });
  show();
}

export function init(section) {
  const { root, canvas } = setupLabelingSection(section, converters);
  setupImages(root, () => {
    canvas.later();
    announce(section);
  });
}
