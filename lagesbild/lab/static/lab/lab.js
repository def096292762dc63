// The indicator lab's only script. Every page works without it; with it, the charts and maps drawn
// on the server are replaced by interactive Vega views (tooltips, clickable map) drawn from the very
// same Vega-Lite specification, which the page carries in a <script type="application/json">.

function describe(holder, figure) {
  // One name for assistive technology, the chart's one-sentence summary (its caption); the table
  // under the chart holds every figure, so Vega's own description of each mark is hidden.
  const summary = figure.querySelector("figcaption");
  holder.setAttribute("role", "img");
  holder.setAttribute("aria-label", summary ? summary.textContent.trim() : "");
  holder.removeAttribute("aria-roledescription");
  for (const svg of holder.querySelectorAll("svg")) svg.setAttribute("aria-hidden", "true");
}

function plainContainers(holder) {
  // Vega marks each group of shapes as an unnamed "graphics-object"; they are plain groups here.
  for (const group of holder.querySelectorAll('[role="graphics-object"]')) {
    group.removeAttribute("role");
    group.removeAttribute("aria-roledescription");
  }
  for (const empty of holder.querySelectorAll('[role="graphics-symbol"]:not([aria-label])')) {
    empty.removeAttribute("role");
  }
}

function keyboardLinks(holder) {
  // Vega draws map areas with a link as plain shapes that only a mouse can follow; make each one a
  // link that Tab reaches and Enter follows, named like the area in the server-drawn map.
  for (const shape of holder.querySelectorAll("path")) {
    const datum = shape.__data__ && shape.__data__.datum;
    if (!datum || !datum.href) continue;
    shape.setAttribute("tabindex", "0");
    shape.setAttribute("role", "link");
    shape.setAttribute("aria-label", datum.area_label || datum.name || datum.href);
    shape.removeAttribute("aria-roledescription");
    shape.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        window.location.assign(datum.href);
      }
    });
  }
}

async function enhance(figure) {
  // The narrow drawing (legend below, larger text for its size) where the page is narrow.
  const narrow = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
  const source = document.getElementById(
    (narrow && figure.dataset.specNarrow) || figure.dataset.spec,
  );
  const target = figure.querySelector(".chart-render");
  if (!source || !target || typeof window.vegaEmbed !== "function") return;
  const holder = document.createElement("div");
  holder.className = "chart-live";
  try {
    // Under the Content-Security-Policy no string becomes code and no <style> element is added:
    // expressions run in Vega's interpreter (ast), and the tooltip's look is in lab.css.
    await window.vegaEmbed(holder, JSON.parse(source.textContent), {
      actions: false,
      renderer: "svg",
      ast: true,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
    });
  } catch (error) {
    console.warn("Lägesbild: the interactive chart could not be drawn; the server's drawing stays.", error);
    return;
  }
  target.replaceChildren(holder);
  if (figure.dataset.links) {
    holder.setAttribute("role", "group");
    holder.setAttribute("aria-label", figure.querySelector("figcaption").textContent.trim());
    holder.removeAttribute("aria-roledescription");
    plainContainers(holder);
    keyboardLinks(holder);
  } else {
    describe(holder, figure);
  }
  figure.classList.add("is-interactive");
}

for (const figure of document.querySelectorAll("figure[data-spec]")) {
  enhance(figure);
}
