// "Lämna sidan snabbt": the button, or the Esc key anywhere on the page, replaces this page with a
// neutral site. location.replace() takes the current entry out of the back history (as far as the
// browser allows: earlier Hitta stöd pages in the same tab stay), the page is blanked at once so
// nothing lingers while the neutral site loads, and the entry is first rewritten to the site's start
// page so a restored tab does not show where the visitor was. Without JavaScript the button is a
// plain link to the same neutral site.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }

  function leave() {
    var target = link.href;
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    try { history.replaceState(null, "", "/"); } catch (ignored) { /* not allowed: go on */ }
    window.location.replace(target);
  }

  link.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.isComposing || event.defaultPrevented) { return; }
    leave();
  });
}());
