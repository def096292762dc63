/* api: Swagger UI leaves some controls without an accessible name and some scrolling code boxes out of
   reach of the keyboard. Swagger UI re-renders as it is used, so every change is patched as it appears. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.MutationObserver) { return; }

  function name(element, text) {
    if (!element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", text);
    }
  }

  function patch() {
    root.querySelectorAll(".copy-to-clipboard button").forEach(function (button) {
      name(button, "Copy to clipboard");
    });
    root.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      var parameter = row.getAttribute("data-param-name");
      row.querySelectorAll("input, select, textarea").forEach(function (field) { name(field, parameter); });
    });
    root.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      var label = select.closest("label");
      name(select, label ? label.textContent.trim() : "Media type");
    });
    root.querySelectorAll(".microlight, .highlight-code pre").forEach(function (box, index) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
      }
      // Regions need names that tell them apart; the number follows the order on the page.
      box.setAttribute("aria-label", (box.closest(".curl-command") ? "Curl " : "Code ") + (index + 1));
    });
  }

  new MutationObserver(patch).observe(root, { childList: true, subtree: true });
  patch();
}());
