/* The language switcher keeps the reader's place: the section (#…: anchors are the same in every
   language) and the search (?q=…). Its links stay plain links; this only adds the current address's
   query and fragment to a link as it is about to be followed (pointed at, focused or clicked). */
(function () {
  "use strict";
  function keep(link) {
    if (!link.hasAttribute("data-handbook-href")) {
      link.setAttribute("data-handbook-href", link.getAttribute("href"));
    }
    var base = link.getAttribute("data-handbook-href").split("#")[0].split("?")[0];
    link.setAttribute("href", base + location.search + location.hash);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("nav.language-switcher a[hreflang]").forEach(function (link) {
      ["focus", "pointerenter", "pointerdown", "click"].forEach(function (type) {
        link.addEventListener(type, function () { keep(link); });
      });
    });
  });
})();
