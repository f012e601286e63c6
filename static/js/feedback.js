// The satisfaction widget, enhanced: the form works without this script (a
// plain POST and a redirect back); with it, the answer is sent with fetch and
// the thank-you or the errors appear in place. Messages come from the server,
// already in the page's language.
(function () {
  "use strict";

  function showErrors(form, errors) {
    var first = null;
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      var field = slot.getAttribute("data-error-for");
      var messages = errors[field] || [];
      slot.textContent = messages.join(" ");
      slot.hidden = messages.length === 0;
      var input = form.querySelector('[name="' + field + '"]');
      if (!input || input.type === "hidden") {
        return;
      }
      var group = field === "score" ? form.querySelector(".feedback__question") : input;
      if (messages.length) {
        group.setAttribute("aria-invalid", "true");
        first = first || input;
      } else {
        group.removeAttribute("aria-invalid");
      }
    });
    if (first) {
      first.focus();
    }
  }

  function enhance(form) {
    var status = form.querySelector("[data-feedback-status]");
    var button = form.querySelector('button[type="submit"]');

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      status.textContent = "";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          showErrors(form, result.data.errors || {});
          status.textContent = result.data.message;
          if (result.ok) {
            form.classList.add("feedback__form--sent");
            var loop = form.querySelector("[data-feedback-loop]");
            if (loop) {
              loop.hidden = false;
            }
          }
        })
        .catch(function () {
          // Network trouble: fall back to the plain form submission.
          form.submit();
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("form[data-feedback]").forEach(enhance);
})();
