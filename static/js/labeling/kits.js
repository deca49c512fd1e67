// The labeling kits (templates/questions/kits/: each type's toolbar, help and strings, which
// editor.js fillKit copies into an item). A full page names them in <meta name="lab-kits">, one
// resource for every type that the browser caches for a year; they are fetched once, before any
// editor module runs (this module's top-level await holds back the modules importing it). A page
// fragment (the instructor's editor) carries its kit inline instead.
const meta = document.querySelector('meta[name="lab-kits"]');
if (meta) {
  try {
    const response = await fetch(meta.content, { credentials: "same-origin" });
    if (response.ok) {
      const holder = document.createElement("div");
      holder.hidden = true;
      holder.innerHTML = await response.text();
      document.body.append(...holder.querySelectorAll("template.lab-kit"));
    }
  } catch (error) {
    // Offline right after the page came: the editors still work, without their toolbar and help.
    console.warn("labeling kits not loaded", error);
  }
}
