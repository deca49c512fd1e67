// Converters of the drawn-shape types (bbox, polygon) between the bank's reference
// ([{label, box | points, attributes}]) and the candidate editor's response ({"shapes": [...]}).
// Attributes are kept only where true (false is the bank's default).
const list = (value) => (Array.isArray(value) ? value : []);

export function trueAttributes(attributes) {
  const kept = Object.fromEntries(Object.entries(attributes || {}).filter(([, on]) => on === true));
  return Object.keys(kept).length ? kept : null;
}

export function shapeConverters(key) {
  return {
    toResponse: (reference) => ({
      shapes: list(reference).filter((s) => s && typeof s === "object")
        .map((s) => ({ label: s.label, [key]: s[key], attributes: s.attributes || {} })),
    }),
    toReference: (response) => list(response && response.shapes).map((s) => {
      const shape = { label: s.label, [key]: s[key] };
      const attributes = trueAttributes(s.attributes);
      if (attributes) shape.attributes = attributes;
      return shape;
    }),
  };
}
