// The admin's editing forms show every language's fields at once; this adds
// one switch for the whole form (all languages, or one), and names the
// widgets that packages leave unnamed. Without JavaScript, all fields show.
// Texts come from the template (data-* on this script), already translated.
(function () {
  "use strict";
  var script = document.currentScript;
  var texts = JSON.parse(script.getAttribute("data-language-switch"));
  var STORAGE_KEY = "portal-admin-language";

  function languageOf(row) {
    var field = row.querySelector("input.mt, textarea.mt, select.mt");
    if (!field) {
      return null;
    }
    var match = / mt-field-[\w-]+-([a-z]{2})(?: |$)/.exec(" " + field.className + " ");
    return match ? match[1] : null;
  }

  function show(language) {
    document.querySelectorAll(".form-row").forEach(function (row) {
      var code = languageOf(row);
      if (code) {
        row.hidden = language !== "all" && code !== language;
      }
    });
  }

  function buildSwitch(form) {
    var box = document.createElement("fieldset");
    box.className = "language-switch";
    var legend = document.createElement("legend");
    legend.textContent = texts.legend;
    box.appendChild(legend);
    var hasErrors = form.querySelector(".errorlist") !== null;
    var chosen = hasErrors ? "all" : window.localStorage.getItem(STORAGE_KEY) || "all";
    [["all", texts.all]].concat(texts.languages).forEach(function (choice) {
      var label = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "portal-language-switch";
      radio.value = choice[0];
      radio.checked = choice[0] === chosen;
      radio.addEventListener("change", function () {
        window.localStorage.setItem(STORAGE_KEY, radio.value);
        show(radio.value);
      });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + choice[1]));
      if (choice[0] !== "all") {
        label.lang = choice[0];
      }
      box.appendChild(label);
    });
    var first = form.querySelector("fieldset");
    first.parentNode.insertBefore(box, first);
    show(chosen);
  }

  function nameEditors() {
    document.querySelectorAll(".prose-editor [contenteditable]").forEach(function (area) {
      if (area.hasAttribute("aria-label")) {
        return;
      }
      var textarea = area.closest(".prose-editor").querySelector("textarea");
      var label = textarea && document.querySelector('label[for="' + textarea.id + '"]');
      if (label) {
        area.setAttribute("aria-label", label.textContent.trim().replace(/[:：]$/, ""));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("#content-main form");
    if (form && form.querySelector(".mt")) {
      buildSwitch(form);
    }
    nameEditors();
    // The editors are built by module scripts, possibly after this.
    new MutationObserver(nameEditors).observe(document.body, { childList: true, subtree: true });
  });
})();
