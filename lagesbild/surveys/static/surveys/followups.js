// Follow-up questions ("if yes: …") are shown only when their parent question has the answer they
// depend on. Without JavaScript every question is shown, with its condition written in its help text,
// and the server ignores answers to follow-ups that do not apply.
(function () {
  "use strict";
  var form = document.querySelector(".answer-form");
  if (!form) { return; }
  function chosen(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) { values.push(input.value); }
    });
    return values;
  }
  function update() {
    form.querySelectorAll("[data-parent]").forEach(function (block) {
      var parentBlock = form.querySelector('[name="' + block.dataset.parent + '"]');
      var parentHidden = parentBlock && parentBlock.closest("[data-parent]") && parentBlock.closest("[data-parent]").hidden;
      block.hidden = parentHidden || chosen(block.dataset.parent).indexOf(block.dataset.showIf) === -1;
    });
  }
  form.addEventListener("change", update);
  update();
}());
