/* Practice catalogue filter: progressive enhancement of the plain list of practices.
 * Without this script the form stays hidden and the grouped lists still work. Within a field,
 * checked values are alternatives (or); across fields all must match (and). After every change
 * each value's count says how many practices it would show with the values chosen in the other
 * fields, and the live region says how many practices are shown; when none is, it says so, and a
 * button next to it clears every filter. Its texts come from the page's JavaScript catalog
 * (locales/<lang>/LC_MESSAGES/javascript.po; English keeps the message ids). */
(function () {
  "use strict";

  // Sphinx's doctools.js declares Documentation with const: a global, but not on window.
  function translate(text) {
    return typeof Documentation !== "undefined" && typeof Documentation.gettext === "function"
      ? Documentation.gettext(text) : text;
  }

  function setUp(form) {
    var scope = form.closest("section") || document;
    var items = Array.prototype.slice.call(scope.querySelectorAll(".practice-list > li"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var status = form.querySelector(".practice-filter-status");
    var template = status ? status.getAttribute("data-template") : "";
    var details = form.querySelector("details");

    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "practice-filter-clear";
    clear.textContent = translate("Reset filters");
    clear.hidden = true;
    if (status) { status.insertAdjacentElement("afterend", clear); }

    function facetClass(box) { return "practice-" + box.name + "-" + box.value; }

    function chosenFilters() {
      var chosen = {};
      boxes.forEach(function (box) {
        if (box.checked) { (chosen[box.name] = chosen[box.name] || []).push(facetClass(box)); }
      });
      return chosen;
    }

    // Whether the item matches every chosen field, leaving out the field `skip` (if any).
    function matches(item, chosen, skip) {
      return Object.keys(chosen).every(function (field) {
        return field === skip || chosen[field].some(function (cls) { return item.classList.contains(cls); });
      });
    }

    function update() {
      var chosen = chosenFilters();
      var shown = 0;
      items.forEach(function (item) {
        var match = matches(item, chosen, null);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      boxes.forEach(function (box) {
        var cls = facetClass(box);
        var count = items.filter(function (item) {
          return item.classList.contains(cls) && matches(item, chosen, box.name);
        }).length;
        var shownCount = form.querySelector("label[for='" + box.id + "'] .practice-filter-count");
        if (shownCount) { shownCount.textContent = "(" + count + ")"; }
        box.closest(".practice-filter-option").classList.toggle("practice-filter-none", count === 0);
      });
      if (status) {
        var text = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
        if (shown === 0) { text += ". " + translate("No practice matches all the chosen filters."); }
        status.textContent = text;
      }
      clear.hidden = shown !== 0;
    }

    // The count sticks to the bottom of the window: a checkbox reached with Tab is scrolled
    // clear of it (the browser's own scrolling would leave it underneath).
    var bar = form.querySelector(".practice-filter-result");
    form.addEventListener("focusin", function (event) {
      if (!bar || bar.contains(event.target)) { return; }
      var hidden = event.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
      if (hidden > 0) { window.scrollBy({ top: hidden + 8, behavior: "instant" }); }
    });
    form.addEventListener("change", update);
    // The reset event fires before the boxes are cleared.
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    clear.addEventListener("click", function () {
      form.reset();
      update();
      // The button goes away with the empty result: the reader goes on from the filters' top.
      if (details && details.open && boxes.length) {
        boxes[0].focus();
      } else {
        (form.querySelector("summary") || form).focus();
      }
    });
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
