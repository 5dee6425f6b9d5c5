/* The menu and page-contents drawers by keyboard (the buttons are made in toggles.py).
   A button ticks the checkbox Furo's CSS reads; aria-expanded follows it. An opened drawer takes
   focus; Escape, its close button or Tab past its end close it, and focus goes back to the button
   that opened it (Tab past the end leaves focus where Tab put it). */
(function () {
  "use strict";
  var DRAWERS = { __navigation: "handbook-navigation", __toc: "handbook-toc" };
  var opener = {};

  function buttons(name) {
    return Array.prototype.slice.call(document.querySelectorAll('[data-handbook-toggle="' + name + '"]'));
  }
  function shown(element) {
    return element.getClientRects().length > 0;
  }
  function sync(name) {
    var box = document.getElementById(name);
    buttons(name).forEach(function (button) {
      button.setAttribute("aria-expanded", box && box.checked ? "true" : "false");
    });
  }
  function open(name) {
    var box = document.getElementById(name);
    return !!box && box.checked;
  }
  function set(name, value, returnFocus) {
    var box = document.getElementById(name);
    var drawer = document.getElementById(DRAWERS[name]);
    if (!box || !drawer || box.checked === value) return;
    var hadFocus = drawer.contains(document.activeElement);
    box.checked = value;
    sync(name);
    if (value) {
      var first = drawer.querySelector(".handbook-drawer-close");
      if (first) first.focus();
    } else if (returnFocus || hadFocus) {
      focusOpener(name);
    }
  }
  function focusOpener(name) {
    var back = opener[name] && shown(opener[name]) ? opener[name] : buttons(name).filter(shown)[0];
    if (back) back.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Object.keys(DRAWERS).forEach(function (name) {
      var box = document.getElementById(name);
      var drawer = document.getElementById(DRAWERS[name]);
      if (!box || !drawer) return;
      buttons(name).forEach(function (button) {
        button.addEventListener("click", function () {
          opener[name] = button;
          set(name, !box.checked, true);
        });
      });
      // Furo's overlay is a label of the checkbox: a click on it closes the drawer.
      box.addEventListener("change", function () {
        sync(name);
        if (!box.checked && drawer.contains(document.activeElement)) focusOpener(name);
      });
      drawer.querySelectorAll("[data-handbook-close]").forEach(function (close) {
        close.addEventListener("click", function () { set(name, false, true); });
      });
      // Tab (or Shift+Tab) out of an open drawer closes it.
      drawer.addEventListener("focusout", function (event) {
        if (open(name) && event.relatedTarget && !drawer.contains(event.relatedTarget)) set(name, false, false);
      });
      sync(name);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      Object.keys(DRAWERS).forEach(function (name) {
        if (open(name)) {
          event.preventDefault();
          set(name, false, true);
        }
      });
    });
    // A drawer left open on a narrow window does not cover the page once the window is wide.
    window.addEventListener("resize", function () {
      Object.keys(DRAWERS).forEach(function (name) {
        if (open(name) && !buttons(name).some(shown)) set(name, false, false);
      });
    });
    // Furo's expanders of the navigation's sections are labels too: Tab reaches them, Enter and
    // Space work them, and a screen reader hears their state.
    document.querySelectorAll(".toctree-checkbox").forEach(function (box) {
      var label = document.querySelector('label[for="' + box.id + '"]');
      if (!label) return;
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      if (box.getAttribute("aria-label")) label.setAttribute("aria-label", box.getAttribute("aria-label"));
      var update = function () { label.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
      update();
      box.addEventListener("change", update);
      label.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          box.checked = !box.checked;
          update();
        }
      });
    });
  });
})();
