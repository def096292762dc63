// The report text page: each section is saved on its own. Leaving the page (or saving one section)
// while another section holds unsaved text asks first, so no text is lost by mistake.
const changed = new Set();

for (const form of document.querySelectorAll("form[data-commentary]")) {
  const area = form.querySelector("textarea");
  if (!area) continue;
  const saved = area.value;
  area.addEventListener("input", () => {
    if (area.value === saved) changed.delete(area.name);
    else changed.add(area.name);
  });
  form.addEventListener("submit", () => {
    changed.delete(area.name); // this section is being saved; any other unsaved one still warns
  });
}

window.addEventListener("beforeunload", (event) => {
  if (changed.size === 0) return;
  event.preventDefault();
  event.returnValue = ""; // browsers show their own question: leave the page with unsaved text?
});
