/* Practice catalogue filter: progressive enhancement of the plain list of practices.
 * Without this script the form stays hidden and the grouped lists still work. Within a field,
 * checked values are alternatives (or); across fields all must match (and). The live region
 * says how many practices are shown after every change. */
(function () {
  "use strict";

  function setUp(form) {
    var scope = form.closest("section") || document;
    var items = Array.prototype.slice.call(scope.querySelectorAll(".practice-list > li"));
    var status = scope.querySelector(".practice-filter-status");
    var template = status ? status.getAttribute("data-template") : "";

    function update() {
      var chosen = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        (chosen[box.name] = chosen[box.name] || []).push("practice-" + box.name + "-" + box.value);
      });
      var fields = Object.keys(chosen);
      var shown = 0;
      items.forEach(function (item) {
        var match = fields.every(function (field) {
          return chosen[field].some(function (cls) { return item.classList.contains(cls); });
        });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      if (status) {
        status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
      }
    }

    form.addEventListener("change", update);
    // The reset event fires before the boxes are cleared.
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var details = form.querySelector("details");
    if (details && window.matchMedia && !window.matchMedia("(min-width: 50em)").matches) {
      details.open = false;  // on a phone, the list comes first; the filter is one tap away
    }
    form.hidden = false;
    if (status) { status.hidden = false; }
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.practice-filter"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
