// Help finder: every step is a POST to the page's own URL, which works
// without JavaScript. With it, the next step is fetched and swapped in place,
// so answering adds nothing to the browser's history, and focus moves to the
// new heading for keyboard and screen-reader users. Nothing is stored.
(function () {
  "use strict";
  var root = document.querySelector("[data-finder]");
  if (!root || !window.fetch || !window.DOMParser || !window.FormData) {
    return;
  }

  function submitWithoutScript(form, submitter) {
    form.removeAttribute("data-finder-form");
    if (form.requestSubmit) {
      form.requestSubmit(submitter || undefined);
    } else {
      form.submit();
    }
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-finder-form")) {
      return;
    }
    event.preventDefault();
    if (root.hasAttribute("aria-busy")) {
      return; // one step at a time: a second tap waits for the first
    }
    var submitter = event.submitter;
    var body = new FormData(form);
    if (submitter && submitter.name) {
      body.append(submitter.name, submitter.value);
    }
    root.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      redirect: "error",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("[data-finder]");
        if (!next) {
          throw new Error("no step in the response");
        }
        root.innerHTML = next.innerHTML;
        root.removeAttribute("aria-busy");
        var heading = root.querySelector("[data-finder-focus]");
        if (heading) {
          heading.focus();
        }
      })
      .catch(function () {
        root.removeAttribute("aria-busy");
        submitWithoutScript(form, submitter);
      });
  });
})();
